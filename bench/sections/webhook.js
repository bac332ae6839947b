'use strict';

/**
 * The webhook trigger (issue 26, item 6), measured by bench/webhook.js (written with the trigger):
 * through a real n8n, events posted one after the other as Altegio posts them, with and without
 * Fetch Record: the time to n8n's answer and to the execution's start, and the requests per event.
 * Without bench/webhook.js this section is left out.
 */

const fs = require('node:fs');
const path = require('node:path');

const report = require('../lib/report');

const FILE = path.join(__dirname, '..', 'webhook.js');
const EVENTS = 20;
/** The fewest requests per event: the event carries the record; Fetch Record reads it once. */
const ROWS = [
	{ key: 'plain', label: 'Altegio Webhook Trigger', minimum: 0, why: 'the event carries the record' },
	{ key: 'fetchRecord', label: 'the same, Fetch Record on', minimum: 1, why: 'one GET of the record' },
];

async function run(ctx) {
	const { benchWebhook } = require(FILE);
	const version = ctx.options.engine === 'dev' ? undefined : ctx.options.engine;
	try {
		return { ok: true, ...(await benchWebhook({ events: EVENTS, version, log: (m) => ctx.log(`  webhook: ${m}`) })) };
	} catch (error) {
		return { ok: false, error: String((error && error.stack) || error) };
	}
}

const ms = (s) => (s ? `${report.int(s.median)} / ${report.int(s.p90)} / ${report.int(s.max)}` : '–');

function render(data, { h, table, markdown }) {
	const parts = [h('Webhook trigger'), ''];
	if (markdown)
		parts.push(
			`Measured by bench/webhook.js through a real n8n ${data.version || ''} (\`n8n start\`, the packed package ` +
				`installed as a community package): ${data.events || EVENTS} client events posted one after the other, ` +
				"as Altegio posts them. `answer` is from sending the POST to n8n's HTTP answer (Altegio gives up after " +
				"15 s), `start` from sending it to the execution's `startedAt`; median / 90th percentile / max, in ms. " +
				'Requests are what the trigger sent to the Altegio sandbox per event.',
			'',
		);
	if (!data.ok) return [...parts, `FAILED: ${report.firstLine(data.error)}`, ''];
	const rows = [['workflow', 'answer ms', 'start ms', 'requests per event', 'minimum', 'why the minimum']];
	for (const row of ROWS) {
		const m = data[row.key] || {};
		rows.push([row.label, ms(m.answerMs), ms(m.startMs), report.fmt(m.requestsPerEvent, 2), row.minimum, row.why]);
	}
	parts.push(table(rows, [false, true, true, true, true, false]), '');
	return parts;
}

function targets(data) {
	if (!data.ok)
		return [{ target: 'Webhook trigger measured (issue 26)', met: false, detail: report.firstLine(data.error) }];
	return [
		{
			target: 'Webhook trigger: requests per event at the minimum (issue 26)',
			met: ROWS.every((row) => data[row.key] && data[row.key].requestsPerEvent <= row.minimum),
			detail: ROWS.map(
				(row) => `${row.label}: ${report.fmt((data[row.key] || {}).requestsPerEvent, 2)}/${row.minimum}`,
			).join('; '),
		},
	];
}

module.exports = fs.existsSync(FILE) ? { name: 'webhook', run, render, targets } : null;
