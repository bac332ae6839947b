'use strict';

/**
 * The Altegio Webhook Trigger in queue mode: main receives Altegio's POST (and reads the client
 * with Fetch Record), a worker runs the execution it starts. A repeated delivery lands on the same
 * main and starts nothing.
 */

const W = require('../e2e/lib/workflows');
const { webhookWorkflow } = require('../e2e/webhook');
const { sandboxClientEvent, postEvent } = require('../sandbox/webhooks');
const { waitFor, sleep } = require('../e2e/lib/proc');

const WEBHOOK_WORKFLOW = 'queueWebhook001';
const HOOK = W.stableUuid('webhook:queue-altegio-events');
const LOC = 101;
const NODE = 'Altegio Webhook Trigger';

const workflow = () =>
	webhookWorkflow({ id: WEBHOOK_WORKFLOW, hook: HOOK }, 'Queue: Altegio webhook events', { fetchRecord: true });

function items(execution) {
	const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	const run = runs && runs[NODE] && runs[NODE][0];
	const main = run && run.data && run.data.main && run.data.main[0];
	return (main || []).map((i) => i.json);
}

/**
 * The checks; `q` = {check, assert, sb, mainProc, workers, executionsOf, workerOf, noSecrets, report}.
 * The workflow is activated on the running cluster first, as from the editor.
 */
async function webhookChecks(q) {
	const { check, assert, sb, mainProc, workers } = q;
	await check('webhook trigger: main receives the events, a worker runs each execution', async () => {
		const res = await mainProc.api('POST', `/workflows/${WEBHOOK_WORKFLOW}/activate`);
		assert(res.status === 200, `activating ${WEBHOOK_WORKFLOW} answered ${res.status}: ${res.text.slice(0, 300)}`);
		const url = `${mainProc.url}/webhook/${HOOK}/webhook`;
		const client = sb.addClient(LOC, { name: 'Queue', surname: 'Webhook', phone: '442079460999' });
		const send = async (body) => {
			// queue mode registers a webhook a moment after the activation: 404 until then
			const deadline = Date.now() + 30000;
			for (;;) {
				const answer = await postEvent(url, body);
				if (answer.status !== 404 || Date.now() > deadline) return answer;
				await sleep(500);
			}
		};
		const created = sandboxClientEvent(sb, LOC, client.id, 'create');
		const answers = [await send(created), await send(sandboxClientEvent(sb, LOC, client.id, 'update'))];
		answers.push(await send(created)); // a repeat: main remembers it
		for (const a of answers) assert(a.status === 200, `answer ${a.status}: ${a.text.slice(0, 200)}`);
		let list = [];
		await waitFor(
			'two webhook executions',
			async () => {
				list = (await q.executionsOf(mainProc, WEBHOOK_WORKFLOW, true)).filter((e) => items(e).length > 0);
				return list.length >= 2;
			},
			{ timeoutMs: 40000, intervalMs: 500 },
		);
		await sleep(1500); // a third (the repeat) would be stored by now
		list = (await q.executionsOf(mainProc, WEBHOOK_WORKFLOW, true)).sort((a, b) => Number(a.id) - Number(b.id));
		q.noSecrets(JSON.stringify(list), 'the webhook executions');
		const events = list.map((e) =>
			items(e)
				.map((i) => `${i.event} ${i.clientId}`)
				.join(),
		);
		assert(
			JSON.stringify(events) === JSON.stringify([`clientCreated ${client.id}`, `clientUpdated ${client.id}`]),
			`executions: ${JSON.stringify(events)}`,
		);
		for (const e of list) {
			assert(e.mode === 'webhook' && e.status === 'success', `execution ${e.id}: ${e.mode} ${e.status}`);
			assert(items(e)[0].client.surname === 'Webhook', `execution ${e.id}: the record Altegio has`);
		}
		const ran = list.map((e) => `${e.id} on ${q.workerOf(workers, e.id)}`);
		const reads = sb.requests.filter((r) => r.method === 'GET' && r.path === `/client/${LOC}/${client.id}`);
		assert(reads.length === 2, `${reads.length} Fetch Record reads for two events`);
		const received = (mainProc.log().match(/delivery ignored/g) || []).length;
		const elsewhere = workers.map((w) => (w.log().match(/delivery ignored/g) || []).length);
		assert(received === 1 && elsewhere.every((n) => n === 0), `ignored on main ${received}, workers ${elsewhere}`);
		q.report.webhook = { executions: list.length, ranOn: [...new Set(list.map((e) => q.workerOf(workers, e.id)))] };
		return `executions ${ran.join('; ')}; the repeat was ignored on main`;
	});
}

module.exports = { workflow, webhookChecks, WEBHOOK_WORKFLOW };
