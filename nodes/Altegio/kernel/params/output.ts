import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ParameterError } from './validation';

/**
 * Output: what each returned record keeps. n8n's guidelines ask nodes usable by AI agents for
 * Simplified (a few useful fields, nested parts reduced to their name), Raw (every field Altegio
 * sent) and Selected Fields (the record's ID always). A key Altegio did not send never appears;
 * `warnings` (what an edit could not keep) and the operation's own marks (e.g. `action`) always stay.
 */

export type OutputMode = 'simplified' | 'raw' | 'selectedFields';

/** How one kind of record is shown. */
export interface RecordShape {
	/** Simplified: the kept fields in order, each copied as sent or reduced by `flatten`. */
	simplified: string[];
	/** Nested parts reduced to something flat (a name, a list of titles). */
	flatten?: Record<string, (value: unknown) => unknown>;
	/** The record's fields Selected Fields offers (as Altegio names them), the ID left out. */
	fields: string[];
	/** Kept in every mode, when present: the ID and the operation's marks. */
	always: string[];
}

/** `warnings` stays whatever Output says: dropping it would hide data an edit could not keep. */
const ALWAYS = ['warnings'];

const titleCase = (field: string) =>
	field
		.replace(/_/g, ' ')
		.replace(/\bid\b/gi, 'ID')
		.replace(/\b\w/g, (c) => c.toUpperCase());

/**
 * The `output` and `fields` parameters of the operations returning one kind of record (shown for
 * them by the resource's index; Fields only while Output is Selected Fields).
 */
export function outputParameters(shape: RecordShape, simplifiedHint: string): INodeProperties[] {
	const options: INodePropertyOptions[] = shape.fields
		.map((value) => ({ name: titleCase(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simplified',
			options: [
				{ name: 'Raw', value: 'raw', description: 'Every field Altegio sends' },
				{ name: 'Selected Fields', value: 'selectedFields', description: 'Only the fields you choose, and the ID' },
				{ name: 'Simplified', value: 'simplified', description: simplifiedHint },
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			options,
			description: 'The fields to return; the ID always comes',
			displayOptions: { show: { output: ['selectedFields'] } },
		},
	];
}

/** Output's value, checked (an expression may give anything). */
export function outputMode(value: unknown): OutputMode {
	const mode = value === undefined || value === null || value === '' ? 'simplified' : value;
	if (mode !== 'simplified' && mode !== 'raw' && mode !== 'selectedFields') {
		throw new ParameterError(
			'output',
			`Output (output) must be simplified, raw or selectedFields, got ${JSON.stringify(value)}`,
		);
	}
	return mode;
}

/** Selected Fields' names: a list, or a comma-separated text from an expression. */
export function selectedFields(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	const names = list.map((name) => (typeof name === 'string' ? name.trim() : name));
	for (const name of names) {
		if (typeof name !== 'string') {
			throw new ParameterError('fields', `Fields (fields) must hold field names, got ${JSON.stringify(name)}`);
		}
	}
	return [...new Set((names as string[]).filter(Boolean))];
}

function pick(record: IDataObject, keys: string[], flatten: RecordShape['flatten'] = {}): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) {
		if (!(key in record) || record[key] === undefined || key in out) continue;
		const reduce = flatten[key];
		out[key] = (reduce ? reduce(record[key]) : record[key]) as IDataObject[keyof IDataObject];
	}
	return out;
}

/** One record as Output asks. */
export function shapeRecord(record: IDataObject, shape: RecordShape, mode: OutputMode, fields: string[]): IDataObject {
	if (mode === 'raw') return record;
	const always = [...shape.always, ...ALWAYS];
	if (mode === 'selectedFields') return pick(record, [...shape.always, ...fields, ...ALWAYS]);
	return pick(record, [...shape.simplified, ...always], shape.flatten);
}

/** The records as the item's Output parameter asks (read per item: it may be an expression). */
export function shapeRecords(
	ctx: { getNodeParameter(name: string, fallback: unknown): unknown },
	records: IDataObject[],
	shape: RecordShape,
): IDataObject[] {
	const mode = outputMode(ctx.getNodeParameter('output', 'simplified'));
	const fields = mode === 'selectedFields' ? selectedFields(ctx.getNodeParameter('fields', [])) : [];
	return records.map((record) => shapeRecord(record, shape, mode, fields));
}

// Reducers for nested parts: a name, a title, a list of titles or links.

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** An object's `name` (else `title`); anything else as it came. */
export function nameOf(value: unknown): unknown {
	if (!isObject(value)) return value;
	return value.name ?? value.title ?? value.id ?? value;
}

/** A list of objects as their titles (else names, else IDs); a keyed object is read as a list. */
export function titlesOf(value: unknown): unknown {
	const list = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : undefined;
	if (!list) return value;
	return list.map((entry) => (isObject(entry) ? (entry.title ?? entry.name ?? entry.id ?? entry) : entry));
}

/** A list of file entries as their links. */
export function linksOf(value: unknown): unknown {
	if (!Array.isArray(value)) return value;
	return value.map((entry) => (isObject(entry) ? (entry.link ?? entry.filename ?? entry) : entry));
}
