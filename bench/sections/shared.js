'use strict';

/**
 * Several credentials and executions at once (issue 26, item 4), in one n8n process: credential A
 * with Altegio's default limits runs a bulk Create while credential B, whose account has higher
 * limits, reads every client; meanwhile single Gets (what an editor's click or another workflow
 * sends) start on each, one of them once A's run has filled its minute. Each credential's achieved
 * rate against its own limits, B's also against its rate alone (with and without limits), and how
 * long each single Get waited, in all and in the budget's queue. The sandbox enforces no limit here:
 * the question is what the node's own budget does.
 *
 * Real time (scale 1, whatever BENCH_RATE_SCALE says): scaled down, B's 20 pages a second of 200
 * clients become 200 a real second, more than a shared 2-core machine parses, and a few ms of CPU
 * become a second of "API time"; B alone without limits shows the machine's ceiling.
 */

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');

const limitText = (l) => `${l.maxRequestsPerSecond}/s, ${l.maxRequestsPerMinute}/min`;

const CLIENTS = 60000;
const CREATES = 200;
const SCALE = 1;
/** When the single Gets start, in seconds from the bulk runs' start; A's run has filled its minute by 45 s. */
const EARLY_S = 2;
const FULL_S = 45;
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

/** How long each single Get waited in the budget's queue (the scenario's trace of the measured run). */
function budgetWaits(r, jobs) {
	const byLine = new Map();
	for (const w of r.waits || []) {
		const entry = byLine.get(w.line) || { key: w.key, first: w.at, max: 0, count: 0 };
		entry.max = Math.max(entry.max, w.ms);
		entry.count++;
		byLine.set(w.line, entry);
	}
	const lines = [...byLine.values()].sort((x, y) => x.first - y.first);
	// A's credential key: the one of the line that sent the Creates.
	const bulkA = lines.find((e) => e.count === CREATES);
	const used = new Set();
	return jobs.map((job) => {
		const started = (r.jobs.find((j) => j.label === job.label) || {}).startedMs;
		if (!job.interactive || started === undefined || !bulkA) return null;
		const line = lines.find(
			(e) =>
				!used.has(e) &&
				e.count === 1 &&
				e.first >= started - 1 &&
				(e.key === bulkA.key) === (job.userToken === A.userToken),
		);
		if (!line) return null;
		used.add(line);
		return line.max;
	});
}

async function run(ctx) {
	const sb = await startSandbox({ ...ctx.tokens, clients: CLIENTS, extraUserTokens: [A.userToken, B.userToken] });
	const out = { scale: SCALE, A, B };
	try {
		const get = (cred, atS) => ({
			build: 'get',
			ids: [sb.ids[0]],
			interactive: true,
			...cred,
			startAfterMs: atS * 1000,
		});
		const read = (limits) => ({
			label: `B: Get Many, Return All, ${report.int(CLIENTS)} clients`,
			build: 'altegio',
			want: { returnAll: true },
			...B,
			limits,
		});
		const jobs = [
			{ label: `A: Create, ${CREATES} items`, build: 'create', rows: CREATES, ...A },
			read(B.limits),
			{ label: `A: one Get, ${EARLY_S} s after the start`, ...get(A, EARLY_S) },
			{ label: `B: one Get, ${EARLY_S} s after the start`, ...get(B, EARLY_S) },
			{ label: `A: one Get, ${FULL_S} s after the start (A's minute full)`, ...get(A, FULL_S) },
		];
		const spec = { kind: 'concurrent', url: sb.url, throttleScale: SCALE };
		// B alone first: with its limits, and without any (the machine's ceiling for this read).
		out.alone = {};
		for (const [name, limits] of [
			['limited', B.limits],
			['free', { maxRequestsPerSecond: 1_000_000, maxRequestsPerMinute: 1_000_000_000 }],
		]) {
			ctx.log(`shared: B alone, ${name === 'free' ? 'no limits' : limitText(limits)}`);
			const r = await ctx.scenario({ ...spec, jobs: [read(limits)] }, () => sb.call('clear'));
			if (!r.ok) throw new Error(r.error);
			out.alone[name] = perToken(await sb.call('log'), B.userToken, B.limits, SCALE);
		}
		ctx.log(`shared: two credentials, real time`);
		const r = await ctx.scenario({ ...spec, jobs, traceBudget: true }, () => sb.call('clear'));
		const log = await sb.call('log');
		out.ok = r.ok;
		out.error = r.error;
		out.jobs = r.ok ? r.jobs : [];
		if (r.ok) budgetWaits(r, jobs).forEach((ms, i) => (out.jobs[i].budgetMs = ms));
		out.tokens = [
			{ name: 'A', ...A, ...perToken(log, A.userToken, A.limits, SCALE) },
			{ name: 'B', ...B, ...perToken(log, B.userToken, B.limits, SCALE) },
		];
		for (const j of out.jobs) ctx.log(`  ${j.label}: ${Math.round(j.wallMs)} ms${j.error ? `, ${j.error}` : ''}`);
		if (!r.ok) ctx.log(`  FAILED ${report.firstLine(r.error)}`);
	} catch (error) {
		out.ok = false;
		out.error = String(error.message || error);
	} finally {
		await sb.stop();
	}
	return out;
}

const pct = (x) => (x === null || x === undefined ? '–' : `${report.fmt(x * 100, 0)} %`);

function render(data, { h, table, markdown }) {
	const parts = [h('Two credentials, bulk runs and an interactive request at once'), ''];
	if (markdown)
		parts.push(
			`One n8n process, one API host, two credentials: A asks for Altegio's default limits (${limitText(A.limits)}), ` +
				`B for an account with higher ones (${limitText(B.limits)}). A runs Client > Create on ${CREATES} items, ` +
				`B a Get Many over ${report.int(CLIENTS)} clients (${CLIENTS / 200} pages); ${EARLY_S} s after both ` +
				`started a single Client > Get starts on each credential, and one more on A at ${FULL_S} s, when A's ` +
				'run has filled its minute (each Get is an execution of its own, as an editor click or another ' +
				"workflow). Real time: scaled down, B's 20 pages a second of 200 clients outrun what a shared 2-core " +
				"machine parses; B's rate alone, with and without limits, shows that ceiling. The sandbox enforces " +
				"no limit, so what is measured is the node's own budget. All requests to one host share a host " +
				`budget at the highest limits asked (${limitText(B.limits)}, the rule that keeps several credentials ` +
				"behind one IP within Altegio's per-IP limit): beside A's 5/s, B can have 15/s of it, 75 % of its " +
				'own limit. "waited" is the Get\'s time beside the runs less its time alone (mostly the engine\'s ' +
				'CPU shared with both runs); "in the budget" is its wait for a slot.',
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
			pct(t.efficiency),
			`${t.busiestSecond} / ${t.busiestMinute}`,
		]);
	parts.push(table(rows, [false, false, true, true, true, true]), '');
	const b = data.tokens.find((t) => t.name === 'B');
	const beside = [['B', 'req/s', 'of its limit', "B's rate beside A against it"]];
	beside.push(['beside A (above)', report.fmt(b.rate, 2), pct(b.efficiency), '']);
	beside.push([
		'alone, its limits',
		report.fmt(data.alone.limited.rate, 2),
		pct(data.alone.limited.efficiency),
		pct(b.rate / data.alone.limited.rate),
	]);
	beside.push(['alone, no limits', report.fmt(data.alone.free.rate, 2), '', pct(b.rate / data.alone.free.rate)]);
	beside.push(['what the host budget leaves it beside A', '15', '75 %', pct(b.rate / 15)]);
	parts.push(table(beside, [false, true, true, true]), '');
	const jobs = [['run', 'wall', 'alone', 'waited', 'in the budget', 'items', 'result']];
	for (const j of data.jobs)
		jobs.push([
			j.label,
			`${report.fmt(j.wallMs / 1000, 1)} s`,
			j.aloneMs === null ? '' : `${report.fmt(j.aloneMs / 1000, 2)} s`,
			j.aloneMs === null ? '' : `${report.fmt((j.wallMs - j.aloneMs) / 1000, 2)} s`,
			j.budgetMs === null || j.budgetMs === undefined ? '' : `${report.fmt(j.budgetMs / 1000, 2)} s`,
			report.int(j.items),
			j.error ? `FAILED: ${report.firstLine(j.error)}` : j.failedItems ? `${j.failedItems} failed` : 'ok',
		]);
	parts.push(table(jobs, [false, true, true, true, true, true, false]), '');
	return parts;
}

function targets(data) {
	if (!data.ok)
		return [{ target: 'Two credentials at once (issue 26)', met: false, detail: report.firstLine(data.error) }];
	const interactive = data.jobs.filter((j) => j.aloneMs !== null);
	const a = data.tokens.find((t) => t.name === 'A');
	const b = data.tokens.find((t) => t.name === 'B');
	// B's ceiling beside A: the host's 20/s less A's 5/s, or what the machine gave B alone, the lower.
	const ceiling = Math.min(15, data.alone.free.rate);
	return [
		{
			// The host budget's rule (every credential of one host within the highest limits asked) leaves B
			// 15/s beside A's 5/s; a budget that gave B its whole 20/s would send 25/s to one IP.
			target:
				'Each credential reaches ≥ 90 % of what its own limits and the host budget leave it, beside ' +
				'another credential (issue 26)',
			met: a.efficiency >= 0.9 && b.rate / ceiling >= 0.9,
			detail:
				`A: ${pct(a.efficiency)} of its limit; B: ${pct(b.rate / ceiling)} of what the host budget and the ` +
				`machine leave it (${report.fmt(ceiling, 1)}/s), ${pct(b.efficiency)} of its own limit; alone ` +
				`without limits B reads ${report.fmt(data.alone.free.rate, 1)}/s here`,
		},
		{
			target: 'An interactive request waits at most 1 s in the budget beside bulk runs (issue 26)',
			met: interactive.every((j) => j.budgetMs !== null && j.budgetMs !== undefined && j.budgetMs <= 1000),
			detail: interactive
				.map(
					(j) =>
						`${j.label}: ${j.budgetMs == null ? '–' : report.fmt(j.budgetMs / 1000, 2)} s ` +
						`in the budget, ${report.fmt((j.wallMs - j.aloneMs) / 1000, 2)} s longer than alone in all`,
				)
				.join('; '),
		},
	];
}

module.exports = { name: 'shared', run, render, targets };
