import type { INodeProperties } from 'n8n-workflow';

import { altegioOperation } from '../../shared/routing';
import { checkIds } from '../../shared/validation';
import { buildNewClientBody, clientCreateDescription, createClient } from './create';
import { clientCreateManyDescription, createManyClients, parseClientRows } from './createMany';
import { clientIdForClients, getClient } from './get';
import { buildSearchBody, clientGetAllDescription, searchClientPages } from './getAll';
import { buildLegacyQuery, clientGetAllLegacyDescription, listClientsLegacy } from './getAllLegacy';
import { buildClientChanges, clientUpdateDescription, updateClient } from './update';
import { clientSimplifyField, simplifiable } from './simplify';
import { upsertClient } from './upsert';

const showOnlyForClients = { resource: ['client'] };

const location = checkIds(['locationId', 'Location']);
const locationAndClient = checkIds(['locationId', 'Location'], ['clientId', 'Client']);
const clientUrl = '=/client/{{$parameter.locationId}}/{{$parameter.clientId}}';

export const clientOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: showOnlyForClients },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a client',
			description: 'Add a client to a location',
			routing: altegioOperation({
				method: 'POST',
				url: '=/clients/{{$parameter.locationId}}',
				checks: [location, buildNewClientBody],
				handler: simplifiable(createClient),
			}),
		},
		{
			name: 'Create Many',
			value: 'createMany',
			action: 'Create many clients',
			description: 'Add many clients in bulk requests; one result per row',
			routing: altegioOperation({
				method: 'POST',
				url: '=/clients/{{$parameter.locationId}}/bulk',
				checks: [location, parseClientRows],
				handler: createManyClients,
			}),
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a client',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			routing: altegioOperation({
				method: 'POST',
				url: '=/clients/{{$parameter.locationId}}',
				checks: [location, buildNewClientBody],
				handler: simplifiable(upsertClient),
			}),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a client',
			description: 'Delete a client of a location',
			routing: altegioOperation({ method: 'DELETE', url: clientUrl, checks: [locationAndClient] }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a client',
			description: "The client's full record; name is the first name, surname a field of its own",
			routing: altegioOperation({
				method: 'GET',
				url: clientUrl,
				checks: [locationAndClient],
				handler: simplifiable(getClient),
			}),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many clients',
			description: "Search the clients of a location; each result's name is the full name (Get's is the first name)",
			routing: altegioOperation({
				method: 'POST',
				url: '=/company/{{$parameter.locationId}}/clients/search',
				checks: [location, buildSearchBody],
				handler: simplifiable(searchClientPages),
			}),
		},
		{
			name: 'Get Many (Full Records)',
			value: 'getAllLegacy',
			action: 'Get many clients with full records',
			description: 'The deprecated list: full records with tags and custom fields, and a Changed After filter',
			routing: altegioOperation({
				method: 'GET',
				url: '=/clients/{{$parameter.locationId}}',
				checks: [location, buildLegacyQuery],
				handler: simplifiable(listClientsLegacy),
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a client',
			description: 'Change some fields of a client and keep the others',
			routing: altegioOperation({
				method: 'PUT',
				url: clientUrl,
				checks: [locationAndClient, buildClientChanges],
				handler: simplifiable(updateClient),
			}),
		},
	],
	default: 'getAll',
};

export const clientFields: INodeProperties[] = [
	...clientCreateDescription,
	...clientCreateManyDescription,
	clientIdForClients,
	...clientGetAllDescription,
	...clientGetAllLegacyDescription,
	...clientUpdateDescription,
	clientSimplifyField,
];
