import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { AltegioTrigger } from '../../nodes/AltegioTrigger/AltegioTrigger.node';

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
			'altegio:options.fields',
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

test('Simplify is on the operations that return client records, off by default', () => {
	const simplify = new Altegio().description.properties.filter((p) => p.name === 'simplify');
	expect(simplify).toHaveLength(1);
	expect(simplify[0].default).toBe(false);
	expect(simplify[0].displayOptions?.show?.operation).toEqual(
		expect.arrayContaining(['get', 'getAll', 'getAllLegacy', 'create', 'update', 'upsert']),
	);
});
