'use strict';

/** The readings that serve the shapes observed in the wild (observedShapes.js, readings.js). */

const { createSandbox } = require('./index');
const { makeApi } = require('./helpers');
const { defaultReadings } = require('./readings');

describe('sandbox: observed shapes', () => {
	let sb;
	let api;
	let client;

	beforeAll(async () => {
		sb = createSandbox();
		api = makeApi((await sb.start(0)).url);
	});
	afterAll(() => sb.stop());
	beforeEach(() => {
		sb.reset();
		Object.assign(sb.options.readings, defaultReadings());
		client = sb.addClient(101, {
			name: 'Rita',
			surname: 'Stone',
			middle_name: 'May',
			phone: '70000000001',
			gender_id: 2,
			importance_id: 0,
			birth_date: '1900-05-04',
			categories: [1],
		});
	});
	const read = (reading) => Object.assign(sb.options.readings, reading);
	const listRow = async () => (await api('GET', '/clients/101', { query: { id: client.id } })).json.data[0];
	const card = async () => (await api('GET', `/client/101/${client.id}`)).json.data;

	test('listRows recorded: the recorded keys, no gender_id, gender or middle_name', async () => {
		read({ listRows: 'recorded' });
		const row = await listRow();
		expect(Object.keys(row)).toEqual([
			...['id', 'name', 'surname', 'patronymic', 'display_name', 'phone', 'email', 'discount', 'card'],
			...['sex_id', 'sex', 'sms_check', 'sms_bot', 'sms_not', 'importance_id', 'importance', 'comment'],
			...['last_change_date', 'birth_date', 'visits', 'spent', 'paid', 'balance', 'categories', 'custom_fields'],
		]);
		expect(row).toMatchObject({
			patronymic: 'May',
			display_name: 'Rita Stone',
			phone: '+70000000001',
			sex_id: 2,
			sex: 'Female',
			importance: 'No priority level',
			birth_date: '1900-05-04',
			custom_fields: {},
		});
		expect(Object.keys(row.categories[0])).toHaveLength(13);
		expect(row.categories[0]).toMatchObject({ id: 1, title: 'VIP', is_deleted: false, entity_slug: 'client' });
	});

	test('labelLanguage ru: Russian labels in the card, the list and the recorded rows', async () => {
		read({ labelLanguage: 'ru', clientShape: 'withIds' });
		expect(await card()).toMatchObject({ gender: 'Женский', importance: 'Без класса важности', gender_id: 2 });
		read({ listRows: 'recorded' });
		expect(await listRow()).toMatchObject({ sex: 'Женский', importance: 'Без класса важности' });
	});

	test('clientShape recorded: the card in the recorded row shape', async () => {
		read({ clientShape: 'recorded' });
		const shown = await card();
		expect(shown).toMatchObject({ sex_id: 2, patronymic: 'May', phone: '+70000000001' });
		expect(shown).not.toHaveProperty('gender_id');
		expect(shown).not.toHaveProperty('middle_name');
	});

	test('cardTags: categories, labels, or absent on the card (the list keeps them unless labels)', async () => {
		read({ cardTags: 'labels' });
		expect(await card()).toMatchObject({ labels: [{ id: 1, title: 'VIP' }] });
		expect(await card()).not.toHaveProperty('categories');
		expect(await listRow()).toMatchObject({ labels: [{ id: 1 }] });
		read({ cardTags: 'absent' });
		const shown = await card();
		expect(shown).not.toHaveProperty('categories');
		expect(shown).not.toHaveProperty('labels');
		expect(await listRow()).toMatchObject({ categories: [{ id: 1 }] });
		const put = await api('PUT', `/client/101/${client.id}`, { body: { name: 'Rita', phone: '70000000001' } });
		expect(put.json.data).not.toHaveProperty('categories');
	});

	test('searchRows recorded: + phones, "" for no visit; never tags or custom fields', async () => {
		read({ searchRows: 'recorded' });
		const res = await api('POST', '/company/101/clients/search', {
			body: { fields: ['id', 'name', 'phone', 'last_visit_date', 'sold_amount'] },
		});
		expect(res.json.data).toEqual([
			{ id: client.id, name: 'Rita Stone', phone: '+70000000001', last_visit_date: '', sold_amount: 0 },
		]);
	});

	test('errorBody: errorsMeta for 401 and 404; successFalse200 for the other 4xx', async () => {
		read({ errorBody: 'errorsMeta' });
		const missing = await api('GET', '/client/101/999999');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({
			errors: { code: 404, message: 'Client not found' },
			meta: { message: 'Client not found' },
		});
		const refused = await api('GET', '/client/101/1', { headers: { authorization: 'Bearer nope' } });
		expect(refused.status).toBe(401);
		expect(refused.json.errors).toEqual({ code: 401, message: 'Authentication needed.' });
		read({ errorBody: 'successFalse200' });
		const gone = await api('GET', '/client/101/999999');
		expect(gone.status).toBe(200);
		expect(gone.json).toEqual({ success: false, data: null, meta: { message: 'Client not found' } });
		const taken = await api('POST', '/clients/101', { body: { name: 'Twin', phone: '70000000001' } });
		expect(taken.status).toBe(200);
		expect(taken.json.success).toBe(false);
		expect((await api('GET', '/client/101/1', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
	});

	test('historyCursor absent: the page as usual, meta without dateCursor', async () => {
		for (let day = 1; day <= 30; day++) {
			sb.addVisit(101, client.id, { date: `2026-01-${String(day).padStart(2, '0')} 10:00:00` });
		}
		read({ historyCursor: 'absent' });
		const body = {
			client_id: client.id,
			client_phone: null,
			from: null,
			to: null,
			payment_statuses: [],
			attendance: null,
		};
		const res = await api('POST', '/company/101/clients/visits/search', { body });
		expect(res.json.data.records).toHaveLength(25);
		expect(res.json.meta).toEqual([]);
	});

	test('search dates are compared as date-times: a bare "to" ends at the start of its day', async () => {
		sb.addVisit(101, client.id, { date: '2026-01-31 15:00:00' });
		const created = (to) => ({
			fields: ['id'],
			filters: [{ type: 'record', state: { created: { from: '2026-01-01 00:00:00', to } } }],
		});
		const found = async (to) =>
			(await api('POST', '/company/101/clients/search', { body: created(to) })).json.data.length;
		expect(await found('2026-01-31')).toBe(0);
		expect(await found('2026-01-31 23:59:59')).toBe(1);
	});
});
