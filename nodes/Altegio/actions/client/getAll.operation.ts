import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation, withOutput } from '../../kernel/operation';
import { fetchPages, wantFromParameters } from '../../kernel/paging';
import { buildRequest, labelsOf, returnAllAndLimit } from '../../kernel/params';
import {
	GENDER_OPTIONS,
	IMPORTANCE_OPTIONS,
	SEARCH_MAX_PAGE_SIZE,
	clientSearchOutput,
	clientSearchShape,
	searchBody,
	toClientOutput,
} from '../../model/client';
import { location } from './shared';

const VISIT_STATUSES = [
	{ name: 'Arrived', value: 3 },
	{ name: 'Confirmed', value: 4 },
	{ name: 'No-Show', value: 1 },
	{ name: 'Waiting', value: 2 },
];

const pickerDescription =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A filter by IDs from a list of the location's (loadOptions), IDs by expression accepted. */
function idPicker(displayName: string, name: string, method: string, hint: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: method, loadOptionsDependsOn: ['locationId'] },
		default: [],
		description: pickerDescription,
		hint,
	};
}

/** An optional number: empty until the user types one, so an added but untouched filter sends nothing. */
function optionalNumber(displayName: string, name: string, description: string, min?: number): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: '',
		...(min === undefined ? {} : { typeOptions: { minValue: min } }),
		description,
	};
}

const filterOptions: INodeProperties[] = [
	optionalNumber(
		'Appointments Count From',
		'visitsCountFrom',
		'At least this many appointments of the chosen Visit Status (any status when none is chosen)',
		0,
	),
	optionalNumber(
		'Appointments Count To',
		'visitsCountTo',
		'At most this many appointments of the chosen Visit Status (any status when none is chosen)',
		0,
	),
	optionalNumber('Appointments Sold Amount From', 'recordSoldAmountFrom', 'Appointments worth at least this much'),
	optionalNumber('Appointments Sold Amount To', 'recordSoldAmountTo', 'Appointments worth at most this much'),
	{ displayName: 'Birthday From', name: 'birthdayFrom', type: 'dateTime', default: '' },
	{ displayName: 'Birthday To', name: 'birthdayTo', type: 'dateTime', default: '' },
	{
		displayName: 'Client IDs',
		name: 'clientIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12,34',
		description: 'Comma-separated client IDs',
	},
	{ displayName: 'Gender', name: 'gender', type: 'multiOptions', default: [], options: GENDER_OPTIONS },
	{
		displayName: 'Has Mobile App',
		name: 'hasMobileApp',
		type: 'boolean',
		default: false,
		description: 'Whether to return only clients who use the mobile app (on) or only those who do not (off)',
	},
	{ displayName: 'Importance', name: 'importance', type: 'multiOptions', default: [], options: IMPORTANCE_OPTIONS },
	{
		displayName: 'Quick Search',
		name: 'quickSearch',
		type: 'string',
		default: '',
		placeholder: 'e.g. Smith or +13155550178',
		description: 'Matches name, phone and loyalty card',
	},
	idPicker(
		'Service Category Names or IDs',
		'serviceCategoryIds',
		'getServiceCategories',
		'Clients with an appointment for a service of any of these categories',
	),
	idPicker(
		'Service Names or IDs',
		'serviceIds',
		'getServices',
		'Clients with an appointment for any of these services',
	),
	optionalNumber('Sold Amount From', 'soldAmountFrom', 'Lifetime money sold to the client, at least'),
	optionalNumber('Sold Amount To', 'soldAmountTo', 'Lifetime money sold to the client, at most'),
	idPicker('Staff Names or IDs', 'staffIds', 'getStaff', 'Clients with an appointment with any of these staff members'),
	idPicker('Tag Names or IDs', 'tagIds', 'getClientTags', 'Clients with any of these tags'),
	{
		displayName: 'Visit Created From',
		name: 'visitCreatedFrom',
		type: 'dateTime',
		default: '',
		description: 'Has an appointment booked on or after this date',
	},
	{
		displayName: 'Visit Created To',
		name: 'visitCreatedTo',
		type: 'dateTime',
		default: '',
		description: 'Has an appointment booked on or before this date',
	},
	{
		displayName: 'Visit Status',
		name: 'visitStatus',
		type: 'multiOptions',
		default: [],
		options: VISIT_STATUSES,
		description: 'Has an appointment with one of these outcomes',
	},
];

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: filterOptions,
};

// Options, then sorting in a collection of its own (n8n's UX guidelines).
const [options, sort] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Rule',
		default: {},
		options: [
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
] as INodeProperties[];

const filterLabel = labelsOf(filters.options as INodeProperties[]);

const buildSearchBody = buildRequest((param, request) => {
	request.body = searchBody(
		(param('filters') ?? {}) as IDataObject,
		{ ...((param('options') ?? {}) as IDataObject), ...((param('sort') ?? {}) as IDataObject) },
		filterLabel,
		// Fields exists only while Output is Selected Fields.
		{ output: param('output'), fields: param('output') === 'selectedFields' ? param('fields') : undefined },
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
	action: 'Search clients',
	description:
		'Find clients by name, phone, tags, visits, staff or services; up to 9 fields each (name is the full name)',
	routing: altegioOperation({
		method: 'POST',
		url: '=/company/{{$parameter.locationId}}/clients/search',
		prepare: [location, buildSearchBody],
		handler: withOutput(searchClientPages, clientSearchShape),
	}),
};

export const properties: INodeProperties[] = [...returnAllAndLimit(), filters, options, sort, ...clientSearchOutput];
