import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation } from '../../kernel/operation';
import { checkIds, clientItemLocator } from '../../kernel/params';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a comment',
	description: 'Delete a comment from a client card',
	routing: altegioOperation({
		method: 'DELETE',
		url: '=/clients/{{$parameter.locationId}}/clients/{{$parameter.clientId}}/comments/{{$parameter.commentId}}',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'], ['commentId', 'Comment'])],
	}),
};

export const properties: INodeProperties[] = [
	clientItemLocator({
		displayName: 'Comment',
		name: 'commentId',
		searchListMethod: 'searchComments',
		listPlaceholder: "Select one of the client's comments...",
		description: 'The comment to delete. Deleting a file upload entry keeps the file itself.',
	}),
];
