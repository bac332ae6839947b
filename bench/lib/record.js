'use strict';

/**
 * What a benchmark run measured: the package version, the commit and whether the tree had changes
 * not committed. `npm run bench` writes it into docs/benchmarks.md as one HTML comment; the unit
 * test test/unit/benchmarks-record.test.ts reads it back and fails when the page is more than one
 * release behind package.json (see `staleness`).
 */

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const MARK = 'bench-record';

/** The record of a run of this checkout now. */
function currentRecord(root = ROOT) {
	const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
	const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
	let commit = null;
	let changed = [];
	try {
		commit = git('rev-parse', 'HEAD').trim();
		// The page itself is rewritten by the run: a change there is not a change to what was measured.
		changed = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/benchmarks.md')
			.split('\n')
			.filter(Boolean)
			.map((line) => line.slice(3));
	} catch {
		// not a git checkout: no commit to record
	}
	return { version, commit, dirty: changed.length > 0, changed: changed.slice(0, 20) };
}

const recordLine = (record) => `<!-- ${MARK} ${JSON.stringify(record)} -->`;

/** The record in a page's text, or null when it has none. */
function readRecord(text) {
	const match = new RegExp(`<!-- ${MARK} (\\{.*?\\}) -->`).exec(text);
	if (!match) return null;
	try {
		return JSON.parse(match[1]);
	} catch {
		return null;
	}
}

/** Versions released so far, newest first: the CHANGELOG's `## [x.y.z]` headings and package.json's version. */
function releases(changelog, packageVersion) {
	const found = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+[^\]]*)\]/gm)].map((m) => m[1]);
	const all = [...new Set([packageVersion, ...found])];
	return all.sort(compareVersions).reverse();
}

function compareVersions(a, b) {
	const parts = (v) => v.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
	const [pa, pb] = [parts(a), parts(b)];
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		if (pa[i] === pb[i]) continue;
		if (pa[i] === undefined) return -1;
		if (pb[i] === undefined) return 1;
		return typeof pa[i] === 'number' && typeof pb[i] === 'number'
			? pa[i] - pb[i]
			: String(pa[i]) < String(pb[i])
				? -1
				: 1;
	}
	return 0;
}

/**
 * Why the page is stale, or null when it is current enough: it must record the version in
 * package.json or the release just before it (one release behind at most).
 */
function staleness(pageText, packageVersion, changelog) {
	const record = readRecord(pageText);
	if (!record) return `docs/benchmarks.md has no "${MARK}" line: it was not written by today's npm run bench`;
	const list = releases(changelog, packageVersion);
	const behind = list.indexOf(record.version);
	if (behind === -1)
		return `docs/benchmarks.md was generated for version ${record.version}, not a release of this package`;
	if (behind > 1) {
		return (
			`docs/benchmarks.md was generated for ${record.version}, ${behind} releases behind ${packageVersion}: ` +
			'run npm run bench and commit the page'
		);
	}
	return null;
}

module.exports = { currentRecord, recordLine, readRecord, releases, staleness, MARK };
