import type { INodeProperties } from 'n8n-workflow';

import { clientItemLocator } from '../../shared/descriptions';

const showOnlyForCommentDelete = { operation: ['delete'], resource: ['comment'] };

export const commentDeleteDescription: INodeProperties[] = [
	{
		...clientItemLocator({
			displayName: 'Comment',
			name: 'commentId',
			searchListMethod: 'searchComments',
			listPlaceholder: "Select one of the client's comments...",
			description: 'The comment to delete. Deleting a file upload entry keeps the file itself.',
		}),
		displayOptions: { show: showOnlyForCommentDelete },
	},
];
