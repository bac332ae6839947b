import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { fetchPages, wantFromParameters } from '../../shared/pagination';
import type { OperationHandler } from '../../shared/routing';
import { buildRequest } from '../../shared/validation';
import { GENDER_OPTIONS, IMPORTANCE_OPTIONS } from './clientFields';
import { toClientOutput } from './clientRecord';
import { searchBody } from './searchBody';

const showOnlyForClientGetAll = { operation: ['getAll'], resource: ['client'] };

/** The search's largest page per the official description (a server that caps lower is detected). */
export const SEARCH_MAX_PAGE_SIZE = 200;

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

const VISIT_STATUSES = [
	{ name: 'Arrived', value: 3 },
	{ name: 'Confirmed', value: 4 },
	{ name: 'No-Show', value: 1 },
	{ name: 'Waiting', value: 2 },
];

/** Option names of the search's fields, in Title Case (the API's names are snake_case). */
const FIELD_NAMES: Record<string, string> = { sold_amount: 'Sold Amount', visits_count: 'Visits Count' };
const titleCase = (field: string) =>
	FIELD_NAMES[field] ?? field.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

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
				// The API counts appointments (records) of the chosen statuses, not only arrived visits.
				displayName: 'Appointments Count From',
				name: 'visitsCountFrom',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description:
					'Has at least this many appointments of the chosen Visit Status (any status when none is chosen); ' +
					'choose Arrived to count visits',
			},
			{
				displayName: 'Appointments Count To',
				name: 'visitsCountTo',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description:
					'Has at most this many appointments of the chosen Visit Status (any status when none is chosen); ' +
					'choose Arrived to count visits',
			},
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
				displayName: 'Tag Names or IDs',
				name: 'tagIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getClientTags', loadOptionsDependsOn: ['locationId'] },
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Clients with any of these tags. An expression may give IDs as a list or comma-separated.',
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
				description:
					'Fields to return (the ID always comes). Default: all fields the search can return. Name is the ' +
					"full name (first name and surname), unlike Get's name, which is the first name only.",
				options: SEARCH_FIELDS.filter((f) => f !== 'id')
					.map((value) => ({ name: titleCase(value), value }))
					.sort((a, b) => a.name.localeCompare(b.name)),
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

export const buildSearchBody = buildRequest((param, request) => {
	request.body = searchBody((param('filters') ?? {}) as IDataObject, (param('options') ?? {}) as IDataObject);
});

export const searchClientPages: OperationHandler = async function (request) {
	const records = await fetchPages(
		this,
		request,
		{ in: 'body', pageParam: 'page', sizeParam: 'page_size', maxPageSize: SEARCH_MAX_PAGE_SIZE, noun: 'clients' },
		wantFromParameters(this),
	);
	return records.map(toClientOutput);
};
