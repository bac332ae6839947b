/**
 * Client > Get Many (search): paging and Limit under every reading of the page-size maximum, the
 * body's filters and fields in API form, quick search; hostile servers give the whole list or an error.
 */
import type { IDataObject } from 'n8n-workflow';

import { Altegio } from '../../../nodes/Altegio/Altegio.node';
import { sandboxSuite } from '../harness';
import { pagingTables } from '../paging';

const LOCATION = 101;
const { sandbox, run, requestsTo, clientsIn } = sandboxSuite('client', LOCATION);

describe('getAll (search)', () => {
	const searchRequests = () => requestsTo(/^\/company\/101\/clients\/search$/, 'POST');

	test.each([0, 1, 200, 201, 450])('Return All over %i clients: every client once, ceil(N/200) requests', async (n) => {
		sandbox.seedClients(LOCATION, n);
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		const ids = items.map((i) => i.json.id);
		expect(new Set(ids).size).toBe(n);
		expect(ids.sort()).toEqual(
			clientsIn()
				.map((c: IDataObject) => c.id)
				.sort(),
		);
		expect(searchRequests()).toHaveLength(Math.max(1, Math.ceil(n / 200)));
		for (const request of searchRequests()) expect(request.body.page_size).toBe(200);
	});

	test.each([
		[30, 1, [30]],
		[200, 1, [200]],
		[250, 2, [125, 125]],
		[450, 3, [150, 150, 150]],
	])(
		'limit %i over 450 clients: %i request(s), page sizes %j, exactly the limit returned',
		async (limit, count, sizes) => {
			sandbox.seedClients(LOCATION, 450);
			const { items } = await run({ operation: 'getAll', returnAll: false, limit });
			expect(items).toHaveLength(limit);
			expect(new Set(items.map((i) => i.json.id)).size).toBe(limit);
			expect(searchRequests().map((r) => r.body.page_size)).toEqual(sizes);
			expect(searchRequests()).toHaveLength(count);
		},
	);

	test('asks for every searchable field by default, so rows are not bare IDs', async () => {
		sandbox.seedClients(LOCATION, 3);
		const { items } = await run({ operation: 'getAll', returnAll: true });
		expect(searchRequests()[0].body.fields).toEqual(
			expect.arrayContaining(['id', 'name', 'phone', 'email', 'sold_amount', 'visits_count']),
		);
		expect(items[0].json).toHaveProperty('name');
		expect(typeof items[0].json.phone).toBe('string');
	});

	test('filters and options reach the body in the API form', async () => {
		sandbox.seedClients(LOCATION, 5);
		await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				quickSearch: ' Smith ',
				clientIds: '1,2',
				importance: [1, 3],
				gender: [2],
				tagIds: '1',
				birthdayFrom: '1990-01-01T00:00:00',
				birthdayTo: '1999-12-31T00:00:00',
				soldAmountFrom: 10,
				soldAmountTo: 500,
				visitStatus: [3],
				visitsCountFrom: 2,
			},
			options: { combine: 'OR' },
			sort: { sortBy: 'name', sortDirection: 'DESC' },
			output: 'selectedFields',
			fields: ['name', 'email'],
		});
		const { body } = searchRequests()[0];
		expect(body).toMatchObject({
			fields: ['id', 'name', 'email'],
			order_by: 'name',
			order_by_direction: 'DESC',
			operation: 'OR',
			page: 1,
		});
		expect(body.filters).toEqual([
			{ type: 'quick_search', state: { value: 'Smith' } },
			{ type: 'id', state: { value: [1, 2] } },
			{ type: 'category', state: { value: [1] } },
			{ type: 'importance', state: { value: [1, 3] } },
			{ type: 'gender', state: { value: [2] } },
			{ type: 'birthday', state: { from: '1990-01-01 00:00:00', to: '1999-12-31 23:59:59' } },
			{ type: 'sold_amount', state: { from: 10, to: 500 } },
			{ type: 'record', state: { status: { value: [3] }, records_count: { from: 2 } } },
		]);
	});

	test('quick search finds a client by phone', async () => {
		const clients = sandbox.seedClients(LOCATION, 20);
		const target = clients[7];
		const { items } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { quickSearch: String(target.phone) },
		});
		expect(items.map((i) => i.json.id)).toEqual([target.id]);
	});

	test('the appointment-count filters say what they count; the name outputs are told apart', () => {
		const properties = new Altegio().description.properties;
		const filters = properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.operation?.includes('getAll'),
		);
		const options = (filters?.options ?? []) as Array<{ name: string; displayName: string; description?: string }>;
		const from = options.find((o) => o.name === 'visitsCountFrom');
		expect(from?.displayName).toBe('Appointments Count From');
		expect(from?.description).toMatch(/any status when none is chosen/);
		expect(options.find((o) => o.name === 'visitsCountTo')?.displayName).toBe('Appointments Count To');
		const operations = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('client'),
		);
		const getAll = (operations?.options as Array<{ value: string; description?: string }>).find(
			(o) => o.value === 'getAll',
		);
		expect(getAll?.description).toMatch(/full name/);
	});
});

pagingTables(sandbox, run, {
	operation: 'getAll',
	path: `/company/${LOCATION}/clients/search`,
	reading: 'searchPageSize',
});
