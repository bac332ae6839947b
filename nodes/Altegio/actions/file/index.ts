import type { INodeProperties } from 'n8n-workflow';

import { clientIdField } from '../../shared/descriptions';
import { altegioOperation } from '../../shared/routing';
import { checkIds } from '../../shared/validation';
import { fileDeleteDescription } from './delete';
import { fileGetAllDescription, listFiles } from './getAll';

const showOnlyForFiles = { resource: ['file'] };

const locationAndClient = checkIds(['locationId', 'Location'], ['clientId', 'Client']);
const locationClientAndFile = checkIds(['locationId', 'Location'], ['clientId', 'Client'], ['fileId', 'File ID']);
const filesUrl = '=/company/{{$parameter.locationId}}/clients/files/{{$parameter.clientId}}';

export const fileOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: showOnlyForFiles },
	options: [
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a file',
			description: 'Delete a file from a client card',
			routing: altegioOperation({
				method: 'DELETE',
				url: `${filesUrl}/{{$parameter.fileId}}`,
				checks: [locationClientAndFile],
			}),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many files',
			description: 'List the files of a client card, with absolute download links',
			routing: altegioOperation({
				method: 'GET',
				url: filesUrl,
				checks: [locationAndClient],
				handler: listFiles,
			}),
		},
	],
	default: 'getAll',
};

export const fileFields: INodeProperties[] = [
	// One client field for every file operation.
	{
		...clientIdField,
		description: 'The client whose card holds the files',
		displayOptions: { show: showOnlyForFiles },
	},
	...fileDeleteDescription,
	...fileGetAllDescription,
];
