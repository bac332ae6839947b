/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The answers Altegio was seen to send beyond its description (docs/altegio-api.md, "Observed"), one
 * case per data-loss finding of issue 22, through the engine against the sandbox under the reading
 * that shows it (test/sandbox/readings.js). Each failed on the code before the fix.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, fullRecords } from '../engine/harness';
import type { CaseRow } from './collector';
import { itemError, reliabilitySuite, short } from './support';

const { RICH_FIELDS } = require('../sandbox/demo');

const LOCATION = 101;
// Reset before each test, readings and what the node learned of the host's edit included.
const {
	sandbox,
	run: runClient,
	table,
} = reliabilitySuite(
	{
		id: 'observed-shapes',
		title: 'Answers as Altegio really sends them',
		intro:
			'Update, Create or Update, Get Many, Visit History and Create Many under the sandbox readings that serve ' +
			'the shapes public integrations recorded from the live API (tags as `labels` or not shown, `sex_id` and ' +
			'`patronymic`, Russian labels, "No priority level", a history answer without its cursor), with an edit ' +
			'that resets what it is not sent (`putSemantics: resetOmitted`). The client: tags 1 and 3, gender 2, ' +
			'importance 3, middle name, a custom field.',
	},
	'client',
	{ readings: { putSemantics: 'resetOmitted' } },
);

const run = (parameters: IDataObject, continueOnFail = false) => runClient(fullRecords(parameters), { continueOnFail });
const read = (readings: IDataObject) => Object.assign(sandbox.options.readings as IDataObject, readings);
const puts = () => sandbox.requests.filter((r) => r.method === 'PUT');
const calls = () =>
	sandbox.requests.map((r) => `${r.method} ${r.path.replace(/^(\/client\/\d+\/)\d+$/, '$1{id}')}`).join(', ');
const without = (record: IDataObject, keys: string[]) =>
	Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

function seed() {
	return sandbox.addClient(LOCATION, { name: 'Rita', phone: '70000000001', ...RICH_FIELDS }) as IDataObject & {
		id: number;
	};
}
const stored = (id: number) => {
	const c = sandbox.getClient(LOCATION, id);
	return `tags ${JSON.stringify(c.categories)}, gender ${c.gender_id}, importance ${c.importance_id}`;
};
const update = (id: number, continueOnFail = false) =>
	run({ operation: 'update', clientId: byId(String(id)), updateFields: { comment: 'new' } }, continueOnFail);
/** The card's answer replaced by `data` (a shape no reading serves). */
function cardAnswers(id: number, change: (data: IDataObject) => IDataObject) {
	const data = change({ ...(sandbox.getClient(LOCATION, id) as IDataObject) });
	const rewrite = (body: IDataObject) => ({ ...body, data });
	sandbox.addFault({ method: 'GET', path: `/client/101/${id}`, kind: 'rewrite', when: 'after', rewrite });
}
const KEEPS = 'the client keeps tags [1,3], gender 2, importance 3';

/** One case on Rita, seeded once the sandbox serves `readings`. */
function ritaCase(row: CaseRow, readings: IDataObject, body: (rita: ReturnType<typeof seed>) => Promise<string>) {
	table.check(row, async () => {
		read(readings);
		return await body(seed());
	});
}

for (const cardTags of ['labels', 'absent']) {
	ritaCase(
		{
			section: 'Tags',
			case: `Update of a client whose card shows the tags ${cardTags === 'labels' ? 'as `labels`' : 'not at all'}`,
			input: `\`cardTags: ${cardTags}\`, Update Fields: comment`,
			expected: `${KEEPS}; the PUT sends labels [1,3]`,
		},
		{ cardTags },
		async (rita) => {
			expect((await update(rita.id)).error).toBeUndefined();
			expect(sandbox.getClient(LOCATION, rita.id).categories).toEqual([1, 3]);
			expect(puts()[0].body.labels).toEqual([1, 3]);
			return `${stored(rita.id)}; requests: ${calls()}`;
		},
	);
}

ritaCase(
	{
		section: 'Tags',
		case: 'Create or Update of a client whose card names the tags `labels`',
		input: '`cardTags: labels`, the same phone in another form (+7…)',
		expected: 'updated, tags kept',
	},
	{ cardTags: 'labels' },
	async (rita) => {
		const { error, items } = await run({ operation: 'upsert', name: 'Rita', phone: '+70000000001' });
		expect(error).toBeUndefined();
		expect(items[0].json.action).toBe('updated');
		expect(sandbox.getClient(LOCATION, rita.id).categories).toEqual([1, 3]);
		return `action ${items[0].json.action}; ${stored(rita.id)}`;
	},
);

ritaCase(
	{
		section: 'Tags',
		case: 'Tags shown neither on the card nor in the list',
		input: '`cardTags: absent`, the list rewritten without `categories`, Continue On Fail',
		expected: 'no PUT; an error item naming the tags',
	},
	{ cardTags: 'absent' },
	async (rita) => {
		const rewrite = (b: any) => ({ ...b, data: b.data.map((row: IDataObject) => without(row, ['categories'])) });
		sandbox.addFault({ method: 'GET', path: '/clients/101', kind: 'rewrite', when: 'after', rewrite });
		const { items } = await update(rita.id, true);
		const error = itemError(items[0]);
		expect(error).toMatch(/Nothing was changed: could not read the client's tags \(categories\)/);
		expect(puts()).toHaveLength(0);
		expect(sandbox.getClient(LOCATION, rita.id).categories).toEqual([1, 3]);
		return `${puts().length} PUT; "${short(error, 110)}"`;
	},
);

ritaCase(
	{
		section: 'Gender and importance',
		case: 'Russian labels only on the card; the list as recorded (`sex_id`, `patronymic`)',
		input: '`clientShape: localised` (Женский, Золото), `listRows: recorded`',
		expected: `${KEEPS}; no warning`,
	},
	{ clientShape: 'localised', listRows: 'recorded' },
	async (rita) => {
		const { error, items } = await update(rita.id);
		expect(error).toBeUndefined();
		expect(items[0].json.warnings).toBeUndefined();
		expect(sandbox.getClient(LOCATION, rita.id)).toMatchObject({ gender_id: 2, importance_id: 3 });
		return `${stored(rita.id)}; requests: ${calls()}`;
	},
);

ritaCase(
	{
		section: 'Gender and importance',
		case: 'A label in a language the node does not know',
		input: 'card: `gender: "Weiblich"`, no IDs; `listRows: recorded`',
		expected: "gender read from the list row's `sex_id`; middle name from `patronymic`; kept",
	},
	{ listRows: 'recorded' },
	async (rita) => {
		cardAnswers(rita.id, (data) => ({
			...without(data, ['gender_id', 'importance_id', 'categories']),
			phone: 70000000001,
			gender: 'Weiblich',
			importance: 'Gold',
			categories: [{ id: 1 }, { id: 3 }],
		}));
		expect((await update(rita.id)).error).toBeUndefined();
		expect(puts()[0].body).toMatchObject({ gender_id: 2, middle_name: 'May' });
		expect(sandbox.getClient(LOCATION, rita.id)).toMatchObject({ gender_id: 2, importance_id: 3 });
		return `PUT gender_id ${puts()[0].body.gender_id}, middle_name ${puts()[0].body.middle_name}; ${stored(rita.id)}`;
	},
);

table.check(
	{
		section: 'Gender and importance',
		case: '"No priority level"',
		input: 'card: `importance: "No priority level"`, `gender: "Male"`, no IDs',
		expected: 'importance 0, gender 1, no list read, no warning',
	},
	async () => {
		const nia = sandbox.addClient(LOCATION, { name: 'Nia', phone: '70000000002', importance_id: 0, gender_id: 1 });
		cardAnswers(nia.id as number, (data) => ({
			...without(data, ['importance_id', 'gender_id']),
			phone: 70000000002,
			importance: 'No priority level',
			gender: 'Male',
			categories: [],
		}));
		const { error, items } = await update(nia.id as number);
		expect(error).toBeUndefined();
		expect(items[0].json.warnings).toBeUndefined();
		expect(puts()[0].body).toMatchObject({ importance_id: 0, gender_id: 1 });
		expect(sandbox.requests.filter((r) => r.path === '/clients/101')).toHaveLength(0);
		return `PUT importance_id ${puts()[0].body.importance_id}, gender_id ${puts()[0].body.gender_id}; ${calls()}`;
	},
);

ritaCase(
	{
		section: 'Lists',
		case: 'Visit History, Return All, answers without `meta.dateCursor`',
		input: '`historyCursor: absent`, 40 visits over 40 days (pages of 25)',
		expected: 'all 40, none twice (the node derives the older windows; an empty page ends it)',
	},
	{ historyCursor: 'absent' },
	async (rita) => {
		for (let day = 0; day < 40; day++) {
			const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
			sandbox.addVisit(LOCATION, rita.id, { date: `${date} 10:00:00` });
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
		return `${items.length} items in ${sandbox.requests.length} requests`;
	},
);

ritaCase(
	{
		section: 'Lists',
		case: 'Get Many (search) rows',
		input: 'search rows as Altegio sends them: no `custom_fields`, no `categories`',
		expected: 'no key added to a row',
	},
	{},
	async () => {
		const { items } = await run({ operation: 'getAll', returnAll: true, filters: {} });
		const sent = (sandbox.requests[0].response as { data: IDataObject[] }).data[0];
		expect(Object.keys(items[0].json).sort()).toEqual(Object.keys(sent).sort());
		return `output keys = answer keys (${Object.keys(sent).length})`;
	},
);

ritaCase(
	{
		section: 'Lists',
		case: 'Get Many, Visit Created From 2026-01-01 To 2026-01-31, a visit on the 31st at 15:00',
		input: 'the sandbox compares the bounds as date-times (a bare date is its midnight)',
		expected: 'found; bounds sent as `2026-01-01 00:00:00` and `2026-01-31 23:59:59`',
	},
	{},
	async (rita) => {
		sandbox.addVisit(LOCATION, rita.id, { date: '2026-01-31 15:00:00' });
		const filters = { visitCreatedFrom: '2026-01-01', visitCreatedTo: '2026-01-31' };
		const { items } = await run({ operation: 'getAll', returnAll: true, filters });
		expect(items.map((i) => i.json.id)).toEqual([rita.id]);
		const body = sandbox.requests.find((r) => r.path === '/company/101/clients/search')?.body;
		expect(body.filters[0].state.created).toEqual({ from: '2026-01-01 00:00:00', to: '2026-01-31 23:59:59' });
		return `${items.length} client; created ${JSON.stringify(body.filters[0].state.created)}`;
	},
);

for (const money of ['plain', 'addsVisits']) {
	table.check(
		{
			section: 'Edits',
			case: `Four Updates of one client on a host whose edit resets omitted money (money \`${money}\`)`,
			input: 'spent 300, balance -30, a visit paid 50; `putSemantics: resetOmitted`',
			expected: 'money kept every time; 2 writes the first time (learning), then 1',
		},
		async () => {
			read({ money });
			const mo = sandbox.addClient(LOCATION, { name: 'Mo', phone: '70000000003', spent: 300, balance: -30 });
			sandbox.addVisit(LOCATION, mo.id as number, { date: '2026-01-10 10:00:00', services: [{ paid_sum: 50 }] });
			const writes: number[] = [];
			for (let round = 0; round < 4; round++) {
				sandbox.clearRequests();
				expect((await update(mo.id as number)).error).toBeUndefined();
				writes.push(puts().length);
				expect(sandbox.getClient(LOCATION, mo.id)).toMatchObject({ spent: 300, balance: -30 });
			}
			expect(writes).toEqual([2, 1, 1, 1]);
			return `writes per Update: ${writes.join(', ')}; spent 300, balance -30 after each`;
		},
	);
}

table.check(
	{
		section: 'Edits',
		case: 'Create Many, a row with a key create does not take',
		input: '`[{"name": "Ann", "phone": "13155550102", "sex_id": 2}]`',
		expected: 'refused before any request, naming the key and its create name',
	},
	async () => {
		const rows = JSON.stringify([{ name: 'Ann', phone: '13155550102', sex_id: 2 }]);
		const { error } = await run({ operation: 'createMany', clients: rows });
		expect(error?.message).toMatch(
			/row 0 has a field Altegio's create does not take: sex_id \(use sex_id → gender_id\)/,
		);
		expect(sandbox.requests).toHaveLength(0);
		return `${sandbox.requests.length} requests; "${short(error?.message, 100)}"`;
	},
);

for (const errorBody of ['errorsMeta', 'successFalse200']) {
	ritaCase(
		{
			section: 'Errors',
			case: `Get of a client that does not exist; Create with a phone taken (\`errorBody: ${errorBody}\`)`,
			input: errorBody === 'errorsMeta' ? '404 as `{errors: {code, message}, meta}`' : 'HTTP 200 with `success: false`',
			expected: 'Altegio\'s words; a refused write is not "may or may not have been saved"',
		},
		{ errorBody },
		async (rita) => {
			const missing = await run({ operation: 'get', clientId: byId('999999') }, true);
			expect(itemError(missing.items[0])).toMatch(/Client not found/);
			const taken = await run({ operation: 'create', name: 'Twin', phone: String(rita.phone) });
			expect(taken.error?.message).toMatch(/already exists/);
			expect(taken.error?.message).not.toMatch(/may or may not have been saved/);
			return `"${short(itemError(missing.items[0]), 60)}"; "${short(taken.error?.message, 70)}"`;
		},
	);
}
