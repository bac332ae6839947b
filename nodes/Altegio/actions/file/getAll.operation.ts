import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { wantFromParameters } from '../../shared/pagination';
import type { OperationHandler } from '../../shared/routing';
import { altegioRequest } from '../../shared/transport';
import { asRows } from '../../shared/envelope';
import { absoluteLink, linkRoot } from '../../shared/links';

const showOnlyForFileGetAll = { operation: ['getAll'], resource: ['file'] };

export const fileGetAllDescription: INodeProperties[] = [...returnAllAndLimit(showOnlyForFileGetAll)];

export function toFileOutput(file: IDataObject, root: string): IDataObject {
	return file.link === undefined ? file : { ...file, link: absoluteLink(file.link, root) };
}

/** The list is not paged: one request, then the limit is applied here. */
export const listFiles: OperationHandler = async function (request) {
	const want = wantFromParameters(this);
	const { data } = await altegioRequest(this, request);
	const root = await linkRoot(this);
	return asRows(data)
		.slice(0, want.limit)
		.map((file) => toFileOutput(file, root));
};
