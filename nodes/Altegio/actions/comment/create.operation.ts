import type { INodeProperties } from 'n8n-workflow';

import { toRequiredText, buildRequest } from '../../shared/validation';

const showOnlyForCommentCreate = { operation: ['create'], resource: ['comment'] };

export const commentCreateDescription: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Prefers appointments after 6 pm',
		description: 'The comment, shown on the client card in Altegio',
		displayOptions: { show: showOnlyForCommentCreate },
	},
];

/** The body `{ text }`; empty or blank text stops the item before any request. */
export const buildCommentBody = buildRequest((param, request) => {
	request.body = { text: toRequiredText(param('text'), 'text', 'Text') };
});
