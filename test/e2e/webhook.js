'use strict';

/**
 * The Altegio Webhook Trigger in a real n8n: events posted to the production URL as Altegio posts
 * them (test/sandbox/webhooks.js), the executions read back through the public API.
 *
 * Two workflows, activated (1.x) / published (2.x) before `n8n start` like the others:
 *   - "E2E webhook events": the trigger alone, no credential, all three events, location 101;
 *   - "E2E webhook fetch": the same with the credential and Fetch Record.
 * The checks run in order and share `t.state`. An ignored delivery leaves no trace in n8n's
 * executions, so "it started nothing" is checked by posting a valid event after the ignored ones
 * and finding only that one new execution.
 */

const assert = require('node:assert/strict');
const { stableUuid, rl, CREDENTIALS, CREDENTIAL_TYPE, PACKAGE } = require('./lib/workflows');
const { waitFor } = require('./lib/proc');
const { LOC } = require('./lib/caseKit');
const { clientEvent, sandboxClientEvent, postEvent } = require('../sandbox/webhooks');

const WEBHOOK_TYPE = `${PACKAGE}.altegioWebhookTrigger`;
const NODE = 'Altegio Webhook Trigger';
const PLAIN = { id: 'e2eWebhook00001', hook: stableUuid('webhook:e2e-altegio-events') };
const FETCH = { id: 'e2eWebhookFetch1', hook: stableUuid('webhook:e2e-altegio-fetch') };
const EVENTS = ['clientCreated', 'clientUpdated', 'clientDeleted'];
const MARK = 'e2e-payload-marker-51';

function webhookWorkflow({ id, hook }, name, { fetchRecord = false } = {}) {
	const cred = CREDENTIALS.token;
	return {
		id,
		name,
		nodes: [
			{
				id: stableUuid(`node:${id}`),
				name: NODE,
				type: WEBHOOK_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: hook,
				parameters: { locationId: rl(LOC), events: EVENTS, options: fetchRecord ? { fetchRecord: true } : {} },
				...(fetchRecord ? { credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } } } : {}),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

const webhookWorkflows = () => [
	webhookWorkflow(PLAIN, 'E2E webhook events'),
	webhookWorkflow(FETCH, 'E2E webhook fetch', { fetchRecord: true }),
];

const urlOf = (t, wf) => `${t.n8n.url}/webhook/${wf.hook}/webhook`;

/** The items the trigger output in an execution. */
function items(execution) {
	const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	const run = runs && runs[NODE] && runs[NODE][0];
	const main = run && run.data && run.data.main && run.data.main[0];
	return (main || []).map((i) => i.json);
}

/** Finished executions of a workflow with their data, oldest first. */
async function executions(t, wf) {
	const res = await t.n8n.api('GET', `/executions?workflowId=${wf.id}&includeData=true&limit=250`);
	assert.equal(res.status, 200, `GET /api/v1/executions answered ${res.status}: ${res.text.slice(0, 300)}`);
	t.noSecrets(res.text);
	return res.json.data
		.filter((e) => e.finished || (e.status && e.status !== 'running' && e.status !== 'new'))
		.filter((e) => items(e).length > 0 || (e.data && e.data.resultData && e.data.resultData.error))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Waits until the workflow has `n` stored executions; returns them. */
async function waitForExecutions(t, wf, n) {
	let last = [];
	await waitFor(
		`${n} execution(s) of ${wf.id}`,
		async () => {
			last = await executions(t, wf);
			return last.length >= n;
		},
		{ timeoutMs: 30000, intervalMs: 300 },
	).catch((err) => {
		throw new Error(`${err.message}; seen: ${JSON.stringify(last.map((e) => [e.id, e.mode, e.status, items(e)]))}`);
	});
	return last;
}

async function post(t, wf, body, how) {
	const res = await postEvent(urlOf(t, wf), body, how);
	t.noSecrets(res.text);
	return res;
}

const webhookChecks = [
	{
		name: 'webhook trigger: created, updated and deleted clients each start one execution',
		async run(t) {
			const client = t.sb.addClient(LOC, { name: `Webhook ${t.line}`, surname: 'Events', phone: '13155554301' });
			const answers = [];
			for (const status of ['create', 'update', 'delete'])
				answers.push(await post(t, PLAIN, sandboxClientEvent(t.sb, LOC, client.id, status)));
			for (const a of answers) assert.equal(a.status, 200, `answer ${a.status}: ${a.text.slice(0, 200)}`);
			const list = await waitForExecutions(t, PLAIN, 3);
			assert.equal(list.length, 3, `three executions: ${list.map((e) => e.id)}`);
			assert.deepEqual(
				list.map((e) => items(e).map((i) => [i.event, i.locationId, i.clientId])),
				EVENTS.map((event) => [[event, LOC, client.id]]),
			);
			for (const e of list) {
				assert.equal(e.mode, 'webhook', `execution ${e.id} mode`);
				assert.equal(e.status, 'success', `execution ${e.id} status`);
				const [item] = items(e);
				assert.equal(item.client.name, client.name);
				assert.equal(typeof item.client.phone, 'string', 'the phone as a string (the record reader)');
				assert.ok(!Number.isNaN(Date.parse(item.receivedAt)), 'receivedAt is a date');
			}
			for (const a of answers) assert.equal(a.text, 'OK', "n8n answers with the node's own text");
			t.state.answer = answers[0];
			t.state.client = client;
		},
	},
	{
		name: 'webhook trigger: bodies that are not its events, and a repeat, start nothing and get the same 200',
		async run(t) {
			const client = t.state.client;
			if (!client) throw new Error('needs the first webhook check, which failed');
			const before = (await executions(t, PLAIN)).length;
			const event = (over) => ({
				...clientEvent({ locationId: LOC, clientId: client.id, status: 'update', data: { id: client.id, name: MARK } }),
				...over,
			});
			const ignored = [
				['plain text', `hello ${MARK}`, { raw: true, headers: { 'content-type': 'text/plain' } }],
				['a JSON array', [event()]],
				['an unrelated object', { probe: MARK }],
				['another location', event({ company_id: LOC + 1 })],
				['another resource', event({ resource: 'record' })],
				['an unknown status', event({ status: 'archive' })],
				['no resource_id', event({ resource_id: undefined })],
				['a huge body', event({ data: { id: client.id, comment: 'x'.repeat(400 * 1024) } })],
				['the first event again', sandboxClientEvent(t.sb, LOC, client.id, 'delete')],
			];
			for (const [what, body, how] of ignored) {
				const res = await post(t, PLAIN, body, how);
				assert.equal(res.status, 200, `${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
				assert.deepEqual(
					{ text: res.text, type: res.type },
					{ text: t.state.answer.text, type: t.state.answer.type },
					`${what}: answered like an accepted event`,
				);
			}
			// a valid event after them: when it is stored, anything the ignored ones started would be too
			const after = t.sb.addClient(LOC, { name: `Webhook ${t.line} after`, phone: '13155554302' });
			await post(t, PLAIN, sandboxClientEvent(t.sb, LOC, after.id, 'create'));
			const list = await waitForExecutions(t, PLAIN, before + 1);
			assert.deepEqual(
				list.slice(before).map((e) => items(e).map((i) => i.clientId)),
				[[after.id]],
				'only the valid event started an execution',
			);
			const log = t.n8n.log();
			const lines = log.split('\n').filter((l) => l.includes('delivery ignored'));
			assert.ok(lines.length >= ignored.length, `a log line per ignored delivery (${lines.length})`);
			assert.ok(!log.includes(MARK), 'no payload content in the log');
		},
	},
	{
		name: 'webhook trigger: Fetch Record outputs the record Altegio has and confirms a delete by its 404',
		async run(t) {
			const client = t.sb.addClient(LOC, { name: `Webhook ${t.line} fetch`, surname: 'Real', phone: '13155554303' });
			const forged = sandboxClientEvent(t.sb, LOC, client.id, 'update');
			forged.data.surname = 'Forged';
			const from = t.sb.requests.length;
			const res = await post(t, FETCH, forged);
			assert.equal(res.status, 200);
			let list = await waitForExecutions(t, FETCH, 1);
			assert.equal(items(list[0])[0].client.surname, 'Real', 'the record read from Altegio, not the payload');
			const reads = t.sb.requests.slice(from).map((r) => `${r.method} ${r.path} ${r.status}`);
			assert.deepEqual(reads, [`GET /client/${LOC}/${client.id} 200`]);
			// a delete while Altegio still has the client: nothing
			await post(t, FETCH, sandboxClientEvent(t.sb, LOC, client.id, 'delete'));
			const deleted = sandboxClientEvent(t.sb, LOC, client.id, 'delete');
			const at = t.sb.state.clients.findIndex((c) => c.id === client.id && c.locationId === LOC);
			t.sb.state.clients.splice(at, 1);
			deleted.data.comment = 'deleted for real';
			await post(t, FETCH, deleted);
			list = await waitForExecutions(t, FETCH, 2);
			assert.equal(list.length, 2, 'the unconfirmed delete started nothing');
			const [item] = items(list[1]);
			assert.deepEqual(
				{ event: item.event, clientId: item.clientId, client: item.client },
				{ event: 'clientDeleted', clientId: client.id, client: undefined },
			);
			t.noSecrets(t.n8n.log());
		},
	},
];

module.exports = { webhookWorkflow, webhookWorkflows, webhookChecks, WEBHOOK_TYPE, PLAIN, FETCH, NODE };
