import type { IDataObject } from 'n8n-workflow';

import {
	ParameterError,
	labelsOf,
	toDateParts,
	toId,
	toNumber,
	toPhoneDigits,
	toRequiredText,
} from '../../shared/validation';
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
export function clientBodyFromFields(fields: IDataObject, collection: string): IDataObject {
	const body: IDataObject = {};
	const name = (field: string) => `${collection}.${field}`;
	const label = labelsOf([...clientFieldList, ...nameAndPhoneFields]);
	for (const [field, value] of Object.entries(fields)) {
		if (field in SIMPLE) body[SIMPLE[field]] = value == null ? '' : String(value);
		else if (field === 'name') body.name = toRequiredText(value, name(field), 'Name');
		else if (field === 'phone') body.phone = toPhoneDigits(value, name(field), 'Phone');
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
		else if (field === 'smsCheck') body.sms_check = value ? 1 : 0;
		else if (field === 'smsNot') body.sms_not = value ? 1 : 0;
		else if (field === 'birthDate')
			body.birth_date = value === '' || value == null ? '' : toDateParts(value, name(field), label(field)).date;
		else if (field === 'categoryIds') body.categories = tagIds(value, name(field));
		else if (field === 'customFields') body.custom_fields = customFields(value, name(field));
		else throw new ParameterError(name(field), `Unknown field ${name(field)}`);
	}
	return body;
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

function customFields(value: unknown, parameter: string): IDataObject {
	const rows = ((value as IDataObject | undefined)?.field ?? []) as IDataObject[];
	const out: IDataObject = {};
	for (const row of rows) {
		const key = typeof row.key === 'string' ? row.key.trim() : '';
		if (!key) throw new ParameterError(parameter, `${parameter}: every custom field needs a key`);
		out[key] = row.value as string;
	}
	return out;
}
