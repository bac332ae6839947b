/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Every operation and the polling trigger under each reading of what Altegio was seen to send
 * (test/sandbox/readings.js, observedShapes.js): each one right, nothing the user did not change
 * changed, no key added to what Altegio sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { activateTrigger, byId, credentials, fullRecords, sandboxSuite } from './harness';

process.env.N8N_LOG_LEVEL ??= 'warn';
const LOCATION = 101;
// Reset before each test, readings and what the node learned of the host's edit included.
const suite = sandboxSuite('', LOCATION);
const { sandbox } = suite;
const run: typeof suite.run = (parameters, extra) => suite.run(fullRecords(parameters), extra);

/** What an edit must keep, as stored. */
const KEPT = [
	...['name', 'surname', 'middle_name', 'phone', 'email', 'gender_id', 'importance_id', 'discount', 'card'],
	...['birth_date', 'sms_check', 'sms_not', 'spent', 'balance', 'categories', 'custom_fields'],
];
const pick = (record: IDataObject) => Object.fromEntries(KEPT.map((k) => [k, record[k]]));

function seedRich(name = 'Rita', phone = '70000000001') {
	const client = sandbox.addClient(LOCATION, {
		name,
		surname: 'Stone',
		middle_name: 'May',
		phone,
		email: `${name.toLowerCase()}@example.com`,
		gender_id: 2,
		importance_id: 0,
		discount: 5,
		card: '777',
		birth_date: '1900-05-04',
		sms_check: 1,
		sms_not: 0,
		spent: 200,
		balance: -20,
		categories: [1, 3],
		custom_fields: { source: 'Google' },
	});
	return client as IDataObject & { id: number };
}

/** Every value of the observed-shape keys (test/sandbox/readings.js) besides the documented default. */
const OBSERVED: Record<string, string[]> = {
	clientShape: ['withIds', 'localised', 'recorded'],
	listRows: ['recorded'],
	cardTags: ['labels', 'absent'],
	labelLanguage: ['ru'],
	searchRows: ['recorded'],
	errorBody: ['errorsMeta', 'successFalse200'],
	historyCursor: ['absent'],
	putSemantics: ['resetOmitted'],
};

/** One reading per case: the default, each observed value alone, then all observed at once. */
const READINGS: Array<[string, IDataObject]> = [
	['documented (default)', {}],
	...Object.entries(OBSERVED).flatMap(([key, values]) =>
		values.map((value): [string, IDataObject] => [`${key} ${value}`, { [key]: value }]),
	),
	[
		'all observed at once, with a PUT that resets',
		{
			clientShape: 'localised',
			listRows: 'recorded',
			cardTags: 'absent',
			labelLanguage: 'ru',
			searchRows: 'recorded',
			errorBody: 'errorsMeta',
			historyCursor: 'absent',
			putSemantics: 'resetOmitted',
		},
	],
];

describe.each(READINGS)('under %s', (_name, readings) => {
	const read = () => Object.assign(sandbox.options.readings as IDataObject, readings);

	test('client get, getAll, getAllLegacy: read right, no key added', async () => {
		read();
		const rita = seedRich();
		const get = await run({ resource: 'client', operation: 'get', clientId: byId(String(rita.id)) });
		expect(get.error).toBeUndefined();
		const card = sandbox.requests.find((r) => r.method === 'GET' && r.path === `/client/101/${rita.id}`);
		expect(Object.keys(get.items[0].json).sort()).toEqual(Object.keys((card?.response as any).data).sort());
		const search = await run({ resource: 'client', operation: 'getAll', returnAll: true, filters: {} });
		expect(search.error).toBeUndefined();
		expect(search.items[0].json).not.toHaveProperty('custom_fields');
		expect(search.items[0].json).not.toHaveProperty('categories');
		expect(String(search.items[0].json.phone).replace(/\D/g, '')).toBe('70000000001');
		const list = await run({ resource: 'client', operation: 'getAllLegacy', returnAll: true });
		expect(list.error).toBeUndefined();
		expect(list.items.map((i) => i.json.id)).toEqual([rita.id]);
	});

	test('client update and upsert keep everything not changed; once the reading is known, one write', async () => {
		read();
		const rita = seedRich();
		const before = pick(sandbox.getClient(LOCATION, rita.id));
		const card = `/client/${LOCATION}/${rita.id}`;
		const sent = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);
		const listRow = () => (readings.cardTags === 'absent' ? [`GET /clients/${LOCATION}`] : []);
		for (const round of [1, 2]) {
			sandbox.clearRequests();
			const { error, items } = await run({
				resource: 'client',
				operation: 'update',
				clientId: byId(String(rita.id)),
				updateFields: { comment: `round ${round}` },
			});
			expect(error).toBeUndefined();
			expect(items[0].json.comment).toBe(`round ${round}`);
			expect(pick(sandbox.getClient(LOCATION, rita.id))).toEqual(before);
			const puts = sandbox.requests.filter((r) => r.method === 'PUT');
			if (round === 2) expect(puts).toHaveLength(1);
			// Once the host's reading is known: the card and one PUT. A card that shows no tags adds the
			// read of the list's row (the PUT must send the tags back).
			if (round === 2) expect(sent()).toEqual([`GET ${card}`, ...listRow(), `PUT ${card}`]);
		}
		sandbox.clearRequests();
		const upsert = await run({ resource: 'client', operation: 'upsert', name: 'Rita', phone: '+7 000 000 00 01' });
		expect(upsert.error).toBeUndefined();
		expect(upsert.items[0].json.action).toBe('updated');
		// The lookup (the list filtered by phone), then Update's requests.
		expect(sent()).toEqual([`GET /clients/${LOCATION}`, `GET ${card}`, ...listRow(), `PUT ${card}`]);
		expect(pick(sandbox.getClient(LOCATION, rita.id))).toEqual(before);
	});

	test('client create, createMany, delete', async () => {
		read();
		const created = await run({ resource: 'client', operation: 'create', name: 'Ann', phone: '+1 315 555 0101' });
		expect(created.error).toBeUndefined();
		expect(sandbox.getClient(LOCATION, created.items[0].json.id)).toMatchObject({ name: 'Ann' });
		const many = await run({
			resource: 'client',
			operation: 'createMany',
			clients: JSON.stringify([{ name: 'Bo', phone: '13155550102' }]),
		});
		expect(many.items[0].json).toMatchObject({ success: true, name: 'Bo' });
		const gone = await run({
			resource: 'client',
			operation: 'delete',
			clientId: byId(String(created.items[0].json.id)),
		});
		expect(gone.error).toBeUndefined();
		expect(sandbox.getClient(LOCATION, created.items[0].json.id)).toBeNull();
	});

	test('comments, files and the whole visit history', async () => {
		read();
		const rita = seedRich();
		for (let day = 1; day <= 28; day++) {
			sandbox.addVisit(LOCATION, rita.id, { date: `2026-01-${String(day).padStart(2, '0')} 10:00:00` });
		}
		sandbox.addComment(LOCATION, rita.id, { text: 'note' });
		const file = sandbox.addFile(LOCATION, rita.id, { name: 'scan.pdf' });
		const clientId = byId(String(rita.id));
		const history = await run({ resource: 'history', operation: 'getAll', clientId, returnAll: true });
		expect(history.error).toBeUndefined();
		expect(history.items).toHaveLength(28);
		const added = await run({ resource: 'comment', operation: 'create', clientId, text: 'hello' });
		expect(added.error).toBeUndefined();
		const comments = await run({ resource: 'comment', operation: 'getAll', clientId, returnAll: true });
		expect(comments.items.map((i) => i.json.text)).toContain('hello');
		const removed = await run({
			resource: 'comment',
			operation: 'delete',
			clientId,
			commentId: String(added.items[0].json.id),
		});
		expect(removed.error).toBeUndefined();
		const files = await run({ resource: 'file', operation: 'getAll', clientId, returnAll: true });
		expect(files.items).toHaveLength(1);
		const fileGone = await run({ resource: 'file', operation: 'delete', clientId, fileId: String(file.id) });
		expect(fileGone.error).toBeUndefined();
	});

	test("errors say Altegio's words; Continue On Fail gives an error item", async () => {
		read();
		const missing = await run(
			{ resource: 'client', operation: 'get', clientId: byId('999999') },
			{ continueOnFail: true },
		);
		expect(missing.items[0].json.error).toMatch(/Client not found/);
		const twin = seedRich();
		const taken = await run({ resource: 'client', operation: 'create', name: 'Twin', phone: String(twin.phone) });
		expect(taken.error?.message).toMatch(/already exists/);
		expect(taken.error?.message).not.toMatch(/may or may not have been saved/);
	});

	test('the polling trigger reports a new client', async () => {
		read();
		const start = Date.now() - 60_000;
		sandbox.clock.set(start);
		const trigger = await activateTrigger({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
			credentials: credentials(sandbox),
		});
		try {
			expect(trigger.activation.error).toBeUndefined();
			sandbox.clock.set(start + 30_000);
			const rita = seedRich();
			const poll = await trigger.poll();
			expect(poll.error).toBeUndefined();
			expect((poll.items ?? []).map((i) => i.json.id)).toEqual([rita.id]);
		} finally {
			await trigger.deactivate();
			sandbox.clock.real();
		}
	});
});
