import type { IDataObject } from 'n8n-workflow';
import { clientRecordShape } from '../../../nodes/Altegio/model/client';
import { shapeRecord } from '../../../nodes/Altegio/kernel/params';
import { byId, sandboxSuite } from '../harness';

/**
 * Output on client operations: Simplified by default (at most 10 fields, tags as titles), Raw as
 * Altegio sent it, Selected Fields (ID always); `warnings` and Create or Update's `action` always kept.
 */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

const SIMPLE = ['id', 'name', 'surname', 'phone', 'email', 'birth_date', 'categories', 'visits', 'spent'];
const searchBodies = () =>
	sandbox.requests.filter((r) => r.path === `/company/${LOCATION}/clients/search`).map((r) => r.body as IDataObject);

describe('client Output', () => {
	test('get: Simplified by default (tag titles, at most 10 fields), Raw is the full record', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1, { categories: [1, 3], email: 'a@b.co' });
		const simple = await run({ operation: 'get', clientId: byId(String(client.id)) });
		const raw = await run({ operation: 'get', clientId: byId(String(client.id)), output: 'raw' });
		expect(simple.error).toBeUndefined();
		const full = raw.items[0].json;
		expect(Object.keys(full).length).toBeGreaterThanOrEqual(20);
		expect(Object.keys(simple.items[0].json)).toEqual(SIMPLE.filter((key) => key in full));
		expect(simple.items[0].json).toMatchObject({ id: full.id, email: 'a@b.co', categories: ['VIP', 'Regular'] });
		expect(full.categories).toEqual([expect.objectContaining({ id: 1, title: 'VIP' }), expect.anything()]);
	});

	test('Selected Fields: the ID and the chosen fields that Altegio sent, nothing else', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1, { comment: 'hi' });
		const { items } = await run({
			operation: 'get',
			clientId: byId(String(client.id)),
			output: 'selectedFields',
			fields: ['comment', 'custom_fields', 'paid'],
		});
		// `paid` is not in the sandbox's record: absent stays absent.
		expect(items[0].json).toEqual({ id: client.id, comment: 'hi', custom_fields: expect.anything() });
	});

	test('an expression may give the fields comma-separated, and Output per item', async () => {
		const [a, b] = sandbox.seedClients(LOCATION, 2);
		const { items } = await run(
			{
				operation: 'get',
				clientId: byId('={{ $json.id }}'),
				output: '={{ $json.output }}',
				fields: '={{ "email, phone" }}',
			},
			{
				input: [
					{ id: a.id, output: 'selectedFields' },
					{ id: b.id, output: 'raw' },
				],
			},
		);
		expect(Object.keys(items[0].json).sort()).toEqual(['email', 'id', 'phone']);
		expect(items[1].json).toHaveProperty('balance');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('an unknown Output value fails naming the parameter', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		sandbox.clearRequests();
		const { error } = await run({ operation: 'get', clientId: byId(String(client.id)), output: '={{ "tiny" }}' });
		expect(error?.message).toContain('Output (output)');
	});

	test('Get Many: Simplified asks for every field the search can return; Selected Fields only those', async () => {
		sandbox.seedClients(LOCATION, 3);
		const simple = await run({ operation: 'getAll', returnAll: true });
		const picked = await run({ operation: 'getAll', returnAll: true, output: 'selectedFields', fields: ['email'] });
		const [first, second] = searchBodies();
		expect(first.fields).toEqual(expect.arrayContaining(['id', 'name', 'phone', 'sold_amount', 'visits_count']));
		expect(second.fields).toEqual(['id', 'email']);
		for (const { json } of simple.items) expect(Object.keys(json).length).toBeLessThanOrEqual(10);
		for (const { json } of picked.items) expect(Object.keys(json).sort()).toEqual(['email', 'id']);
	});

	test('Get Many: a field the search cannot return fails naming Fields, before any request', async () => {
		const { error } = await run({ operation: 'getAll', output: 'selectedFields', fields: ['email', 'surname'] });
		expect(error?.message).toContain('Fields (fields)');
		expect(error?.message).toContain('surname');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Get Many Full Records: tag titles in Simplified, at most 10 fields', async () => {
		sandbox.seedClients(LOCATION, 2, { categories: [2] });
		const { items } = await run({ operation: 'getAllLegacy', returnAll: true });
		expect(items).toHaveLength(2);
		for (const { json } of items) {
			expect(Object.keys(json).length).toBeLessThanOrEqual(10);
			expect(json.categories).toEqual(['New']);
			expect(json).not.toHaveProperty('custom_fields');
		}
	});

	test('create and upsert: Simplified, and Create or Update keeps its action', async () => {
		const created = await run({ operation: 'create', name: 'Ana', phone: '+13155550120' });
		expect(created.error).toBeUndefined();
		expect(Object.keys(created.items[0].json).every((key) => SIMPLE.includes(key))).toBe(true);
		const upserted = await run({ operation: 'upsert', name: 'Ana', phone: '+13155550120', output: 'selectedFields' });
		expect(upserted.items[0].json).toEqual({ id: created.items[0].json.id, action: 'updated' });
	});

	test('update: warnings survive Selected Fields (the mode that keeps least), and every mode', async () => {
		// Under this reading Altegio resets money an edit leaves out; the first edit on a host restores it
		// with a second write and says so in `warnings` (later edits know the reading and send it).
		Object.assign(sandbox.options.readings as IDataObject, { putSemantics: 'resetOmitted' });
		const [client] = sandbox.seedClients(LOCATION, 1, { birth_date: '1990-04-05', spent: 200, balance: -20 });
		const { items, error } = await run({
			operation: 'update',
			clientId: byId(String(client.id)),
			updateFields: { comment: 'via selected fields' },
			output: 'selectedFields',
			fields: ['comment'],
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			id: client.id,
			comment: 'via selected fields',
			warnings: [expect.stringMatching(/reset spent and balance/)],
		});
		const record = { id: 1, name: 'A', custom_fields: {}, warnings: ['kept'] };
		for (const mode of ['simplified', 'selectedFields', 'raw'] as const) {
			expect(shapeRecord(record, clientRecordShape, mode, []).warnings).toEqual(['kept']);
		}
	});
});
