import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { altegioRequest, asRows } from '../kernel/transport';

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
	const results = rows
		.map((location) => {
			const title = String(location.title ?? location.public_title ?? `Location ${String(location.id)}`);
			const city = location.city ? ` (${String(location.city)})` : '';
			return { name: `${title}${city}`, value: String(location.id) };
		})
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value === needle);
	const total = Number(meta.total_count);
	const more = Number.isFinite(total) ? page * PAGE_SIZE < total : rows.length === PAGE_SIZE;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}
