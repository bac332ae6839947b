import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation } from '../../kernel/operation';
import { wantFromParameters } from '../../kernel/paging';
import { checkIds, returnAllAndLimit } from '../../kernel/params';
import { altegioRequest, asRows } from '../../kernel/transport';
import { absoluteLink, linkRoot } from '../../model/links';

function toFileOutput(file: IDataObject, root: string): IDataObject {
	return file.link === undefined ? file : { ...file, link: absoluteLink(file.link, root) };
}

/** The list is not paged: one request, then the limit is applied here. */
const listFiles: OperationHandler = async function (request) {
	const want = wantFromParameters(this);
	const { data } = await altegioRequest(this, request);
	const root = await linkRoot(this);
	return asRows(data)
		.slice(0, want.limit)
		.map((file) => toFileOutput(file, root));
};

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many files',
	description: 'List the files of a client card, with absolute download links',
	routing: altegioOperation({
		method: 'GET',
		url: '=/company/{{$parameter.locationId}}/clients/files/{{$parameter.clientId}}',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'])],
		handler: listFiles,
	}),
};

export const properties: INodeProperties[] = returnAllAndLimit();
