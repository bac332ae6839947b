import { byId, sandboxSuite } from '../harness';

/** Visit History > Get Many with Output: staff, services and products by name, at most 10 fields. */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('history', LOCATION);

function seed() {
	const client = sandbox.addClient(LOCATION, { name: 'Liam', phone: '13155550456' }) as { id: number };
	sandbox.addVisit(LOCATION, client.id, {
		date: '2026-01-10 10:00:00',
		staff: 10101,
		services: [{ id: 101001 }, { id: 101002 }],
		comment: 'first',
	});
	sandbox.addGoodsTransaction(LOCATION, client.id, { date: '2026-01-09 12:00:00', goods: [{ id: 1010001 }] });
	sandbox.clearRequests();
	return client.id;
}
const search = { operation: 'getAll', searchBy: 'clientId', returnAll: true };

describe('history getAll: Output', () => {
	test('Simplified by default: kind and ID kept, staff by name, services and products by title', async () => {
		const clientId = seed();
		const { items, error } = await run({ ...search, clientId: byId(String(clientId)) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.kind)).toEqual(['visit', 'goodsTransaction']);
		expect(items[0].json).toMatchObject({
			staff: 'Alex Morgan',
			services: ['Haircut', 'Hair coloring'],
			comment: 'first',
			attendance: 1,
		});
		expect(items[1].json).toMatchObject({ goods: ['Shampoo'], staff: expect.any(String) });
		for (const { json } of items) {
			expect(Object.keys(json).length).toBeLessThanOrEqual(10);
			expect(json).not.toHaveProperty('company');
		}
	});

	test('Raw keeps the nested objects; Selected Fields keeps kind and ID', async () => {
		const clientId = seed();
		const raw = await run({ ...search, clientId: byId(String(clientId)), output: 'raw' });
		expect(raw.items[0].json.staff).toMatchObject({ id: 10101, name: 'Alex Morgan' });
		const picked = await run({
			...search,
			clientId: byId(String(clientId)),
			output: 'selectedFields',
			fields: ['date'],
		});
		expect(picked.items.map((i) => Object.keys(i.json).sort())).toEqual([
			['date', 'id', 'kind'],
			['date', 'id', 'kind'],
		]);
	});
});
