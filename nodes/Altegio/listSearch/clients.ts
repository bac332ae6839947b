import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { altegioRequest, asRows } from '../kernel/transport';
import { toId } from '../kernel/params';
import { objectRows, readable, usableId } from './readable';

const PAGE_SIZE = 50;

/** Clients of the chosen location, by the search's quick search (name, phone, card). */
export async function searchClients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let locationId: string | undefined;
	try {
		locationId = toId(this.getCurrentNodeParameter('locationId', { extractValue: true }), 'locationId', 'Location');
	} catch {
		locationId = undefined;
	}
	if (locationId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Choose a location first: the client list belongs to a location');
	}
	const page = Number(paginationToken ?? 1) || 1;
	const query = filter?.trim();
	const { data, meta } = await altegioRequest(this, {
		method: 'POST',
		url: `/company/${locationId}/clients/search`,
		body: {
			page,
			page_size: PAGE_SIZE,
			fields: ['id', 'name', 'phone'],
			order_by: 'name',
			order_by_direction: 'ASC',
			filters: query ? [{ type: 'quick_search', state: { value: query } }] : [],
		},
	});
	const rows = asRows(data);
	const results = [];
	for (const client of objectRows(rows)) {
		const id = usableId(client.id);
		if (id === undefined) continue;
		const phone = readable(client.phone);
		results.push({ name: `${readable(client.name) ?? `Client ${id}`}${phone ? ` (${phone})` : ''}`, value: id });
	}
	const total = Number(meta.total_count);
	const more = Number.isFinite(total) ? page * PAGE_SIZE < total : rows.length === PAGE_SIZE;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}
