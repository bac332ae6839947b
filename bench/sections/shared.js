'use strict';

/**
 * Several credentials and executions at once (issue 26, item 4), in one n8n process: credential A
 * with Altegio's default limits runs a bulk Create while credential B, whose account has higher
 * limits, reads every client; meanwhile a single Get (what an editor's click or a picker sends)
 * starts on each. Each credential's achieved rate against its own limits, and how long the single
 * Get waited. The sandbox enforces no limit here: the question is what the node's own budget does.
 */

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');

const CLIENTS = 60000;
const CREATES = 200;
const A = {
	userToken: 'bench-user-a',
	credentialId: 'cred-a',
	limits: { maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 },
};
const B = {
	userToken: 'bench-user-b',
	credentialId: 'cred-b',
	limits: { maxRequestsPerSecond: 20, maxRequestsPerMinute: 1000 },
};

/** Requests of one token: count, span, busiest windows, and the best a perfect client could do. */
function perToken(log, token, limits, scale) {
	const at = log.filter(([, t, status]) => t === token && status !== 429).map(([ms]) => ms);
	at.sort((a, b) => a - b);
	const busiest = (windowMs) => {
		let most = 0;
		for (let i = 0, j = 0; i < at.length; i++) {
			while (at[i] - at[j] >= windowMs) j++;
			most = Math.max(most, i - j + 1);
		}
		return most;
	};
	const spanMs = at.length > 1 ? at[at.length - 1] - at[0] : 0;
	const { maxRequestsPerSecond: perSecond, maxRequestsPerMinute: perMinute } = limits;
	const idealMs = report.idealElapsedMs(at.length, perSecond, perMinute, 1000 * scale, 60000 * scale);
	return {
		count: at.length,
		spanMs,
		busiestSecond: busiest(1000 * scale),
		busiestMinute: busiest(60000 * scale),
		// in the API's time (the windows are scaled): requests per real second and per real minute
		rate: spanMs > 0 ? ((at.length - 1) * 1000 * scale) / spanMs : null,
		efficiency: spanMs > 0 ? idealMs / spanMs : null,
	};
}

async function run(ctx) {
	const scale = ctx.options.rateScale;
	const sb = await startSandbox({ ...ctx.tokens, clients: CLIENTS, extraUserTokens: [A.userToken, B.userToken] });
	const out = { scale, A, B };
	try {
		const get = (cred) => ({ build: 'get', ids: [sb.ids[0]], interactive: true, ...cred });
		const after = 2000 * scale;
		const jobs = [
			{ label: `A: Create, ${CREATES} items`, build: 'create', rows: CREATES, ...A },
			{
				label: `B: Get Many, Return All, ${report.int(CLIENTS)} clients`,
				build: 'altegio',
				want: { returnAll: true },
				...B,
			},
			{ label: 'A: one Get, 2 s after the start', ...get(A), startAfterMs: after },
			{ label: 'B: one Get, 2 s after the start', ...get(B), startAfterMs: after },
		];
		ctx.log(`shared: two credentials, windows × ${scale}`);
		const r = await ctx.scenario({ kind: 'concurrent', url: sb.url, jobs, throttleScale: scale }, () =>
			sb.call('clear'),
		);
		const log = await sb.call('log');
		out.ok = r.ok;
		out.error = r.error;
		out.jobs = r.ok ? r.jobs : [];
		out.tokens = [
			{ name: 'A', ...A, ...perToken(log, A.userToken, A.limits, scale) },
			{ name: 'B', ...B, ...perToken(log, B.userToken, B.limits, scale) },
		];
		for (const j of out.jobs) ctx.log(`  ${j.label}: ${Math.round(j.wallMs)} ms${j.error ? `, ${j.error}` : ''}`);
		if (!r.ok) ctx.log(`  FAILED ${report.firstLine(r.error)}`);
	} finally {
		await sb.stop();
	}
	return out;
}

const limitText = (l) => `${l.maxRequestsPerSecond}/s, ${l.maxRequestsPerMinute}/min`;

function render(data, { h, table, markdown }) {
	const parts = [h('Two credentials, bulk runs and an interactive request at once'), ''];
	const s = data.scale;
	if (markdown)
		parts.push(
			`One n8n process, one API host, two credentials: A asks for Altegio's default limits (${limitText(A.limits)}), ` +
				`B for an account with higher ones (${limitText(B.limits)}). A runs Client > Create on ${CREATES} items, ` +
				`B a Get Many over ${report.int(CLIENTS)} clients (${CLIENTS / 200} pages); 2 s after both started, a ` +
				'single Client > Get starts on each credential, as an editor click or a picker would. Time is scaled by ' +
				`${s} as in the rate-limited runs (the node's windows and these figures); the sandbox enforces no limit, ` +
				"so what is measured is the node's own budget. Rates are in the API's time (requests per real second).",
			'',
		);
	if (!data.ok) return [...parts, `FAILED: ${report.firstLine(data.error)}`, ''];
	const rows = [['credential', 'its limits', 'requests', 'achieved req/s', 'of its limit', 'busiest s / min']];
	for (const t of data.tokens)
		rows.push([
			t.name,
			limitText(t.limits),
			report.int(t.count),
			report.fmt(t.rate, 2),
			t.efficiency === null ? '–' : `${report.fmt(t.efficiency * 100, 0)} %`,
			`${t.busiestSecond} / ${t.busiestMinute}`,
		]);
	parts.push(table(rows, [false, false, true, true, true, true]), '');
	const jobs = [['run', 'wall (API time)', 'alone', 'waited', 'items', 'result']];
	for (const j of data.jobs)
		jobs.push([
			j.label,
			`${report.fmt(j.wallMs / 1000 / s, 1)} s`,
			j.aloneMs === null ? '' : `${report.fmt(j.aloneMs / 1000 / s, 2)} s`,
			j.aloneMs === null ? '' : `${report.fmt((j.wallMs - j.aloneMs) / 1000 / s, 1)} s`,
			report.int(j.items),
			j.error ? `FAILED: ${report.firstLine(j.error)}` : j.failedItems ? `${j.failedItems} failed` : 'ok',
		]);
	parts.push(table(jobs, [false, true, true, true, true, false]), '');
	return parts;
}

function targets(data) {
	if (!data.ok)
		return [{ target: 'Two credentials at once (issue 26)', met: false, detail: report.firstLine(data.error) }];
	const interactive = data.jobs.filter((j) => j.aloneMs !== null);
	return [
		{
			target: 'Each credential reaches its own limit beside another credential (issue 26; ≥ 90 %)',
			met: data.tokens.every((t) => t.efficiency !== null && t.efficiency >= 0.9),
			detail: data.tokens
				.map((t) => `${t.name}: ${report.fmt((t.efficiency || 0) * 100, 0)} % of its limit`)
				.join('; '),
		},
		{
			target: 'An interactive request waits at most 1 s (API time) beside bulk runs (issue 26)',
			met: interactive.every((j) => (j.wallMs - j.aloneMs) / 1000 / data.scale <= 1),
			detail: interactive
				.map((j) => `${j.label}: waited ${report.fmt((j.wallMs - j.aloneMs) / 1000 / data.scale, 1)} s (API time)`)
				.join('; '),
		},
	];
}

module.exports = { name: 'shared', run, render, targets };
