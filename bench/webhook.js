#!/usr/bin/env node
'use strict';

/**
 * Benchmark hook for the Altegio Webhook Trigger (issue 26, item 6): through a real n8n (`n8n
 * start`, the packed package installed as a community package), for N events posted one after
 * the other as Altegio posts them, with and without Fetch Record:
 *   - answerMs: from sending the POST to n8n's HTTP answer (Altegio gives up after 15 s);
 *   - startMs: from sending the POST to the execution's `startedAt` (same machine clock);
 *   - requests per event: what the trigger sent to the Altegio sandbox (0 without Fetch Record).
 *
 *   node bench/webhook.js [events=20]          prints a JSON summary (BENCH_ENGINE=2.41.1 or 1.123.81)
 *   const { benchWebhook } = require('./webhook'); await benchWebhook({ events: 20, version: '2.41.1', tgz })
 *       → { version, events, plain: {answerMs, startMs, requestsPerEvent}, fetchRecord: {...} }, each *Ms
 *         as { median, p90, max } in ms. `tgz`: a packed package (built and packed when absent).
 * Timings on shared cores say little alone: compare the two rows of one run.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, ensureInstalled, ROOT } = require('../test/e2e/lib/n8n');
const { freePorts, waitFor } = require('../test/e2e/lib/proc');
const { buildAndPack } = require('../test/e2e/lib/pack');
const W = require('../test/e2e/lib/workflows');
const { webhookWorkflow } = require('../test/e2e/webhook');
const { sandboxClientEvent, postEvent } = require('../test/sandbox/webhooks');
const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox'));

const PARTNER = 'bench-partner-token';
const USER = 'bench-user-token';
const LOC = 101;
const ROWS = {
	plain: { id: 'benchWebhook001', hook: W.stableUuid('webhook:bench-plain') },
	fetchRecord: { id: 'benchWebhook002', hook: W.stableUuid('webhook:bench-fetch') },
};

function stats(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	const round = (v) => Math.round(v * 10) / 10;
	return { median: round(at(0.5)), p90: round(at(0.9)), max: round(sorted[sorted.length - 1]) };
}

/**
 * Until n8n serves the trigger's path: n8n logs that the editor is up before every webhook of an
 * activated workflow is registered (a 404 then). A post that is no client event starts nothing.
 */
async function untilRegistered(n8n, row) {
	await waitFor(
		`the webhook of ${row.id}`,
		async () => (await postEvent(`${n8n.url}/webhook/${row.hook}/webhook`, { resource: 'ping' })).status === 200,
		{ timeoutMs: 60000, intervalMs: 250 },
	);
}

async function measure(n8n, sb, row, events) {
	await untilRegistered(n8n, row);
	const answerMs = [];
	const sentAt = new Map();
	let requests = 0;
	for (let i = 0; i < events; i++) {
		const client = sb.addClient(LOC, {
			name: `Bench ${i}`,
			surname: 'Webhook',
			phone: `1315556${String(i).padStart(4, '0')}`,
		});
		const from = sb.requests.length;
		const t0 = Date.now();
		const res = await postEvent(
			`${n8n.url}/webhook/${row.hook}/webhook`,
			sandboxClientEvent(sb, LOC, client.id, 'update'),
		);
		if (res.status !== 200) throw new Error(`event ${i}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
		answerMs.push(res.ms);
		sentAt.set(client.id, t0);
		requests += sb.requests.length - from;
	}
	let list = [];
	await waitFor(
		`${events} executions of ${row.id}`,
		async () => {
			const res = await n8n.api('GET', `/executions?workflowId=${row.id}&includeData=true&limit=250`);
			list = res.json.data.filter((e) => e.startedAt && e.data);
			return list.length >= events;
		},
		{ timeoutMs: 60000, intervalMs: 500 },
	);
	const startMs = list.map((e) => {
		const run = e.data.resultData.runData['Altegio Webhook Trigger'][0];
		const id = run.data.main[0][0].json.clientId;
		return Date.parse(e.startedAt) - sentAt.get(id);
	});
	return { answerMs: stats(answerMs), startMs: stats(startMs), requestsPerEvent: requests / events };
}

/** Starts a sandbox and a real n8n, measures both workflows, stops everything. */
async function benchWebhook({ events = 20, version = process.env.BENCH_ENGINE || '2.41.1', tgz, log = () => {} } = {}) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-webhook-'));
	const sb = createSandbox({ partnerToken: PARTNER, userToken: USER, seed: { demo: true } });
	let n8n = null;
	try {
		const install = await ensureInstalled(version, log);
		const pkg = tgz || (await buildAndPack(folder, { log }));
		const { url } = await sb.start(0);
		const [port, brokerPort] = await freePorts(2);
		n8n = new N8n({ version, install, userFolder: path.join(folder, 'n8n'), port, brokerPort });
		await n8n.installPackage(pkg);
		await n8n.importCredentials(W.credentialsFor({ baseUrl: url, partnerToken: PARTNER, userToken: USER }));
		const workflows = [
			webhookWorkflow(ROWS.plain, 'Bench webhook'),
			webhookWorkflow(ROWS.fetchRecord, 'Bench webhook fetch', { fetchRecord: true }),
		];
		await n8n.importWorkflows(workflows);
		for (const wf of workflows) await n8n.activate(wf.id);
		await n8n.start();
		await n8n.waitActivated();
		await n8n.setupOwner();
		log(`n8n ${version} up; ${events} events per row`);
		const out = { version, events };
		for (const [name, row] of Object.entries(ROWS)) out[name] = await measure(n8n, sb, row, events);
		return out;
	} finally {
		if (n8n) await n8n.stop().catch(() => {});
		await sb.stop();
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

module.exports = { benchWebhook };

if (require.main === module) {
	benchWebhook({ events: Number(process.argv[2]) || 20, log: (m) => process.stderr.write(`[bench webhook] ${m}\n`) })
		.then((out) => process.stdout.write(`${JSON.stringify(out, null, 2)}\n`))
		.catch((err) => {
			process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
			process.exitCode = 1;
		});
}
