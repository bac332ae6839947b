import type { IDataObject } from 'n8n-workflow';

import {
	ParameterError,
	labelsOf,
	toCalendarDate,
	toId,
	toNumber,
	toPhoneDigits,
	toRequiredText,
	type BuildContext,
} from '../../kernel/params';
import { GENDER_OPTIONS, IMPORTANCE_OPTIONS, clientFieldList, nameAndPhoneFields } from './clientFields';

/** From the node's client fields (camelCase) to the API's body (snake_case), checked on the way. */

const SIMPLE: Record<string, string> = {
	surname: 'surname',
	middleName: 'middle_name',
	email: 'email',
	card: 'card',
	comment: 'comment',
};

/**
 * Maps the camelCase fields of a collection to the API body. Validates as it goes (the caller
 * is a preSend or a handler before any request), so a bad value names its parameter.
 */
export function clientBodyFromFields(fields: unknown, collection: string, context: BuildContext): IDataObject {
	const body: IDataObject = {};
	const name = (field: string) => `${collection}.${field}`;
	const label = labelsOf([...clientFieldList, ...nameAndPhoneFields]);
	if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
		throw new ParameterError(collection, `${collection} must be a set of fields, got ${shown(fields)}`);
	}
	for (const [field, value] of Object.entries(fields as IDataObject)) {
		if (field in SIMPLE) body[SIMPLE[field]] = text(value, name(field), label(field));
		else if (field === 'name') body.name = toRequiredText(text(value, name(field), 'Name'), name(field), 'Name');
		else if (field === 'phone') body.phone = toPhoneDigits(text(value, name(field), 'Phone'), name(field), 'Phone');
		else if (field === 'genderId')
			body.gender_id = oneOf(
				value,
				GENDER_OPTIONS.map((o) => o.value),
				name(field),
				label(field),
			);
		else if (field === 'importanceId')
			body.importance_id = oneOf(
				value,
				IMPORTANCE_OPTIONS.map((o) => o.value),
				name(field),
				label(field),
			);
		else if (field === 'discount' || field === 'spent' || field === 'balance')
			body[field] = toNumber(value, name(field), label(field));
		else if (field === 'smsCheck') body.sms_check = flag(value, name(field), label(field));
		else if (field === 'smsNot') body.sms_not = flag(value, name(field), label(field));
		else if (field === 'birthDate')
			body.birth_date =
				value === '' || value == null ? '' : toCalendarDate(value, name(field), label(field), context.timeZone());
		else if (field === 'categoryIds') body.categories = tagIds(value, name(field));
		else if (field === 'customFields') body.custom_fields = customFields(value, name(field));
		else throw new ParameterError(name(field), `Unknown field ${name(field)}`);
	}
	return body;
}

const shown = (value: unknown) => {
	const json = JSON.stringify(value);
	return json === undefined ? String(value) : json.length > 40 ? `${json.slice(0, 40)}…` : json;
};

/** Text as the API takes it; an object or a list from an expression would go out as "[object Object]" or joined. */
function text(value: unknown, parameter: string, label: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new ParameterError(parameter, `${label} (${parameter}) must be text, got ${shown(value)}`);
}

/** A yes/no field: a boolean, 0/1 or "true"/"false" from an expression. */
function flag(value: unknown, parameter: string, label: string): number {
	if (value === true || value === 1 || value === 'true' || value === '1') return 1;
	if (value === false || value === 0 || value === 'false' || value === '0' || value === '' || value == null) return 0;
	throw new ParameterError(parameter, `${label} (${parameter}) must be true or false, got ${shown(value)}`);
}

function oneOf(value: unknown, allowed: number[], parameter: string, label: string): number {
	const number = toNumber(value, parameter, label);
	if (!allowed.includes(number))
		throw new ParameterError(
			parameter,
			`${label} (${parameter}) must be one of ${[...allowed].sort((a, b) => a - b).join(', ')}`,
		);
	return number;
}

function tagIds(value: unknown, parameter: string): number[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list
		.map((id) => (typeof id === 'string' ? id.trim() : id))
		.filter((id) => id !== '')
		.map((id) => Number(toId(id, parameter, 'Tag IDs')));
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function customFields(value: unknown, parameter: string): IDataObject {
	const rows = (value as IDataObject | undefined)?.field ?? [];
	if (!Array.isArray(rows)) throw new ParameterError(parameter, `${parameter} must be a list of key and value pairs`);
	const out: IDataObject = {};
	for (const row of rows as IDataObject[]) {
		if (row === null || typeof row !== 'object') {
			throw new ParameterError(parameter, `${parameter}: every custom field needs a key and a value`);
		}
		// A numeric code (from an expression) is a key like any other.
		const key = typeof row.key === 'string' ? row.key.trim() : typeof row.key === 'number' ? String(row.key) : '';
		if (!key)
			throw new ParameterError(parameter, `${parameter}: every custom field needs a key, got ${shown(row.key)}`);
		if (RESERVED_KEYS.has(key)) {
			// `__proto__` would vanish from the body, the others clash with JavaScript's own names.
			throw new ParameterError(parameter, `${parameter}: "${key}" cannot be used as a custom field key`);
		}
		out[key] = text(row.value, parameter, `Custom field "${key}"`);
	}
	return out;
}

/** The body of a new client from Name, Phone and Additional Fields (Create, Create or Update). */
export function newClientBody(param: (name: string) => unknown, context: BuildContext): IDataObject {
	return {
		...clientBodyFromFields(param('additionalFields'), 'additionalFields', context),
		name: toRequiredText(param('name'), 'name', 'Name'),
		phone: toPhoneDigits(param('phone'), 'phone', 'Phone'),
	};
}

/** The keys a client create takes, as the official description lists them (bulk: all but custom_fields). */
export const CREATE_KEYS = [
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
	'comment',
	'spent',
	'balance',
	'sms_check',
	'sms_not',
	'categories',
	'custom_fields',
];

/** Names seen in answers (docs/altegio-api.md, "Observed") and the create key each stands for. */
const CREATE_NAME_FOR: Record<string, string> = {
	sex_id: 'gender_id',
	patronymic: 'middle_name',
	labels: 'categories',
};

/** Why a row of Create Many cannot be sent as written (a key create does not take), or undefined. */
export function createRowProblem(row: IDataObject): string | undefined {
	const unknown = Object.keys(row).filter((key) => !CREATE_KEYS.includes(key));
	if (unknown.length === 0) return undefined;
	const hints = unknown.filter((key) => CREATE_NAME_FOR[key]).map((key) => `${key} → ${CREATE_NAME_FOR[key]}`);
	return (
		`has ${unknown.length === 1 ? 'a field' : 'fields'} Altegio's create does not take: ${unknown.join(', ')}` +
		(hints.length ? ` (use ${hints.join(', ')})` : '') +
		`. The fields are ${CREATE_KEYS.join(', ')}`
	);
}
