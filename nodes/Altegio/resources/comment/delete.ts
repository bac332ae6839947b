import type { INodeProperties } from 'n8n-workflow';

import { clientIdField } from '../../shared/descriptions';

const showOnlyForCommentDelete = { operation: ['delete'], resource: ['comment'] };

export const commentDeleteDescription: INodeProperties[] = [
	{ ...clientIdField, description: 'The client the comment belongs to', displayOptions: { show: showOnlyForCommentDelete } },
	{
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123',
		description:
			'The comment to delete (the ID from Get Many comments). Deleting a file-upload entry does not delete the file.',
		displayOptions: { show: showOnlyForCommentDelete },
	},
];
