'use strict';

/** Create Many (bulk requests of 50 rows) against one Create per item, no rate limit. */

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');

async function run(ctx) {
	const rows = ctx.options.writeRows;
	const writes = [];
	if (!rows) return { writes };
	ctx.log(`writes: ${rows} rows`);
	const sb = await startSandbox({ ...ctx.tokens, clients: 0, snapshot: true });
	try {
		for (const latencyMs of ctx.options.latencies) {
			await sb.call('configure', { latencyMs });
			const kinds = [
				['createMany', `Altegio Create Many (1 item, ${rows} rows)`],
				['create', `Altegio Create (${rows} items)`],
			];
			for (const [build, label] of kinds) {
				const r = await ctx.measure({ url: sb.url, job: { build, rows } }, sb);
				ctx.log(`  ${latencyMs} ms ${build}: ${ctx.summary(r)}, ${r.failedItems} failed rows`);
				writes.push({ ...r, label, latencyMs, rows });
				await sb.call('reset');
			}
		}
	} finally {
		await sb.stop();
	}
	return { writes };
}

function render({ writes }, { h, table, markdown }) {
	if (!writes.length) return [];
	const parts = [h('Bulk create against one Create per item'), ''];
	if (markdown)
		parts.push(
			'Create Many sends the JSON array of one input item in bulk requests (`POST /clients/{location}/bulk`, ' +
				'chunks of 50 rows); Create runs once per input item (n8n starts all items of a declarative node at once) ' +
				'with `={{ $json.name }}` and `={{ $json.phone }}`. No rate limit.',
			'',
		);
	parts.push(table(report.writeRows(writes), [true, false, true, true, true, true, true, true]), '');
	return parts;
}

module.exports = { name: 'writes', run, render };
