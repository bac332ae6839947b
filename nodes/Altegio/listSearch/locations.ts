import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { altegioRequest, asRows } from '../kernel/transport';
import { objectRows, readable, usableId } from './readable';

const PAGE_SIZE = 100;

/** The locations this user may manage (GET /companies?my=1), filtered by name or ID. */
export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const { data, meta } = await altegioRequest(this, {
		method: 'GET',
		url: '/companies',
		qs: { my: 1, count: PAGE_SIZE, page },
	});
	const rows = asRows(data);
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = [];
	for (const location of objectRows(rows)) {
		const id = usableId(location.id);
		if (id === undefined) continue;
		const title = readable(location.title) ?? readable(location.public_title) ?? `Location ${id}`;
		const city = readable(location.city);
		const name = `${title}${city ? ` (${city})` : ''}`;
		if (!needle || name.toLowerCase().includes(needle) || id === needle) results.push({ name, value: id });
	}
	const total = Number(meta.total_count);
	const more = Number.isFinite(total) ? page * PAGE_SIZE < total : rows.length === PAGE_SIZE;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}
