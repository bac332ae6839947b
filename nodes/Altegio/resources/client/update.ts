import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/routing';
import { altegioRequest } from '../../shared/transport';
import { ParameterError, validate } from '../../shared/validation';
import {
	clientBodyFromFields,
	mergeForUpdate,
	nameAndPhoneFields,
	toClientOutput,
	writableClientFields,
} from './clientFields';

const showOnlyForClientUpdate = { operation: ['update'], resource: ['client'] };

export const clientUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only these fields change; the node keeps every other field as it is',
		displayOptions: { show: showOnlyForClientUpdate },
		options: [...nameAndPhoneFields, ...writableClientFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

/** The changes as API fields, checked before any request; the handler receives them as the body. */
export const buildClientChanges = validate((param, request) => {
	const fields = (param('updateFields') ?? {}) as IDataObject;
	if (Object.keys(fields).length === 0) {
		throw new ParameterError('updateFields', 'Update Fields (updateFields) is empty: add at least one field to change');
	}
	request.body = clientBodyFromFields(fields, 'updateFields');
});

/**
 * PUT replaces the whole client and requires name and phone, so: read the client, apply only the
 * changes, send the result.
 */
export async function putMerged(
	ctx: ThisParameterType<OperationHandler>,
	clientUrl: string,
	changes: IDataObject,
	timeout?: number,
): Promise<IDataObject> {
	const { data: current } = await altegioRequest(ctx, { method: 'GET', url: clientUrl, timeout });
	const body = mergeForUpdate((current ?? {}) as IDataObject, changes);
	const { data: updated } = await altegioRequest(ctx, { method: 'PUT', url: clientUrl, body, timeout });
	return toClientOutput((updated ?? {}) as IDataObject);
}

export const updateClient: OperationHandler = async function (request) {
	return [await putMerged(this, request.url, request.body as IDataObject, request.timeout)];
};
