/**
 * Item linking: n8n links output items to input items by itself only for the 1→N, N→N and N→1
 * shapes; with 2+ inputs and another number of outputs the node must set `pairedItem`, or
 * `$('Altegio').item` fails downstream. Every item, error items included, points at its input.
 */
import { byId, sandboxSuite } from './harness';

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

const links = (items: Array<{ pairedItem?: unknown }>) => items.map((item) => item.pairedItem);

test('Get Many with 2 inputs and Limit 3: 6 items, the first 3 linked to input 0, the next 3 to input 1', async () => {
	sandbox.seedClients(LOCATION, 5);
	const { items, error } = await run({ operation: 'getAll', returnAll: false, limit: 3 }, { input: [{}, {}] });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(6);
	expect(links(items)).toEqual([0, 0, 0, 1, 1, 1].map((item) => ({ item })));
});

test('an input that gives no record adds no item; the others keep their own links', async () => {
	const [emma] = sandbox.seedClients(LOCATION, 1, { name: 'Emma' });
	const { items, error } = await run(
		{ operation: 'getAll', returnAll: true, filters: { quickSearch: '={{ $json.q }}' } },
		{ input: [{ q: 'nobody-by-this-name' }, { q: 'Emma' }, { q: 'Emma' }] },
	);
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.id)).toEqual([emma.id, emma.id]);
	expect(links(items)).toEqual([{ item: 1 }, { item: 2 }]);
});

test('Continue On Fail: error items (a bad ID, an API 404) are linked to the input that failed', async () => {
	const [client] = sandbox.seedClients(LOCATION, 1);
	const { items, error } = await run(
		{ operation: 'get', clientId: byId('={{ $json.id }}') },
		{ input: [{ id: 'x/1' }, { id: client.id }, { id: 999999 }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(3);
	expect(links(items)).toEqual([0, 1, 2].map((item) => ({ item })));
	expect(String(items[0].json.error)).toContain('clientId');
	expect(items[1].json.id).toBe(client.id);
	expect(items[2].json.error).toEqual(expect.any(String));
	// The bad ID never reached Altegio.
	expect(sandbox.requests).toHaveLength(2);
});

test('Continue On Fail with more outputs than inputs: the error item keeps its own link', async () => {
	const [a, b] = sandbox.seedClients(LOCATION, 2);
	const { items, error } = await run(
		{ operation: 'getAll', returnAll: true, filters: { clientIds: '={{ $json.ids }}' } },
		{ input: [{ ids: 'x/1' }, { ids: `${a.id},${b.id}` }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(3);
	expect(links(items)).toEqual([0, 1, 1].map((item) => ({ item })));
	expect(String(items[0].json.error)).toContain('clientIds');
});
