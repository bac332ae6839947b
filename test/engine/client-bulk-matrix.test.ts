/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Create Many under every reading of the bulk answer (phones echoed as sent or normalised;
 * `created`/`errors` as arrays or objects): a row is reported created only with its own client,
 * never another row's; what the answer does not identify is reported as unknown.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, runNode } from './harness';
import { credentials, newSandbox } from './setup';

const { combinations, defaultReadings } = require('../sandbox/readings');

const sandbox = newSandbox();
const LOCATION = 101;

beforeAll(async () => {
	await sandbox.start(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	Object.assign(sandbox.options.readings as IDataObject, defaultReadings());
});

const createMany = (rows: IDataObject[]) =>
	runNode({
		parameters: {
			resource: 'client',
			operation: 'createMany',
			locationId: byId(String(LOCATION)),
			rowsFrom: 'json',
			clients: JSON.stringify(rows),
		},
		credentials: credentials(sandbox),
	});

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
