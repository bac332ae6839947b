/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Client > Create Many: one result per row, in order, across chunks. Under every reading of the bulk
 * answer (phones echoed as sent or normalised; `created`/`errors` as arrays or objects) a row is
 * reported created only with its own client, never another row's; what the answer does not identify
 * is reported as unknown. Bad JSON: test/reliability/bad-input.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { BULK_CHUNK_SIZE } from '../../../nodes/Altegio/model/client';
import { sandboxSuite } from '../harness';

const { combinations } = require('../../sandbox/readings');

const LOCATION = 101;
const { sandbox, run, requestsTo, clientsIn } = sandboxSuite('client', LOCATION);

describe('createMany', () => {
	test('one result per row, in order, across chunks; duplicates, missing names, bad phones: per row', async () => {
		const [existing] = sandbox.seedClients(LOCATION, 1);
		const rows: IDataObject[] = [];
		for (let i = 0; i < 120; i++) rows.push({ name: `Row ${i}`, phone: `1415555${String(1000 + i)}` });
		rows[3] = { name: 'Dup of row 2', phone: rows[2].phone }; // same phone in the same submission
		rows[10] = { phone: '14155559999' }; // no name
		rows[60] = { name: 'Bad phone', phone: '123' };
		rows[61] = { name: 'Existing', phone: String(existing.phone) };
		rows[119] = { name: 'No phone' };
		const { items, error } = await run({ operation: 'createMany', rowsFrom: 'json', clients: JSON.stringify(rows) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(rows.length);
		const failed = new Map([
			[3, /already exists/],
			[10, /name/],
			[60, /9 to 15 digits/],
			[61, /already exists/],
			[119, /phone/],
		]);
		items.forEach((item, index) => {
			if (failed.has(index)) {
				expect(item.json).toMatchObject({ success: false, row: rows[index] });
				expect(String(item.json.error)).toMatch(failed.get(index)!);
			} else {
				expect(item.json).toMatchObject({ success: true, name: rows[index].name, phone: String(rows[index].phone) });
			}
		});
		// Every row was sent exactly once, in chunks of at most BULK_CHUNK_SIZE.
		const bulk = requestsTo(/^\/clients\/101\/bulk$/, 'POST');
		expect(bulk.length).toBe(Math.ceil(rows.length / BULK_CHUNK_SIZE));
		const sent = bulk.flatMap((r) => r.body as IDataObject[]);
		expect(sent).toHaveLength(rows.length);
		for (const row of rows)
			expect(sent.filter((s) => s === row || JSON.stringify(s) === JSON.stringify(row))).toHaveLength(1);
		for (const request of bulk) expect((request.body as unknown[]).length).toBeLessThanOrEqual(BULK_CHUNK_SIZE);
		expect(clientsIn()).toHaveLength(1 + rows.length - failed.size);
	});

	test('an array from an expression is accepted as it is', async () => {
		const { items } = await run(
			{ operation: 'createMany', rowsFrom: 'json', clients: '={{ $json.rows }}' },
			{ input: [{ rows: [{ name: 'Expr', phone: '13155550777' }] }] },
		);
		expect(items.map((i) => i.json.success)).toEqual([true]);
	});
});

const createMany = (rows: IDataObject[]) =>
	run({ operation: 'createMany', rowsFrom: 'json', clients: JSON.stringify(rows) });

const ROWS: IDataObject[] = [
	{ name: 'A', phone: '89123456789' },
	{ name: 'B', phone: '79123456789' },
	{ name: 'C', phone: '+1 315 555 0100' },
	{ phone: '13155550101' },
	{ name: 'E', phone: '13155550102', custom_fields: { source: 'Fair' } },
	{ name: 'F', phone: '8 912 000 00 01' },
];

const combos: IDataObject[] = combinations(['bulkPhones', 'bulkAnswerShape']);

describe.each(combos.map((c) => [Object.values(c).join(' / '), c]))('createMany under %s', (_name, readings) => {
	test('every row gets its own outcome; no row carries another row’s client', async () => {
		Object.assign(sandbox.options.readings as IDataObject, readings);
		const { items, error } = await createMany(ROWS);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(ROWS.length);
		const stored = sandbox.state.clients.filter((c: IDataObject) => c.locationId === LOCATION);
		const ids = new Set<unknown>();
		items.forEach((item, index) => {
			const json = item.json;
			if (json.success === true) {
				const client = stored.find((c: IDataObject) => c.id === json.id);
				expect(client?.name).toBe(ROWS[index].name);
				expect(ids.has(json.id)).toBe(false);
				ids.add(json.id);
			} else expect(json.row).toEqual(ROWS[index]);
		});
		expect(ids.size).toBe(stored.length);
		const outcome = items.map((i) => (i.json.success ? 'created' : String(i.json.error)));
		const normalised = (readings as IDataObject).bulkPhones === 'normalised';
		expect(outcome).toEqual([
			'created',
			normalised ? expect.stringMatching(/already exists/) : 'created',
			'created',
			expect.stringMatching(/name/),
			'created',
			'created',
		]);
		// The custom-field row went through Create, which takes them.
		expect(stored.find((c: IDataObject) => c.name === 'E')?.custom_fields).toEqual({ source: 'Fair' });
	});
});

describe('createMany: answers that do not identify rows', () => {
	test.each([
		['a created client matching no row', { created: [{ id: 999, name: 'Z', phone: 10000000000 }], errors: [] }],
		['an empty answer', {}],
		['created as a string', { created: 'ok', errors: [] }],
		[
			'one row both created and rejected',
			{
				created: [{ id: 5, name: 'A', phone: 13155550100 }],
				errors: { 0: { phone: '13155550100', name: 'A', error: 'x' } },
			},
		],
	])('%s: the rows are unknown, never failed or created', async (_label, data) => {
		sandbox.addFault({
			path: '/clients/101/bulk',
			kind: 'status',
			status: 200,
			body: { success: true, data, meta: [] },
		});
		const { items } = await createMany([{ name: 'A', phone: '13155550100' }]);
		expect(items[0].json).toMatchObject({
			success: false,
			outcome: 'unknown',
			row: { name: 'A', phone: '13155550100' },
		});
		expect(String(items[0].json.error)).toContain('check the client list before sending it again');
	});
});
