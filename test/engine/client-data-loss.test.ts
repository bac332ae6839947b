/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The data-loss cases of issue 22, one test each, through the engine against the sandbox under the
 * reading that shows them (test/sandbox/readings.js). Each failed on the code before the fix.
 */
import type { IDataObject } from 'n8n-workflow';

import { forgetEditReadings } from '../../nodes/Altegio/model/client';
import { byId, runNode } from './harness';
import { credentials, newSandbox } from './setup';

const { defaultReadings } = require('../sandbox/readings');

const sandbox = newSandbox();
const LOCATION = 101;

beforeAll(async () => {
	await sandbox.start(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	Object.assign(sandbox.options.readings as IDataObject, defaultReadings(), { putSemantics: 'resetOmitted' });
	forgetEditReadings();
});

const run = (parameters: IDataObject, continueOnFail = false) =>
	runNode({
		parameters: { resource: 'client', locationId: byId(String(LOCATION)), ...parameters },
		credentials: credentials(sandbox),
		continueOnFail,
	});
const read = (readings: IDataObject) => Object.assign(sandbox.options.readings as IDataObject, readings);
const puts = () => sandbox.requests.filter((r) => r.method === 'PUT');

function seed() {
	return sandbox.addClient(LOCATION, {
		name: 'Rita',
		middle_name: 'May',
		phone: '70000000001',
		gender_id: 2,
		importance_id: 3,
		categories: [1, 3],
		custom_fields: { source: 'Google' },
	}) as IDataObject & { id: number };
}
const update = (id: number, continueOnFail = false) =>
	run({ operation: 'update', clientId: byId(String(id)), updateFields: { comment: 'new' } }, continueOnFail);
const without = (record: IDataObject, keys: string[]) =>
	Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
/** The card's answer replaced by `data` (a shape no reading serves). */
function cardAnswers(id: number, change: (data: IDataObject) => IDataObject) {
	const data = change({ ...(sandbox.getClient(LOCATION, id) as IDataObject) });
	sandbox.addFault({
		method: 'GET',
		path: `/client/101/${id}`,
		kind: 'rewrite',
		when: 'after',
		rewrite: (b: any) => ({ ...b, data }),
	});
}

describe('tags', () => {
	test.each(['labels', 'absent'])('a card with its tags as %s: Update keeps every tag', async (cardTags) => {
		read({ cardTags });
		const rita = seed();
		expect((await update(rita.id)).error).toBeUndefined();
		expect(sandbox.getClient(LOCATION, rita.id).categories).toEqual([1, 3]);
		expect(puts()[0].body.labels).toEqual([1, 3]);
	});

	test('Create or Update keeps every tag of a card that names them labels', async () => {
		read({ cardTags: 'labels' });
		const rita = seed();
		const { error, items } = await run({ operation: 'upsert', name: 'Rita', phone: '+70000000001' });
		expect(error).toBeUndefined();
		expect(items[0].json.action).toBe('updated');
		expect(sandbox.getClient(LOCATION, rita.id).categories).toEqual([1, 3]);
	});

	test('shown neither on the card nor in the list: nothing is sent, the error names the tags', async () => {
		read({ cardTags: 'absent' });
		const rita = seed();
		sandbox.addFault({
			method: 'GET',
			path: '/clients/101',
			kind: 'rewrite',
			when: 'after',
			rewrite: (b: any) => ({ ...b, data: b.data.map((row: IDataObject) => without(row, ['categories'])) }),
		});
		const { items } = await update(rita.id, true);
		expect(items[0].json.error).toMatch(/Nothing was changed: could not read the client's tags \(categories\)/);
		expect(puts()).toHaveLength(0);
		expect(sandbox.getClient(LOCATION, rita.id).categories).toEqual([1, 3]);
	});
});

describe('gender and importance', () => {
	test('Russian labels only on the card, the list as recorded (sex_id): gender and importance kept', async () => {
		read({ clientShape: 'localised', listRows: 'recorded' });
		const rita = seed();
		const { error, items } = await update(rita.id);
		expect(error).toBeUndefined();
		expect(items[0].json.warnings).toBeUndefined();
		expect(sandbox.getClient(LOCATION, rita.id)).toMatchObject({ gender_id: 2, importance_id: 3 });
	});

	test('a label in a language the node does not know: the ID is read from the recorded list (sex_id)', async () => {
		read({ listRows: 'recorded' });
		const rita = seed();
		cardAnswers(rita.id, (data) => {
			return {
				...without(data, ['gender_id', 'importance_id', 'categories']),
				phone: 70000000001,
				gender: 'Weiblich',
				importance: 'Gold',
				categories: [{ id: 1 }, { id: 3 }],
			};
		});
		expect((await update(rita.id)).error).toBeUndefined();
		expect(puts()[0].body).toMatchObject({ gender_id: 2, middle_name: 'May' });
		expect(sandbox.getClient(LOCATION, rita.id)).toMatchObject({ gender_id: 2, importance_id: 3 });
	});

	test('"No priority level" is importance 0, and breaks nothing', async () => {
		const rita = sandbox.addClient(LOCATION, { name: 'Nia', phone: '70000000002', importance_id: 0, gender_id: 1 });
		cardAnswers(rita.id as number, (data) => {
			return {
				...without(data, ['importance_id', 'gender_id']),
				phone: 70000000002,
				importance: 'No priority level',
				gender: 'Male',
				categories: [],
			};
		});
		const { error, items } = await update(rita.id as number);
		expect(error).toBeUndefined();
		expect(items[0].json.warnings).toBeUndefined();
		expect(puts()[0].body).toMatchObject({ importance_id: 0, gender_id: 1 });
		expect(sandbox.requests.filter((r) => r.path === '/clients/101')).toHaveLength(0);
	});
});

test('history without a cursor: Return All gives every visit, not the first page', async () => {
	read({ historyCursor: 'absent' });
	const rita = seed();
	for (let day = 1; day <= 40; day++) {
		sandbox.addVisit(LOCATION, rita.id, {
			date: `2026-0${day > 20 ? 2 : 1}-${String((day % 20) + 1).padStart(2, '0')} 10:00:00`,
		});
	}
	const { error, items } = await run({
		resource: 'history',
		operation: 'getAll',
		clientId: byId(String(rita.id)),
		returnAll: true,
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(40);
	expect(new Set(items.map((i) => i.json.id)).size).toBe(40);
});

test('search rows never gain custom_fields (the search does not return them)', async () => {
	seed();
	const { items } = await run({ operation: 'getAll', returnAll: true, filters: {} });
	expect(items).toHaveLength(1);
	expect(items[0].json).not.toHaveProperty('custom_fields');
});

test('Visit Created To means the whole day: a visit that afternoon is found', async () => {
	const rita = seed();
	sandbox.addVisit(LOCATION, rita.id, { date: '2026-01-31 15:00:00' });
	const { items } = await run({
		operation: 'getAll',
		returnAll: true,
		filters: { visitCreatedFrom: '2026-01-01', visitCreatedTo: '2026-01-31' },
	});
	expect(items.map((i) => i.json.id)).toEqual([rita.id]);
	const body = sandbox.requests.find((r) => r.path === '/company/101/clients/search')?.body;
	expect(body.filters[0].state.created).toEqual({ from: '2026-01-01 00:00:00', to: '2026-01-31 23:59:59' });
});

test('an edit on a host known to reset omitted money costs one write', async () => {
	const rita = sandbox.addClient(LOCATION, { name: 'Mo', phone: '70000000003', spent: 300, balance: -30 });
	for (const round of [1, 2, 3]) {
		sandbox.clearRequests();
		expect((await update(rita.id as number)).error).toBeUndefined();
		expect(puts()).toHaveLength(round === 1 ? 2 : 1);
		expect(sandbox.getClient(LOCATION, rita.id)).toMatchObject({ spent: 300, balance: -30 });
	}
});

test('Create Many refuses a row with a key create does not take, before any request', async () => {
	const { error } = await run({
		operation: 'createMany',
		clients: JSON.stringify([{ name: 'Ann', phone: '13155550102', sex_id: 2 }]),
	});
	expect(error?.message).toMatch(/row 0 has a field Altegio's create does not take: sex_id \(use sex_id → gender_id\)/);
	expect(sandbox.requests).toHaveLength(0);
});
