'use strict';

/** Verdicts on the targets of issue #7 for Get Many, computed from the measurements. */

const report = require('../lib/report');
const { PAGE } = require('../lib/workflows');

const { median } = report;

function targets({ getAll, counts, probes }) {
	const out = [];
	out.push({
		target: 'Request counts exactly at the minimum (Return All = ceil(N/200), Limit 30 = 1)',
		met: counts.length > 0 && counts.every((c) => c.ok),
		detail: counts.map((c) => `${c.label}: ${c.requests}/${c.expected}`).join('; '),
	});
	const at20 = getAll
		.filter((g) => g.latencyMs === 20 && g.byKind.altegio.ok && g.byKind.undici.ok)
		.sort((a, b) => a.n - b.n);
	if (at20.length) {
		// Per page: the cost of one more page, i.e. the slope of wall time over pages between the two
		// largest sizes (the fixed cost of starting a workflow run drops out); whole runs for context.
		const pages = (g) => Math.ceil(g.n / PAGE);
		let slope = null;
		if (at20.length >= 2) {
			const [a, b] = at20.slice(-2);
			const per = (kind) => (b.byKind[kind].wallMs - a.byKind[kind].wallMs) / (pages(b) - pages(a));
			slope = {
				from: a.n,
				to: b.n,
				altegio: per('altegio'),
				undici: per('undici'),
				http: b.byKind.http && b.byKind.http.ok && a.byKind.http && a.byKind.http.ok ? per('http') : null,
			};
		}
		const whole = at20
			.map(
				(g) =>
					`N=${report.int(g.n)}: whole run ` + `${report.fmt(g.byKind.altegio.wallMs / g.byKind.undici.wallMs, 2)}×`,
			)
			.join('; ');
		out.push({
			target: 'Node time per page within 1.5× the raw undici loop at 20 ms latency',
			met: slope ? slope.altegio / slope.undici <= 1.5 : null,
			detail: slope
				? `one more page (slope from N=${report.int(slope.from)} to ` +
					`${report.int(slope.to)}): node ${report.fmt(slope.altegio, 2)} ms, ` +
					`floor ${report.fmt(slope.undici, 2)} ms, ${report.fmt(slope.altegio / slope.undici, 2)}×` +
					`${slope.http === null ? '' : `; HTTP Request node ${report.fmt(slope.http, 2)} ms`}. ${whole}`
				: `${whole} (one size only: no per-page slope)`,
		});
	}
	const both = getAll.filter((g) => g.byKind.http);
	if (both.length) {
		const cells = both.map((g) => ({
			n: g.n,
			latencyMs: g.latencyMs,
			ok: g.byKind.altegio.ok,
			ratio: g.byKind.altegio.ok && g.byKind.http.ok ? g.byKind.altegio.wallMs / g.byKind.http.wallMs : null,
		}));
		out.push({
			target: "Not slower than the HTTP Request node's pagination at any N",
			met: cells.every((c) => c.ok && c.ratio !== null && c.ratio <= 1),
			detail: cells
				.map(
					(c) =>
						`N=${report.int(c.n)} ${c.latencyMs} ms: ` +
						(c.ratio === null ? (c.ok ? 'HTTP node failed' : 'Altegio node failed') : `${report.fmt(c.ratio, 2)}×`),
				)
				.join('; '),
		});
	}
	// Memory. Linear: per-client output heap and peak RSS growth at the two largest sizes (small
	// sizes are noise). In flight: the probe's live data at task boundaries against the output.
	const ok = getAll.filter((g) => g.byKind.altegio.ok && g.byKind.undici.ok);
	const largest = [...new Set(ok.map((g) => g.n))].sort((a, b) => a - b).slice(-2);
	if (largest.length) {
		const cell = (n) => ok.filter((g) => g.n === n).map((g) => g.byKind);
		const perK = (n, kind, key) => median(cell(n).map((k) => (k[kind][key] * 1000) / n));
		const big = largest[largest.length - 1];
		const ratio = (key) => (largest.length === 2 ? perK(big, 'altegio', key) / perK(largest[0], 'altegio', key) : null);
		const heapRatio = ratio('retainedMB');
		const rssRatio = ratio('rssGrowthMB');
		out.push({
			target: 'Memory growth linear in N',
			met: heapRatio === null ? null : heapRatio <= 1.25 && rssRatio <= 1.5,
			detail: largest
				.map(
					(n) =>
						`N=${report.int(n)}: output ${report.fmt(perK(n, 'altegio', 'retainedMB'), 2)} MB and peak ` +
						`RSS growth ${report.fmt(perK(n, 'altegio', 'rssGrowthMB'), 2)} MB per 1,000 clients`,
				)
				.join('; '),
		});
		const probe = (kind) => probes.find((p) => p.kind === kind && p.ok);
		const node = probe('altegio');
		const floor = probe('undici');
		const rss =
			`Peak RSS growth is ` +
			`${report.fmt(perK(big, 'altegio', 'rssGrowthMB') / perK(big, 'undici', 'rssGrowthMB'), 1)}× the floor's at ` +
			`N=${report.int(big)} (major GCs in the measured runs: ${cell(big)
				.map((k) => k.altegio.majorGcs)
				.join(', ')}), so RSS counts mostly garbage not yet collected.`;
		out.push({
			target:
				'No more than one copy of the data in flight per page (live data at any task boundary at most the final ' +
				'output)',
			met: node ? node.liveMaxMB <= node.retainedMB * 1.1 : null,
			detail: node
				? `probe at N=${report.int(node.n)}: live at most ${report.fmt(node.liveMaxMB, 1)} MB against ` +
					`${report.fmt(node.retainedMB, 1)} MB of output (floor: ` +
					`${floor ? `${report.fmt(floor.liveMaxMB, 1)} / ${report.fmt(floor.retainedMB, 1)} MB` : '–'}). ${rss}`
				: `no memory probe (BENCH_PROBE=0). ${rss}`,
		});
	}
	return out;
}

module.exports = { targets };
