import type { IDataObject } from 'n8n-workflow';

/**
 * `readClientRecord(raw)`: the one reader of a client record, in any shape Altegio was seen to send
 * (docs/altegio-api.md, "Observed"): the card, the deprecated list's rows (also as an integration
 * recorded them: `sex_id`, `patronymic`, `+` phones), search rows, create and bulk answers, a
 * webhook's `data`. It returns
 * - `record`: the record as Altegio sent it, for output. No key is added; only forms change: a phone
 *   sent as a number becomes text, tags sent as an object keyed by ID become a list, custom fields
 *   sent as `[]` or a list of `{code, value}` become an object.
 * - `known`: what an edit needs, under the edit's own keys (`middle_name`, `gender_id`,
 *   `importance_id`, `categories` as tag IDs, `custom_fields` as an object, `spent`, `balance`), read
 *   from whichever key or label carried it. Only what could be read is here; `null` is a value.
 * - `unknown`: each edit key that could not be read, and why. Absent is unknown, never empty.
 */

export interface ClientReading {
	record: IDataObject;
	known: IDataObject;
	unknown: Record<string, string>;
}

export const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The phone as the API takes it: digits only (a number in JSON is fine). */
export function phoneOf(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

/** The keys an edit sends back, as the official description lists them (money handled apart). */
export const EDIT_KEYS = [
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
	'sms_check',
	'sms_not',
	'categories',
	'custom_fields',
];

/**
 * Labels as the description's examples, the recorded rows and Russian accounts spell them (compared
 * in lower case). A label in another language is unknown: its ID is then read from the list.
 */
const GENDER_BY_LABEL: Record<string, number> = {
	unknown: 0,
	'not specified': 0,
	male: 1,
	female: 2,
	'не указан': 0,
	'не указано': 0,
	неизвестно: 0,
	мужской: 1,
	женский: 2,
};
const IMPORTANCE_BY_LABEL: Record<string, number> = {
	'no importance class': 0,
	'no priority level': 0,
	bronze: 1,
	silver: 2,
	gold: 3,
	'без класса важности': 0,
	'нет класса важности': 0,
	бронза: 1,
	серебро: 2,
	золото: 3,
};

const NOT_SHOWN = 'not shown in the answer';
const given = (value: unknown) => value !== undefined;

/** The record as Altegio sent it, forms made readable, no key added. */
function outputOf(raw: IDataObject): IDataObject {
	const out: IDataObject = { ...raw };
	if (typeof out.phone === 'number') out.phone = String(out.phone);
	for (const key of ['categories', 'labels']) {
		if (isPlainObject(out[key])) out[key] = Object.values(out[key] as IDataObject) as IDataObject[];
	}
	if (given(out.custom_fields)) {
		const custom = customFieldsOf(out.custom_fields);
		if (custom) out.custom_fields = custom;
	}
	return out;
}

/** Tag IDs from a list (objects or bare IDs) or an object keyed by ID; deleted tags left out. */
export function tagIdsOf(value: unknown): number[] | undefined {
	if (value === null) return [];
	const list = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : undefined;
	if (!list) return undefined;
	const live = list.filter((tag) => !(isPlainObject(tag) && (tag.is_deleted === true || Number(tag.deleted) === 1)));
	const ids = live.map((tag) => Number(isPlainObject(tag) ? tag.id : tag));
	return ids.every((id) => Number.isSafeInteger(id) && id > 0) ? ids : undefined;
}

/** Custom fields as `{ key: value }` from `{}`/`{key: value}`, `[]`, or a list of `{code|key|api_key, value}`. */
export function customFieldsOf(value: unknown): IDataObject | undefined {
	if (value === null) return {};
	if (isPlainObject(value)) return { ...value };
	if (!Array.isArray(value)) return undefined;
	const out: IDataObject = {};
	for (const entry of value) {
		if (!isPlainObject(entry)) return undefined;
		const key = entry.code ?? entry.key ?? entry.api_key;
		if (typeof key !== 'string' || key === '' || !('value' in entry)) return undefined;
		out[key] = entry.value as IDataObject[keyof IDataObject];
	}
	return out;
}

/** An ID read from `<id keys>`, else from a label; unknown says which label could not be mapped. */
function idOrLabel(raw: IDataObject, ids: string[], labels: string[], byLabel: Record<string, number>) {
	for (const key of ids) {
		const id = raw[key];
		if (id !== undefined && id !== null && id !== '' && Number.isInteger(Number(id))) return { id: Number(id) };
	}
	for (const key of labels) {
		const label = raw[key];
		if (label === undefined) continue;
		const id = typeof label === 'string' ? byLabel[label.trim().toLowerCase()] : undefined;
		if (id !== undefined) return { id };
		return { why: `shown only as the label ${JSON.stringify(label)}, which the node cannot map to an ID` };
	}
	return { why: NOT_SHOWN };
}

/** Some answers carry the birth date as a Unix timestamp string: read as YYYY-MM-DD. */
function birthDateOf(value: unknown): unknown {
	if (typeof value === 'string' && /^\d{6,}$/.test(value)) {
		return new Date(Number(value) * 1000).toISOString().slice(0, 10);
	}
	return value;
}

export function readClientRecord(raw: unknown): ClientReading {
	const source = isPlainObject(raw) ? raw : {};
	const known: IDataObject = {};
	const unknown: Record<string, string> = {};
	const take = (key: string, value: unknown, readable = true) => {
		if (value === undefined) unknown[key] = NOT_SHOWN;
		else if (!readable) unknown[key] = `shown as ${JSON.stringify(value).slice(0, 60)}, which the node cannot read`;
		else known[key] = value as IDataObject[keyof IDataObject];
	};
	const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
	for (const key of ['name', 'surname', 'email', 'comment', 'discount', 'sms_check', 'sms_not']) {
		take(key, source[key], scalar(source[key]));
	}
	take('middle_name', source.middle_name ?? source.patronymic, scalar(source.middle_name ?? source.patronymic));
	take('phone', source.phone, scalar(source.phone));
	take('card', typeof source.card === 'number' ? String(source.card) : source.card, scalar(source.card));
	take('birth_date', birthDateOf(source.birth_date), scalar(source.birth_date));
	const gender = idOrLabel(source, ['gender_id', 'sex_id'], ['gender', 'sex'], GENDER_BY_LABEL);
	if (gender.id !== undefined) known.gender_id = gender.id;
	else unknown.gender_id = gender.why;
	const importance = idOrLabel(source, ['importance_id'], ['importance'], IMPORTANCE_BY_LABEL);
	if (importance.id !== undefined) known.importance_id = importance.id;
	else unknown.importance_id = importance.why;
	const tags = source.categories !== undefined ? source.categories : source.labels;
	take('categories', tags === undefined ? undefined : (tagIdsOf(tags) ?? tags), tagIdsOf(tags) !== undefined);
	const custom = source.custom_fields;
	take(
		'custom_fields',
		custom === undefined ? undefined : (customFieldsOf(custom) ?? custom),
		!!customFieldsOf(custom),
	);
	for (const key of ['spent', 'balance']) if (source[key] !== undefined) known[key] = source[key];
	return { record: outputOf(source), known, unknown };
}

/** The output form of a record (`readClientRecord(raw).record`). */
export const toClientOutput = (raw: IDataObject): IDataObject => readClientRecord(raw).record;
