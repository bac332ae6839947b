import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toId } from '../kernel/params';
import { altegioRequest, asRows } from '../kernel/transport';

/**
 * The Comment and File pickers: the chosen client's comments or files. Both lists are short and
 * not paged by Altegio, so one request serves the picker, filtered here by the text typed.
 */

function chosen(ctx: ILoadOptionsFunctions, name: string, what: string): string {
	try {
		return toId(ctx.getCurrentNodeParameter(name, { extractValue: true }), name, name);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Choose a ${what} first`);
	}
}

const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

const shorten = (value: string, max = 60) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

function entries(
	rows: IDataObject[],
	filter: string | undefined,
	label: (row: IDataObject) => string,
): INodeListSearchResult {
	const query = filter?.trim().toLowerCase();
	const results = rows
		.filter((row) => row.id !== undefined && row.id !== null && /^\d+$/.test(String(row.id)))
		.map((row) => ({ name: `${shorten(label(row))} (ID ${String(row.id)})`, value: String(row.id) }))
		.filter((entry) => !query || entry.name.toLowerCase().includes(query));
	return { results };
}

async function clientList(ctx: ILoadOptionsFunctions, url: (location: string, client: string) => string) {
	const location = chosen(ctx, 'locationId', 'location');
	const client = chosen(ctx, 'clientId', 'client');
	const { data } = await altegioRequest(ctx, { method: 'GET', url: url(location, client) });
	return asRows(data);
}

/** The client's comments: their text (a file upload by its file names), newest as Altegio lists them. */
export async function searchComments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const rows = await clientList(this, (l, c) => `/clients/${l}/clients/${c}/comments`);
	return entries(rows, filter, (row) => {
		const files = Array.isArray(row.files)
			? (row.files as unknown[]).map((f) => text((f as IDataObject | null)?.filename)).filter(Boolean)
			: [];
		const body = text(row.text) || (files.length ? `File: ${files.join(', ')}` : 'Comment');
		const date = text(row.create_date).slice(0, 10);
		return date ? `${date}: ${body}` : body;
	});
}

/** The client's files, by name. */
export async function searchFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const rows = await clientList(this, (l, c) => `/company/${l}/clients/files/${c}`);
	return entries(rows, filter, (row) => text(row.name) || text(row.description) || 'File');
}
