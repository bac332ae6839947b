#!/usr/bin/env node
'use strict';

/**
 * Summary of a V8 CPU profile (`BENCH_CPU_PROF=<folder> npm run bench` writes them): the functions
 * with the most self time and the most total time (self plus what they call), and self time by
 * module (this package, n8n-core, n8n-workflow, other packages, Node). Usage:
 *   node bench/profile-summary.js <file.cpuprofile> [top=25] [filter]
 * `filter` keeps the total-time list to functions whose file contains it (e.g. altegio-bench-build).
 */

const fs = require('node:fs');

const [file, topArg, filter] = process.argv.slice(2);
if (!file) {
	console.error('usage: node bench/profile-summary.js <file.cpuprofile> [top] [filter]');
	process.exit(2);
}
const top = Number(topArg) || 25;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas.
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i] || 0) / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(cf) {
	const url = cf.url || '';
	if (/altegio-bench-build/.test(url)) return `pkg:${url.replace(/.*altegio-bench-build-[^/]+\//, '')}`;
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	if (url.startsWith('node:')) return 'node';
	return url ? 'other' : '(native)';
}
const key = (cf) => `${cf.functionName || '(anonymous)'} ${where(cf)}:${cf.lineNumber + 1}`;

const selfBy = new Map();
const moduleBy = new Map();
const inclusive = new Map();
for (const [id, ms] of self) {
	const cf = byId.get(id).callFrame;
	selfBy.set(key(cf), (selfBy.get(key(cf)) || 0) + ms);
	const mod = where(cf).replace(/^pkg:.*/, 'this package');
	moduleBy.set(mod, (moduleBy.get(mod) || 0) + ms);
	// Total time: each sample counts once for every distinct function on its stack.
	const seen = new Set();
	for (let n = id; n !== undefined; n = parent.get(n)) {
		const k = key(byId.get(n).callFrame);
		if (seen.has(k)) continue;
		seen.add(k);
		inclusive.set(k, (inclusive.get(k) || 0) + ms);
	}
}

const show = (title, map, keep = () => true) => {
	console.log(`\n${title}`);
	[...map]
		.filter(([k]) => keep(k))
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.forEach(([k, ms]) =>
			console.log(`${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${k}`),
		);
};
console.log(`${file}: ${total.toFixed(0)} ms sampled`);
show('self time by module', moduleBy);
show('self time by function', selfBy, (k) => !/^\((idle|program|garbage collector)\)/.test(k));
show('total time by function', inclusive, (k) => !filter || k.includes(filter));
