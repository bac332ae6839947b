'use strict';

const { sandboxFor, addPaidVisits, MARCH_FIRST_NOON: T0 } = require('./helpers');

describe('sandbox: client lists', () => {
	let sb;
	let api;

	sandboxFor((s) => ({ sb, api } = s), { at: T0 });

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
			addPaidVisits(sb, 101, a.id, [
				['2026-01-05 10:00:00', 1, 100, 100],
				['2026-02-05 10:00:00', 1, 50, 50],
			]);
			addPaidVisits(sb, 101, b.id, [['2026-01-20 10:00:00', -1, 80, 0]]);
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
});
