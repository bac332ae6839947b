import type { INodeProperties } from 'n8n-workflow';

import type { RecordShape } from '../../kernel/params';
import { outputParameters, titlesOf } from '../../kernel/params';
import { SEARCH_FIELDS } from './searchBody';

/**
 * Output for client records. A full record (Get, Create, Update, Create or Update, Get Many (Full
 * Records)) has over 20 fields; the search's rows have at most the 9 it can return.
 */

/** Every field of a full client record, as Altegio names them (docs/altegio-api.md). */
const RECORD_FIELDS = [
	'name',
	'surname',
	'middle_name',
	'phone',
	'email',
	'categories',
	'gender_id',
	'gender',
	'importance_id',
	'importance',
	'discount',
	'card',
	'birth_date',
	'comment',
	'sms_check',
	'sms_not',
	'spent',
	'paid',
	'balance',
	'visits',
	'last_change_date',
	'custom_fields',
];

export const clientRecordShape: RecordShape = {
	simplified: ['id', 'name', 'surname', 'phone', 'email', 'birth_date', 'categories', 'visits', 'spent'],
	// Tags as their titles.
	flatten: { categories: titlesOf },
	fields: RECORD_FIELDS,
	// Create or Update says which it did.
	always: ['id', 'action'],
};

/** What the search can return (its `fields`, searchBody.ts): all of them make its simplified rows. */
export const clientSearchShape: RecordShape = {
	simplified: SEARCH_FIELDS,
	fields: SEARCH_FIELDS.filter((field) => field !== 'id'),
	always: ['id'],
};

/** Output and Fields of the operations returning full records; one pair of fields, listed by each. */
export const clientRecordOutput: INodeProperties[] = outputParameters(
	clientRecordShape,
	'Name, surname, phone, email, birth date, tag names, visits and money spent',
);

export const clientSearchOutput: INodeProperties[] = outputParameters(
	clientSearchShape,
	'Every field the search returns (name is the full name)',
);
