import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	ParameterError,
	labelsOf,
	toDateParts,
	toId,
	toNumber,
	toPhoneDigits,
	toRequiredText,
} from '../../shared/validation';

/** Gender and importance as the API numbers them, for the writable fields and the search filters. */
export const GENDER_OPTIONS = [
	{ name: 'Female', value: 2 },
	{ name: 'Male', value: 1 },
	{ name: 'Unknown', value: 0 },
];

export const IMPORTANCE_OPTIONS = [
	{ name: 'Bronze', value: 1 },
	{ name: 'Gold', value: 3 },
	{ name: 'None', value: 0 },
	{ name: 'Silver', value: 2 },
];

/**
 * The client's writable fields, defined once for Create, Update and Create or Update, and the
 * mapping from their camelCase names to the API's body.
 */
const clientFieldList: INodeProperties[] = [
	{
		displayName: 'Balance',
		name: 'balance',
		type: 'number',
		default: 0,
		description: 'Client balance (may be negative)',
	},
	{
		displayName: 'Birth Date',
		name: 'birthDate',
		type: 'dateTime',
		default: '',
		description: 'Sent as YYYY-MM-DD',
	},
	{
		displayName: 'Card',
		name: 'card',
		type: 'string',
		default: '',
		description: 'Loyalty card number',
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		description: "Values of the location's custom client fields, by their API key",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						description: 'The API key of the custom field (Settings > Custom fields in Altegio)',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Discount',
		name: 'discount',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: 100 },
		description: 'Discount in percent',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Gender',
		name: 'genderId',
		type: 'options',
		default: 0,
		options: GENDER_OPTIONS,
	},
	{
		displayName: 'Importance',
		name: 'importanceId',
		type: 'options',
		default: 0,
		options: IMPORTANCE_OPTIONS,
	},
	{
		displayName: 'Middle Name',
		name: 'middleName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Money Spent',
		name: 'spent',
		type: 'number',
		default: 0,
		description: 'Money the client had spent before being added',
	},
	{
		displayName: 'Exclude From SMS Mailings',
		name: 'smsNot',
		type: 'boolean',
		default: false,
		description: 'Whether the client is excluded from SMS mailings',
	},
	{
		displayName: 'Send Birthday SMS',
		name: 'smsCheck',
		type: 'boolean',
		default: false,
		description: 'Whether the client gets a birthday greeting by SMS',
	},
	{
		displayName: 'Surname',
		name: 'surname',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Tag IDs',
		name: 'categoryIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 101,102',
		description: 'Comma-separated IDs of client tags (categories). On update they replace the current tags.',
	},
];

export const writableClientFields = [...clientFieldList].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Name and phone as optional fields, for Update. */
export const nameAndPhoneFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'First name' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +13155550178' },
];

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

/** Client records as users get them: phone as a string, tags and custom fields always a list/object. */
export function toClientOutput(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	if (typeof out.phone === 'number') out.phone = String(out.phone);
	if (out.categories && !Array.isArray(out.categories)) out.categories = Object.values(out.categories as IDataObject);
	if (Array.isArray(out.custom_fields)) out.custom_fields = {};
	return out;
}

const GENDER_BY_LABEL: Record<string, number> = { male: 1, female: 2 };

/**
 * The full PUT body for a client: the stored record with `changes` on top. The API's PUT replaces
 * the whole record, so everything not changed is sent back as it is.
 */
export function mergeForUpdate(existing: IDataObject, changes: IDataObject): IDataObject {
	const current = toClientOutput(existing);
	const genderId =
		current.gender_id ?? current.sex_id ?? GENDER_BY_LABEL[String(current.gender ?? '').toLowerCase()] ?? 0;
	const tags = ((current.categories ?? []) as IDataObject[]).map((tag) => Number(tag.id)).filter(Number.isFinite);
	const body: IDataObject = {
		name: current.name ?? '',
		surname: current.surname ?? '',
		middle_name: current.middle_name ?? current.patronymic ?? '',
		phone: String(current.phone ?? '').replace(/\D/g, ''),
		email: current.email ?? '',
		gender_id: Number(genderId),
		importance_id: Number(current.importance_id ?? 0),
		discount: current.discount ?? 0,
		card: current.card == null ? '' : String(current.card),
		birth_date: birthDateOf(current.birth_date),
		comment: current.comment ?? '',
		sms_check: Number(current.sms_check ?? 0),
		sms_not: Number(current.sms_not ?? 0),
		spent: current.spent ?? 0,
		balance: current.balance ?? 0,
		categories: tags,
		custom_fields: { ...((current.custom_fields ?? {}) as IDataObject) },
	};
	for (const [key, value] of Object.entries(changes)) {
		if (key === 'custom_fields')
			body.custom_fields = { ...(body.custom_fields as IDataObject), ...(value as IDataObject) };
		else body[key] = value;
	}
	// Altegio documents `labels` for tags on edit, `categories` on create: send both.
	body.labels = body.categories;
	return body;
}

/** Some answers carry the birth date as a Unix timestamp string: send it back as YYYY-MM-DD. */
function birthDateOf(value: unknown): string {
	if (typeof value === 'string' && /^\d{6,}$/.test(value)) {
		return new Date(Number(value) * 1000).toISOString().slice(0, 10);
	}
	return typeof value === 'string' ? value : '';
}
