import type { IDataObject } from 'n8n-workflow';
import { getGlobalState } from 'n8n-workflow';

import { BULK_CHUNK_SIZE } from '../../nodes/Altegio/model/client';
import { byId, fromList } from './harness';
import { sandboxSuite } from './setup';

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

const clientsIn = (location = LOCATION) => sandbox.state.clients.filter((c: IDataObject) => c.locationId === location);
const requestsTo = (path: RegExp, method?: string) =>
	sandbox.requests.filter((r) => path.test(r.path) && (!method || r.method === method));

describe('create', () => {
	test('sends name, phone digits and every additional field in API form; outputs the client', async () => {
		const { items, error } = await run({
			operation: 'create',
			name: 'Maria',
			phone: '+1 (315) 555-0101',
			additionalFields: {
				surname: 'Lopez',
				middleName: 'Ann',
				email: 'maria@example.com',
				genderId: 2,
				importanceId: 3,
				discount: 10,
				card: '5558',
				birthDate: '1990-04-05T00:00:00',
				comment: 'prefers mornings',
				smsCheck: true,
				smsNot: false,
				spent: 100,
				balance: 5,
				categoryIds: '1, 2',
				customFields: { field: [{ key: 'favourite_master', value: 'Anna' }] },
			},
		});
		expect(error).toBeUndefined();
		const [request] = requestsTo(/^\/clients\/101$/, 'POST');
		expect(request.body).toEqual({
			name: 'Maria',
			phone: '13155550101',
			surname: 'Lopez',
			middle_name: 'Ann',
			email: 'maria@example.com',
			gender_id: 2,
			importance_id: 3,
			discount: 10,
			card: '5558',
			birth_date: '1990-04-05',
			comment: 'prefers mornings',
			sms_check: 1,
			sms_not: 0,
			spent: 100,
			balance: 5,
			categories: [1, 2],
			custom_fields: { favourite_master: 'Anna' },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ name: 'Maria', phone: '13155550101', email: 'maria@example.com' });
		expect(typeof items[0].json.id).toBe('number');
		expect(clientsIn().some((c: IDataObject) => c.id === items[0].json.id)).toBe(true);
	});

	test.each([
		['a phone with letters', { name: 'A', phone: '+1 315 CALL NOW' }, 'phone'],
		['a phone too short', { name: 'A', phone: '12345' }, 'phone'],
		['an empty name', { name: '  ', phone: '13155550101' }, 'name'],
		[
			'a bad birth date',
			{ name: 'A', phone: '13155550101', additionalFields: { birthDate: '1990-02-30' } },
			'additionalFields.birthDate',
		],
		[
			'a bad tag ID',
			{ name: 'A', phone: '13155550101', additionalFields: { categoryIds: '1,x' } },
			'additionalFields.categoryIds',
		],
	])('%s fails before any request, naming the parameter', async (_label, parameters, parameter) => {
		const { error, items } = await run({ operation: 'create', ...parameters });
		expect(items).toHaveLength(0);
		expect(error?.message).toContain(parameter);
		expect(sandbox.requests).toHaveLength(0);
	});

	test("a duplicate phone shows Altegio's own message and the status", async () => {
		const [existing] = sandbox.seedClients(LOCATION, 1);
		const { error } = await run({ operation: 'create', name: 'Twin', phone: String(existing.phone) });
		expect(error?.message).toContain('client with this phone already exists');
		expect(error?.message).toContain('422');
	});
});

describe('get and delete', () => {
	test('get accepts the ID from a list or as a number from an expression', async () => {
		const [a, b] = sandbox.seedClients(LOCATION, 2);
		const first = await run({ operation: 'get', clientId: fromList(String(a.id)) });
		const second = await run({ operation: 'get', clientId: byId(Number(b.id)) });
		expect(first.items[0].json.id).toBe(a.id);
		expect(second.items[0].json.id).toBe(b.id);
		expect(second.items[0].json.phone).toBe(String(b.phone));
	});

	test("an unknown client gives Altegio's 404 message", async () => {
		const { error } = await run({ operation: 'get', clientId: byId('999999') });
		expect(error?.message).toMatch(/not found/i);
		expect(error?.message).toContain('404');
	});

	// Values from expressions reach the node's own check; n8n refuses a static non-digit ID itself.
	test.each(['12/3', '..', '1?x=2', '7#', ' 12', '-5', '1.5', '', 'abc', '1234567890123456', '１２', 1.5, -3, 1e21])(
		'get with client ID %p from an expression fails before any request',
		async (value) => {
			const { error } = await run({ operation: 'get', clientId: byId('={{ $json.id }}') }, { input: [{ id: value }] });
			expect(error?.message).toContain('clientId');
			expect(sandbox.requests).toHaveLength(0);
		},
	);

	test('a bad location ID from an expression fails before any request', async () => {
		const { error } = await run(
			{ operation: 'get', locationId: byId('={{ $json.location }}'), clientId: byId('1') },
			{ input: [{ location: '../101' }] },
		);
		expect(error?.message).toContain('locationId');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a static non-digit ID in ID mode is refused by n8n before anything is sent', async () => {
		const { error } = await run({ operation: 'get', clientId: byId('12/3') });
		expect(error).toBeDefined();
		expect(sandbox.requests).toHaveLength(0);
	});

	test('delete returns { deleted: true } and removes the client', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const { items } = await run({ operation: 'delete', clientId: byId(String(client.id)) });
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(clientsIn().find((c: IDataObject) => c.id === client.id)).toBeUndefined();
	});

	test('Continue On Fail: a failing item becomes an error item and the others go on', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const { items, error } = await run(
			{ operation: 'get', clientId: byId('={{ $json.id }}') },
			{ input: [{ id: 999999 }, { id: client.id }, { id: 'x/1' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.error ?? items[0].error?.message).toBeTruthy();
		expect(items[1].json.id).toBe(client.id);
		expect(String(items[2].json.error ?? items[2].error?.message)).toContain('clientId');
		// The bad ID never reached the sandbox: only the two valid ones did.
		expect(sandbox.requests).toHaveLength(2);
	});
});

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
				combine: 'OR',
			},
			options: { fields: ['name', 'email'], sortBy: 'name', sortDirection: 'DESC' },
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
			{ type: 'birthday', state: { from: '1990-01-01', to: '1999-12-31' } },
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
});

describe('getAllLegacy (deprecated list)', () => {
	const listRequests = () => requestsTo(/^\/clients\/101$/, 'GET');

	// 200 per page: both sources allow it (300 is unproven); a server capping lower is followed (lists.test.ts).
	test.each([0, 1, 200, 201, 450])('Return All over %i clients: full records, ceil(N/200) requests', async (n) => {
		sandbox.seedClients(LOCATION, n, (i: number) => (i === 0 ? { categories: [1], custom_fields: { code: 'x' } } : {}));
		const { items } = await run({ operation: 'getAllLegacy', returnAll: true });
		expect(items).toHaveLength(n);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(n);
		expect(listRequests()).toHaveLength(Math.max(1, Math.ceil(n / 200)));
		for (const request of listRequests()) expect(Number(request.query.count)).toBe(200);
		if (n > 0) {
			expect(items[0].json.categories).toEqual([expect.objectContaining({ id: 1 })]);
			expect(items[0].json.custom_fields).toEqual({ code: 'x' });
			expect(typeof items[0].json.phone).toBe('string');
		}
	});

	test.each([
		[20, [20]],
		[200, [200]],
		[300, [150, 150]],
		[301, [151, 151]],
	])('limit %i over 450: page sizes %j', async (limit, sizes) => {
		sandbox.seedClients(LOCATION, 450);
		const { items } = await run({ operation: 'getAllLegacy', returnAll: false, limit });
		expect(items).toHaveLength(limit);
		expect(listRequests().map((r) => Number(r.query.count))).toEqual(sizes);
	});

	test('changedAfter and the text filters reach the query', async () => {
		sandbox.seedClients(LOCATION, 2);
		await run({
			operation: 'getAllLegacy',
			returnAll: true,
			filters: { changedAfter: '2026-01-31T10:00:00', fullname: 'Ann', email: 'example', phone: '315' },
		});
		expect(listRequests()[0].query).toMatchObject({
			changed_after: '2026-01-31T10:00:00',
			fullname: 'Ann',
			email: 'example',
			phone: '315',
		});
	});

	test('Changed After/Before go out in the documented form, without offset or Z', async () => {
		// The workflow's time zone as n8n-core reads it (the workflow sets none: n8n's default).
		const zone = getGlobalState().defaultTimezone;
		const wallIn = (ms: number) => new Date(ms + tzOffsetMs(ms, zone)).toISOString().slice(0, 19);
		sandbox.seedClients(LOCATION, 1);
		const cases: Array<[unknown, string]> = [
			['2026-01-31T10:00:00', '2026-01-31T10:00:00'],
			['2026-01-31 10:00', '2026-01-31T10:00:00'],
			['2026-01-31', '2026-01-31T00:00:00'],
			// An instant (offset or Z) is written as the wall clock of the workflow's time zone.
			['2026-01-31T15:00:00Z', wallIn(Date.parse('2026-01-31T15:00:00Z'))],
			['2026-07-31T10:00:00+05:30', wallIn(Date.parse('2026-07-31T04:30:00Z'))],
			['2026-07-31T10:00:00.000-0400', wallIn(Date.parse('2026-07-31T14:00:00Z'))],
		];
		for (const [value, sent] of cases) {
			sandbox.clearRequests();
			const { error } = await run({
				operation: 'getAllLegacy',
				returnAll: true,
				filters: { changedAfter: value, changedBefore: value },
			});
			expect(error).toBeUndefined();
			expect(listRequests()[0].query).toMatchObject({ changed_after: sent, changed_before: sent });
			expect(String(listRequests()[0].query.changed_after)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		}
	});

	test('changedAfter returns only clients changed since then', async () => {
		sandbox.clock.set(Date.parse('2026-01-01T00:00:00Z'));
		sandbox.seedClients(LOCATION, 3);
		sandbox.clock.set(Date.parse('2026-03-01T00:00:00Z'));
		const recent = sandbox.seedClients(LOCATION, 2);
		const { items } = await run({
			operation: 'getAllLegacy',
			returnAll: true,
			filters: { changedAfter: '2026-02-01T00:00:00' },
		});
		expect(items.map((i) => i.json.id).sort()).toEqual(recent.map((c) => c.id).sort());
	});

	test('one paid bound alone is refused before any request (Altegio would read the other as 0)', async () => {
		const { error } = await run({ operation: 'getAllLegacy', returnAll: true, filters: { paidMin: 100 } });
		expect(error?.message).toContain('filters.paidMax');
		expect(sandbox.requests).toHaveLength(0);
	});
});

/** Offset of `zone` from UTC at `ms`, in ms (from Intl, independently of the node's code). */
function tzOffsetMs(ms: number, zone: string) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		})
			.formatToParts(new Date(ms))
			.map((p) => [p.type, Number(p.value)]),
	);
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - ms;
}

describe('update', () => {
	test('changes only the given fields: tags, custom fields and the rest survive the full-replace PUT', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1, {
			surname: 'Keep',
			email: 'old@example.com',
			categories: [1, 2],
			custom_fields: { a: '1', b: '2' },
			discount: 7,
			card: '42',
			birth_date: '1985-06-07',
			sms_not: 1,
			comment: 'vip',
			importance_id: 2,
			gender_id: 1,
		});
		const before = { ...sandbox.getClient(LOCATION, client.id) };
		const { items, error } = await run({
			operation: 'update',
			clientId: byId(String(client.id)),
			updateFields: { email: 'new@example.com', customFields: { field: [{ key: 'b', value: '3' }] } },
		});
		expect(error).toBeUndefined();
		const after = sandbox.getClient(LOCATION, client.id);
		expect(after.email).toBe('new@example.com');
		expect(after.custom_fields).toEqual({ a: '1', b: '3' });
		for (const key of [
			'name',
			'surname',
			'phone',
			'categories',
			'discount',
			'card',
			'birth_date',
			'sms_not',
			'comment',
			'importance_id',
			'gender_id',
		]) {
			expect([key, after[key]]).toEqual([key, before[key]]);
		}
		const put = requestsTo(/^\/client\/101\/\d+$/, 'PUT')[0];
		expect(put.body.labels).toEqual([1, 2]);
		expect(put.body.categories).toEqual([1, 2]);
		expect(items[0].json.email).toBe('new@example.com');
		expect(sandbox.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
	});

	test('empty Update Fields fails before any request', async () => {
		const { error } = await run({ operation: 'update', clientId: byId('1'), updateFields: {} });
		expect(error?.message).toContain('updateFields');
		expect(sandbox.requests).toHaveLength(0);
	});
});

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
		const { items, error } = await run({ operation: 'createMany', clients: JSON.stringify(rows) });
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

	test.each([
		['not JSON', '[{"name": "A",'],
		['not an array', '{"name":"A","phone":"13155550101"}'],
		['an empty array', '[]'],
		['a row that is not an object', '[{"name":"A","phone":"13155550101"}, 5]'],
	])('%s fails before any request', async (_label, clients) => {
		const { error } = await run({ operation: 'createMany', clients });
		expect(error?.message).toContain('clients');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('an array from an expression is accepted as it is', async () => {
		const { items } = await run(
			{ operation: 'createMany', clients: '={{ $json.rows }}' },
			{ input: [{ rows: [{ name: 'Expr', phone: '13155550777' }] }] },
		);
		expect(items.map((i) => i.json.success)).toEqual([true]);
	});
});

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
