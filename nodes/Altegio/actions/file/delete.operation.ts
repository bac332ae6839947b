import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation } from '../../kernel/operation';
import { checkIds, clientItemLocator } from '../../kernel/params';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a file',
	description: 'Delete a file from a client card',
	routing: altegioOperation({
		method: 'DELETE',
		url: '=/company/{{$parameter.locationId}}/clients/files/{{$parameter.clientId}}/{{$parameter.fileId}}',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'], ['fileId', 'File'])],
	}),
};

export const properties: INodeProperties[] = [
	clientItemLocator({
		displayName: 'File',
		name: 'fileId',
		searchListMethod: 'searchFiles',
		listPlaceholder: "Select one of the client's files...",
		description: 'The file to delete from the client card. This cannot be undone.',
	}),
];
