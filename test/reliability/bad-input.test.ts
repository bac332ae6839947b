/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Bad input, table-driven: for every operation, every parameter that reaches a URL or a body gets
 * a list of bad values through an expression (`={{ $json.v }}`, one input item per value: values
 * typed into a resource locator's ID mode are already refused by n8n before the run). Each item
 * must fail with an error naming the parameter, and the sandbox must receive no request at all.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, credentials } from '../engine/harness';
import { itemError, reliabilitySuite, run } from './support';

const { ID_PARAMETERS, OPERATIONS, operation } = require('../catalog');

const { sandbox, table } = reliabilitySuite({
	id: 'bad-input',
	title: 'Bad input: every parameter that reaches a URL or a body',
	intro:
		'Each row is one run of the node with one input item per bad value, the value fed through an expression (`={{ ' +
		'$json.v }}`) into the parameter named, all other parameters valid, Continue On Fail on. Expected for every ' +
		'value: an error item whose message names the parameter (its internal name, e.g. `clientId`, ' +
		'`filters.changedAfter`), whose description says "Fix the parameter … Nothing was sent to Altegio.", and ' +
		'**zero requests** at the sandbox.',
});

const V = '={{ $json.v }}';
const loc = byId('101');

/**
 * Bad IDs: separators, traversal, query and fragment characters, spaces, non-ASCII digits, signs, fractions,
 * huge, empty, odd types.
 */
const BAD_IDS: unknown[] = [
	'12/34',
	'..',
	'../102',
	'1?x=1',
	'1#2',
	'1 2',
	' 12',
	'12\n',
	'%2F',
	'abc',
	'١٢٣',
	'１２３',
	'12٣',
	'-5',
	-5,
	1.5,
	'1.5',
	'1e3',
	1e21,
	Number.MAX_SAFE_INTEGER + 2,
	'1234567890123456',
	'12345678901234567890',
	'0',
	'000',
	'',
	null,
	true,
	{},
	[],
];
const BAD_TEXT: unknown[] = ['', '   ', '\n\t', null];
const BAD_PHONES: unknown[] = [
	'abc',
	'+1 (315) 555-01x8',
	'13155550178 ext',
	'12345',
	'1234567890123456',
	'',
	'☎13155550178',
	'1/3155550178',
	'1315555?0178',
	'+٧٩١١٢٣٤٥٦٧٨',
	null,
];
const BAD_JSON: unknown[] = [
	'not json',
	'{"name":"x"',
	'{"name":"x"}',
	'[]',
	'[1,2]',
	'[null]',
	'[[]]',
	'"text"',
	'42',
	'null',
	42,
	{ name: 'x' },
	[],
	['x'],
];
const BAD_DATES: unknown[] = [
	'yesterday',
	'2026-02-30',
	'2026-13-01',
	'31/01/2026',
	'2026-01-01T25:00:00',
	'2026-1-1',
	'NaN',
	'01.02.2026',
	20260101,
	true,
];
const BAD_LIMITS: unknown[] = [-1, 0, 1.5, 'abc', '', null, '10 items'];
const BAD_ID_LISTS: unknown[] = ['1,2/3', '1,abc', '1,-2', '1;2', '1 2', '0'];

interface BadCase {
	operation: string;
	/** The parameter as the error names it. */
	param: string;
	values: unknown[];
	/** Parameters with the expression in place. */
	parameters: (expression: string) => INodeParameters;
	/** What the values are, for the table. */
	kind: string;
}

const [resourceOf, operationOf] = [(op: string) => op.split(' ')[0], (op: string) => op.split(' ')[1]];

/** IDs that need not exist: nothing is sent. */
const IDS = { location: 101, client: 5001, comment: 7001, file: 8001 };

interface CatalogRow {
	name: string;
	resource: string;
	operation: string;
	ids: Array<keyof typeof IDS>;
	paged: boolean;
	parameters(ids: Record<string, unknown>): INodeParameters;
}

/** Every operation of the catalog: each of its IDs gets the bad IDs, its Limit the bad limits. */
const CATALOG_CASES: BadCase[] = (OPERATIONS as CatalogRow[]).flatMap((op): BadCase[] => [
	...op.ids.map((id) => ({
		operation: `${op.resource} ${op.operation}`,
		param: ID_PARAMETERS[id].name as string,
		kind: 'IDs',
		values: BAD_IDS,
		parameters: (e: string) => op.parameters({ ...IDS, [id]: e }),
	})),
	...(op.paged
		? [
				{
					operation: `${op.resource} ${op.operation}`,
					param: 'limit',
					kind: 'limits',
					values: BAD_LIMITS,
					parameters: (e: string) => ({ ...op.parameters(IDS), returnAll: false, limit: e }),
				},
			]
		: []),
]);

/** An operation's smallest valid parameters (from the catalog) with `extra` on top. */
const minimal = (name: string, extra: INodeParameters = {}): INodeParameters => ({
	...operation(name).parameters(IDS),
	...extra,
});

/**
 * A case of `op` ("resource operation"): the expression goes where `param` names (`name`, or
 * `filters.to` inside a collection) on the operation's smallest valid parameters, `fixed` merged in
 * (a collection's other fields included); `at` when the value goes into another parameter than the
 * one the error must name.
 */
function bad(op: string, param: string, kind: string, values: unknown[], fixed: INodeParameters = {}, at = param) {
	const [group, key] = at.split('.');
	const place = (e: string): INodeParameters =>
		key ? { [group]: { ...(fixed[group] as INodeParameters), [key]: e } } : { [group]: e };
	return {
		operation: op,
		param,
		kind,
		values,
		parameters: (e: string) => minimal(op.replace(' ', '.'), { ...fixed, ...place(e) }),
	} as BadCase;
}

/** The parameters specific to one operation. */
const SPECIFIC_CASES: BadCase[] = [
	...['create', 'upsert'].flatMap((op) => [
		bad(`client ${op}`, 'name', 'empty text', BAD_TEXT),
		bad(`client ${op}`, 'phone', 'phones', BAD_PHONES),
	]),
	bad('client create', 'additionalFields.birthDate', 'dates', BAD_DATES),
	bad('client create', 'additionalFields.categoryIds', 'ID lists', BAD_ID_LISTS),
	bad('client create', 'additionalFields.discount', 'numbers', ['abc', '1,5', '', null, {}]),
	bad('client create', 'additionalFields.genderId', 'options', [3, -1, 'male', 1.5]),
	bad('client createMany', 'clients', 'JSON: unparsable or wrong shape', BAD_JSON, { rowsFrom: 'json' }),
	bad('client update', 'updateFields.phone', 'phones', BAD_PHONES),
	bad('client update', 'updateFields.name', 'empty text', BAD_TEXT),
	bad('client update', 'updateFields.birthDate', 'dates', BAD_DATES),
	// Nothing to change: an empty collection as the workflow holds it, no expression.
	{
		...bad('client update', 'updateFields', 'nothing to change', [{}]),
		parameters: () => minimal('client.update', { updateFields: {} }),
	},
	bad('client getAll', 'filters.clientIds', 'ID lists', BAD_ID_LISTS),
	bad('client getAll', 'filters.tagIds', 'ID lists', BAD_ID_LISTS),
	bad('client getAll', 'filters.birthdayFrom', 'dates', BAD_DATES),
	bad('client getAll', 'filters.visitCreatedTo', 'dates', BAD_DATES),
	bad('client getAll', 'filters.soldAmountFrom', 'numbers', ['abc', '1,5', {}]),
	bad('client getAllLegacy', 'filters.changedAfter', 'dates', BAD_DATES),
	bad('client getAllLegacy', 'filters.changedBefore', 'dates', BAD_DATES),
	// One bound given: the error names the one missing.
	bad('client getAllLegacy', 'filters.paidMax', 'one bound of a range', [100], {}, 'filters.paidMin'),
	bad('client getAllLegacy', 'filters.paidMin', 'numbers', ['abc', {}], { filters: { paidMax: 10 } }),
	bad('comment create', 'text', 'empty text', BAD_TEXT),
	// Searched by phone: no client ID at all.
	{
		...bad('history getAll', 'clientPhone', 'phones', BAD_PHONES),
		parameters: (e: string) => ({ locationId: loc, searchBy: 'clientPhone', clientPhone: e }),
	},
	bad('history getAll', 'filters.from', 'dates', [...BAD_DATES, '2026-02-01'], { filters: { to: '2026-01-31' } }),
	bad('history getAll', 'filters.to', 'dates', BAD_DATES),
	bad('history getAll', 'filters.attendance', 'options', [5, -2, 'arrived', 0.5]),
	bad('history getAll', 'filters.paymentStatuses', 'options', ['paid', 'not_paid,x', ['paid_full', 'nope'], [1]]),
];

/** Per operation: the catalog's cases, then the operation's own. */
const CASES: BadCase[] = [...CATALOG_CASES, ...SPECIFIC_CASES].sort(
	(a, b) => operationRank(a.operation) - operationRank(b.operation),
);

function operationRank(op: string): number {
	return (OPERATIONS as CatalogRow[]).findIndex((row) => `${row.resource} ${row.operation}` === op);
}

/** Value sets listed once under the tables; a row names the set instead of repeating it. */
const SETS = new Map<unknown[], string>([
	[BAD_IDS, 'bad IDs'],
	[BAD_TEXT, 'blank texts'],
	[BAD_PHONES, 'bad phones'],
	[BAD_JSON, 'bad JSON'],
	[BAD_DATES, 'bad dates'],
	[BAD_LIMITS, 'bad limits'],
	[BAD_ID_LISTS, 'bad ID lists'],
]);
for (const [values, name] of SETS) table.note(`**${name}** (${values.length}): ${values.map(show).join(', ')}`);

function inputOf(values: unknown[]): string {
	const set = SETS.get(values);
	return set ? `the ${values.length} ${set} (listed below)` : values.map(show).join(', ');
}

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) return String(value);
	return JSON.stringify(value) ?? String(value);
}

describe('every operation, every parameter', () => {
	for (const c of CASES) {
		table.check(
			{
				section: `${resourceOf(c.operation)} ${operationOf(c.operation)}`,
				case: `${c.param}: ${c.kind}`,
				input: inputOf(c.values),
				expected: `${c.values.length} error items naming ${c.param}; 0 requests`,
			},
			async () => {
				const { items, error } = await run({
					parameters: { resource: resourceOf(c.operation), operation: operationOf(c.operation), ...c.parameters(V) },
					input: c.values.map((v) => ({ v }) as IDataObject),
					credentials: credentials(sandbox),
					continueOnFail: true,
				});
				expect(error).toBeUndefined();
				expect(items).toHaveLength(c.values.length);
				const messages = items.map((item) => itemError(item));
				messages.forEach((message, i) => {
					if (!message?.includes(c.param))
						throw new Error(
							`value ${show(c.values[i])}: expected an error naming ${c.param}, got ` +
								`${message ?? JSON.stringify(items[i].json)}`,
						);
				});
				for (const item of items) {
					expect((item.error as { description?: string }).description).toBe(
						`Fix the parameter "${c.param}". Nothing was sent to Altegio.`,
					);
				}
				expect(sandbox.requests).toHaveLength(0);
				const distinct = [...new Set(messages.map((m) => String(m).replace(/, got .*$| got .*$|: .*$/, '')))];
				return (
					`${items.length} error items, 0 requests; e.g. ` +
					`"${messages[0]}"${distinct.length > 1 ? ` (${distinct.length} message forms)` : ''}`
				);
			},
		);
	}

	table.check(
		{
			section: 'n8n itself',
			case: 'a non-digit ID typed into a resource locator (no expression)',
			input: 'clientId: {mode: "id", value: "12/34"} (static)',
			expected: "n8n refuses to run the workflow (the ID mode's regex); 0 requests",
		},
		async () => {
			const { items, error } = await run({
				parameters: { resource: 'client', operation: 'get', locationId: loc, clientId: byId('12/34') },
				credentials: credentials(sandbox),
			});
			expect(items).toHaveLength(0);
			expect(error).toBeDefined();
			expect(sandbox.requests).toHaveLength(0);
			return `run refused: "${error?.message}"; 0 requests`;
		},
	);
});
