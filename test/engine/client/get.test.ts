/**
 * Client > Get: by ID from a list or from an expression, Altegio's 404, Continue On Fail, the headers
 * sent. Bad IDs: test/reliability/bad-input.test.ts (every ID parameter of every operation).
 */
import { byId, fromList, PARTNER, sandboxSuite, USER } from '../harness';

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

describe('get', () => {
	test('client get through the real engine sends both tokens and unwraps the envelope', async () => {
		const [client] = sandbox.seedClients(101, 1);
		const { items, error } = await run({ operation: 'get', clientId: byId(String(client.id)) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.id).toBe(client.id);
		expect(typeof items[0].json.phone).toBe('string');
		const request = sandbox.requests.at(-1)!;
		expect(request.headers.authorization).toBe(`Bearer ${PARTNER}, User ${USER}`);
		expect(request.headers.accept).toBe('application/vnd.api.v2+json');
	});

	test('get accepts the ID from a list or as a number from an expression', async () => {
		const [a, b] = sandbox.seedClients(LOCATION, 2);
		const first = await run({ operation: 'get', clientId: fromList(String(a.id)) });
		const second = await run({ operation: 'get', clientId: byId(Number(b.id)) });
		expect(first.items[0].json.id).toBe(a.id);
		expect(second.items[0].json.id).toBe(b.id);
		expect(second.items[0].json.phone).toBe(String(b.phone));
	});

	test("an unknown client gives Altegio's 404 message", async () => {
		const { error } = await run({ operation: 'get', clientId: byId('999999') });
		expect(error?.message).toMatch(/not found/i);
		expect(error?.message).toContain('404');
	});

	test('Continue On Fail: a failing item becomes an error item and the others go on', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const { items, error } = await run(
			{ operation: 'get', clientId: byId('={{ $json.id }}') },
			{ input: [{ id: 999999 }, { id: client.id }, { id: 'x/1' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.error ?? items[0].error?.message).toBeTruthy();
		expect(items[1].json.id).toBe(client.id);
		expect(String(items[2].json.error ?? items[2].error?.message)).toContain('clientId');
		// The bad ID never reached the sandbox: only the two valid ones did.
		expect(sandbox.requests).toHaveLength(2);
	});

	test('GET and DELETE carry Content-Type: application/json, as the docs samples', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const base = { clientId: byId(String(client.id)) };
		await run({ ...base, operation: 'get' });
		await run({ ...base, operation: 'delete' });
		expect(sandbox.requests.map((r) => [r.method, r.headers['content-type']])).toEqual([
			['GET', 'application/json'],
			['DELETE', 'application/json'],
		]);
	});
});
