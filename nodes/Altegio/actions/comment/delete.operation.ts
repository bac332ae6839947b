import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation } from '../../kernel/operation';
import { checkIds } from '../../kernel/params';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a comment',
	description: 'Delete a comment from a client card',
	routing: altegioOperation({
		method: 'DELETE',
		url: '=/clients/{{$parameter.locationId}}/clients/{{$parameter.clientId}}/comments/{{$parameter.commentId}}',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'], ['commentId', 'Comment ID'])],
	}),
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123',
		description:
			'The comment to delete (the ID from Get Many comments). Deleting a file-upload entry does not delete the file.',
	},
];
