/** Simplify (client Get, Get Many, Get Many (Full Records), Create, Update, Create or Update). */
import { byId, sandboxSuite } from './harness';

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

describe('Simplify', () => {
	const KEPT = [
		'id',
		'name',
		'surname',
		'phone',
		'email',
		'birth_date',
		'categories',
		'comment',
		'visits',
		'visits_count',
		'spent',
		'sold_amount',
		'last_visit_date',
	];

	test('get: off gives the full record as before, on keeps the listed fields and tag titles', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1, { categories: [1, 3], comment: 'hi', email: 'a@b.co' });
		const plain = await run({ operation: 'get', clientId: byId(String(client.id)) });
		const off = await run({ operation: 'get', clientId: byId(String(client.id)), simplify: false });
		const on = await run({ operation: 'get', clientId: byId(String(client.id)), simplify: true });
		expect(off.items[0].json).toEqual(plain.items[0].json);
		expect(Object.keys(plain.items[0].json).length).toBeGreaterThanOrEqual(20);
		const full = plain.items[0].json;
		expect(on.items[0].json).toEqual({
			id: full.id,
			name: full.name,
			surname: full.surname,
			phone: full.phone,
			email: 'a@b.co',
			birth_date: full.birth_date,
			categories: ['VIP', 'Regular'],
			comment: 'hi',
			visits: full.visits,
			spent: full.spent,
		});
		expect(on.items[0].pairedItem).toEqual({ item: 0 });
	});

	test.each([
		['getAll', { returnAll: true }],
		['getAllLegacy', { returnAll: true }],
	])('%s: every record keeps at most 10 listed fields', async (operation, extra) => {
		sandbox.seedClients(LOCATION, 3, { categories: [2] });
		const off = await run({ operation, ...extra });
		const on = await run({ operation, ...extra, simplify: true });
		expect(on.items).toHaveLength(3);
		expect(on.items.map((i) => i.json.id)).toEqual(off.items.map((i) => i.json.id));
		for (const { json } of on.items) {
			expect(KEPT).toEqual(expect.arrayContaining(Object.keys(json)));
			expect(Object.keys(json).length).toBeLessThanOrEqual(10);
			expect(json.name).toBeDefined();
		}
		if (operation === 'getAllLegacy') expect(on.items[0].json.categories).toEqual(['New']);
		if (operation === 'getAll') expect(on.items[0].json).toHaveProperty('sold_amount');
	});

	test('create, update and upsert: simplified outputs (upsert keeps its action)', async () => {
		const created = await run({
			operation: 'create',
			name: 'Ana',
			phone: '+13155550120',
			// A birth date: main's whole-record PUT sends a missing one back as null (a known contract gap).
			additionalFields: { categoryIds: ['1'], birthDate: '1990-04-05' },
			simplify: true,
		});
		expect(created.error).toBeUndefined();
		const record = created.items[0].json;
		expect(KEPT).toEqual(expect.arrayContaining(Object.keys(record)));
		expect(record).toMatchObject({ name: 'Ana', phone: '13155550120', categories: ['VIP'] });

		const updated = await run({
			operation: 'update',
			clientId: byId(String(record.id)),
			updateFields: { surname: 'Diaz' },
			simplify: true,
		});
		expect(updated.items[0].json).toMatchObject({ id: record.id, surname: 'Diaz' });
		expect(updated.items[0].json).not.toHaveProperty('custom_fields');

		const upserted = await run({ operation: 'upsert', name: 'Ana', phone: '+13155550120', simplify: true });
		expect(upserted.items[0].json).toMatchObject({ id: record.id, action: 'updated' });
		expect(upserted.items[0].json).not.toHaveProperty('balance');
	});

	test('per item: an expression may turn Simplify on for some items only', async () => {
		const [a, b] = sandbox.seedClients(LOCATION, 2);
		const { items } = await run(
			{ operation: 'get', clientId: byId('={{ $json.id }}'), simplify: '={{ $json.simple }}' },
			{
				input: [
					{ id: a.id, simple: true },
					{ id: b.id, simple: false },
				],
			},
		);
		expect(items[0].json).not.toHaveProperty('balance');
		expect(items[1].json).toHaveProperty('balance');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
