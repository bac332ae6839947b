import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation, withOutput } from '../../kernel/operation';
import { wantFromParameters } from '../../kernel/paging';
import type { RecordShape } from '../../kernel/params';
import { checkIds, linksOf, nameOf, outputParameters, returnAllAndLimit } from '../../kernel/params';
import { altegioRequest, asRows } from '../../kernel/transport';
import { absoluteLink, linkRoot } from '../../model/links';

/** A comment as Altegio gives it (`type` kept: `default` text or `file` upload), file links made absolute. */
function toCommentOutput(comment: IDataObject, root: string): IDataObject {
	if (!Array.isArray(comment.files)) return comment;
	const files = (comment.files as unknown[]).map((file) =>
		file && typeof file === 'object' && !Array.isArray(file)
			? { ...(file as IDataObject), link: absoluteLink((file as IDataObject).link, root) }
			: file,
	);
	return { ...comment, files: files as IDataObject[] };
}

/** Output for comments: the author as a name, file uploads as their links. */
const commentShape: RecordShape = {
	simplified: ['id', 'type', 'text', 'create_date', 'update_date', 'user', 'files'],
	flatten: { user: nameOf, files: linksOf },
	fields: ['type', 'text', 'create_date', 'update_date', 'user', 'files'],
	always: ['id'],
};

/** The list is not paged: one request, then the limit is applied here. */
const listComments: OperationHandler = async function (request) {
	const want = wantFromParameters(this);
	const { data } = await altegioRequest(this, request);
	const root = await linkRoot(this);
	return asRows(data)
		.slice(0, want.limit)
		.map((comment) => toCommentOutput(comment, root));
};

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many comments',
	description: 'List the comments and file uploads of a client card',
	routing: altegioOperation({
		method: 'GET',
		url: '=/clients/{{$parameter.locationId}}/clients/{{$parameter.clientId}}/comments',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'])],
		handler: withOutput(listComments, commentShape),
	}),
};

export const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	...outputParameters(commentShape, "Text, type, dates, the author's name and file links"),
];
