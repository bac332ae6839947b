import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation } from '../../kernel/operation';
import { fetchPages, wantFromParameters } from '../../kernel/paging';
import { buildRequest, labelsOf, returnAllAndLimit } from '../../kernel/params';
import {
	GENDER_OPTIONS,
	IMPORTANCE_OPTIONS,
	SEARCH_FIELDS,
	SEARCH_MAX_PAGE_SIZE,
	clientSimplifyField,
	searchBody,
	simplifiable,
	toClientOutput,
} from '../../model/client';
import { location } from './shared';

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

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
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
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
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
};

const filterLabel = labelsOf(filters.options as INodeProperties[]);

const buildSearchBody = buildRequest((param, request) => {
	request.body = searchBody(
		(param('filters') ?? {}) as IDataObject,
		(param('options') ?? {}) as IDataObject,
		filterLabel,
	);
});

const searchClientPages: OperationHandler = async function (request) {
	const records = await fetchPages(
		this,
		request,
		{ in: 'body', pageParam: 'page', sizeParam: 'page_size', maxPageSize: SEARCH_MAX_PAGE_SIZE, noun: 'clients' },
		wantFromParameters(this),
	);
	return records.map(toClientOutput);
};

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many clients',
	description: "Search the clients of a location; each result's name is the full name (Get's is the first name)",
	routing: altegioOperation({
		method: 'POST',
		url: '=/company/{{$parameter.locationId}}/clients/search',
		prepare: [location, buildSearchBody],
		handler: simplifiable(searchClientPages),
	}),
};

export const properties: INodeProperties[] = [...returnAllAndLimit(), filters, options, clientSimplifyField];
