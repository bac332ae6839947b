import type { INodeProperties } from 'n8n-workflow';

import { clientIdField } from '../../shared/descriptions';
import { altegioOperation } from '../../shared/routing';
import { checkIds } from '../../shared/validation';
import { buildCommentBody, commentCreateDescription } from './create';
import { commentDeleteDescription } from './delete';
import { commentGetAllDescription, listComments } from './getAll';

const showOnlyForComments = { resource: ['comment'] };

const locationAndClient = checkIds(['locationId', 'Location'], ['clientId', 'Client']);
const locationClientAndComment = checkIds(
	['locationId', 'Location'],
	['clientId', 'Client'],
	['commentId', 'Comment ID'],
);
const commentsUrl = '=/clients/{{$parameter.locationId}}/clients/{{$parameter.clientId}}/comments';

export const commentOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: showOnlyForComments },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a comment',
			description: 'Add a text comment to a client card',
			routing: altegioOperation({
				method: 'POST',
				url: commentsUrl,
				checks: [locationAndClient, buildCommentBody],
			}),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a comment',
			description: 'Delete a comment from a client card',
			routing: altegioOperation({
				method: 'DELETE',
				url: `${commentsUrl}/{{$parameter.commentId}}`,
				checks: [locationClientAndComment],
			}),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many comments',
			description: 'List the comments and file uploads of a client card',
			routing: altegioOperation({
				method: 'GET',
				url: commentsUrl,
				checks: [locationAndClient],
				handler: listComments,
			}),
		},
	],
	default: 'getAll',
};

export const commentFields: INodeProperties[] = [
	// One client field for every comment operation.
	{
		...clientIdField,
		description: 'The client whose card holds the comments',
		displayOptions: { show: showOnlyForComments },
	},
	...commentCreateDescription,
	...commentDeleteDescription,
	...commentGetAllDescription,
];
