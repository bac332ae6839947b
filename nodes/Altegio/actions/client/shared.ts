import type { INodeProperties } from 'n8n-workflow';

import { buildRequest, checkIds, clientIdField } from '../../kernel/params';
import { newClientBody, writableClientFields } from '../../model/client';

/**
 * What several client operations share, defined once. A field object listed by several operations
 * is one field in the node, shown for each of them (see resourceFields).
 */

/** The client: Get, Update and Delete. */
export const clientId: INodeProperties = clientIdField;

/** Name, Phone and Additional Fields: Create and Create or Update. */
export const newClientFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'First name of the client',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +13155550178',
		description: 'Phone number with 9 to 15 digits; only the digits are sent',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: writableClientFields,
	},
];

/** The IDs in a client operation's URL. */
export const location = checkIds(['locationId', 'Location']);
export const locationAndClient = checkIds(['locationId', 'Location'], ['clientId', 'Client']);
export const clientUrl = '=/client/{{$parameter.locationId}}/{{$parameter.clientId}}';

/** The new client's body from Name, Phone and Additional Fields, checked before any request. */
export const buildNewClientBody = buildRequest((param, request, context) => {
	request.body = newClientBody(param, context);
});
