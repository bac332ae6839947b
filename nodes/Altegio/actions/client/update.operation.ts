import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation, withOutput } from '../../kernel/operation';
import { ParameterError, buildRequest } from '../../kernel/params';
import {
	clientBodyFromFields,
	clientRecordOutput,
	clientRecordShape,
	nameAndPhoneFields,
	putMerged,
	writableClientFields,
} from '../../model/client';
import { clientId, clientUrl, locationAndClient } from './shared';

/** The changes as API fields, checked before any request; the handler receives them as the body. */
const buildClientChanges = buildRequest((param, request, context) => {
	const fields = param('updateFields') ?? {};
	if (typeof fields === 'object' && Object.keys(fields).length === 0) {
		throw new ParameterError('updateFields', 'Update Fields (updateFields) is empty: add at least one field to change');
	}
	request.body = clientBodyFromFields(fields, 'updateFields', context);
});

const updateClient: OperationHandler = async function (request) {
	return [await putMerged(this, request.url, request.body as IDataObject, request.settings)];
};

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a client',
	description: 'Change some fields of a client and keep the others',
	routing: altegioOperation({
		method: 'PUT',
		url: clientUrl,
		prepare: [locationAndClient, buildClientChanges],
		handler: withOutput(updateClient, clientRecordShape),
	}),
};

export const properties: INodeProperties[] = [
	clientId,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only these fields change; the others keep their values. What could not be kept is listed in "warnings".',
		options: [...nameAndPhoneFields, ...writableClientFields]
			.map((field) =>
				field.name === 'categoryIds'
					? { ...field, hint: 'Replaces the current tags. An expression may give IDs as a list or comma-separated.' }
					: field,
			)
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	...clientRecordOutput,
];
