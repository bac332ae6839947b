/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Client > Create or Update: matched by phone. One number in its national and international forms is
 * one client under every reading of quick search's phone matching (which it no longer uses), of the
 * list's rows and of PUT semantics; no duplicate is created; the candidate lookup is one read of the
 * list filtered by phone, reads every page, and a hostile server makes it write nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { sandboxSuite } from '../harness';
import { hostileServers, readingCases, served, useReading } from '../paging';

const { combinations } = require('../../sandbox/readings');

const LOCATION = 101;
const { sandbox, run, requestsTo, clientsIn } = sandboxSuite('client', LOCATION);

const LIST = `/clients/${LOCATION}`;
const LIST_PATH = new RegExp(`^${LIST}$`);
/** Every request but the candidate lookup (GET of the filtered list). */
const notLookups = () => sandbox.requests.filter((r) => r.method !== 'GET' || r.path !== LIST);

const upsert = (phone: string, extra: IDataObject = {}, input?: IDataObject[]) =>
	run(
		{ operation: 'upsert', name: 'Ivan', phone, additionalFields: { comment: 'from upsert' }, output: 'raw', ...extra },
		{ input },
	);

const combos: IDataObject[] = combinations(['quickSearchPhone', 'listRows', 'putSemantics']);

describe('upsert', () => {
	test('creates when no client has the phone, and says so', async () => {
		sandbox.seedClients(LOCATION, 5);
		const { items } = await run({
			operation: 'upsert',
			name: 'New',
			phone: '+1 646 555 0000',
			additionalFields: { email: 'n@example.com' },
		});
		expect(items[0].json).toMatchObject({
			action: 'created',
			name: 'New',
			phone: '16465550000',
			email: 'n@example.com',
		});
		expect(requestsTo(/^\/clients\/101$/, 'POST')).toHaveLength(1);
		expect(requestsTo(/^\/client\//, 'PUT')).toHaveLength(0);
	});

	test('updates the client whose phone digits match exactly, keeping its other fields', async () => {
		const [target] = sandbox.seedClients(LOCATION, 1, { phone: '16465550001', surname: 'Kept', categories: [2] });
		// A client whose phone merely contains the digits must not match.
		sandbox.seedClients(LOCATION, 1, { phone: '116465550001' });
		const { items, error } = await run({
			operation: 'upsert',
			name: 'Renamed',
			phone: '+1 (646) 555-0001',
			additionalFields: { comment: 'updated' },
			output: 'raw',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ action: 'updated', id: target.id, name: 'Renamed', comment: 'updated' });
		const after = sandbox.getClient(LOCATION, target.id);
		expect(after.surname).toBe('Kept');
		expect(after.categories).toEqual([2]);
		expect(requestsTo(/^\/clients\/101$/, 'POST')).toHaveLength(0);
	});

	test('more than one exact match is an error naming the IDs', async () => {
		const [a] = sandbox.seedClients(LOCATION, 1, { phone: '16465550002' });
		const b = sandbox.addClient(LOCATION, { name: 'Twin', phone: '+1 646 555 0002' });
		const { error } = await run({ operation: 'upsert', name: 'X', phone: '16465550002' });
		expect(error?.message).toContain(String(a.id));
		expect(error?.message).toContain(String(b.id));
		expect(requestsTo(/^\/client/, 'PUT')).toHaveLength(0);
		expect(requestsTo(/^\/clients\/101$/, 'POST')).toHaveLength(0);
	});
});

describe.each(combos.map((c) => [Object.values(c).join(' / '), c]))('upsert under %s', (_name, readings) => {
	beforeEach(() => Object.assign(sandbox.options.readings as IDataObject, readings));

	test.each([
		['8 (912) 345-67-89', '79123456789'],
		['+7 912 345-67-89', '89123456789'],
		['+1 315 555 0178', '13155550178'],
		['315 555 0178', '13155550178'],
	])('%s finds the client stored as %s and updates it, keeping its phone and fields', async (given, stored) => {
		const client = sandbox.addClient(LOCATION, { name: 'Ivan', surname: 'Petrov', phone: stored, importance_id: 3 });
		const { items, error } = await upsert(given);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: client.id, action: 'updated', comment: 'from upsert' });
		expect(clientsIn()).toHaveLength(1);
		// One lookup (the list filtered by the last nine digits), the read of the card, the edit.
		expect(requestsTo(LIST_PATH, 'GET').map((r) => r.query.phone)).toEqual([given.replace(/\D/g, '').slice(-9)]);
		expect(requestsTo(/^\/company\//)).toHaveLength(0);
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
		expect(notLookups()).toHaveLength(0);
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

	test('a new number: one lookup, one create, whatever the readings', async () => {
		// Stored forms of other numbers that share digits with it must not match.
		sandbox.addClient(LOCATION, { name: 'Near', phone: '13155550198' });
		sandbox.addClient(LOCATION, { name: 'Longer', phone: '113155550199' });
		const { items, error } = await upsert('+1 315 555 0199');
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ action: 'created', phone: '13155550199' });
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${LIST}`, `POST ${LIST}`]);
	});
});

describe('upsert: the create path', () => {
	test('"already exists" on create becomes an update of the client found then', async () => {
		const client = sandbox.addClient(LOCATION, { name: 'Ivan', phone: '13155550178', surname: 'Keep' });
		// The lookup misses (as if the client were created between the lookup and the create).
		sandbox.addFault({
			method: 'GET',
			path: LIST,
			kind: 'status',
			status: 200,
			times: 1,
			body: { success: true, data: [], meta: { page: 1, total_count: 0 } },
		});
		const { items, error } = await upsert('+1 315 555 0178');
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: client.id, action: 'updated' });
		expect(clientsIn()).toHaveLength(1);
		expect(sandbox.getClient(LOCATION, client.id)).toMatchObject({ surname: 'Keep', comment: 'from upsert' });
		expect(requestsTo(LIST_PATH, 'GET')).toHaveLength(2);
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

	test('masked phones in the lookup answer: an error, nothing created', async () => {
		(sandbox.options.readings as IDataObject).contactMasking = 'phone';
		const client = sandbox.addClient(LOCATION, { name: 'Ann', phone: '13155550178' });
		const { error } = await upsert('+1 315 555 0178');
		expect(error?.message).toContain(`masked (IDs ${client.id})`);
		expect(clientsIn()).toHaveLength(1);
	});
});

describe('Create or Update: the candidate lookup reads every page', () => {
	const TARGET = '3155550100';
	test.each(readingCases('legacyPageSize'))(
		'%s, %i candidates before the exact match: it is found on the last page and updated',
		async (reading, n) => {
			useReading(sandbox, 'legacyPageSize', reading);
			sandbox.seedClients(LOCATION, n, (i: number) => ({ phone: `${TARGET}${String(i).padStart(3, '0')}` }));
			const [target] = sandbox.seedClients(LOCATION, 1, { name: 'Exact', phone: TARGET, birth_date: '1990-01-01' });
			const { items, error } = await run({ operation: 'upsert', name: 'Renamed', phone: TARGET });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ action: 'updated', id: target.id, name: 'Renamed' });
			expect(requestsTo(LIST_PATH, 'GET')).toHaveLength(Math.max(1, Math.ceil((n + 1) / served(reading, 200))));
			expect(requestsTo(LIST_PATH, 'POST')).toHaveLength(0);
		},
	);
});

hostileServers(sandbox, run, { operation: 'upsert', path: LIST, reading: 'legacyPageSize' });
