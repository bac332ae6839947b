import type { INodeProperties } from 'n8n-workflow';

const showOnlyForCommentDelete = { operation: ['delete'], resource: ['comment'] };

export const commentDeleteDescription: INodeProperties[] = [
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
