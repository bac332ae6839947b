'use strict';

/** Client endpoints under each reading: clientShape, contactMasking, money, putSemantics, bulk, quick search. */

const { sandboxFor } = require('./helpers');
const { defaultReadings, READINGS } = require('./readings');

describe('sandbox: client readings', () => {
	let sb;
	let api;
	let client;

	sandboxFor((s) => ({ sb, api } = s));
	beforeEach(() => {
		client = sb.addClient(101, {
			name: 'Rita',
			surname: 'Stone',
			phone: '13155550178',
			email: 'rita@example.com',
			gender_id: 2,
			importance_id: 3,
			spent: 200,
			balance: -20,
			comment: 'keep',
			categories: [1],
			custom_fields: { source: 'Google' },
		});
		sb.addVisit(101, client.id, { date: '2026-01-10 10:00:00', attendance: 1, services: [{ paid_sum: 50 }] });
	});
	const get = async () => (await api('GET', `/client/101/${client.id}`)).json.data;

	test('the catalogue lists the documented reading first', () => {
		expect(defaultReadings()).toMatchObject({
			clientShape: 'documented',
			contactMasking: 'none',
			money: 'plain',
			putSemantics: 'keepOmitted',
			bulkPhones: 'asSent',
			bulkAnswerShape: 'arrays',
			quickSearchPhone: 'digitSubstring',
		});
		expect(READINGS.contactMasking).toEqual(['none', 'phone', 'email', 'both']);
	});

	test('clientShape: documented has labels and no ids; withIds both; localised Russian labels, no ids', async () => {
		const documented = await get();
		expect(documented).toMatchObject({ gender: 'Female', importance: 'Gold' });
		expect(documented).not.toHaveProperty('gender_id');
		expect(documented).not.toHaveProperty('importance_id');
		sb.options.readings.clientShape = 'withIds';
		expect(await get()).toMatchObject({ gender: 'Female', gender_id: 2, importance: 'Gold', importance_id: 3 });
		sb.options.readings.clientShape = 'localised';
		const localised = await get();
		expect(localised).toMatchObject({ gender: 'Женский', importance: 'Золото' });
		expect(localised).not.toHaveProperty('importance_id');
		// the list and the edit's answer document ids whatever GET shows
		const list = await api('GET', '/clients/101', { query: { id: client.id } });
		expect(list.json.data[0]).toMatchObject({ gender_id: 2, importance_id: 3 });
	});

	test('money: plain reads the amount at adding; addsVisits adds visit money', async () => {
		expect((await get()).spent).toBe(200);
		sb.options.readings.money = 'addsVisits';
		expect((await get()).spent).toBe(250);
	});

	test('contactMasking masks reads; a masked phone written back fails, a masked e-mail is stored', async () => {
		sb.options.readings.contactMasking = 'both';
		const read = await get();
		expect(read).toMatchObject({ phone: '+1 315 *** ** 78', email: 'r***@example.com' });
		const search = await api('POST', '/company/101/clients/search', { body: { fields: ['phone', 'email'] } });
		expect(search.json.data[0]).toMatchObject({ phone: '+1 315 *** ** 78', email: 'r***@example.com' });
		const badPhone = await api('PUT', `/client/101/${client.id}`, { body: { name: 'Rita', phone: read.phone } });
		expect(badPhone.status).toBe(422);
		const put = await api('PUT', `/client/101/${client.id}`, {
			body: { name: 'Rita', phone: '13155550178', email: read.email },
		});
		expect(put.status).toBe(200);
		expect(sb.getClient(101, client.id).email).toBe('r***@example.com');
	});

	test('putSemantics: keepOmitted keeps what is left out, resetOmitted resets it; name, phone required', async () => {
		const body = { name: 'Rita', phone: '13155550178', comment: 'new' };
		await api('PUT', `/client/101/${client.id}`, { body });
		expect(sb.getClient(101, client.id)).toMatchObject({
			comment: 'new',
			surname: 'Stone',
			importance_id: 3,
			spent: 200,
			categories: [1],
			custom_fields: { source: 'Google' },
		});
		sb.options.readings.putSemantics = 'resetOmitted';
		await api('PUT', `/client/101/${client.id}`, { body });
		expect(sb.getClient(101, client.id)).toMatchObject({ surname: '', importance_id: 0, spent: 0, categories: [] });
		for (const semantics of READINGS.putSemantics) {
			sb.options.readings.putSemantics = semantics;
			expect((await api('PUT', `/client/101/${client.id}`, { body: { name: 'Rita' } })).status).toBe(422);
		}
	});

	test('bulkPhones normalised: 8 912… stored and echoed as 7912…, duplicates by the normalised number', async () => {
		const rows = [
			{ name: 'A', phone: '89123456789' },
			{ name: 'B', phone: '79123456789' },
		];
		const asSent = await api('POST', '/clients/101/bulk', { body: rows });
		expect(asSent.json.data.created.map((c) => c.phone)).toEqual([89123456789, 79123456789]);
		sb.reset();
		sb.options.readings.bulkPhones = 'normalised';
		const normalised = await api('POST', '/clients/101/bulk', { body: rows });
		expect(normalised.json.data.created.map((c) => c.phone)).toEqual([79123456789]);
		expect(normalised.json.data.errors).toEqual([
			{ phone: '79123456789', name: 'B', error: 'client with this phone already exists' },
		]);
	});

	test('bulkAnswerShape objects: created and errors keyed by the row index', async () => {
		sb.options.readings.bulkAnswerShape = 'objects';
		const rows = [
			{ name: 'A', phone: '13155550100' },
			{ name: '', phone: '13155550101' },
			{ name: 'C', phone: '1315' },
		];
		const res = await api('POST', '/clients/101/bulk', { body: rows });
		expect(Object.keys(res.json.data.created)).toEqual(['0']);
		expect(Object.keys(res.json.data.errors)).toEqual(['1', '2']);
	});

	test('quickSearchPhone: digit substring, exact, national number', async () => {
		const ids = async (value) =>
			(
				await api('POST', '/company/101/clients/search', {
					body: { filters: [{ type: 'quick_search', state: { value } }] },
				})
			).json.data.map((r) => r.id);
		expect(await ids('5550178')).toEqual([client.id]);
		sb.options.readings.quickSearchPhone = 'exact';
		expect(await ids('5550178')).toEqual([]);
		expect(await ids('+1 315 555 0178')).toEqual([client.id]);
		sb.options.readings.quickSearchPhone = 'nationalNumber';
		expect(await ids('3155550178')).toEqual([client.id]);
		expect(await ids('03155550178')).toEqual([client.id]);
		expect(await ids('5550178')).toEqual([]);
	});
});
