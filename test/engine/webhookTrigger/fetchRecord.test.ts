/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Altegio Webhook Trigger with Fetch Record: the client is read through the package's transport
 * (n8n-core's WebhookContext, real HTTP to the sandbox) before anything starts, so the payload
 * cannot inject data; a delete counts only when Altegio answers 404.
 */
import type { IDataObject } from 'n8n-workflow';

import { PARTNER, USER } from '../harness';
import { receiverSuite } from './receiver';

const { clientEvent, sandboxClientEvent, postEvent } = require('../../sandbox/webhooks');

const LOCATION = 101;
const ANSWER = 'OK';
const { sandbox, credentials, logs, ...suite } = receiverSuite(LOCATION, { fastRetries: true });

/** A receiver with Fetch Record, activated (as n8n activates the workflow). */
async function receiver(creds = credentials()) {
	const r = await suite.receiver({ options: { fetchRecord: true } }, { credentials: creds });
	await r.activate();
	return r;
}

/** A client in the sandbox and Altegio's event about it (`status`), the request log cleared after. */
function eventAbout(status: 'create' | 'update' | 'delete') {
	const [client] = sandbox.seedClients(LOCATION, 1);
	const body = sandboxClientEvent(sandbox, LOCATION, client.id, status);
	sandbox.clearRequests();
	return { client, body };
}
/** The client's read answers `status`, `times` times. */
const readFails = (id: unknown, status: number, times: number) =>
	sandbox.addFault({ method: 'GET', path: `/client/${LOCATION}/${id}`, kind: 'status', status, times });

const reads = () => sandbox.requests.map((q) => `${q.method} ${q.path} ${q.status}`);
const removeClient = (id: number) => {
	const at = sandbox.state.clients.findIndex((c: IDataObject) => c.id === id && c.locationId === LOCATION);
	sandbox.state.clients.splice(at, 1);
};

test('an update outputs the record Altegio has, not the posted one', async () => {
	const r = await receiver();
	const { client, body } = eventAbout('update');
	body.data = { ...body.data, name: 'Forged', email: 'attacker@example.com' };
	expect(await postEvent(r.url, body)).toMatchObject({ status: 200, text: ANSWER });
	expect(reads()).toEqual([`GET /client/${LOCATION}/${client.id} 200`]);
	expect(r.started).toHaveLength(1);
	const out = r.started[0][0].client as IDataObject;
	expect(out.name).toBe(client.name);
	expect(out.email).not.toBe('attacker@example.com');
	expect(typeof out.phone).toBe('string');
});

test('a create for a client Altegio does not have starts nothing (forged, or deleted since)', async () => {
	const r = await receiver();
	const body = clientEvent({
		locationId: LOCATION,
		clientId: 999999,
		status: 'create',
		data: { id: 999999, name: 'X' },
	});
	expect(await postEvent(r.url, body)).toMatchObject({ status: 200, text: ANSWER });
	expect(reads()).toEqual([`GET /client/${LOCATION}/999999 404`]);
	expect(r.started).toHaveLength(0);
	expect(logs.map((l) => l.message)).toEqual([expect.stringContaining('Altegio does not have the client')]);
});

test('a delete is passed on only once Altegio answers 404, without the posted record', async () => {
	const r = await receiver();
	const { client, body } = eventAbout('delete');
	// Altegio still has the client: a forged or out-of-date delete
	expect(await postEvent(r.url, body)).toMatchObject({ status: 200, text: ANSWER });
	expect(r.started).toHaveLength(0);
	expect(logs.map((l) => l.message)).toEqual([expect.stringContaining('still has the client')]);
	removeClient(client.id as number);
	// the same body again: not a duplicate yet it was ignored, so it is remembered; a re-delivery differs
	body.data.last_change_date = '2027-01-01T10:00:00+0000';
	expect(await postEvent(r.url, body)).toMatchObject({ status: 200, text: ANSWER });
	expect(reads()).toEqual([`GET /client/${LOCATION}/${client.id} 200`, `GET /client/${LOCATION}/${client.id} 404`]);
	expect(r.started).toEqual([
		[{ event: 'clientDeleted', locationId: LOCATION, clientId: client.id, receivedAt: expect.any(String) }],
	]);
});

test('Altegio failing: thrown (n8n records a failed execution), and a re-delivery is tried again', async () => {
	const r = await receiver();
	const { client, body } = eventAbout('update');
	readFails(client.id, 403, 1);
	expect((await postEvent(r.url, body)).status).toBe(500);
	expect(r.started).toHaveLength(0);
	expect(r.failed).toHaveLength(1);
	expect(r.failed[0].message).toMatch(/HTTP 403/);
	expect(JSON.stringify(r.failed[0])).not.toContain(USER);
	expect(await postEvent(r.url, body)).toMatchObject({ status: 200, text: ANSWER });
	expect(r.started).toHaveLength(1);
});

test('server errors are retried like every read of the package', async () => {
	const r = await receiver();
	const { client, body } = eventAbout('update');
	readFails(client.id, 503, 2);
	expect(await postEvent(r.url, body)).toMatchObject({ status: 200, text: ANSWER });
	expect(reads()).toEqual([503, 503, 200].map((s) => `GET /client/${LOCATION}/${client.id} ${s}`));
	expect(r.started).toHaveLength(1);
});

test('login and password: the credential signs in from the webhook and no secret shows', async () => {
	const creds = credentials({
		authMethod: 'password',
		userToken: '',
		login: sandbox.options.login,
		password: sandbox.options.password,
	});
	const r = await receiver(creds);
	const [client] = sandbox.seedClients(LOCATION, 1);
	sandbox.clearRequests();
	await postEvent(r.url, sandboxClientEvent(sandbox, LOCATION, client.id, 'update'));
	expect(reads()).toEqual(
		['POST /auth 201', `GET /client/${LOCATION}/${client.id} 200`].map((x) =>
			expect.stringMatching(x.split(' ').slice(0, 2).join(' ')),
		),
	);
	expect(r.started).toHaveLength(1);
	const seen = JSON.stringify([r.started, logs]);
	for (const secret of [PARTNER, USER, String(sandbox.options.password)]) expect(seen).not.toContain(secret);
});
