import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';

/**
 * Simplify: a client record has over 20 fields, and an AI agent pays for each. With Simplify on,
 * a record keeps only the fields below (those it has); off, the output is as it always was.
 */
const KEPT = [
	'id',
	'name',
	'surname',
	'phone',
	'email',
	'birth_date',
	'categories',
	'comment',
	// Full records say visits and spent; the search says visits_count, sold_amount, last_visit_date.
	'visits',
	'visits_count',
	'spent',
	'sold_amount',
	'last_visit_date',
	// Create or Update says which it did.
	'action',
];

export const clientSimplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a simplified version of the response instead of the raw data: only id, name, surname, ' +
		'phone, email, birth_date, categories (tag titles), comment, and the visit count, money spent and last visit ' +
		'where the record has them. Fewer fields suit AI agents.',
};

/** The record with only the kept fields; tags become their titles. */
export function simplifyClient(record: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of KEPT) {
		if (record[key] === undefined) continue;
		out[key] = record[key];
	}
	if (Array.isArray(out.categories)) {
		out.categories = (out.categories as unknown[]).map((tag) =>
			tag && typeof tag === 'object' ? ((tag as IDataObject).title ?? (tag as IDataObject).id) : tag,
		) as IDataObject[];
	}
	return out;
}

/** The handler's records, simplified when the user turned Simplify on (read per item). */
export function simplifiable(handler: OperationHandler): OperationHandler {
	return async function (request) {
		const records = await handler.call(this, request);
		return this.getNodeParameter('simplify', false) === true ? records.map(simplifyClient) : records;
	};
}
