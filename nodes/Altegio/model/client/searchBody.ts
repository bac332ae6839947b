import type { IDataObject } from 'n8n-workflow';

import { ParameterError, outputMode, selectedFields, toDateParts, toId, toNumber } from '../../kernel/params';

/** Client > Get Many: the search body from Filters and Options, each value checked and named. */

/** Everything the search can return; asked for by default so users do not get bare IDs. */
export const SEARCH_FIELDS = [
	'id',
	'name',
	'phone',
	'email',
	'discount',
	'first_visit_date',
	'last_visit_date',
	'sold_amount',
	'visits_count',
];

/** IDs from a comma-separated string, a number or a list (a picker's stored value: String() joins it). */
function idList(value: unknown, parameter: string, label: string): number[] {
	return String(value ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id) => Number(toId(id, parameter, label)));
}

type Convert = (value: unknown, parameter: string) => string | number;

function range(
	from: unknown,
	to: unknown,
	parameter: string,
	convert: Convert,
	convertTo: Convert = convert,
): IDataObject | undefined {
	const given = (value: unknown) => value !== undefined && value !== '' && value !== null;
	if (!given(from) && !given(to)) return undefined;
	const state: IDataObject = {};
	if (given(from)) state.from = convert(from, `${parameter}From`);
	if (given(to)) state.to = convertTo(to, `${parameter}To`);
	return state;
}

/** The fields the search is asked for: all it can return, or the ID and those Selected Fields names. */
function requestedFields(output: { output?: unknown; fields?: unknown }): string[] {
	if (outputMode(output.output) !== 'selectedFields') return SEARCH_FIELDS;
	const chosen = selectedFields(output.fields);
	const unknown = chosen.filter((field) => !SEARCH_FIELDS.includes(field));
	if (unknown.length) {
		throw new ParameterError(
			'fields',
			`Fields (fields): the search cannot return ${unknown.join(', ')}; it returns ${SEARCH_FIELDS.join(', ')}`,
		);
	}
	return [...new Set(['id', ...chosen])];
}

/**
 * The search body from Filters, Options, Sort and Output (the paginator adds page and page_size);
 * `filterLabel` names a filter in errors as the operation shows it.
 */
export function searchBody(
	filters: IDataObject,
	options: IDataObject,
	filterLabel: (name: string) => string = (name) => name,
	output: { output?: unknown; fields?: unknown } = {},
): IDataObject {
	/**
	 * A day as the description's examples write these filters: a date-time, From at the day's start
	 * and To at its last second (`2026-01-31 23:59:59`). A bare date would be read as the day's
	 * midnight, leaving out the last day's visits.
	 */
	const dayStart = (value: unknown, parameter: string) =>
		`${toDateParts(value, `filters.${parameter}`, filterLabel(parameter)).date} 00:00:00`;
	const dayEnd = (value: unknown, parameter: string) =>
		`${toDateParts(value, `filters.${parameter}`, filterLabel(parameter)).date} 23:59:59`;
	const amount = (value: unknown, parameter: string) => toNumber(value, `filters.${parameter}`, filterLabel(parameter));
	const list: IDataObject[] = [];
	const add = (type: string, state: IDataObject | undefined) => state && list.push({ type, state });
	if (typeof filters.quickSearch === 'string' && filters.quickSearch.trim() !== '') {
		add('quick_search', { value: filters.quickSearch.trim() });
	}
	if (filters.clientIds) add('id', { value: idList(filters.clientIds, 'filters.clientIds', 'Client IDs') });
	const tagIds = idList(filters.tagIds, 'filters.tagIds', 'Tag Names or IDs');
	if (tagIds.length) add('category', { value: tagIds });
	for (const key of ['importance', 'gender'] as const) {
		const values = filters[key] as number[] | undefined;
		if (values?.length) add(key, { value: values.map(Number) });
	}
	add('birthday', range(filters.birthdayFrom, filters.birthdayTo, 'birthday', dayStart, dayEnd));
	add('sold_amount', range(filters.soldAmountFrom, filters.soldAmountTo, 'soldAmount', amount));
	if (filters.hasMobileApp !== undefined) add('has_mobile_app', { value: Boolean(filters.hasMobileApp) });
	const record: IDataObject = {};
	const statuses = filters.visitStatus as number[] | undefined;
	if (statuses?.length) record.status = { value: statuses.map(Number) };
	const created = range(filters.visitCreatedFrom, filters.visitCreatedTo, 'visitCreated', dayStart, dayEnd);
	if (created) record.created = created;
	const count = range(filters.visitsCountFrom, filters.visitsCountTo, 'visitsCount', amount);
	if (count) record.records_count = count;
	// What the client had: appointments with these staff members, services or service categories.
	const had = [
		['staff', 'staffIds', 'Staff Names or IDs'],
		['service', 'serviceIds', 'Service Names or IDs'],
		['service_category', 'serviceCategoryIds', 'Service Category Names or IDs'],
	] as const;
	for (const [key, name, label] of had) {
		const ids = idList(filters[name], `filters.${name}`, label);
		if (ids.length) record[key] = { value: ids };
	}
	const sold = range(filters.recordSoldAmountFrom, filters.recordSoldAmountTo, 'recordSoldAmount', amount);
	if (sold) record.sold_amount = sold;
	if (Object.keys(record).length) add('record', record);

	const direction = String(options.sortDirection ?? 'ASC');
	if (direction !== 'ASC' && direction !== 'DESC') {
		throw new ParameterError('sort.sortDirection', 'Sort Direction (sort.sortDirection) must be ASC or DESC');
	}
	return {
		fields: requestedFields(output),
		order_by: String(options.sortBy ?? 'id'),
		order_by_direction: direction,
		operation: (options.combine ?? filters.combine) === 'OR' ? 'OR' : 'AND',
		filters: list,
	};
}
