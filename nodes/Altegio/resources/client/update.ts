import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OperationHandler, RequestSettings } from '../../shared/routing';
import { altegioRequest } from '../../shared/transport';
import { ParameterError, buildRequest } from '../../shared/validation';
import { clientBodyFromFields } from './clientBody';
import { nameAndPhoneFields, writableClientFields } from './clientFields';
import { mergeForUpdate, toClientOutput } from './clientRecord';

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
export const buildClientChanges = buildRequest((param, request) => {
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
	settings?: RequestSettings,
): Promise<IDataObject> {
	const { data: current } = await altegioRequest(ctx, { method: 'GET', url: clientUrl, settings });
	const body = mergeForUpdate((current ?? {}) as IDataObject, changes);
	const { data: updated } = await altegioRequest(ctx, { method: 'PUT', url: clientUrl, body, settings });
	return toClientOutput((updated ?? {}) as IDataObject);
}

export const updateClient: OperationHandler = async function (request) {
	return [await putMerged(this, request.url, request.body as IDataObject, request.settings)];
};
