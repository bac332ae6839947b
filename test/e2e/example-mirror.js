'use strict';

/**
 * The example "mirror clients into a data table" (examples/mirror-clients-to-data-table.json) in a
 * real n8n. Its Data table nodes need a table that exists, so this case runs after `n8n start`:
 * it creates the table (REST, owner session), then a copy of the example through the public API
 * that differs only where it must: the table chosen in the three Data table nodes, its own
 * webhook ID for the Altegio trigger, and a Webhook beside the (disabled) nightly schedule, as
 * withWebhook does for the other examples. Then events are posted as Altegio posts them.
 */

const assert = require('node:assert/strict');
const { readExample, webhookNode, stableUuid } = require('./lib/workflows');
const { waitFor, sleep } = require('./lib/proc');
const { clientsOf, LOC } = require('./lib/caseKit');
const { sandboxClientEvent, postEvent } = require('../sandbox/webhooks');

const FILE = 'mirror-clients-to-data-table.json';
const NIGHTLY_PATH = 'e2e-example-mirror-nightly';
const COLUMNS = [
	{ name: 'clientId', type: 'number' },
	...['name', 'surname', 'phone', 'email', 'lastChange'].map((name) => ({ name, type: 'string' })),
];

async function rest(n8n, method, path, body) {
	const res = await n8n.request(method, path, body);
	assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
	return res.json && res.json.data !== undefined ? res.json.data : res.json;
}

/** The copy to run: the example with the table, its own webhook ID and a webhook for the nightly branch. */
function runnableCopy(example, tableId, line) {
	const wf = structuredClone(example);
	for (const node of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable'))
		node.parameters.dataTableId = { __rl: true, mode: 'id', value: tableId };
	const trigger = wf.nodes.find((n) => n.type === 'n8n-nodes-altegio.altegioWebhookTrigger');
	trigger.webhookId = stableUuid(`webhook:e2e-example-mirror:${line}`);
	const schedule = wf.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	schedule.disabled = true;
	const hook = webhookNode('E2E nightly', NIGHTLY_PATH, [schedule.position[0], schedule.position[1] + 200], {
		responseData: 'noData',
	});
	hook.parameters.responseMode = 'lastNode';
	wf.nodes.push(hook);
	wf.connections[hook.name] = structuredClone(wf.connections[schedule.name]);
	return {
		wf: { name: `${example.name} (e2e)`, nodes: wf.nodes, connections: wf.connections, settings: wf.settings },
		trigger,
	};
}

const mirrorExample = {
	name: 'example: mirror clients into a data table (webhook events and the nightly catch-up)',
	file: FILE,
	needs: ['client.getAllLegacy'],
	dynamic: true, // created through the public API after start (run below), not imported as a copy
	async run(t) {
		const { n8n, sb } = t;
		const project = await rest(n8n, 'GET', '/rest/projects/personal');
		const table = await rest(n8n, 'POST', `/rest/projects/${project.id}/data-tables`, {
			name: `Altegio clients ${t.line}`,
			columns: COLUMNS,
		});
		const { wf, trigger } = runnableCopy(readExample(FILE), table.id, t.line);
		const created = await n8n.api('POST', '/workflows', wf);
		assert.equal(created.status, 200, `POST /api/v1/workflows: ${created.text.slice(0, 300)}`);
		const activated = await n8n.api('POST', `/workflows/${created.json.id}/activate`);
		assert.equal(activated.status, 200, `activate: ${activated.text.slice(0, 300)}`);
		const url = `${n8n.url}/webhook/${trigger.webhookId}/webhook`;
		// 2.x registers a webhook activated on a running n8n a moment later (its publication outbox): 404 until then
		const send = async (body) => {
			const deadline = Date.now() + 30000;
			for (;;) {
				const res = await postEvent(url, body);
				if (res.status !== 404 || Date.now() > deadline) {
					assert.equal(res.status, 200, `HTTP ${res.status}: ${res.text.slice(0, 200)}`);
					return res;
				}
				await sleep(300);
			}
		};
		const rows = async () =>
			(await rest(n8n, 'GET', `/rest/projects/${project.id}/data-tables/${table.id}/rows?take=1000`)).data;
		const rowsWhen = async (what, ok) => {
			let last = [];
			await waitFor(
				what,
				async () => {
					last = await rows();
					return ok(last);
				},
				{ timeoutMs: 30000, intervalMs: 300 },
			).catch((err) => {
				throw new Error(`${err.message}; rows: ${JSON.stringify(last.map((r) => [r.clientId, r.name]))}`);
			});
			return last;
		};

		// a client created in Altegio: one row within seconds
		const client = sb.addClient(LOC, { name: `Mirror ${t.line}`, surname: 'Row', phone: '13155554401' });
		await t.track(() => send(sandboxClientEvent(sb, LOC, client.id, 'create')));
		let list = await rowsWhen(`a row for client ${client.id}`, (r) => r.some((x) => x.clientId === client.id));
		assert.equal(list.length, 1);
		assert.deepEqual(
			{ name: list[0].name, surname: list[0].surname, phone: list[0].phone },
			{ name: client.name, surname: 'Row', phone: '13155554401' },
		);
		// changed: the same row, updated
		sb.getClient(LOC, client.id).surname = 'Changed';
		await t.track(() => send(sandboxClientEvent(sb, LOC, client.id, 'update')));
		list = await rowsWhen('the row updated', (r) => r.some((x) => x.surname === 'Changed'));
		assert.equal(list.length, 1, 'updated in place, not added');

		// the nightly catch-up: every client changed in the last 2 days, written once each
		const res = await t.track(() => n8n.webhook(NIGHTLY_PATH, {}));
		assert.equal(res.status, 200, `nightly: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		const since = Date.now() - 2 * 86400000;
		const changed = clientsOf(sb, LOC).filter((c) => c.last_change_at >= since);
		list = await rowsWhen(`${changed.length} rows`, (r) => r.length >= changed.length);
		assert.deepEqual(
			list.map((r) => r.clientId).sort((a, b) => a - b),
			changed.map((c) => c.id).sort((a, b) => a - b),
			'one row per changed client, none twice',
		);

		// deleted in Altegio: its row goes (Fetch Record confirms it by Altegio's 404)
		const body = sandboxClientEvent(sb, LOC, client.id, 'delete');
		const at = sb.state.clients.findIndex((c) => c.id === client.id && c.locationId === LOC);
		sb.state.clients.splice(at, 1);
		await t.track(() => send(body));
		list = await rowsWhen(`client ${client.id}'s row deleted`, (r) => !r.some((x) => x.clientId === client.id));
		assert.equal(list.length, changed.length - 1);
		await n8n.api('POST', `/workflows/${created.json.id}/deactivate`);
	},
};

module.exports = { mirrorExample };
