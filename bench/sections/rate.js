'use strict';

/**
 * Rate-limited mode: the sandbox refuses what goes over 5 requests per second or 200 per minute,
 * every window scaled down (BENCH_RATE_SCALE), and the node's throttle scaled alike.
 */

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');

const LIMITS = { maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 };

/** Achieved rate of the accepted requests against a perfect client under the same windows. */
function rateFigures(stats, scale) {
	const elapsedMs = stats.lastAt - stats.firstAt;
	const ideal = report.idealElapsedMs(stats.accepted, 5, 200, 1000 * scale, 60000 * scale);
	return {
		requests: stats.count,
		accepted: stats.accepted,
		rejected: stats.byStatus[429] || 0,
		elapsedMs,
		achievedRps: elapsedMs > 0 ? ((stats.accepted - 1) * 1000) / elapsedMs : null,
		idealRps: ideal > 0 ? ((stats.accepted - 1) * 1000) / ideal : null,
		efficiency: elapsedMs > 0 ? ideal / elapsedMs : null,
	};
}

async function run(ctx) {
	const scale = ctx.options.rateScale;
	const runs = [
		{
			label: 'Altegio Get Many, Return All, 60,000 clients (300 pages in a row)',
			job: { build: 'altegio', want: { returnAll: true }, limits: LIMITS },
			clients: 60000,
		},
		{
			label: 'Altegio Create, 600 items (n8n starts them at once)',
			job: { build: 'create', rows: 600, limits: LIMITS },
			clients: 0,
		},
		// What users do today: the HTTP Request node paced by its Request Interval (1 s / 5).
		...(ctx.hasHttp
			? [
					{
						label: 'HTTP Request pagination, Request Interval 1 s / 5, 60,000 clients',
						job: { build: 'http', want: { returnAll: true } },
						clients: 60000,
						requestIntervalMs: 200 * scale,
					},
				]
			: []),
	];
	const rates = [];
	for (const r of runs) {
		ctx.log(`rate-limited: ${r.label} (windows × ${scale})`);
		const sb = await startSandbox({ ...ctx.tokens, clients: r.clients });
		try {
			await sb.call('configure', { latencyMs: 0, rateLimit: { perSecond: 5, perMinute: 200, windowScale: scale } });
			const spec = {
				url: sb.url,
				job: r.job,
				noWarmup: true,
				requestIntervalMs: r.requestIntervalMs,
				throttleScale: r.job.build === 'http' ? undefined : scale,
			};
			const result = await ctx.measure(spec, sb);
			const expected = r.job.want ? r.clients : r.job.rows;
			if (result.ok && result.items !== expected)
				Object.assign(result, {
					ok: false,
					error: `no error, but ${report.int(result.items)} of ${report.int(expected)} items`,
				});
			if (result.ok && result.failedItems)
				Object.assign(result, { ok: false, error: `${result.failedItems} of ${expected} items failed` });
			const rate = { ...result, ...rateFigures(result.stats, scale), label: r.label, scale };
			ctx.log(
				`  ${rate.accepted} accepted, ${rate.rejected} refused (429), ${Math.round(rate.elapsedMs)} ms, ` +
					`${report.fmt(rate.achievedRps)} req/s (best ${report.fmt(rate.idealRps)})` +
					`${result.ok ? '' : `; FAILED ${report.firstLine(result.error)}`}`,
			);
			rates.push(rate);
		} finally {
			await sb.stop();
		}
	}
	return { rates };
}

function render({ rates }, { h, table, markdown }) {
	if (!rates.length) return [];
	const parts = [h('Rate-limited mode'), ''];
	if (markdown)
		parts.push(
			`The sandbox refuses with 429 what goes over 5 requests per second or 200 per minute (sliding windows), ` +
				`with every window scaled by ${rates[0].scale} (1 s lasts ${Math.round(1000 * rates[0].scale)} ms); the ` +
				`credential asks for the same limits and the node's throttle is scaled alike ` +
				`(\`throttleTiming.scale\`). "Best possible" is the schedule of a perfect client under the same ` +
				`windows for the requests that were accepted; "in real time" multiplies by the scale. For ` +
				`comparison, the HTTP Request node paginates with its Request Interval set to one fifth of the ` +
				`(scaled) second, the usual way to respect 5 requests per second; it has no notion of the ` +
				`minute window. Its run counts as failed when it returns fewer clients than exist, even ` +
				`without an error.`,
			'',
		);
	parts.push(table(report.rateRows(rates), [false, false, true, true, true, true, true, true, true]), '');
	return parts;
}

module.exports = { name: 'rate', run, render, rateFigures };
