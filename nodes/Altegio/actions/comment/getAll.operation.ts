import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { wantFromParameters } from '../../shared/pagination';
import type { OperationHandler } from '../../shared/routing';
import { altegioRequest } from '../../shared/transport';
import { asRows } from '../../shared/envelope';
import { absoluteLink, linkRoot } from '../../shared/links';

const showOnlyForCommentGetAll = { operation: ['getAll'], resource: ['comment'] };

export const commentGetAllDescription: INodeProperties[] = [...returnAllAndLimit(showOnlyForCommentGetAll)];

/** A comment as Altegio gives it (`type` kept: `default` text or `file` upload), file links made absolute. */
export function toCommentOutput(comment: IDataObject, root: string): IDataObject {
	if (!Array.isArray(comment.files)) return comment;
	const files = (comment.files as unknown[]).map((file) =>
		file && typeof file === 'object' && !Array.isArray(file)
			? { ...(file as IDataObject), link: absoluteLink((file as IDataObject).link, root) }
			: file,
	);
	return { ...comment, files: files as IDataObject[] };
}

/** The list is not paged: one request, then the limit is applied here. */
export const listComments: OperationHandler = async function (request) {
	const want = wantFromParameters(this);
	const { data } = await altegioRequest(this, request);
	const root = await linkRoot(this);
	return asRows(data)
		.slice(0, want.limit)
		.map((comment) => toCommentOutput(comment, root));
};
