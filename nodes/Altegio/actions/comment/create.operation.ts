import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation } from '../../kernel/operation';
import { buildRequest, checkIds, toRequiredText } from '../../kernel/params';

export const properties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Prefers appointments after 6 pm',
		description: 'The comment, shown on the client card in Altegio',
	},
];

/** The body `{ text }`; empty or blank text stops the item before any request. */
const buildCommentBody = buildRequest((param, request) => {
	request.body = { text: toRequiredText(param('text'), 'text', 'Text') };
});

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a comment',
	description: 'Add a text comment to a client card',
	routing: altegioOperation({
		method: 'POST',
		url: '=/clients/{{$parameter.locationId}}/clients/{{$parameter.clientId}}/comments',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client']), buildCommentBody],
	}),
};
