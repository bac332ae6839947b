import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { fetchPages, wantFromParameters } from '../../shared/pagination';
import type { OperationHandler } from '../../shared/routing';
import { ParameterError, labelsOf, toDateParts, toId, toNumber, validate } from '../../shared/validation';
import { GENDER_OPTIONS, IMPORTANCE_OPTIONS, toClientOutput } from './clientFields';

const showOnlyForClientGetAll = { operation: ['getAll'], resource: ['client'] };

/** The search's largest page (the API rejects more). */
export const SEARCH_MAX_PAGE_SIZE = 200;

/** Everything the search can return; asked for by default so users do not get bare IDs. */
const SEARCH_FIELDS = [
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

const VISIT_STATUSES = [
	{ name: 'No-Show', value: 1 },
	{ name: 'Waiting', value: 2 },
	{ name: 'Arrived', value: 3 },
	{ name: 'Confirmed', value: 4 },
];

export const clientGetAllDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForClientGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForClientGetAll },
		options: [
			{
				displayName: 'Birthday From',
				name: 'birthdayFrom',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Birthday To',
				name: 'birthdayTo',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Client IDs',
				name: 'clientIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12,34',
				description: 'Comma-separated client IDs',
			},
			{
				displayName: 'Combine Filters With',
				name: 'combine',
				type: 'options',
				default: 'AND',
				options: [
					{ name: 'AND (Match All Filters)', value: 'AND' },
					{ name: 'OR (Match Any Filter)', value: 'OR' },
				],
			},
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'multiOptions',
				default: [],
				options: GENDER_OPTIONS,
			},
			{
				displayName: 'Has Mobile App',
				name: 'hasMobileApp',
				type: 'boolean',
				default: true,
				description: 'Whether the client uses the mobile app',
			},
			{
				displayName: 'Importance',
				name: 'importance',
				type: 'multiOptions',
				default: [],
				options: IMPORTANCE_OPTIONS,
			},
			{
				displayName: 'Quick Search',
				name: 'quickSearch',
				type: 'string',
				default: '',
				placeholder: 'e.g. Smith or 13155550178',
				description: 'Matches name, phone and loyalty card',
			},
			{
				displayName: 'Sold Amount From',
				name: 'soldAmountFrom',
				type: 'number',
				default: 0,
				description: 'Lifetime money sold to the client, at least',
			},
			{
				displayName: 'Sold Amount To',
				name: 'soldAmountTo',
				type: 'number',
				default: 0,
				description: 'Lifetime money sold to the client, at most',
			},
			{
				displayName: 'Tag IDs',
				name: 'tagIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 101,102',
				description: 'Comma-separated IDs of client tags (categories)',
			},
			{
				displayName: 'Visit Created From',
				name: 'visitCreatedFrom',
				type: 'dateTime',
				default: '',
				description: 'Has a visit booked (created) on or after this date',
			},
			{
				displayName: 'Visit Created To',
				name: 'visitCreatedTo',
				type: 'dateTime',
				default: '',
				description: 'Has a visit booked (created) on or before this date',
			},
			{
				displayName: 'Visit Status',
				name: 'visitStatus',
				type: 'multiOptions',
				default: [],
				options: VISIT_STATUSES,
				description: 'Has a visit with one of these outcomes',
			},
			{
				displayName: 'Visits Count From',
				name: 'visitsCountFrom',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
			},
			{
				displayName: 'Visits Count To',
				name: 'visitsCountTo',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForClientGetAll },
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				default: [],
				description: 'Fields to return (the ID always comes). Default: all fields the search can return.',
				options: SEARCH_FIELDS.filter((f) => f !== 'id').map((value) => ({
					name: value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
					value,
				})),
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'id',
				options: [
					{ name: 'Discount', value: 'discount' },
					{ name: 'Email', value: 'email' },
					{ name: 'First Visit Date', value: 'first_visit_date' },
					{ name: 'ID', value: 'id' },
					{ name: 'Last Visit Date', value: 'last_visit_date' },
					{ name: 'Name', value: 'name' },
					{ name: 'Phone', value: 'phone' },
					{ name: 'Sold Amount', value: 'sold_amount' },
					{ name: 'Visit Count', value: 'visit_count' },
				],
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				default: 'ASC',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
			},
		],
	},
];

function idList(value: unknown, parameter: string, label: string): number[] {
	return String(value ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id) => Number(toId(id, parameter, label)));
}

function range(
	from: unknown,
	to: unknown,
	parameter: string,
	convert: (value: unknown, parameter: string) => string | number,
): IDataObject | undefined {
	const given = (value: unknown) => value !== undefined && value !== '' && value !== null;
	if (!given(from) && !given(to)) return undefined;
	const state: IDataObject = {};
	if (given(from)) state.from = convert(from, `${parameter}From`);
	if (given(to)) state.to = convert(to, `${parameter}To`);
	return state;
}

const filterLabel = labelsOf(clientGetAllDescription.find((p) => p.name === 'filters')?.options as INodeProperties[]);
const day = (value: unknown, parameter: string) =>
	toDateParts(value, `filters.${parameter}`, filterLabel(parameter)).date;
const amount = (value: unknown, parameter: string) => toNumber(value, `filters.${parameter}`, filterLabel(parameter));

/** The search body from Filters and Options (the paginator adds page and page_size). */
export function searchBody(filters: IDataObject, options: IDataObject): IDataObject {
	const list: IDataObject[] = [];
	const add = (type: string, state: IDataObject | undefined) => state && list.push({ type, state });
	if (typeof filters.quickSearch === 'string' && filters.quickSearch.trim() !== '') {
		add('quick_search', { value: filters.quickSearch.trim() });
	}
	if (filters.clientIds) add('id', { value: idList(filters.clientIds, 'filters.clientIds', 'Client IDs') });
	if (filters.tagIds) add('category', { value: idList(filters.tagIds, 'filters.tagIds', 'Tag IDs') });
	for (const key of ['importance', 'gender'] as const) {
		const values = filters[key] as number[] | undefined;
		if (values?.length) add(key, { value: values.map(Number) });
	}
	add('birthday', range(filters.birthdayFrom, filters.birthdayTo, 'birthday', day));
	add('sold_amount', range(filters.soldAmountFrom, filters.soldAmountTo, 'soldAmount', amount));
	if (filters.hasMobileApp !== undefined) add('has_mobile_app', { value: Boolean(filters.hasMobileApp) });
	const record: IDataObject = {};
	const statuses = filters.visitStatus as number[] | undefined;
	if (statuses?.length) record.status = { value: statuses.map(Number) };
	const created = range(filters.visitCreatedFrom, filters.visitCreatedTo, 'visitCreated', day);
	if (created) record.created = created;
	const count = range(filters.visitsCountFrom, filters.visitsCountTo, 'visitsCount', amount);
	if (count) record.records_count = count;
	if (Object.keys(record).length) add('record', record);

	const fields = (options.fields as string[] | undefined)?.length
		? ['id', ...(options.fields as string[])]
		: SEARCH_FIELDS;
	const direction = String(options.sortDirection ?? 'ASC');
	if (direction !== 'ASC' && direction !== 'DESC') {
		throw new ParameterError('options.sortDirection', 'Sort Direction (options.sortDirection) must be ASC or DESC');
	}
	return {
		fields: [...new Set(fields)],
		order_by: String(options.sortBy ?? 'id'),
		order_by_direction: direction,
		operation: filters.combine === 'OR' ? 'OR' : 'AND',
		filters: list,
	};
}

export const buildSearchBody = validate((param, request) => {
	request.body = searchBody((param('filters') ?? {}) as IDataObject, (param('options') ?? {}) as IDataObject);
});

export const searchClients: OperationHandler = async function (request) {
	const records = await fetchPages(
		this,
		request,
		{ in: 'body', pageParam: 'page', sizeParam: 'page_size', maxPageSize: SEARCH_MAX_PAGE_SIZE },
		wantFromParameters(this),
	);
	return records.map(toClientOutput);
};
