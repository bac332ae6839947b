import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { sendOnce } from '../../shared/routing';
import { buildRequest, toPhoneDigits, toRequiredText, type BuildContext } from '../../shared/validation';
import { clientBodyFromFields } from './clientBody';
import { writableClientFields } from './clientFields';
import { toClientOutput } from './clientRecord';

/** Name, phone and Additional Fields, defined once for Create and Create or Update. */
const showOnlyForClientCreateAndUpsert = { operation: ['create', 'upsert'], resource: ['client'] };

export const clientCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'First name of the client',
		displayOptions: { show: showOnlyForClientCreateAndUpsert },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +13155550178',
		description: 'Phone number with 9 to 15 digits; only the digits are sent',
		displayOptions: { show: showOnlyForClientCreateAndUpsert },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForClientCreateAndUpsert },
		options: writableClientFields,
	},
];

/** The body of a new client from Name, Phone and Additional Fields, checked before any request. */
export function newClientBody(param: (name: string) => unknown, context: BuildContext): IDataObject {
	return {
		...clientBodyFromFields(param('additionalFields'), 'additionalFields', context),
		name: toRequiredText(param('name'), 'name', 'Name'),
		phone: toPhoneDigits(param('phone'), 'phone', 'Phone'),
	};
}

export const buildNewClientBody = buildRequest((param, request, context) => {
	request.body = newClientBody(param, context);
});

export const createClient = sendOnce(toClientOutput);
