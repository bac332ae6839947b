import type { INodeProperties } from 'n8n-workflow';

import { sharedField } from './resourceFields';

/** Fields that several operations share, defined once. */

export const locationIdField: INodeProperties = {
	displayName: 'Location',
	name: 'locationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Altegio location (branch, formerly "company") to work in',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a location...',
			typeOptions: { searchListMethod: 'searchLocations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 123456',
			validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'The ID has digits only' } }],
		},
	],
};

export const clientIdField: INodeProperties = {
	displayName: 'Client',
	name: 'clientId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The client, searched by name or phone in the chosen location',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search by name or phone...',
			typeOptions: { searchListMethod: 'searchClients', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 987654',
			validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'The ID has digits only' } }],
		},
	],
};

/** The client whose card Comment and File work on: one definition for both (see sharedField). */
export const cardClientField: INodeProperties = sharedField(
	{ ...clientIdField, description: 'The client whose card holds the comments or files' },
	['comment', 'file'],
);

/** A client's comment or file: picked from the client's list, or given by ID (a plain ID from older workflows too). */
export function clientItemLocator(config: {
	displayName: string;
	name: string;
	searchListMethod: string;
	listPlaceholder: string;
	description: string;
}): INodeProperties {
	return {
		displayName: config.displayName,
		name: config.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: config.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: config.listPlaceholder,
				typeOptions: { searchListMethod: config.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 123',
				validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'The ID has digits only' } }],
			},
		],
	};
}

/** `returnAll` and `limit` for a Get Many operation; the handler reads them (no routing here). */
export function returnAllAndLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
