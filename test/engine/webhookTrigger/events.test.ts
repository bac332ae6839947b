/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Altegio Webhook Trigger through n8n-core's WebhookContext (test/engine/webhookTrigger/receiver.ts),
 * events posted over loopback HTTP by the sandbox's webhook helper as Altegio posts them: what
 * starts an execution, what is ignored (and answered the same), de-duplication, activation checks.
 */
import type { IDataObject } from 'n8n-workflow';

import { DUPLICATE_WINDOW_MS } from '../../../nodes/AltegioWebhookTrigger/recentDeliveries';
import { PARTNER, USER, byId } from '../harness';
import { receiverSuite } from './receiver';

const { clientEvent, sandboxClientEvent, postEvent } = require('../../sandbox/webhooks');

const LOCATION = 101;
const { sandbox, logs, receiver } = receiverSuite(LOCATION);

afterEach(() => jest.restoreAllMocks());

const ANSWER = 'OK';

describe('client events start one execution each', () => {
	test.each([
		['create', 'clientCreated'],
		['update', 'clientUpdated'],
		['delete', 'clientDeleted'],
	])('status %s → %s with the payload record read like the action node reads it', async (status, event) => {
		const r = await receiver();
		const [client] = sandbox.seedClients(LOCATION, 1, { phone: '13155550123' });
		const body = sandboxClientEvent(sandbox, LOCATION, client.id, status);
		body.data.categories = { 7: { id: 7, title: 'VIP' } };
		const before = Date.now();
		const res = await postEvent(r.url, body);
		expect(res).toMatchObject({ status: 200, text: ANSWER });
		expect(r.started).toHaveLength(1);
		const [item] = r.started[0];
		expect(Object.keys(item).sort()).toEqual(['client', 'clientId', 'event', 'locationId', 'receivedAt']);
		expect(item).toMatchObject({ event, locationId: LOCATION, clientId: client.id });
		expect(Date.parse(String(item.receivedAt))).toBeGreaterThanOrEqual(before - 1000);
		const out = item.client as IDataObject;
		expect(out.id).toBe(client.id);
		expect(out.name).toBe(client.name);
		// the tolerant reader: a phone number becomes a string, keyed tags a list
		expect(out.phone).toBe('13155550123');
		expect(out.categories).toEqual([{ id: 7, title: 'VIP' }]);
		// without Fetch Record the API is not asked: the answer never waits for it
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a delete that comes without data still starts, without a client key', async () => {
		const r = await receiver();
		const res = await postEvent(r.url, { company_id: LOCATION, resource: 'client', resource_id: 5, status: 'delete' });
		expect(res.status).toBe(200);
		expect(r.started).toEqual([[expect.not.objectContaining({ client: expect.anything() })]]);
		expect(r.started[0][0]).toMatchObject({ event: 'clientDeleted', clientId: 5 });
	});

	test('IDs sent as digit strings are read as IDs', async () => {
		const r = await receiver();
		const body = clientEvent({ locationId: '101', clientId: '77', status: 'update', data: { id: '77', name: 'A' } });
		await postEvent(r.url, body);
		expect(r.started[0][0]).toMatchObject({ locationId: LOCATION, clientId: 77 });
	});

	test('only the selected events start the workflow; the others are answered the same and logged', async () => {
		const r = await receiver({ events: ['clientDeleted'] });
		const update = clientEvent({ locationId: LOCATION, clientId: 3, status: 'update', data: { id: 3, name: 'X' } });
		const res = await postEvent(r.url, update);
		expect(res).toMatchObject({ status: 200, text: ANSWER });
		expect(r.started).toHaveLength(0);
		expect(logs.map((l) => l.message)).toEqual([expect.stringContaining('clientUpdated is not selected')]);
		await postEvent(r.url, { ...update, status: 'delete' });
		expect(r.started).toHaveLength(1);
	});
});

describe('a body that is not a client event of the location starts nothing', () => {
	const MARK = 'Zq-payload-marker';
	const event = (over: IDataObject = {}) => ({
		...clientEvent({ locationId: LOCATION, clientId: 9, status: 'update', data: { id: 9, name: MARK } }),
		...over,
	});
	const cases: Array<[string, unknown, string, { raw?: boolean; headers?: IDataObject }?]> = [
		['plain text', `not json ${MARK}`, 'not a JSON object', { raw: true, headers: { 'content-type': 'text/plain' } }],
		['a JSON array', [event()], 'a JSON array'],
		['a JSON string', JSON.stringify(MARK), 'not a JSON object', { raw: true }],
		['an unrelated object', { hello: MARK }, 'not an Altegio event'],
		['another location', event({ company_id: 102 }), 'another location'],
		['a company_id that is not an ID', event({ company_id: `1; ${MARK}` }), 'company_id'],
		['no company_id', event({ company_id: undefined }), 'company_id'],
		['another resource', event({ resource: 'record' }), 'not about a client'],
		['an unknown status', event({ status: MARK }), 'not create, update or delete'],
		['no resource_id', event({ resource_id: undefined }), 'resource_id'],
		['a resource_id that is not an ID', event({ resource_id: -4 }), 'resource_id'],
		['data that is not a record', event({ data: [MARK] }), 'not a client record'],
		['an update without data', event({ data: undefined }), 'without data'],
		['data of another client', event({ data: { id: 10, name: MARK } }), 'differs from resource_id'],
		['a huge body', event({ data: { id: 9, name: MARK, comment: 'x'.repeat(300 * 1024) } }), 'larger than'],
	];
	// `how = {}`: a fourth declared argument would be taken for jest's done callback
	test.each(cases)('%s', async (_name, body, reason, how = {}) => {
		const r = await receiver();
		const res = await postEvent(r.url, body, how);
		expect(res).toMatchObject({ status: 200, text: ANSWER });
		expect(r.started).toHaveLength(0);
		expect(r.failed).toHaveLength(0);
		expect(logs).toHaveLength(1);
		expect(logs[0].level).toBe('warn');
		expect(logs[0].message).toContain('delivery ignored');
		expect(logs[0].message).toContain(reason);
		// the log line says why, never what was posted
		expect(JSON.stringify(logs)).not.toContain(MARK);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('a second delivery of the same event starts nothing (per process)', () => {
	const update = (name: string) =>
		clientEvent({ locationId: LOCATION, clientId: 21, status: 'update', data: { id: 21, name } });

	test('same status, client and data within the window: once; different data or status: again', async () => {
		const r = await receiver();
		for (let i = 0; i < 3; i++) expect((await postEvent(r.url, update('Anna'))).text).toBe(ANSWER);
		expect(r.started).toHaveLength(1);
		expect(logs.filter((l) => l.message.includes('delivered again'))).toHaveLength(2);
		await postEvent(r.url, update('Anne'));
		await postEvent(r.url, { ...update('Anne'), status: 'delete' });
		expect(r.started.map((s) => s[0].event)).toEqual(['clientUpdated', 'clientUpdated', 'clientDeleted']);
	});

	test('after the window the same delivery starts again (expiry worked out on access, no timer)', async () => {
		const r = await receiver();
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		await postEvent(r.url, update('Bea'));
		clock.mockReturnValue(now + DUPLICATE_WINDOW_MS - 1);
		await postEvent(r.url, update('Bea'));
		expect(r.started).toHaveLength(1);
		clock.mockReturnValue(now + 2 * DUPLICATE_WINDOW_MS);
		await postEvent(r.url, update('Bea'));
		expect(r.started).toHaveLength(2);
	});

	test('two workflows (or two trigger nodes) each get the event once', async () => {
		const a = await receiver();
		const b = await receiver();
		const c = await receiver({}, { workflowId: 'wf-shared', nodeId: 'other-node' });
		for (const r of [a, b, c, a, b, c]) await postEvent(r.url, update('Cleo'));
		expect([a, b, c].map((r) => r.started.length)).toEqual([1, 1, 1]);
	});
});

describe('activation checks the parameters, before any request', () => {
	test.each([
		[{ locationId: byId('12ab') }, 'Location (locationId) must be a positive whole number'],
		[{ locationId: byId('') }, 'Location (locationId) is required'],
		[{ events: [] }, 'Events (events): choose at least one'],
		[{ options: { fetchRecord: true } }, 'Fetch Record (options.fetchRecord) needs an Altegio API credential'],
	])('%j', async (parameters, message) => {
		const r = await receiver(parameters, { withCredential: false });
		await expect(r.activate()).rejects.toThrow(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('good parameters activate without a credential and without any request', async () => {
		const r = await receiver({}, { withCredential: false });
		await expect(r.activate()).resolves.toBeUndefined();
		await postEvent(r.url, clientEvent({ locationId: LOCATION, clientId: 1, status: 'update', data: { id: 1 } }));
		expect(r.started).toHaveLength(1);
		expect(sandbox.requests).toHaveLength(0);
	});
});

test('no token in an output, an answer or a log line', async () => {
	const r = await receiver({ options: { fetchRecord: true } });
	const [client] = sandbox.seedClients(LOCATION, 1);
	const res = await postEvent(r.url, sandboxClientEvent(sandbox, LOCATION, client.id, 'update'));
	await postEvent(r.url, { hello: 'world' });
	const seen = JSON.stringify([res, r.started, logs]);
	for (const secret of [PARTNER, USER]) expect(seen).not.toContain(secret);
	expect(r.started).toHaveLength(1);
});
