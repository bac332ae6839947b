/**
 * Odd input and odd picker rows (issue 23): values an expression or a pasted workflow can produce,
 * and list rows a server can send. Every bad value fails before any request with an error naming
 * the parameter; every picker row shows something a person can read.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, onClient, credentials, listSearch, loadOptions } from '../engine/harness';
import { itemError, LOCATION, reliabilitySuite, run, short } from './support';

const { sandbox, table } = reliabilitySuite({
	id: 'inputs',
	title: 'Odd input and odd picker rows',
	intro:
		'Each input row is one run of the node with Continue On Fail on, the value given as the workflow would hold ' +
		'it (an expression result or a pasted JSON). Expected: an error naming the parameter and zero requests, ' +
		'or the value sent as given. Each picker row has the sandbox answer the list with odd rows.',
});

const writes = () => sandbox.requests.filter((r) => r.method !== 'GET');

/** One Client > Create with these additional fields; the error text or the body sent. */
async function create(additionalFields: IDataObject) {
	const { items, error } = await run({
		parameters: {
			resource: 'client',
			operation: 'create',
			locationId: byId(String(LOCATION)),
			name: 'Odd Input',
			phone: '13155550170',
			additionalFields: additionalFields as never,
		},
		credentials: credentials(sandbox),
		continueOnFail: true,
	});
	const failure = error?.message ?? (items[0] ? itemError(items[0]) : undefined);
	const post = writes()[0];
	return { failure, body: post?.body as IDataObject | undefined, requests: sandbox.requests.length };
}

function refused(outcome: { failure?: string; requests: number }, parameter: RegExp) {
	expect(outcome.requests).toBe(0);
	expect(outcome.failure).toMatch(parameter);
	expect(outcome.failure).not.toMatch(/TypeError|Cannot read|\[object Object\]/);
	return `refused before any request: "${short(outcome.failure, 140)}"`;
}

const inputCase = (name: string, input: string, expected: string, body: () => Promise<string>) =>
	table.check({ section: 'Input', case: name, input, expected }, body);

inputCase('a null row in Tag IDs', 'categoryIds = [5, null]', 'error naming categoryIds; nothing sent', async () =>
	refused(await create({ categoryIds: [5, null] }), /categoryIds/),
);

inputCase(
	'a null row in Custom Fields',
	'customFields.field = [null]',
	'error naming customFields; nothing sent',
	async () => refused(await create({ customFields: { field: [null] } }), /customFields/),
);

inputCase(
	'a numeric custom-field key',
	'customFields.field = [{ key: 12345, value: "x" }]',
	'the key kept as "12345" in custom_fields',
	async () => {
		const outcome = await create({ customFields: { field: [{ key: 12345, value: 'x' }] } });
		expect(outcome.failure).toBeUndefined();
		expect(outcome.body?.custom_fields).toEqual({ 12345: 'x' });
		return `sent custom_fields ${JSON.stringify(outcome.body?.custom_fields)}`;
	},
);

for (const key of ['__proto__', 'constructor', 'prototype']) {
	inputCase(
		`custom-field key ${key}`,
		`customFields.field = [{ key: "${key}", value: "x" }]`,
		'refused with an error naming customFields (a key that would vanish or clash in JavaScript); nothing sent',
		async () =>
			refused(await create({ customFields: { field: [{ key, value: 'x' }] } }), /customFields.*__proto__|customFields/),
	);
}

for (const value of ['0x10', '1e400', 'Infinity', '0b11']) {
	inputCase(
		`number written ${value}`,
		`discount = "${value}"`,
		'error naming discount (only plain decimal numbers); nothing sent',
		async () => refused(await create({ discount: value }), /discount/),
	);
}

inputCase('a decimal number as text', 'discount = " 12.5 "', 'sent as 12.5', async () => {
	const outcome = await create({ discount: ' 12.5 ' });
	expect(outcome.failure).toBeUndefined();
	expect(outcome.body?.discount).toBe(12.5);
	return `sent discount ${JSON.stringify(outcome.body?.discount)}`;
});

inputCase(
	'an object as comment text',
	'Comment > Create, text = { "a": 1 }',
	'error saying Text must be text (not "is required"); nothing sent',
	async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		sandbox.clearRequests();
		const { items, error } = await run({
			parameters: onClient('comment.create', client.id, { text: '={{ { "a": 1 } }}' }),
			credentials: credentials(sandbox),
			continueOnFail: true,
		});
		const failure = error?.message ?? itemError(items[0]);
		expect(failure).not.toMatch(/required/);
		return refused({ failure, requests: sandbox.requests.length }, /text.*must be text|Text.*must be text/i);
	},
);

/** Makes the sandbox answer `path` with these rows (a rewrite of the real answer's data). */
function oddRows(path: RegExp, rows: unknown[]) {
	sandbox.addFault({
		method: 'GET',
		path,
		kind: 'rewrite',
		when: 'after',
		times: 5,
		rewrite: (body: IDataObject) => ({ ...body, data: rows }),
	});
}

const parameters = { resource: 'client', operation: 'create', locationId: byId(String(LOCATION)) };
const unreadable = /\[object Object\]|undefined|null/;

/** What a picker listed: the `values` expected, each with a name a person can read. */
function listed(shown: 'options' | 'results', rows: Array<{ name: string; value: unknown }>, values: string[]) {
	expect(rows.map((r) => r.value).sort()).toEqual(values);
	for (const row of rows) expect(row.name).not.toMatch(unreadable);
	return `${shown}: ${rows.map((r) => `${r.name} = ${String(r.value)}`).join('; ')}`;
}

const pickerCase = (name: string, input: string, expected: string, body: () => Promise<string>) =>
	table.check({ section: 'Pickers', case: name, input, expected }, body);
const editor = () => ({ parameters, credentials: credentials(sandbox) });

pickerCase(
	'tag list with odd rows',
	'rows: null, a string, {id: 7, title: {ru: "VIP"}}, {title: "no id"}, {id: 8, title: 42}',
	'no error; each tag with an ID listed with a readable name; rows without an ID left out',
	async () => {
		oddRows(/^\/labels\//, [null, 'x', { id: 7, title: { ru: 'VIP' } }, { title: 'no id' }, { id: 8, title: 42 }]);
		return listed('options', await loadOptions('getClientTags', editor()), ['7', '8']);
	},
);

pickerCase(
	'custom-field list with odd rows',
	'rows: null, {custom_field: null}, {custom_field: {code: 12345, title: {en: "Card"}}}, {code: "vip", title: 7}',
	'no error; the numeric code kept as "12345"; readable names',
	async () => {
		oddRows(/^\/custom_fields\//, [
			null,
			{ custom_field: null },
			{ custom_field: { code: 12345, title: { en: 'Card' } } },
			{ code: 'vip', title: 7 },
		]);
		return listed('options', await loadOptions('getClientCustomFields', editor()), ['12345', 'vip']);
	},
);

pickerCase(
	'location list with odd rows',
	'rows: null, {id: 101, title: {x: 1}}, {title: "no id"}',
	'no error; location 101 listed with a readable name; the row without an ID left out',
	async () => {
		oddRows(/^\/companies$/, [null, { id: 101, title: { x: 1 } }, { title: 'no id' }]);
		const { results } = await listSearch('searchLocations', { credentials: credentials(sandbox) });
		return listed('results', results, ['101']);
	},
);

pickerCase(
	'client search with odd rows',
	'rows: null, {id: 5, name: {first: "A"}, phone: {}}, {name: "no id"}',
	'no error; client 5 listed with a readable name; the row without an ID left out',
	async () => {
		sandbox.addFault({
			method: 'POST',
			path: /clients\/search$/,
			kind: 'rewrite',
			when: 'after',
			rewrite: (body: IDataObject) => ({
				...body,
				data: [null, { id: 5, name: { first: 'A' }, phone: {} }, { name: 'no id' }],
			}),
		});
		return listed('results', (await listSearch('searchClients', editor())).results, ['5']);
	},
);
