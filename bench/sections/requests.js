'use strict';

/**
 * Requests per operation (issue 26, item 3): what each operation sends, counted in the sandbox's
 * log, against the fewest requests the API allows for the same result, and why that is the minimum.
 */

const { startSandbox } = require('../lib/procs');
const report = require('../lib/report');
const { LOCATION, WRITE_LOCATION, byId, createRows } = require('../lib/workflows');

const CLIENTS = 1000;
const VISITS = 100;
const ROWS = 1000;
const location = byId(LOCATION);

/** The operations measured, each with the fewest requests the API allows and why. */
function operations(sb) {
	const [first, second, third] = sb.ids;
	const update = (clientId) => ({
		resource: 'client',
		operation: 'update',
		locationId: location,
		clientId: byId(clientId),
		updateFields: { surname: 'Changed' },
	});
	const upsert = (phone, at = location) => ({
		resource: 'client',
		operation: 'upsert',
		locationId: at,
		name: 'A',
		phone,
	});
	const whyUpdate = 'PUT replaces the whole record: one GET for the fields not given, one PUT';
	return [
		{ label: 'Update, one field', parameters: update(second), minimum: 2, why: whyUpdate },
		{
			label: 'Update, one field (reading: PUT resets omitted fields)',
			parameters: update(third),
			readings: { putSemantics: 'resetOmitted' },
			minimum: 2,
			why: `${whyUpdate}; the PUT sends every field, so an omitted one is never reset`,
		},
		{
			label: 'Create or Update, new phone',
			// In the empty location, so that the lists below read the same clients as before.
			parameters: upsert('+1 315 555 0199', byId(WRITE_LOCATION)),
			minimum: 2,
			why:
				"one read of the list filtered by the phone's last nine digits (documented as part of the number; every " +
				'stored form of one number contains them), one POST',
		},
		{
			label: 'Create or Update, phone of an existing client',
			parameters: upsert(sb.phones[0]),
			minimum: 3,
			why:
				"the lookup, then Update's GET and PUT: the card is read under the client's write lock, so an edit " +
				'another item made after the lookup is not undone',
		},
		{
			label: `Create Many, ${report.int(ROWS)} rows`,
			parameters: {
				resource: 'client',
				operation: 'createMany',
				locationId: byId(WRITE_LOCATION),
				rowsFrom: 'json',
				clients: JSON.stringify(createRows(ROWS, 500_000)),
			},
			minimum: ROWS / 50,
			why: 'bulk requests of 50 rows (the API documents no maximum; 50 is what the node sends)',
		},
		{
			label: `Get Many, Return All, ${report.int(CLIENTS)} clients`,
			parameters: { resource: 'client', operation: 'getAll', locationId: location, returnAll: true },
			minimum: Math.ceil(CLIENTS / 200),
			why: 'pages of 200, the documented maximum of the search',
		},
		{
			label: `Get Many (Full Records), Return All, ${report.int(CLIENTS)} clients`,
			parameters: { resource: 'client', operation: 'getAllLegacy', locationId: location, returnAll: true },
			minimum: Math.ceil(CLIENTS / 200),
			why: `pages of 200 (undocumented maximum: 200 or 300 by source; ${Math.ceil(CLIENTS / 300)} at 300)`,
		},
		{
			label: `Visit History, Return All, ${VISITS} visits on ${VISITS} days`,
			parameters: {
				resource: 'history',
				operation: 'getAll',
				locationId: location,
				searchBy: 'clientId',
				clientId: byId(first),
				returnAll: true,
			},
			minimum: Math.ceil(VISITS / 25),
			why: 'pages of 25 visits (the API sets the size; a page ends with its last date)',
		},
	];
}

/** Polls of the trigger: what is added before each, and the minimum for it. */
const POLLS = [
	{
		label: 'Trigger, first poll (activation)',
		add: 0,
		minimum: 3,
		why:
			'the list is in ID order: one request for its total, one for its last page (the newest ID, so that a later ' +
			'change of an older client is not taken for a new one), one read of the day before now (changes already made ' +
			"are recorded as handled, so the next poll's overlap reports none of them, and the cursor starts on " +
			"Altegio's own clock)",
	},
	{ label: 'Trigger poll, nothing changed', add: 0, minimum: 1, why: 'one read of the period since the last poll' },
	{ label: 'Trigger poll, 1 new client', add: 1, minimum: 1, why: 'one read of the period since the last poll' },
	{
		label: 'Trigger poll, 300 new clients in one second',
		add: 300,
		// An import between two polls: every client stamped with one second, after the last poll's client.
		burst: true,
		minimum: 3,
		why:
			"301 changes in the period (with the last poll's client), more than one answer of 300; the open period is " +
			'not read by offset pages (a client deleted between two pages would move another out unseen): one read ' +
			'finds it too big, then two parts of it that each come back in one answer',
	},
];

async function run(ctx) {
	const sb = await startSandbox({ ...ctx.tokens, clients: CLIENTS, visits: VISITS });
	const rows = [];
	try {
		const ops = operations(sb);
		const counted = async (phase, item) => {
			const [when] = phase.split(':');
			if (when === 'before') {
				await sb.call('configure', { latencyMs: 0, readings: item.readings });
				// The burst's second starts after the last poll's client (and is not in the future).
				if (item.burst) await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
				const at = item.burst ? Math.floor(Date.now() / 1000) * 1000 : undefined;
				for (let i = 0; i < (item.add || 0); i++)
					await sb.call('addClient', { partial: { name: `New${i}`, ...(at ? { last_change_at: at } : {}) } });
				await sb.call('clear');
			} else item.stats = await sb.call('stats');
		};
		const jobs = ops.map((op) => ({ build: 'op', parameters: op.parameters }));
		const r = await ctx.scenario({ kind: 'sequence', url: sb.url, jobs }, (phase) =>
			counted(phase, ops[Number(phase.split(':')[1])]),
		);
		ops.forEach((op, i) => rows.push({ ...op, result: r.ok ? r.jobs[i] : { error: r.error } }));
		const parameters = { locationId: location, event: 'clientCreated' };
		const p = await ctx.scenario({ kind: 'polls', url: sb.url, polls: POLLS.length, parameters }, (phase) =>
			counted(phase, POLLS[Number(phase.split(':')[1])]),
		);
		POLLS.forEach((poll, i) => rows.push({ ...poll, result: p.ok ? p.polls[i] : { error: p.error } }));
	} finally {
		await sb.stop();
	}
	for (const row of rows)
		ctx.log(`  ${row.label}: ${row.stats ? row.stats.count : '–'} requests (minimum ${row.minimum})`);
	return { rows };
}

const routes = (stats) =>
	Object.entries(stats.byRoute)
		.map(([route, n]) => `${n} × ${route.replace(/:id/g, '…')}`)
		.join(', ');

function render({ rows }, { h, table, markdown }) {
	const parts = [h('Requests per operation'), ''];
	if (markdown)
		parts.push(
			`Each operation once through the engine against a sandbox with ${report.int(CLIENTS)} clients (no latency, ` +
				'no rate limit), the requests counted in its log. "Minimum" is the fewest requests the API allows for the ' +
				'same result, and why. The trigger polls run one after the other on one active workflow, its static data ' +
				'kept between them, as n8n runs them.',
			'',
		);
	const out = [['operation', 'requests', 'minimum', 'vs minimum', 'sent', 'why the minimum']];
	for (const row of rows) {
		const sent = row.stats ? row.stats.count : null;
		out.push([
			row.label,
			row.result.error ? `FAILED: ${report.firstLine(row.result.error)}` : report.int(sent),
			report.int(row.minimum),
			sent === null ? '' : `${report.fmt(sent / row.minimum, 2)}×`,
			row.stats ? routes(row.stats) : '',
			row.why,
		]);
	}
	parts.push(table(out, [false, true, true, true, false, false]), '');
	return parts;
}

function targets({ rows }) {
	const over = rows.filter((r) => r.result.error || !r.stats || r.stats.count > r.minimum);
	return [
		{
			target: 'Every operation at the fewest requests the API allows (issue 26)',
			met: over.length === 0,
			detail: over.length
				? `above: ${over.map((r) => `${r.label} ${r.stats ? r.stats.count : 'failed'}/${r.minimum}`).join('; ')}`
				: `${rows.length} operations at their minimum`,
		},
	];
}

module.exports = { name: 'requests', run, render, targets };
