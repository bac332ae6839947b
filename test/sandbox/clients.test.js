'use strict';

const { createSandbox } = require('./index');
const { makeApi } = require('./helpers');
const { defaultReadings } = require('./readings');

// 2026-03-01 12:00:00 in New York (UTC-5)
const T0 = Date.UTC(2026, 2, 1, 17, 0, 0);

describe('sandbox: clients', () => {
	let sb;
	let api;

	beforeAll(async () => {
		sb = createSandbox();
		const { url } = await sb.start(0);
		api = makeApi(url);
	});
	afterAll(() => sb.stop());
	beforeEach(() => {
		sb.reset();
		sb.clock.set(T0);
		Object.assign(sb.options.readings, defaultReadings());
	});

	describe('create / get / edit / delete', () => {
		test('POST /clients/{loc} → 201, full client, meta [], phone as number, empty defaults', async () => {
			const res = await api('POST', '/clients/101', { body: { name: 'James', phone: '+1 (315) 555-0178' } });
			expect(res.status).toBe(201);
			expect(res.json.success).toBe(true);
			expect(res.json.meta).toEqual([]);
			expect(res.json.data).toEqual({
				id: expect.any(Number),
				name: 'James',
				surname: '',
				middle_name: '',
				phone: 13155550178,
				email: '',
				categories: [],
				gender_id: 0,
				gender: 'unknown',
				discount: 0,
				importance_id: 0,
				importance: 'No importance class',
				card: '',
				birth_date: null,
				comment: '',
				sms_check: 0,
				sms_not: 0,
				spent: 0,
				balance: 0,
				visits: 0,
				last_change_date: '2026-03-01T12:00:00-0500',
				custom_fields: [],
			});
			expect(res.text).toContain('"phone":13155550178');
			const stored = sb.getClient(101, res.json.data.id);
			expect(stored.created_at).toBe(T0);
			expect(stored.phone).toBe('13155550178');
		});

		test('create stores tags (unknown ids ignored) and custom fields; labels are not read on create', async () => {
			const res = await api('POST', '/clients/101', {
				body: {
					name: 'Olivia',
					surname: 'Reed',
					phone: 13155550100,
					email: 'o@example.com',
					gender_id: 2,
					importance_id: 3,
					categories: [3, 99, 1],
					labels: [2],
					custom_fields: { preferred_day: 'Monday' },
					birth_date: '1990-04-03',
					sms_check: 1,
				},
			});
			expect(res.status).toBe(201);
			expect(res.json.data.categories).toEqual([
				{ id: 3, title: 'Regular', color: expect.any(String) },
				{ id: 1, title: 'VIP', color: expect.any(String) },
			]);
			expect(res.json.data).toMatchObject({
				gender: 'Female',
				gender_id: 2,
				importance: 'Gold',
				importance_id: 3,
				custom_fields: { preferred_day: 'Monday' },
				birth_date: '1990-04-03',
				sms_check: 1,
			});
		});

		test.each([
			[{ phone: '13155550111' }, 'client name not specified'],
			[{ name: '  ', phone: '13155550111' }, 'client name not specified'],
			[{ name: 'A' }, 'client phone cannot be empty'],
			[{ name: 'A', phone: '' }, 'client phone cannot be empty'],
			[{ name: 'A', phone: '+123' }, 'phone must contain 9 to 15 digits'],
			[{ name: 'A', phone: '1234567890123456' }, 'phone must contain 9 to 15 digits'],
		])('create validation %j → 422 %s', async (body, message) => {
			const res = await api('POST', '/clients/101', { body });
			expect(res.status).toBe(422);
			expect(res.json).toEqual({ success: false, data: null, meta: { message, errors: [message] } });
		});

		test('9 and 15 digits are accepted; duplicate digits in the same location are not', async () => {
			expect((await api('POST', '/clients/101', { body: { name: 'A', phone: '123456789' } })).status).toBe(201);
			expect((await api('POST', '/clients/101', { body: { name: 'B', phone: '123456789012345' } })).status).toBe(201);
			const dup = await api('POST', '/clients/101', { body: { name: 'C', phone: '+1-234-567-89' } });
			expect(dup.status).toBe(422);
			expect(dup.json.meta.message).toBe('client with this phone already exists');
			// another location has its own phone book
			expect((await api('POST', '/clients/102', { body: { name: 'C', phone: '123456789' } })).status).toBe(201);
		});

		test('GET /client/{loc}/{id} → 200 meta []; unknown → 404 Client not found', async () => {
			const c = sb.addClient(101, { name: 'Mia', phone: '13155550199', categories: [2], custom_fields: { a: 1 } });
			const res = await api('GET', `/client/101/${c.id}`);
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual([]);
			expect(res.json.data).toMatchObject({ id: c.id, name: 'Mia', phone: 13155550199, custom_fields: { a: 1 } });
			expect(res.json.data.categories).toEqual([{ id: 2, title: 'New', color: expect.any(String) }]);
			const missing = await api('GET', '/client/101/999999');
			expect(missing.status).toBe(404);
			expect(missing.json).toEqual({ success: false, data: null, meta: { message: 'Client not found' } });
			// a client of another location is not found either
			expect((await api('GET', `/client/102/${c.id}`)).status).toBe(404);
		});

		test('PUT under resetOmitted replaces the whole record: fields not sent fall back to defaults', async () => {
			sb.options.readings.putSemantics = 'resetOmitted';
			const c = sb.addClient(101, {
				name: 'Noah',
				surname: 'Brown',
				phone: '13155550150',
				email: 'noah@example.com',
				gender_id: 1,
				importance_id: 2,
				discount: 10,
				card: '777',
				birth_date: '1980-01-02',
				comment: 'keep me',
				categories: [1, 2],
				custom_fields: { preferred_day: 'Friday', source: 'Google' },
			});
			sb.clock.advance(3600 * 1000);
			const res = await api('PUT', `/client/101/${c.id}`, {
				body: { name: 'Noah', phone: '13155550150', surname: 'Brown' },
			});
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual([]);
			expect(res.json.data).toMatchObject({
				name: 'Noah',
				surname: 'Brown',
				email: '',
				gender_id: 0,
				importance_id: 0,
				discount: 0,
				card: '',
				birth_date: null,
				comment: '',
				categories: [],
				custom_fields: [],
				last_change_date: '2026-03-01T13:00:00-0500',
			});
		});

		test('PUT reads labels (and categories), replaces custom fields, needs name and phone', async () => {
			const c = sb.addClient(101, {
				name: 'Ava',
				phone: '13155550151',
				categories: [1],
				custom_fields: { a: 1, b: 2 },
			});
			const withLabels = await api('PUT', `/client/101/${c.id}`, {
				body: { name: 'Ava', phone: '13155550151', labels: [2, 3], custom_fields: { b: 3 } },
			});
			expect(withLabels.json.data.categories.map((t) => t.id)).toEqual([2, 3]);
			expect(withLabels.json.data.custom_fields).toEqual({ b: 3 });
			const withCategories = await api('PUT', `/client/101/${c.id}`, {
				body: { name: 'Ava', phone: '13155550151', categories: [1] },
			});
			expect(withCategories.json.data.categories.map((t) => t.id)).toEqual([1]);
			const noName = await api('PUT', `/client/101/${c.id}`, { body: { phone: '13155550151' } });
			expect(noName.status).toBe(422);
			expect(noName.json.meta.message).toBe('client name not specified');
			const noPhone = await api('PUT', `/client/101/${c.id}`, { body: { name: 'Ava' } });
			expect(noPhone.status).toBe(422);
			expect(noPhone.json.meta.message).toBe('client phone cannot be empty');
			// a failed PUT changes nothing
			expect(sb.getClient(101, c.id).categories).toEqual([1]);
		});

		test("PUT: own phone is fine, another client's phone is a duplicate, unknown id 404", async () => {
			const a = sb.addClient(101, { name: 'A', phone: '13155550161' });
			sb.addClient(101, { name: 'B', phone: '13155550162' });
			expect((await api('PUT', `/client/101/${a.id}`, { body: { name: 'A2', phone: '13155550161' } })).status).toBe(
				200,
			);
			const dup = await api('PUT', `/client/101/${a.id}`, { body: { name: 'A', phone: '+1 315 555 0162' } });
			expect(dup.status).toBe(422);
			expect(dup.json.meta.message).toBe('client with this phone already exists');
			expect((await api('PUT', '/client/101/999999', { body: { name: 'A', phone: '13155550169' } })).status).toBe(404);
		});

		test('DELETE → 204 with an empty body; afterwards 404, and the phone is free again', async () => {
			const c = sb.addClient(101, { name: 'Del', phone: '13155550170' });
			const res = await api('DELETE', `/client/101/${c.id}`);
			expect(res.status).toBe(204);
			expect(res.text).toBe('');
			expect((await api('GET', `/client/101/${c.id}`)).status).toBe(404);
			expect((await api('DELETE', `/client/101/${c.id}`)).status).toBe(404);
			expect((await api('POST', '/clients/101', { body: { name: 'New', phone: '13155550170' } })).status).toBe(201);
		});

		test('derived values (money addsVisits): visits and spent include the visit history', async () => {
			sb.options.readings.money = 'addsVisits';
			const c = sb.addClient(101, { name: 'V', phone: '13155550180', spent: 100 });
			sb.addVisit(101, c.id, {
				date: '2026-01-10 10:00:00',
				attendance: 1,
				services: [{ cost_to_pay: 50, paid_sum: 50 }],
			});
			sb.addVisit(101, c.id, {
				date: '2026-01-11 10:00:00',
				attendance: -1,
				services: [{ cost_to_pay: 70, paid_sum: 0 }],
			});
			sb.addGoodsTransaction(101, c.id, { date: '2026-01-10 11:00:00', goods: [{ cost_to_pay: 20, paid_sum: 20 }] });
			const res = await api('GET', `/client/101/${c.id}`);
			expect(res.json.data).toMatchObject({ visits: 1, spent: 170 });
		});
	});

	describe('bulk', () => {
		test('body must be an array', async () => {
			const res = await api('POST', '/clients/101/bulk', { body: { name: 'A', phone: '13155550100' } });
			expect(res.status).toBe(422);
			expect(res.json.success).toBe(false);
		});

		test('200 with created/errors in submission order; errors echo phone/name as sent, no index', async () => {
			sb.addClient(101, { name: 'Existing', phone: '13155550001' });
			const rows = [
				{ name: 'One', phone: '+1 315 555 0002', categories: [1], custom_fields: { x: 1 } },
				{ name: 'Dup of existing', phone: 13155550001 },
				{ phone: '+13155550003' },
				{ name: 'Short', phone: '+123' },
				{ name: 'No phone' },
				{ name: 'Two', phone: '13155550004' },
				{ name: 'Dup in batch', phone: '13155550002' },
			];
			const res = await api('POST', '/clients/101/bulk', { body: rows });
			expect(res.status).toBe(200);
			expect(res.json.success).toBe(true);
			expect(res.json.meta).toEqual([]);
			expect(res.json.data.created.map((c) => c.name)).toEqual(['One', 'Two']);
			expect(res.json.data.created[0]).toMatchObject({
				phone: 13155550002,
				categories: [{ id: 1, title: 'VIP', color: expect.any(String) }],
			});
			// custom_fields is not a bulk field: dropped
			expect(res.json.data.created[0].custom_fields).toEqual([]);
			expect(res.json.data.errors).toEqual([
				{ phone: 13155550001, name: 'Dup of existing', error: 'client with this phone already exists' },
				{ phone: '+13155550003', error: 'client name not specified' },
				{ phone: '+123', name: 'Short', error: 'phone must contain 9 to 15 digits' },
				{ name: 'No phone', error: 'client phone cannot be empty' },
				{ phone: '13155550002', name: 'Dup in batch', error: 'client with this phone already exists' },
			]);
			expect(sb.state.clients.filter((c) => c.locationId === 101)).toHaveLength(3);
		});

		test('bulkMaxItems caps the batch with 422 (no cap by default)', async () => {
			const rows = Array.from({ length: 5 }, (_, i) => ({ name: `N${i}`, phone: `1315555020${i}` }));
			expect((await api('POST', '/clients/101/bulk', { body: rows })).status).toBe(200);
			const capped = createSandbox({ bulkMaxItems: 3 });
			const { url } = await capped.start(0);
			try {
				const call = makeApi(url);
				const over = await call('POST', '/clients/101/bulk', { body: rows.slice(0, 4) });
				expect(over.status).toBe(422);
				expect(capped.state.clients).toHaveLength(0);
				expect((await call('POST', '/clients/101/bulk', { body: rows.slice(0, 3) })).status).toBe(200);
			} finally {
				await capped.stop();
			}
		});
	});

	describe('search: POST /company/{loc}/clients/search', () => {
		let ids;
		beforeEach(() => {
			const a = sb.addClient(101, {
				name: 'James',
				surname: 'Smith',
				phone: '13155550178',
				email: 'js@example.com',
				gender_id: 1,
				importance_id: 3,
				categories: [1],
				card: '555888',
				birth_date: '1990-04-03',
				has_mobile_app: true,
			});
			const b = sb.addClient(101, {
				name: 'Taylor',
				surname: 'Reed',
				phone: '12125550100',
				gender_id: 2,
				categories: [2, 3],
				birth_date: '1985-12-24',
				discount: 10,
			});
			const c = sb.addClient(101, { name: 'anna', surname: 'Zimmer', phone: '16465550111', importance_id: 1 });
			sb.addClient(102, { name: 'Other', phone: '16465550112' });
			sb.addVisit(101, a.id, {
				date: '2026-01-05 10:00:00',
				attendance: 1,
				services: [{ cost_to_pay: 100, paid_sum: 100 }],
			});
			sb.addVisit(101, a.id, {
				date: '2026-02-05 10:00:00',
				attendance: 1,
				services: [{ cost_to_pay: 50, paid_sum: 50 }],
			});
			sb.addVisit(101, b.id, {
				date: '2026-01-20 10:00:00',
				attendance: -1,
				services: [{ cost_to_pay: 80, paid_sum: 0 }],
			});
			ids = { a: a.id, b: b.id, c: c.id };
		});
		const search = (body) => api('POST', '/company/101/clients/search', { body });

		test('default: rows hold only id, ascending, meta.total_count', async () => {
			const res = await search({});
			expect(res.status).toBe(200);
			expect(res.json.data).toEqual([{ id: ids.a }, { id: ids.b }, { id: ids.c }]);
			expect(res.json.meta).toEqual({ total_count: 3 });
			// an empty body is the same
			expect((await api('POST', '/company/101/clients/search')).json.data).toHaveLength(3);
		});

		test('requested fields (+id), display name, phone as number, derived values', async () => {
			const res = await search({
				fields: [
					'name',
					'phone',
					'email',
					'discount',
					'sold_amount',
					'visits_count',
					'first_visit_date',
					'last_visit_date',
				],
				filters: [{ type: 'id', state: { value: [ids.a] } }],
			});
			expect(res.json.data).toEqual([
				{
					name: 'James Smith',
					phone: 13155550178,
					email: 'js@example.com',
					discount: 0,
					sold_amount: 150,
					visits_count: 2,
					first_visit_date: '2026-01-05 10:00:00',
					last_visit_date: '2026-02-05 10:00:00',
					id: ids.a,
				},
			]);
			expect(Object.keys(res.json.data[0]).pop()).toBe('id');
		});

		test('page/page_size; page_size 200 ok, 201 → 400', async () => {
			const p2 = await search({ page: 2, page_size: 2 });
			expect(p2.json.data).toEqual([{ id: ids.c }]);
			expect(p2.json.meta.total_count).toBe(3);
			expect((await search({ page_size: 200 })).status).toBe(200);
			const big = await search({ page_size: 201 });
			expect(big.status).toBe(400);
			expect(big.json.success).toBe(false);
			expect(big.json.meta.message).toBe('Invalid page_size');
			expect(big.json.meta.errors.page_size[0]).toMatch(/200/);
		});

		test('unknown field, order_by, direction or filter type → 400', async () => {
			expect((await search({ fields: ['id', 'categories'] })).status).toBe(400);
			expect((await search({ order_by: 'surname' })).status).toBe(400);
			expect((await search({ order_by: 'visits_count' })).status).toBe(400);
			expect((await search({ order_by_direction: 'up' })).status).toBe(400);
			const bad = await search({ filters: [{ type: 'favourite_color', state: { value: 'red' } }] });
			expect(bad.status).toBe(400);
			expect(bad.json.meta).toEqual({
				message: 'Invalid filter value',
				errors: { filters: ['Invalid filter state value'] },
			});
			expect((await search({ filters: [{ type: 'id', state: { value: 5 } }] })).status).toBe(400);
		});

		test('pages follow creates, deletes, edits and reset() between searches', async () => {
			const page = async (body = {}) => (await search({ page_size: 200, fields: ['name'], ...body })).json;
			expect((await page()).meta.total_count).toBe(3);
			const created = await api('POST', '/clients/101', { body: { name: 'Zed', phone: '16465550999' } });
			expect((await page()).data.map((r) => r.id)).toEqual([ids.a, ids.b, ids.c, created.json.data.id]);
			await api('DELETE', `/client/101/${ids.b}`);
			const again = await api('POST', '/clients/101', { body: { name: 'Amy', phone: '16465550998' } });
			expect((await page()).data.map((r) => r.id)).toEqual([ids.a, ids.c, created.json.data.id, again.json.data.id]);
			await api('PUT', `/client/101/${ids.a}`, { body: { name: 'Zoe', phone: '13155550178' } });
			// keepOmitted (the default reading): the surname sent no more stays
			expect((await page({ order_by: 'name' })).data.map((r) => r.name)).toEqual([
				'Amy',
				'anna Zimmer',
				'Zed',
				'Zoe Smith',
			]);
			sb.reset();
			expect((await page()).meta.total_count).toBe(0);
		});

		test('ordering: name DESC (case-insensitive), visit_count, sold_amount desc', async () => {
			const byName = await search({ order_by: 'name', order_by_direction: 'desc', fields: ['name'] });
			expect(byName.json.data.map((r) => r.name)).toEqual(['Taylor Reed', 'James Smith', 'anna Zimmer']);
			const byVisits = await search({ order_by: 'visit_count', order_by_direction: 'DESC' });
			expect(byVisits.json.data[0].id).toBe(ids.a);
			const bySold = await search({ order_by: 'sold_amount', order_by_direction: 'ASC' });
			expect(bySold.json.data.map((r) => r.id).pop()).toBe(ids.a);
		});

		test('quick_search matches name+surname, phone digits and card, case-insensitively', async () => {
			const q = async (value) =>
				(await search({ filters: [{ type: 'quick_search', state: { value } }] })).json.data.map((r) => r.id);
			expect(await q('james smith')).toEqual([ids.a]);
			expect(await q('REED')).toEqual([ids.b]);
			expect(await q('+1 (212) 555')).toEqual([ids.b]);
			expect(await q('888')).toEqual([ids.a]);
			expect(await q('5550')).toEqual([ids.a, ids.b, ids.c]);
			expect(await q('nobody')).toEqual([]);
		});

		test('value-list, range and flag filters; invert; AND/OR', async () => {
			const f = async (filters, operation) => (await search({ filters, operation })).json.data.map((r) => r.id);
			expect(await f([{ type: 'importance', state: { value: [1, 3] } }])).toEqual([ids.a, ids.c]);
			expect(await f([{ type: 'gender', state: { value: [2] } }])).toEqual([ids.b]);
			expect(await f([{ type: 'category', state: { value: [3] } }])).toEqual([ids.b]);
			expect(await f([{ type: 'birthday', state: { from: '1985-01-01', to: '1989-12-31 23:59:59' } }])).toEqual([
				ids.b,
			]);
			expect(await f([{ type: 'sold_amount', state: { from: 100, to: 1000 } }])).toEqual([ids.a]);
			expect(await f([{ type: 'has_mobile_app', state: { value: true } }])).toEqual([ids.a]);
			expect(await f([{ type: 'category', state: { value: [3], invert: true } }])).toEqual([ids.a, ids.c]);
			const two = [
				{ type: 'gender', state: { value: [1] } },
				{ type: 'importance', state: { value: [1] } },
			];
			expect(await f(two)).toEqual([]);
			expect(await f(two, 'OR')).toEqual([ids.a, ids.c]);
			expect(await f([{ type: 'client', state: { id: { value: [ids.a, ids.b] }, gender: { value: [2] } } }])).toEqual([
				ids.b,
			]);
		});

		test('record filter: status (search numbering), records_count, created, invert', async () => {
			const f = async (state) => (await search({ filters: [{ type: 'record', state }] })).json.data.map((r) => r.id);
			expect(await f({ status: { value: [3] } })).toEqual([ids.a]); // 3 = arrived
			expect(await f({ status: { value: [1] } })).toEqual([ids.b]); // 1 = no-show
			expect(await f({ records_count: { from: 2, to: 10 } })).toEqual([ids.a]);
			expect(await f({ records_count: { from: 0, to: 0 } })).toEqual([ids.c]);
			expect(await f({ created: { from: '2026-02-01', to: '2026-02-28' } })).toEqual([ids.a]);
			expect(await f({ created: { from: '2026-02-01', to: '2026-02-28' }, invert: true })).toEqual([ids.b, ids.c]);
			expect(await f({ staff: { value: [1] }, service: { value: [2] } })).toEqual([]);
			expect((await search({ filters: [{ type: 'record', state: { status: { value: [7] } } }] })).status).toBe(400);
		});
	});

	describe('deprecated list: GET /clients/{loc}', () => {
		test('defaults: page 1, count 20, ascending id, legacy custom_fields {}, meta {page,total_count}', async () => {
			sb.seedClients(101, 25);
			const one = sb.addClient(101, {
				name: 'Tagged',
				phone: '13155559999',
				categories: [1],
				custom_fields: { k: 'v' },
			});
			const res = await api('GET', '/clients/101');
			expect(res.status).toBe(200);
			expect(res.json.data).toHaveLength(20);
			expect(res.json.meta).toEqual({ page: 1, total_count: 26 });
			const idsSeen = res.json.data.map((c) => c.id);
			expect(idsSeen).toEqual([...idsSeen].sort((a, b) => a - b));
			expect(res.json.data[0].custom_fields).toEqual({});
			expect(typeof res.json.data[0].phone).toBe('number');
			const p2 = await api('GET', '/clients/101', { query: { page: 2 } });
			expect(p2.json.data).toHaveLength(6);
			expect(p2.json.meta).toEqual({ page: 2, total_count: 26 });
			const last = p2.json.data[5];
			expect(last.id).toBe(one.id);
			expect(last.categories).toEqual([{ id: 1, title: 'VIP', color: expect.any(String) }]);
			expect(last.custom_fields).toEqual({ k: 'v' });
		});

		test('count 300 accepted, 301 → 422 naming count', async () => {
			expect((await api('GET', '/clients/101?count=300')).status).toBe(200);
			const res = await api('GET', '/clients/101?count=301');
			expect(res.status).toBe(422);
			expect(res.json.success).toBe(false);
			expect(res.json.meta.message).toMatch(/count/);
		});

		test('substring filters and id / id[]', async () => {
			const a = sb.addClient(101, {
				name: 'James',
				surname: 'Smith',
				phone: '13155550178',
				email: 'JS@example.com',
				card: '555888',
			});
			const b = sb.addClient(101, { name: 'Taylor', surname: 'Reed', phone: '12125550100', email: 'tr@example.org' });
			const q = async (query) => (await api('GET', '/clients/101', { query })).json.data.map((c) => c.id);
			expect(await q({ fullname: 'mes sm' })).toEqual([a.id]);
			expect(await q({ phone: '212555' })).toEqual([b.id]);
			expect(await q({ email: 'example.org' })).toEqual([b.id]);
			expect(await q({ email: 'js@' })).toEqual([a.id]);
			expect(await q({ card: '5888' })).toEqual([a.id]);
			expect(await q({ id: b.id })).toEqual([b.id]);
			expect(await q({ 'id[]': [a.id, b.id] })).toEqual([a.id, b.id]);
		});

		test('paid_min alone reads paid_max as 0; when nothing matches the paid filter is dropped', async () => {
			const rich = sb.addClient(101, { name: 'Rich', phone: '13155550201', spent: 500 });
			const poor = sb.addClient(101, { name: 'Poor', phone: '13155550202' });
			const q = async (query) => (await api('GET', '/clients/101', { query })).json.data.map((c) => c.id);
			expect(await q({ paid_min: 100, paid_max: 1000 })).toEqual([rich.id]);
			expect(await q({ paid_min: 0 })).toEqual([poor.id]);
			// "at least 100" → between 100 and 0 → nobody → filter silently dropped → everyone
			expect(await q({ paid_min: 100 })).toEqual([rich.id, poor.id]);
			expect(await q({ paid_max: 50 })).toEqual([poor.id]);
		});

		test('changed_after / changed_before compare last_change_date (inclusive, location time zone)', async () => {
			const early = sb.addClient(101, { name: 'Early', phone: '13155550301' }); // 2026-03-01 12:00 local
			sb.clock.advance(24 * 3600 * 1000);
			const later = sb.addClient(101, { name: 'Later', phone: '13155550302' }); // 2026-03-02 12:00 local
			sb.clock.advance(24 * 3600 * 1000);
			// 2026-03-03 12:00
			await api('PUT', `/client/101/${early.id}`, { body: { name: 'Early', phone: '13155550301' } });
			const q = async (query) => (await api('GET', '/clients/101', { query })).json.data.map((c) => c.id);
			expect(await q({ changed_after: '2026-03-02T12:00:00' })).toEqual([early.id, later.id]);
			expect(await q({ changed_after: '2026-03-02T12:00:01' })).toEqual([early.id]);
			expect(await q({ changed_after: '2026-03-02T17:00:01Z' })).toEqual([early.id]);
			expect(await q({ changed_before: '2026-03-02T12:00:00-05:00' })).toEqual([later.id]);
			expect(await q({ changed_after: '2000-01-01T00:00:00' })).toEqual([early.id, later.id]);
			expect((await api('GET', '/clients/101?changed_after=yesterday')).status).toBe(422);
		});

		test('changedAfterZone: each reading reads plain and offset times as it says, per request', async () => {
			const client = sb.addClient(101, { name: 'At noon', phone: '13155550303' }); // 2026-03-01 12:00 New York = 17:00Z
			const q = async (changed_after) =>
				(await api('GET', '/clients/101', { query: { changed_after } })).json.data.map((c) => c.id);
			const cases = {
				location: {
					'2026-03-01T12:00:00': true,
					'2026-03-01T12:00:01': false,
					'2026-03-01T17:00:00Z': true,
					'2026-03-01T17:00:01Z': false,
				},
				utc: {
					'2026-03-01T17:00:00': true,
					'2026-03-01T17:00:01': false,
					'2026-03-01T12:00:00': true,
					'2026-03-01T12:00:00-05:00': true,
					'2026-03-01T12:00:01-05:00': false,
				},
				locationDigits: {
					'2026-03-01T12:00:00': true,
					'2026-03-01T12:00:00Z': true,
					'2026-03-01T12:00:01+09:00': false,
				},
				utcDigits: {
					'2026-03-01T17:00:00': true,
					'2026-03-01T17:00:00-05:00': true,
					'2026-03-01T17:00:01-05:00': false,
				},
			};
			for (const [reading, expectations] of Object.entries(cases)) {
				sb.options.readings.changedAfterZone = reading;
				for (const [text, found] of Object.entries(expectations)) {
					expect([reading, text, await q(text)]).toEqual([reading, text, found ? [client.id] : []]);
				}
			}
		});
	});

	describe('seeding helpers', () => {
		test('seedClients is deterministic and gives unique phones', () => {
			const a = createSandbox({ seed: { random: 7 } }).seedClients(101, 50);
			const b = createSandbox({ seed: { random: 7 } }).seedClients(101, 50);
			expect(a.map((c) => [c.name, c.surname, c.phone])).toEqual(b.map((c) => [c.name, c.surname, c.phone]));
			expect(new Set(a.map((c) => c.phone)).size).toBe(50);
			const c = createSandbox({ seed: { random: 8 } }).seedClients(101, 50);
			expect(c.map((x) => x.phone)).not.toEqual(a.map((x) => x.phone));
		});

		test('more clients than the 60,000 phones of the demo numbering still get unique phones', () => {
			const s = createSandbox();
			const clients = s.seedClients(101, 70000);
			expect(new Set(clients.map((c) => c.phone)).size).toBe(70000);
			expect(clients.every((c) => /^1\d{10}$/.test(c.phone))).toBe(true);
		});

		test('seed.clients seeds each manageable location; reset() restores it; snapshot() moves the target', () => {
			const s = createSandbox({ seed: { clients: 4 } });
			expect(s.state.clients.filter((c) => c.locationId === 101)).toHaveLength(4);
			expect(s.state.clients.filter((c) => c.locationId === 102)).toHaveLength(4);
			expect(s.state.clients.filter((c) => c.locationId === 103)).toHaveLength(0);
			const before = JSON.stringify(s.state);
			s.seedClients(101, 3);
			s.reset();
			expect(JSON.stringify(s.state)).toBe(before);
			s.seedClients(101, 3);
			s.snapshot();
			s.addClient(101, { name: 'gone after reset' });
			s.reset();
			expect(s.state.clients).toHaveLength(11);
		});
	});
});
