/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Create or Update under every reading of quick search's phone matching and of PUT semantics:
 * one number in its national and international forms is one client; no duplicate is created.
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

const upsert = (phone: string, extra: IDataObject = {}, input?: IDataObject[]) =>
	runNode({
		parameters: {
			resource: 'client',
			operation: 'upsert',
			locationId: byId(String(LOCATION)),
			name: 'Ivan',
			phone,
			additionalFields: { comment: 'from upsert' },
			output: 'raw',
			...extra,
		},
		credentials: credentials(sandbox),
		input,
	});

const clientsIn = () => sandbox.state.clients.filter((c: IDataObject) => c.locationId === LOCATION);

const combos: IDataObject[] = combinations(['quickSearchPhone', 'putSemantics']);

describe.each(combos.map((c) => [Object.values(c).join(' / '), c]))('upsert under %s', (_name, readings) => {
	beforeEach(() => Object.assign(sandbox.options.readings as IDataObject, readings));

	test.each([
		['8 (912) 345-67-89', '79123456789'],
		['+7 912 345-67-89', '89123456789'],
		['+1 315 555 0178', '13155550178'],
		['315 555 0178', '13155550178'],
	])('%s finds the client stored as %s and updates it, keeping its phone and fields', async (given, stored) => {
		const client = sandbox.addClient(LOCATION, { name: 'Ivan', surname: 'Petrov', phone: stored, importance_id: 3 });
		// An exact-digits search cannot find a stored country code the node cannot know (docs/altegio-api.md).
		if ((readings as IDataObject).quickSearchPhone === 'exact' && given === '315 555 0178') return;
		const { items, error } = await upsert(given);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: client.id, action: 'updated', comment: 'from upsert' });
		expect(clientsIn()).toHaveLength(1);
		expect(sandbox.getClient(LOCATION, client.id)).toMatchObject({
			phone: stored,
			surname: 'Petrov',
			importance_id: 3,
		});
	});

	test('two clients with forms of one number: an error listing both IDs, nothing written', async () => {
		const a = sandbox.addClient(LOCATION, { name: 'A', phone: '79123456789' });
		const b = sandbox.addClient(LOCATION, { name: 'B', phone: '89123456789' });
		const { error } = await upsert('+7 912 345 67 89');
		expect(error?.message).toContain(`IDs ${a.id}, ${b.id}`);
		expect(sandbox.requests.filter((r) => r.method !== 'POST' || !r.path.endsWith('/search'))).toHaveLength(0);
	});

	test('two items with one new number in two forms: the first creates, the second updates', async () => {
		const { items, error } = await upsert('={{ $json.phone }}', {}, [
			{ phone: '8 912 345 67 89' },
			{ phone: '+7 912 345 67 89' },
		]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.action)).toEqual(['created', 'updated']);
		expect(clientsIn()).toHaveLength(1);
		expect(items[1].json.id).toBe(items[0].json.id);
	});
});

describe('upsert: the create path', () => {
	test('"already exists" on create becomes an update of the client found then', async () => {
		const client = sandbox.addClient(LOCATION, { name: 'Ivan', phone: '13155550178', surname: 'Keep' });
		// The searches miss (as if the client were created between the search and the create).
		sandbox.addFault({
			path: '/company/101/clients/search',
			kind: 'status',
			status: 200,
			times: 4,
			body: { success: true, data: [], meta: { total_count: 0 } },
		});
		const { items, error } = await upsert('+1 315 555 0178');
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: client.id, action: 'updated' });
		expect(clientsIn()).toHaveLength(1);
		expect(sandbox.getClient(LOCATION, client.id)).toMatchObject({ surname: 'Keep', comment: 'from upsert' });
	});

	test('trunk 0 and the international form are one number (substring and national-number searches)', async () => {
		for (const reading of ['digitSubstring', 'nationalNumber']) {
			sandbox.reset();
			(sandbox.options.readings as IDataObject).quickSearchPhone = reading;
			const client = sandbox.addClient(LOCATION, { name: 'Ann', phone: '447911123456' });
			const { items, error } = await upsert('07911 123456');
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: client.id, action: 'updated' });
			expect(clientsIn()).toHaveLength(1);
		}
	});

	test('masked phones in the search answer: an error, nothing created', async () => {
		(sandbox.options.readings as IDataObject).contactMasking = 'phone';
		const client = sandbox.addClient(LOCATION, { name: 'Ann', phone: '13155550178' });
		const { error } = await upsert('+1 315 555 0178');
		expect(error?.message).toContain(`masked (IDs ${client.id})`);
		expect(clientsIn()).toHaveLength(1);
	});
});
