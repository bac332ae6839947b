'use strict';

const { createSandbox } = require('./index');
const { sandboxFor, makeApi, addPaidVisits, MARCH_FIRST_NOON: T0 } = require('./helpers');

describe('sandbox: clients', () => {
	let sb;
	let api;

	sandboxFor((s) => ({ sb, api } = s), { at: T0 });

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
			addPaidVisits(sb, 101, c.id, [
				['2026-01-10 10:00:00', 1, 50, 50],
				['2026-01-11 10:00:00', -1, 70, 0],
			]);
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
