'use strict';

/**
 * The webhook trigger's figures (issue 26, item 6), measured by bench/webhook.js, written with the
 * trigger. That file is used as a section when it exports `run(ctx)` and `render(data, format)`
 * (and optionally `targets(data)`), like the files here; otherwise it is run as a script and what
 * it prints (Markdown) goes into the page as it is. Without the file this section is left out.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.join(__dirname, '..', 'webhook.js');

function asSection() {
	const text = fs.readFileSync(FILE, 'utf8');
	if (!/module\.exports/.test(text)) return null;
	const mod = require(FILE);
	return typeof mod.run === 'function' && typeof mod.render === 'function' ? mod : null;
}

async function run(ctx) {
	const section = asSection();
	if (section) return { section, data: await section.run(ctx) };
	ctx.log('webhook: node bench/webhook.js');
	const res = spawnSync(process.execPath, [FILE], { encoding: 'utf8', env: { ...process.env, BENCH_MARKDOWN: '1' } });
	return { printed: res.stdout.trim(), error: res.status === 0 ? null : `${res.stderr}`.trim().split('\n').pop() };
}

function render(result, format) {
	if (result.section) return result.section.render(result.data, format);
	const parts = [format.h('Webhook trigger'), ''];
	parts.push(result.error ? `FAILED: ${result.error}` : result.printed, '');
	return parts;
}

function targets(result) {
	if (result.section && result.section.targets) return result.section.targets(result.data);
	return result.error ? [{ target: 'Webhook trigger figures (issue 26)', met: false, detail: result.error }] : [];
}

module.exports = fs.existsSync(FILE) ? { name: 'webhook', run, render, targets } : null;
