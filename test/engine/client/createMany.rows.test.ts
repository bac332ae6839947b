import type { IDataObject } from 'n8n-workflow';

import { BULK_CHUNK_SIZE } from '../../../nodes/Altegio/model/client';
import { byId, sandboxSuite } from '../harness';

/**
 * Create Many with Rows From = Input Items (the default): each input item is one client mapped with
 * Create's fields (expressions per item), sent in bulk chunks, one output item per input item.
 */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

const bulkRequests = () =>
	sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/clients/${LOCATION}/bulk`);

const fromItems = {
	operation: 'createMany',
	name: '={{ $json.first }}',
	phone: '={{ $json.tel }}',
	additionalFields: { surname: '={{ $json.last }}', email: '={{ $json.mail }}' },
};

function sheet(n: number): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		first: `Row${i}`,
		last: `Sheet${i}`,
		tel: `+1 315 555 ${String(1000 + i).padStart(4, '0')}`,
		mail: `row${i}@example.com`,
	}));
}

describe('createMany from input items', () => {
	test('120 items: bulk requests of 50, one output item per input item, linked, in order', async () => {
		const rows = sheet(120);
		const { items, error } = await run(fromItems, { input: rows });
		expect(error).toBeUndefined();
		expect(bulkRequests().map((r) => (r.body as unknown[]).length)).toEqual([BULK_CHUNK_SIZE, BULK_CHUNK_SIZE, 20]);
		expect(items).toHaveLength(120);
		expect(items.map((i) => i.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		items.forEach((item, i) => expect(item.json).toMatchObject({ success: true, name: `Row${i}` }));
		const sent = bulkRequests().flatMap((r) => r.body as IDataObject[]);
		expect(sent[7]).toEqual({ name: 'Row7', phone: '13155551007', surname: 'Sheet7', email: 'row7@example.com' });
	});

	test('a row Altegio refuses gets its own failed item; the others are created', async () => {
		sandbox.addClient(LOCATION, { name: 'Taken', phone: '13155551001' });
		sandbox.clearRequests();
		const { items, error } = await run(fromItems, { input: sheet(3) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.success)).toEqual([true, false, true]);
		expect(items[1].json.error).toMatch(/already exists/);
		expect(items[1].json.row).toMatchObject({ name: 'Row1', phone: '13155551001' });
		expect(bulkRequests()).toHaveLength(1);
	});

	test('a bad row stops the whole run before any request, naming the parameter and the item', async () => {
		const rows = sheet(3);
		rows[1].tel = '12';
		const { error } = await run(fromItems, { input: rows });
		expect(error?.message).toContain('Phone (phone)');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail a bad row is an error item, linked; the good rows are sent in one request', async () => {
		const rows = sheet(3);
		rows[0].first = '';
		const { items } = await run(fromItems, { input: rows, continueOnFail: true });
		expect(items).toHaveLength(3);
		expect(items[0].json.error).toContain('Name (name)');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.slice(1).map((i) => i.json.success)).toEqual([true, true]);
		expect(bulkRequests()).toHaveLength(1);
		expect((bulkRequests()[0].body as unknown[]).length).toBe(2);
	});

	test('items bound for two locations go to each location in its own bulk request', async () => {
		const rows = sheet(4).map((row, i) => ({ ...row, location: i % 2 ? 102 : LOCATION }));
		const { items, error } = await run({ ...fromItems, locationId: byId('={{ $json.location }}') }, { input: rows });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.success)).toEqual([true, true, true, true]);
		const paths = sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.path);
		expect(paths.sort()).toEqual(['/clients/101/bulk', '/clients/102/bulk']);
	});

	test('rows with custom fields are created one by one, still one output item each', async () => {
		const { items, error } = await run(
			{
				...fromItems,
				additionalFields: { customFields: { field: [{ key: 'source', value: '={{ $json.first }}' }] } },
			},
			{ input: sheet(2) },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.success)).toEqual([true, true]);
		expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
			`/clients/${LOCATION}`,
			`/clients/${LOCATION}`,
		]);
	});

	test('Execute Once: the one item that runs is sent, nothing waits for the others', async () => {
		const { items, error } = await run(fromItems, { input: sheet(3), nodeSettings: { executeOnce: true } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name)).toEqual(['Row0']);
		expect(bulkRequests()).toHaveLength(1);
	});

	test('the JSON default is an empty array: a node run untouched writes nothing', async () => {
		const { error } = await run({ operation: 'createMany', rowsFrom: 'json' }, { input: sheet(3) });
		expect(error?.message).toContain('Clients (clients)');
		expect(sandbox.requests).toHaveLength(0);
	});
});
