'use strict';

/** Tables for stdout and docs/benchmarks.md, and the verdicts on the targets of issue #7. */

const round = (value, digits = 1) =>
	value === null || value === undefined || Number.isNaN(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const fmt = (value, digits = 1) => {
	const r = round(value, digits);
	return r === null ? '–' : r.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};
const int = (value) => (value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));

const median = (values) => {
	const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
	if (!v.length) return null;
	return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Median of every numeric field over repeated runs; a failed run wins (it is reported). */
function combine(runs) {
	const failed = runs.find((r) => !r.ok);
	if (failed) return failed;
	const out = { ...runs[0], runs: runs.length };
	for (const key of ['wallMs', 'maxRssMB', 'rssGrowthMB', 'retainedMB', 'requests', 'loadMs'])
		out[key] = median(runs.map((r) => r[key]));
	out.requestsAll = runs.map((r) => r.requests);
	out.wallAll = runs.map((r) => r.wallMs);
	return out;
}

/** A plain-text table (first row = header). */
function textTable(rows, rightAligned = []) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
	const line = (r) =>
		r
			.map((cell, c) => (rightAligned[c] ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c])))
			.join('  ');
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function markdownTable(rows, rightAligned = []) {
	const esc = (s) => String(s).replace(/\|/g, '\\|');
	return [
		`| ${rows[0].map(esc).join(' | ')} |`,
		`| ${rows[0].map((_, c) => (rightAligned[c] ? '---:' : '---')).join(' | ')} |`,
		...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
	].join('\n');
}

const CONTENDER = {
	undici: 'raw undici loop (floor)',
	altegio: 'Altegio node, Return All',
	http: 'HTTP Request pagination + Split Out',
};

/** Rows of the getAll table: one per size, latency and contender. */
function getAllRows(results) {
	const header = [
		'N',
		'latency',
		'contender',
		'wall s',
		'requests',
		'ms/page',
		'peak RSS MB',
		'RSS growth MB',
		'output heap MB',
		'time vs floor',
		'time vs HTTP node',
	];
	const rows = [header];
	for (const r of results) {
		const base = r.byKind;
		for (const kind of ['undici', 'altegio', 'http']) {
			const m = base[kind];
			if (!m) continue;
			if (!m.ok) {
				rows.push([
					int(r.n),
					`${r.latencyMs} ms`,
					`${CONTENDER[kind]}: FAILED, ${firstLine(m.error)}`,
					'–',
					int(m.requests),
					'',
					'',
					'',
					'',
					'',
					'',
				]);
				continue;
			}
			const vsFloor = kind !== 'undici' && base.undici && base.undici.ok ? m.wallMs / base.undici.wallMs : null;
			const vsHttp = kind === 'altegio' && base.http && base.http.ok ? m.wallMs / base.http.wallMs : null;
			rows.push([
				int(r.n),
				`${r.latencyMs} ms`,
				CONTENDER[kind],
				fmt(m.wallMs / 1000, 2),
				int(m.requests),
				fmt(m.wallMs / m.requests, 2),
				fmt(m.maxRssMB, 0),
				fmt(m.rssGrowthMB, 0),
				fmt(m.retainedMB, 1),
				vsFloor === null ? '' : `${fmt(vsFloor, 2)}×`,
				vsHttp === null ? '' : `${fmt(vsHttp, 2)}×`,
			]);
		}
	}
	return rows;
}

const firstLine = (text) =>
	String(text || '')
		.split('\n')[0]
		.slice(0, 120);

function countRows(checks) {
	const rows = [['check', 'expected requests', 'sent', 'items', 'ok']];
	for (const c of checks) rows.push([c.label, int(c.expected), int(c.requests), int(c.items), c.ok ? 'yes' : 'NO']);
	return rows;
}

function writeRows(writes) {
	const rows = [['latency', 'operation', 'rows', 'requests', 'wall s', 'rows/s', 'failed rows', 'peak RSS MB']];
	for (const w of writes) {
		if (!w.ok) {
			rows.push([`${w.latencyMs} ms`, w.label, int(w.rows), int(w.requests), 'FAILED', '', firstLine(w.error), '']);
			continue;
		}
		rows.push([
			`${w.latencyMs} ms`,
			w.label,
			int(w.rows),
			int(w.requests),
			fmt(w.wallMs / 1000, 2),
			int(w.rows / (w.wallMs / 1000)),
			int(w.failedItems),
			fmt(w.maxRssMB, 0),
		]);
	}
	return rows;
}

function rateRows(rates) {
	const rows = [
		[
			'run',
			'result',
			'requests',
			'429s',
			'elapsed s',
			'achieved req/s',
			'best possible req/s',
			'efficiency',
			'in real time (limit 5/s, 3.33/s sustained)',
		],
	];
	for (const r of rates) {
		rows.push([
			r.label,
			r.ok ? 'ok' : `FAILED: ${firstLine(r.error)}`,
			int(r.accepted),
			int(r.rejected),
			fmt(r.elapsedMs / 1000, 2),
			fmt(r.achievedRps, 1),
			fmt(r.idealRps, 1),
			`${fmt(r.efficiency * 100, 0)} %`,
			`${fmt(r.achievedRps * r.scale, 2)} req/s`,
		]);
	}
	return rows;
}

/**
 * Earliest start times of `count` requests under a sliding `perSecond`/`perMinute` limit whose
 * windows last `secondMs`/`minuteMs`: what a perfect client could achieve.
 */
function idealElapsedMs(count, perSecond, perMinute, secondMs, minuteMs) {
	const t = [];
	for (let k = 0; k < count; k++) {
		let at = k ? t[k - 1] : 0;
		if (k >= perSecond) at = Math.max(at, t[k - perSecond] + secondMs);
		if (k >= perMinute) at = Math.max(at, t[k - perMinute] + minuteMs);
		t.push(at);
	}
	return count ? t[count - 1] : 0;
}

module.exports = {
	median,
	combine,
	textTable,
	markdownTable,
	getAllRows,
	countRows,
	writeRows,
	rateRows,
	idealElapsedMs,
	fmt,
	int,
	CONTENDER,
	firstLine,
};
