import { byId, runNode } from './harness';
import { credentials, newSandbox, PARTNER, USER } from './setup';

const sandbox = newSandbox();
beforeAll(async () => {
	await sandbox.start(0);
});
afterAll(async () => sandbox.stop());

test('client get through the real engine sends both tokens and unwraps the envelope', async () => {
	const [client] = sandbox.seedClients(101, 1);
	const { items, error } = await runNode({
		parameters: { resource: 'client', operation: 'get', locationId: byId('101'), clientId: byId(String(client.id)) },
		credentials: credentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	expect(items[0].json.id).toBe(client.id);
	expect(typeof items[0].json.phone).toBe('string');
	const request = sandbox.requests.at(-1)!;
	expect(request.headers.authorization).toBe(`Bearer ${PARTNER}, User ${USER}`);
	expect(request.headers.accept).toBe('application/vnd.api.v2+json');
});
