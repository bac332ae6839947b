import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/routing';
import { ParameterError, buildRequest } from '../../shared/validation';
import { clientBodyFromFields } from './clientBody';
import { nameAndPhoneFields, writableClientFields } from './clientFields';
import { putMerged } from './clientEdit';

const showOnlyForClientUpdate = { operation: ['update'], resource: ['client'] };

export const clientUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only these fields change; the node keeps every other field as it is. Anything Altegio showed in a form that ' +
			'cannot be sent back as read is named in the output field "warnings".',
		displayOptions: { show: showOnlyForClientUpdate },
		options: [...nameAndPhoneFields, ...writableClientFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

/** The changes as API fields, checked before any request; the handler receives them as the body. */
export const buildClientChanges = buildRequest((param, request, context) => {
	const fields = param('updateFields') ?? {};
	if (typeof fields === 'object' && Object.keys(fields).length === 0) {
		throw new ParameterError('updateFields', 'Update Fields (updateFields) is empty: add at least one field to change');
	}
	request.body = clientBodyFromFields(fields, 'updateFields', context);
});

export const updateClient: OperationHandler = async function (request) {
	return [await putMerged(this, request.url, request.body as IDataObject, request.settings)];
};
