import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { AltegioTrigger } from '../../nodes/AltegioTrigger/AltegioTrigger.node';
import { resourceFields, sharedField } from '../../nodes/Altegio/kernel/params';

/**
 * n8n's lint checks option lists it can read in the source; lists built from constants, spreads
 * or .map() escape it. This walks the descriptions as n8n receives them instead.
 */

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Words that start lower case, other than small words after the first. */
function notTitleCase(name: string): string[] {
	return name
		.split(/\s+/)
		.map((word) => word.replace(/^[("'[]+/, ''))
		.filter((word, index) => /^[a-z]/.test(word) && !(index > 0 && SMALL_WORDS.has(word)));
}

interface OptionList {
	path: string;
	names: string[];
	entries: Entry[];
}

/**
 * Every list of options in a description: options of options/multiOptions, collection items,
 * fixedCollection groups.
 */
function optionLists(properties: INodeProperties[], path = ''): OptionList[] {
	const lists: OptionList[] = [];
	for (const property of properties) {
		const here = `${path}${property.name}`;
		const options = (property.options ?? []) as Entry[];
		if (options.length) {
			const names = options.map((o) => ('displayName' in o ? o.displayName : o.name));
			lists.push({ path: here, names, entries: options });
		}
		for (const option of options) {
			if ('type' in option) lists.push(...optionLists([option as INodeProperties], `${here}.`));
			if ('values' in option) lists.push(...optionLists(option.values, `${here}.${option.name}.`));
		}
	}
	return lists;
}

const descriptions: INodeTypeDescription[] = [new Altegio().description, new AltegioTrigger().description];
const lists = descriptions.flatMap((d) =>
	optionLists(d.properties).map((l) => ({ ...l, path: `${d.name}:${l.path}` })),
);

test('the walk finds the lists it must check (nested ones included)', () => {
	const paths = lists.map((l) => l.path);
	expect(paths).toEqual(
		expect.arrayContaining([
			'altegio:resource',
			'altegio:options',
			'altegio:output',
			'altegio:fields',
			'altegio:sort.sortBy',
			'altegio:filters.visitStatus',
			'altegio:additionalFields',
			'altegio:additionalFields.genderId',
			'altegio:additionalFields.customFields',
			'altegio:updateFields',
		]),
	);
	expect(lists.length).toBeGreaterThan(20);
});

test('every option name is Title Case', () => {
	const offenders = lists.flatMap((l) => l.names.filter((n) => notTitleCase(n).length).map((n) => `${l.path}: ${n}`));
	expect(offenders).toEqual([]);
});

test('every option list is sorted by name', () => {
	const unsorted = lists
		.filter((l) => l.names.join('\n') !== [...l.names].sort((a, b) => a.localeCompare(b)).join('\n'))
		.map((l) => `${l.path}: ${l.names.join(', ')}`);
	expect(unsorted).toEqual([]);
});

test('the Title Case check and the sort check can fail', () => {
	expect(notTitleCase('First visit date')).toEqual(['visit', 'date']);
	expect(notTitleCase('AND (Match All Filters)')).toEqual([]);
	expect(notTitleCase('Create or Update')).toEqual([]);
	const unsorted = optionLists([
		{
			displayName: 'X',
			name: 'x',
			type: 'options',
			default: 'b',
			options: [
				{ name: 'Sold amount', value: 'b' },
				{ name: 'First Visit Date', value: 'a' },
			],
		},
	]);
	expect(unsorted[0].names).toEqual(['Sold amount', 'First Visit Date']);
});

test('every operation has a description and an action', () => {
	const operations = new Altegio().description.properties.filter((p) => p.name === 'operation');
	expect(operations.length).toBeGreaterThanOrEqual(4);
	const missing = operations.flatMap((p) =>
		(p.options as INodePropertyOptions[])
			.filter((o) => !o.description?.trim() || !o.action?.trim())
			.map((o) => `${String(p.displayOptions?.show?.resource)}.${String(o.value)}`),
	);
	expect(missing).toEqual([]);
});

const altegio = new Altegio().description;

/** Properties shown for a resource and operation (top level). */
const shownFor = (resource: string, operation: string) =>
	altegio.properties.filter((p) => {
		const show = p.displayOptions?.show ?? {};
		return (
			(!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation))
		);
	});

const RECORD_OPERATIONS = [
	['client', 'get'],
	['client', 'getAll'],
	['client', 'getAllLegacy'],
	['client', 'create'],
	['client', 'update'],
	['client', 'upsert'],
	['comment', 'getAll'],
	['file', 'getAll'],
	['history', 'getAll'],
];

test.each(RECORD_OPERATIONS)('%s %s has Output (default Simplified) and Fields for Selected Fields', (resource, op) => {
	const output = shownFor(resource, op).filter((p) => p.name === 'output');
	expect(output).toHaveLength(1);
	expect(output[0].default).toBe('simplified');
	expect((output[0].options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([
		'raw',
		'selectedFields',
		'simplified',
	]);
	const fields = shownFor(resource, op).filter((p) => p.name === 'fields');
	expect(fields).toHaveLength(1);
	expect(fields[0].displayOptions?.show?.output).toEqual(['selectedFields']);
	// The ID always comes, so it is not offered.
	expect((fields[0].options as INodePropertyOptions[]).map((o) => o.value)).not.toContain('id');
});

test('no operation that returns no record has Output, and Simplify is gone', () => {
	const outputs = altegio.properties.filter((p) => p.name === 'output');
	const shown = outputs.flatMap((p) =>
		(p.displayOptions?.show?.resource as string[]).flatMap((r) =>
			(p.displayOptions?.show?.operation as string[]).map((o) => `${r} ${o}`),
		),
	);
	expect(shown.sort()).toEqual(RECORD_OPERATIONS.map(([r, o]) => `${r} ${o}`).sort());
	expect(altegio.properties.filter((p) => p.name === 'simplify')).toEqual([]);
});

/** Every property, option and collection item of a description, with its path. */
function walk(properties: Entry[], path = ''): Array<{ path: string; entry: Entry }> {
	const out: Array<{ path: string; entry: Entry }> = [];
	for (const entry of properties) {
		const name = 'name' in entry ? String(entry.name) : '';
		const here = `${path}${name}`;
		out.push({ path: here, entry });
		const options = ((entry as INodeProperties).options ?? []) as Entry[];
		out.push(...walk(options, `${here}.`));
		if ('values' in entry) out.push(...walk(entry.values, `${here}.`));
	}
	return out;
}

/** Tooltips and hints over about 200 characters, by path. */
function longTexts(properties: Entry[], max = 200): string[] {
	return walk(properties).flatMap(({ path, entry }) =>
		(['description', 'hint'] as const)
			.map((key) => [key, (entry as unknown as Record<string, unknown>)[key]] as const)
			.filter(([, text]) => typeof text === 'string' && text.length > max)
			.map(([key, text]) => `${path} ${key} (${String(text).length})`),
	);
}

test('every tooltip, hint and option description stays under about 200 characters', () => {
	for (const description of descriptions) expect(longTexts(description.properties)).toEqual([]);
	expect(altegio.description.length).toBeLessThanOrEqual(200);
});

/** Placeholders in one of the forms used across the node. */
function placeholderProblems(properties: Entry[]): string[] {
	const forms = [
		/^e\.g\. \S/,
		/^Add (Field|Filter|Option|Custom Field|Sort Rule)$/,
		/^(Select|Search) .+\.\.\.$/,
		/^\[\{/,
	];
	const problems: string[] = [];
	for (const { path, entry } of walk(properties)) {
		const property = entry as INodeProperties;
		const modes = (property.modes ?? []).map((m) => ({ path: `${path}[${m.name}]`, placeholder: m.placeholder }));
		for (const { path: at, placeholder } of [{ path, placeholder: property.placeholder }, ...modes]) {
			if (placeholder === undefined) continue;
			if (!forms.some((form) => form.test(String(placeholder)))) problems.push(`${at}: ${String(placeholder)}`);
			// One form for phone numbers everywhere: international, digits only after the plus.
			if (/phone/i.test(at) && !String(placeholder).includes('+13155550')) problems.push(`${at}: ${placeholder}`);
		}
	}
	return problems;
}

test('placeholders take one of the node’s forms, phone numbers always as +1315555…', () => {
	for (const description of descriptions) expect(placeholderProblems(description.properties)).toEqual([]);
	const phones = walk(altegio.properties)
		.filter(({ path }) => /(^|\.)(phone|clientPhone)$/.test(path))
		.map(({ entry }) => (entry as INodeProperties).placeholder);
	expect(phones.length).toBeGreaterThanOrEqual(3);
	expect(new Set(phones)).toEqual(new Set(['e.g. +13155550178']));
});

test('the tooltip and placeholder checks can fail', () => {
	const bad: INodeProperties[] = [
		{ displayName: 'A', name: 'a', type: 'string', default: '', description: 'x'.repeat(201) },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+1 315 555 0178' },
		{ displayName: 'B', name: 'b', type: 'string', default: '', placeholder: 'type here' },
	];
	expect(longTexts(bad)).toEqual(['a description (201)']);
	expect(placeholderProblems(bad)).toEqual(expect.arrayContaining(['phone: +1 315 555 0178', 'b: type here']));
});

test('optional filters send nothing until set: number filters start empty, Has Mobile App off', () => {
	const filters = walk(altegio.properties).filter(({ path }) => /^filters\.[^.]+$/.test(path));
	const numbers = filters.filter(({ entry }) => (entry as INodeProperties).type === 'number');
	expect(numbers.length).toBeGreaterThanOrEqual(6);
	for (const { path, entry } of numbers) expect([path, (entry as INodeProperties).default]).toEqual([path, '']);
	const app = filters.find(({ path }) => path === 'filters.hasMobileApp')?.entry as INodeProperties;
	expect(app.default).toBe(false);
});

test('client Get Many: sorting is its own collection, right below Options', () => {
	const names = shownFor('client', 'getAll').map((p) => p.name);
	expect(names.indexOf('sort')).toBe(names.indexOf('options') + 1);
	const sort = shownFor('client', 'getAll').find((p) => p.name === 'sort')!;
	expect((sort.options as INodeProperties[]).map((o) => o.name)).toEqual(['sortBy', 'sortDirection']);
	const options = shownFor('client', 'getAll').find((p) => p.name === 'options')!;
	expect((options.options as INodeProperties[]).map((o) => o.name)).not.toContain('sortBy');
});

test('operations an agent must choose between have different names and actions', () => {
	const operations = altegio.properties.filter((p) => p.name === 'operation');
	const actions = operations.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => o.action));
	expect(new Set(actions).size).toBe(actions.length);
	const client = operations.find((p) => p.displayOptions?.show?.resource?.includes('client'))!;
	const names = (client.options as INodePropertyOptions[]).map((o) => o.name);
	expect(new Set(names).size).toBe(names.length);
	expect(names).toEqual(expect.arrayContaining(['Get Many', 'Get Many Full Records']));
});

test('no jargon in what users read: API key, endpoint, deprecated list, internal kind names', () => {
	const texts = walk(altegio.properties).flatMap(({ entry }) =>
		['displayName', 'name', 'description', 'hint', 'action']
			.filter((key) => key !== 'name' || !('type' in entry))
			.map((key) => (entry as unknown as Record<string, unknown>)[key])
			.filter((text): text is string => typeof text === 'string'),
	);
	const jargon = texts.filter((text) => /\bAPI key\b|endpoint|deprecated list|kind: ?goodsTransaction/i.test(text));
	expect(jargon).toEqual([]);
});

test('a field shared by resources is one definition, and only where every operation shows it', () => {
	const counts = new Map<string, number>();
	for (const property of altegio.properties) counts.set(property.name, (counts.get(property.name) ?? 0) + 1);
	// Mapped per item: each definition costs a run of the expression per item (see sharedField). Client's,
	// the card's of Comment and File, Visit History's (shown by Search By); Create's and Create Many's.
	expect(counts.get('clientId')).toBe(3);
	expect([counts.get('name'), counts.get('phone'), counts.get('additionalFields')]).toEqual([2, 2, 2]);

	const field: INodeProperties = { displayName: 'X', name: 'x', type: 'string', default: '' };
	const shared = sharedField(field, ['comment', 'file']);
	const module = (value: string, properties: INodeProperties[]) => ({ option: { name: value, value }, properties });
	expect(resourceFields('comment', [module('a', [shared]), module('b', [shared])])).toEqual([shared]);
	expect(() => resourceFields('comment', [module('a', [shared]), module('b', [])])).toThrow(/shared field "x"/);
	expect(() => resourceFields('client', [module('a', [shared])])).toThrow(/shared field "x"/);
});
