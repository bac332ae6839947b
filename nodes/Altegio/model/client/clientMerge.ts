import type { IDataObject } from 'n8n-workflow';

import { customFieldsOf, isPlainObject, phoneOf, tagIdsOf } from './clientRecord';

/**
 * The body of an edit: the stored client with the user's changes on top. The API's PUT requires
 * name and phone and may reset what it is not sent, so everything that can be sent back faithfully
 * is; what cannot (derived money, masked contacts, labels with no known ID) is left out and named,
 * so the caller can check the answer and say what happened.
 */

/**
 * The edit's writable keys as Altegio's official description lists them, sent back as read.
 * Money (`spent`, `balance`: GET may show more than the amount at adding), gender and importance
 * (labels, mapped below), tags and custom fields are handled on their own. Anything else a record
 * holds is not documented as writable, so it is not sent: a derived figure written back would
 * change it.
 */
const WRITABLE_AS_READ = [
	'name',
	'surname',
	'middle_name',
	'phone',
	'email',
	'discount',
	'card',
	'birth_date',
	'comment',
	'sms_check',
	'sms_not',
];

/** Labels as the official examples spell them (lower case); another language's labels are unknown. */
const GENDER_BY_LABEL: Record<string, number> = { unknown: 0, male: 1, female: 2 };
const IMPORTANCE_BY_LABEL: Record<string, number> = { 'no importance class': 0, bronze: 1, silver: 2, gold: 3 };

export interface MergedUpdate {
	body: IDataObject;
	/** Fields left out of the body because they cannot be sent back as read: field → why. */
	leftOut: Record<string, string>;
}

/** A masked contact as users without contact rights see it (`+1 315 *** ** 78`, `r***@example.com`). */
export const isMasked = (value: unknown) => typeof value === 'string' && value.includes('*');

/**
 * The PUT body. Calls `refuse` (which throws) when the record cannot be written back without
 * losing something the user did not change (no name, a masked phone or e-mail).
 */
export function mergeForUpdate(
	current: IDataObject,
	changes: IDataObject,
	refuse: (why: string) => never,
): MergedUpdate {
	const leftOut: Record<string, string> = {};
	const body: IDataObject = {};
	// A value read as null (no birth date, say) is left out: the edit types these keys as text or numbers.
	for (const key of WRITABLE_AS_READ) {
		const value = current[key];
		if (value === undefined || value === null) continue;
		if (isMasked(value)) leftOut[key] = 'masked for this Altegio user';
		else if (['string', 'number', 'boolean'].includes(typeof value)) body[key] = value;
	}
	if (typeof body.card === 'number') body.card = String(body.card);
	if (current.middle_name === undefined && typeof current.patronymic === 'string') {
		body.middle_name = current.patronymic;
	}
	if (changes.name === undefined && (typeof body.name !== 'string' || body.name.trim() === '')) {
		refuse('the client as read has no name, and the edit requires one');
	}
	if (changes.phone === undefined) {
		if (isMasked(current.phone)) {
			refuse(
				"the client's phone is masked for this Altegio user (no access to contacts), and the edit requires it: " +
					'add Phone to Update Fields, or use a user who may see contacts',
			);
		}
		body.phone = phoneOf(current.phone);
	}
	if (changes.email === undefined && isMasked(current.email)) {
		refuse(
			"the client's e-mail is masked for this Altegio user (no access to contacts); sending it back would " +
				'replace the real address and leaving it out may erase it: add Email to Update Fields, ' +
				'or use a user who may see contacts',
		);
	}
	if (typeof body.birth_date === 'string') body.birth_date = birthDateOf(body.birth_date);
	idFromLabel(current, body, leftOut, 'gender_id', current.gender_id ?? current.sex_id, 'gender', GENDER_BY_LABEL);
	idFromLabel(current, body, leftOut, 'importance_id', current.importance_id, 'importance', IMPORTANCE_BY_LABEL);
	const tags = tagIdsOf(current.categories);
	if (tags) body.categories = tags;
	else if (current.categories !== undefined) leftOut.categories = 'the tags as read could not be understood';
	const custom = customFieldsOf(current.custom_fields);
	if (custom) body.custom_fields = custom;
	else if (current.custom_fields !== undefined) {
		leftOut.custom_fields = 'the custom fields as read could not be understood';
	}
	for (const [key, value] of Object.entries(changes)) {
		if (key === 'custom_fields' && isPlainObject(body.custom_fields)) {
			body.custom_fields = { ...(body.custom_fields as IDataObject), ...(value as IDataObject) };
		} else body[key] = value;
		delete leftOut[key];
	}
	// Altegio documents `labels` for tags on edit, `categories` on create: send both.
	if (body.categories !== undefined) body.labels = body.categories;
	return { body, leftOut };
}

/** `gender_id`/`importance_id` as read, else from a label the docs spell, else left out. */
function idFromLabel(
	current: IDataObject,
	body: IDataObject,
	leftOut: Record<string, string>,
	key: string,
	id: unknown,
	labelKey: string,
	byLabel: Record<string, number>,
) {
	if (id !== undefined && id !== null && id !== '' && Number.isFinite(Number(id))) {
		body[key] = Number(id);
		return;
	}
	const label = current[labelKey];
	const known = typeof label === 'string' ? byLabel[label.trim().toLowerCase()] : undefined;
	if (known !== undefined) body[key] = known;
	else if (label !== undefined) leftOut[key] = `Altegio showed ${labelKey} as "${String(label)}" without its ID`;
}

/** Some answers carry the birth date as a Unix timestamp string: send it back as YYYY-MM-DD. */
function birthDateOf(value: string): string {
	if (/^\d{6,}$/.test(value)) return new Date(Number(value) * 1000).toISOString().slice(0, 10);
	return value;
}
