import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation } from '../../kernel/operation';
import { checkIds } from '../../kernel/params';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a file',
	description: 'Delete a file from a client card',
	routing: altegioOperation({
		method: 'DELETE',
		url: '=/company/{{$parameter.locationId}}/clients/files/{{$parameter.clientId}}/{{$parameter.fileId}}',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'], ['fileId', 'File ID'])],
	}),
};

export const properties: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 456',
		description: 'The file to delete (the ID from Get Many files). This cannot be undone.',
	},
];
