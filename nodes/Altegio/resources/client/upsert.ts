import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchPages } from '../../shared/pagination';
import { idParameter, type OperationHandler } from '../../shared/routing';
import { altegioRequest } from '../../shared/transport';
import { toClientOutput } from './clientRecord';
import { putMerged } from './clientEdit';

// Its fields (Name, Phone, Additional Fields) are Create's: see create.ts.

/** Quick search matches substrings; a search for a full phone finds only a handful of clients. */
const MAX_CANDIDATES = 1000;

/**
 * Create or Update, matched by phone: quick search narrows, an exact match of the phone digits
 * decides. The body (name, phone digits, fields) was built and checked in preSend.
 */
export const upsertClient: OperationHandler = async function (request) {
	const body = request.body as IDataObject;
	const locationId = idParameter(this, 'locationId', 'Location');
	const digits = String(body.phone);
	const candidates = await fetchPages(
		this,
		{
			method: 'POST',
			url: `/company/${locationId}/clients/search`,
			qs: {},
			body: {
				fields: ['id', 'name', 'phone'],
				filters: [{ type: 'quick_search', state: { value: digits } }],
				order_by: 'id',
				order_by_direction: 'ASC',
			},
			settings: request.settings,
		},
		{ in: 'body', pageParam: 'page', sizeParam: 'page_size', maxPageSize: 200 },
		{ returnAll: false, limit: MAX_CANDIDATES },
	);
	const matches = candidates.filter((client) => String(client.phone ?? '').replace(/\D/g, '') === digits);
	if (matches.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`More than one client has the phone ${digits} (IDs ${matches.map((c) => c.id).join(', ')})`,
			{ itemIndex: this.getItemIndex(), description: 'Update one of them by ID instead, or merge them in Altegio.' },
		);
	}
	if (matches.length === 1) {
		const updated = await putMerged(this, `/client/${locationId}/${String(matches[0].id)}`, body, request.settings);
		return [{ ...updated, action: 'updated' }];
	}
	const { data } = await altegioRequest(this, { ...request, method: 'POST', url: `/clients/${locationId}` });
	return [{ ...toClientOutput((data ?? {}) as IDataObject), action: 'created' }];
};
