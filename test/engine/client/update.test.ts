/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Client > Update: only the given fields change. Under every combination of the readings that concern
 * the client record (clientShape × contactMasking × money × putSemantics) nothing the user did not
 * change is changed, or nothing is written and the error says why; writes to one client are serialized.
 */
import type { IDataObject } from 'n8n-workflow';

import { pendingWriteLocks } from '../../../nodes/Altegio/kernel/budget';
import { byId, sandboxSuite } from '../harness';

const { combinations } = require('../../sandbox/readings');

const LOCATION = 101;
const { sandbox, run, requestsTo } = sandboxSuite('client', LOCATION);

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

	test('an update field given an object fails before any request', async () => {
		const { error } = await run({
			operation: 'update',
			clientId: byId('1'),
			updateFields: { card: '={{ { n: 5 } }}' },
		});
		expect(error?.message).toContain('updateFields.card');
		expect(sandbox.requests).toHaveLength(0);
	});
});

/** What the user did not ask to change, as stored (spent and balance are the stored seeds). */
const KEPT = [
	'name',
	'surname',
	'middle_name',
	'phone',
	'email',
	'gender_id',
	'importance_id',
	'discount',
	'card',
	'birth_date',
	'sms_check',
	'sms_not',
	'spent',
	'balance',
	'categories',
	'custom_fields',
];

function seedRich() {
	const client = sandbox.addClient(LOCATION, {
		name: 'Rita',
		surname: 'Stone',
		middle_name: 'May',
		phone: '13155550178',
		email: 'rita@example.com',
		gender_id: 2,
		importance_id: 3,
		discount: 5,
		card: '777',
		birth_date: '1990-04-05',
		comment: 'old',
		sms_check: 1,
		sms_not: 1,
		spent: 200,
		balance: -20,
		categories: [1, 3],
		custom_fields: { source: 'Google', day: 'Friday' },
	});
	sandbox.addVisit(LOCATION, client.id as number, {
		date: '2026-01-10 10:00:00',
		attendance: 1,
		services: [{ paid_sum: 50 }],
	});
	return { id: client.id as number, before: structuredClone(sandbox.getClient(LOCATION, client.id)) };
}

const pick = (record: IDataObject, keys: string[]) => Object.fromEntries(keys.map((k) => [k, record[k]]));

const combos: IDataObject[] = combinations(['clientShape', 'contactMasking', 'money', 'putSemantics']);

describe.each(combos.map((c) => [Object.values(c).join(' / '), c]))('update under %s', (_name, readings) => {
	const masked = (readings as IDataObject).contactMasking !== 'none';

	const title = `a comment-only update changes only the comment${masked ? ', or nothing (masked contact)' : ''}`;
	test(title, async () => {
		Object.assign(sandbox.options.readings as IDataObject, readings);
		const { id, before } = seedRich();
		for (let round = 0; round < 2; round++) {
			const { items, error } = await run({
				operation: 'update',
				clientId: byId(String(id)),
				updateFields: { comment: `new ${round}` },
				output: 'raw',
			});
			const after = sandbox.getClient(LOCATION, id);
			expect(pick(after, KEPT)).toEqual(pick(before, KEPT));
			if (masked) {
				expect(error?.message).toMatch(/Nothing was changed: the client's (phone|e-mail) is masked/);
				expect(sandbox.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
				expect(after.comment).toBe('old');
			} else {
				expect(error).toBeUndefined();
				expect(after.comment).toBe(`new ${round}`);
				expect(items[0].json.comment).toBe(`new ${round}`);
				const puts = sandbox.requests.filter((r) => r.method === 'PUT');
				for (const put of puts) expect(JSON.stringify(put.body)).not.toContain('*');
				const reset = (readings as IDataObject).putSemantics === 'resetOmitted';
				if (reset && round === 0) {
					// Not yet known on this host: the edit leaves money out, sees it reset, restores it.
					expect(items[0].json.warnings).toEqual([
						expect.stringMatching(/reset spent and balance .* a second edit restored them/),
					]);
					expect(puts).toHaveLength(2);
					expect(puts[0].body).not.toHaveProperty('spent');
					expect(puts[0].body).not.toHaveProperty('balance');
				} else {
					// Known (or kept): one write, and never a derived figure sent as a seed.
					expect(items[0].json.warnings).toBeUndefined();
					expect(puts).toHaveLength(1);
					if (reset) expect(puts[0].body).toMatchObject({ spent: before.spent, balance: before.balance });
					else expect(puts[0].body).not.toHaveProperty('spent');
				}
			}
			sandbox.clearRequests();
		}
		expect(pendingWriteLocks()).toBe(0);
	});

	if (masked) {
		test('with the masked contacts given in Update Fields, everything else is kept', async () => {
			Object.assign(sandbox.options.readings as IDataObject, readings);
			const { id, before } = seedRich();
			const { error } = await run({
				operation: 'update',
				clientId: byId(String(id)),
				updateFields: { comment: 'new', phone: '+1 315 555 0178', email: 'rita@example.com' },
			});
			expect(error).toBeUndefined();
			const after = sandbox.getClient(LOCATION, id);
			expect(pick(after, KEPT)).toEqual(pick(before, KEPT));
			expect(after.comment).toBe('new');
		});
	}
});

describe('update: what cannot be read is not written', () => {
	test('GET answering data: null or a non-object fails with no PUT', async () => {
		const { id, before } = seedRich();
		for (const data of [null, [], 'x', {}]) {
			sandbox.clearRequests();
			sandbox.addFault({
				method: 'GET',
				path: `/client/101/${id}`,
				kind: 'status',
				status: 200,
				body: { success: true, data, meta: [] },
			});
			const { error } = await run({ operation: 'update', clientId: byId(String(id)), updateFields: { comment: 'x' } });
			expect(error?.message).toMatch(/without a client record; nothing was changed/);
			expect(sandbox.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
		}
		expect(sandbox.getClient(LOCATION, id)).toEqual(before);
	});

	test.each([
		[
			'a list of {code, value}',
			[
				{ code: 'source', value: 'Google' },
				{ code: 'day', value: 'Friday' },
			],
		],
		[
			'a list of {key, value}',
			[
				{ key: 'source', value: 'Google' },
				{ key: 'day', value: 'Friday' },
			],
		],
		['an object', { source: 'Google', day: 'Friday' }],
	])('custom fields read as %s are kept; keys the edit does not document are not sent', async (_shape, custom) => {
		const { id } = seedRich();
		const record = { ...sandbox.getClient(LOCATION, id), phone: 13155550178, custom_fields: custom, loyalty_tier: 'B' };
		sandbox.addFault({
			method: 'GET',
			path: `/client/101/${id}`,
			kind: 'status',
			status: 200,
			body: { success: true, data: record, meta: [] },
		});
		const { error } = await run({
			operation: 'update',
			clientId: byId(String(id)),
			updateFields: { customFields: { field: [{ key: 'day', value: 'Monday' }] } },
		});
		expect(error).toBeUndefined();
		const put = sandbox.requests.find((r) => r.method === 'PUT');
		expect(put?.body.custom_fields).toEqual({ source: 'Google', day: 'Monday' });
		// The official description lists every writable key of the edit (the node models them all);
		// a key it does not name may be derived, so it is not written back.
		expect(put?.body).not.toHaveProperty('loyalty_tier');
		expect(sandbox.getClient(LOCATION, id).custom_fields).toEqual({ source: 'Google', day: 'Monday' });
	});
});

describe('update: writes to one client are serialized', () => {
	test('two items changing different fields of one client both survive', async () => {
		const { id } = seedRich();
		const { items, error } = await run(
			{
				operation: 'update',
				clientId: byId(String(id)),
				updateFields: { customFields: { field: [{ key: '={{ $json.key }}', value: '={{ $json.value }}' }] } },
			},
			{
				input: [
					{ key: 'source', value: 'Instagram' },
					{ key: 'day', value: 'Monday' },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(sandbox.getClient(LOCATION, id).custom_fields).toEqual({ source: 'Instagram', day: 'Monday' });
		expect(sandbox.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
	});

	test('two executions changing different fields of one client both survive', async () => {
		const { id } = seedRich();
		const results = await Promise.all([
			run({ operation: 'update', clientId: byId(String(id)), updateFields: { comment: 'from run 1' } }),
			run({ operation: 'update', clientId: byId(String(id)), updateFields: { surname: 'Brook' } }),
		]);
		expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
		expect(sandbox.getClient(LOCATION, id)).toMatchObject({ comment: 'from run 1', surname: 'Brook' });
		expect(pendingWriteLocks()).toBe(0);
	});
});
