'use strict';

/**
 * Client Get Many, Return All, over N clients: the node against the floor (a raw undici loop) and
 * the HTTP Request node's pagination, each cell in a fresh process; request counts; a memory probe.
 * Targets of issue #7.
 */

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');
const { PAGE } = require('../lib/workflows');

const PROBE_MS = 100;

async function run(ctx) {
	const { options, log } = ctx;
	const getAll = [];
	const counts = [];
	for (const n of options.sizes) {
		log(`sandbox with ${report.int(n)} clients`);
		const sb = await startSandbox({ ...ctx.tokens, clients: n });
		try {
			for (const latencyMs of options.latencies) {
				await sb.call('configure', { latencyMs });
				const repeat = options.repeat || (n <= 10000 ? 3 : 1);
				const kinds = ['undici', 'altegio', ...(ctx.hasHttp ? ['http'] : [])];
				const runs = Object.fromEntries(kinds.map((k) => [k, []]));
				// Rounds of all contenders in turn, so that a burst of other load on the machine hits
				// them alike; a contender that failed is not run again.
				for (let i = 0; i < repeat; i++) {
					for (const kind of kinds) {
						if (runs[kind].some((r) => !r.ok)) continue;
						// The floor loads the engine too, so every process starts from the same footprint.
						const job = { build: kind, want: { returnAll: true } };
						const r = await ctx.measure({ url: sb.url, job, loadEngine: true }, sb);
						if (r.ok && r.items !== n)
							Object.assign(r, { ok: false, error: `returned ${r.items} items, expected ${n}` });
						runs[kind].push(r);
						log(`  N=${n} ${latencyMs} ms ${kind} #${i + 1}: ${ctx.summary(r)}`);
					}
				}
				const byKind = Object.fromEntries(kinds.map((k) => [k, report.combine(runs[k])]));
				getAll.push({ n, latencyMs, byKind });
				const a = byKind.altegio;
				counts.push({
					label: `Return All, N=${report.int(n)}, ${latencyMs} ms`,
					expected: Math.ceil(n / PAGE),
					requests: a.requests,
					items: a.items,
					ok: a.ok && (a.requestsAll || [a.requests]).every((c) => c === Math.ceil(n / PAGE)),
				});
			}
			if (n === options.sizes[0]) await limitCounts(ctx, sb, n, counts);
		} finally {
			await sb.stop();
		}
	}
	const probes = options.probe && options.sizes.length ? await probe(ctx) : [];
	return { getAll, counts, probes };
}

/** Limit 30: one request, for the node and the HTTP Request node without pagination. */
async function limitCounts(ctx, sb, n, counts) {
	await sb.call('configure', { latencyMs: 0 });
	for (const kind of ['altegio', ...(ctx.hasHttp ? ['http'] : [])]) {
		const job = { build: kind, want: { returnAll: false, limit: 30 } };
		const r = await ctx.measure({ url: sb.url, job }, sb);
		ctx.log(`  limit 30 ${kind}: ${ctx.summary(r)}`);
		const who = kind === 'altegio' ? 'Altegio node' : 'HTTP Request node (no pagination)';
		counts.push({
			label: `${who}, Limit 30, N=${report.int(n)}`,
			expected: 1,
			requests: r.requests,
			items: r.items,
			ok: r.ok && r.requests === 1 && r.items === Math.min(30, n),
		});
	}
}

/** Live data at task boundaries (a full GC every PROBE_MS), at the largest size, no latency. */
async function probe(ctx) {
	const n = Math.max(...ctx.options.sizes);
	ctx.log(`memory probe: ${report.int(n)} clients, full GC every ${PROBE_MS} ms`);
	const probes = [];
	const sb = await startSandbox({ ...ctx.tokens, clients: n });
	try {
		const kinds = ['undici', 'altegio', ...(ctx.options.probe === 'all' && ctx.hasHttp ? ['http'] : [])];
		for (const kind of kinds) {
			const job = { build: kind, want: { returnAll: true } };
			const r = await ctx.measure({ url: sb.url, job, loadEngine: true, probeMs: PROBE_MS }, sb);
			ctx.log(`  ${kind}: ${r.ok ? `live max ${r.liveMaxMB} MB, output ${r.retainedMB} MB` : ctx.summary(r)}`);
			probes.push({ ...r, kind, n });
		}
	} finally {
		await sb.stop();
	}
	return probes;
}

function render({ getAll, counts, probes }, { h, table, markdown }) {
	const parts = [h('Client Get Many, Return All'), ''];
	if (markdown)
		parts.push(
			'Each cell is a fresh process running one workflow through the engine named above (`WorkflowExecute` → ' +
				'`RoutingNode` for the Altegio node) against the sandbox over loopback, after a one-page warm-up. The ' +
				'sandbox answers pages of 200 with the fields the node asks for by default; all three contenders send the ' +
				'same search body. `ms/page` is wall time divided by requests. `peak RSS` is the process maximum; `RSS ' +
				'growth` is peak RSS minus RSS just before the measured run; `output heap` is the heap still in use ' +
				'after the run with the output items held (after a full GC). The floor keeps the parsed rows in an ' +
				'array, as any node must keep its output. The HTTP Request node uses "Update a Parameter in Each ' +
				'Request" (`page` = `{{ $pageCount + 1 }}` in the body), completes on `{{ ' +
				'$response.body.data.length < 200 }}` (so it needs one request more when N is a multiple of ' +
				'200), and a Split Out node turns `data` into items. The Altegio credential has limits far ' +
				'above what the sandbox serves, so its throttle never waits. Repeated cells show the median.',
			'',
		);
	parts.push(table(report.getAllRows(getAll), [true, true, false, true, true, true, true, true, true, true, true]), '');
	if (probes.length) {
		parts.push(h('Memory probe'), '');
		if (markdown)
			parts.push(
				`One more run per contender at the largest size, no latency, with a full garbage collection every ` +
					`${PROBE_MS} ms between tasks: \`live max\` is the most heap that survived one of them (live data at a ` +
					`task boundary, garbage excluded), \`output\` what is left after the run with the items held. Live data ` +
					`inside one synchronous step (e.g. mapping all records at the end) is not seen. These runs are slowed ` +
					`by the collections; their times are not benchmarks.`,
				'',
			);
		const rows = [['N', 'contender', 'live max MB', 'output MB', 'peak RSS MB']];
		for (const p of probes)
			rows.push([
				report.int(p.n),
				report.CONTENDER[p.kind],
				p.ok ? report.fmt(p.liveMaxMB, 1) : 'FAILED',
				p.ok ? report.fmt(p.retainedMB, 1) : report.firstLine(p.error),
				p.ok ? report.fmt(p.maxRssMB, 0) : '',
			]);
		parts.push(table(rows, [true, false, true, true, true]), '');
	}
	parts.push(h('Request counts of Get Many'), '');
	parts.push(table(report.countRows(counts), [false, true, true, true, false]), '');
	return parts;
}

module.exports = { name: 'getAll', run, render, targets: require('./getAllTargets').targets };
