import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inTurnOf } from '../../kernel/budget';
import type { OperationHandler, OperationRequest } from '../../kernel/operation';
import { altegioOperation, idParameter, withOutput } from '../../kernel/operation';
import { fetchPages } from '../../kernel/paging';
import { altegioRequest, asRecord } from '../../kernel/transport';
import {
	LEGACY_PAGE_SIZE,
	clientRecordOutput,
	clientRecordShape,
	isMasked,
	nationalKey,
	phoneOf,
	putMerged,
	samePhone,
	phoneFilter,
	toClientOutput,
} from '../../model/client';
import { buildNewClientBody, location, newClientFields } from './shared';

type Context = ThisParameterType<OperationHandler>;

/**
 * Create or Update, matched by phone: the list filtered by phone narrows, `samePhone` decides (the national and
 * international forms of one number are one). Items with one phone are queued in this process, so
 * the second finds what the first created. The body (name, phone digits, fields) was built in preSend.
 */
const upsertClient: OperationHandler = async function (request) {
	const body = request.body as IDataObject;
	const locationId = idParameter(this, 'locationId', 'Location');
	const digits = String(body.phone);
	return await inTurnOf(this, `phone ${locationId} ${nationalKey(digits)}`, async () => {
		const existing = await findByPhone(this, locationId, digits, request);
		if (existing) return [await updateFound(this, locationId, existing, body, request)];
		const answer = await altegioRequest(this, { ...request, method: 'POST', url: `/clients/${locationId}` }).then(
			({ data }) => ({ data, failure: undefined }),
			(failure: unknown) => ({ data: undefined, failure }),
		);
		if (answer.failure === undefined) {
			return [{ ...toClientOutput(asRecord(answer.data)), action: 'created' }];
		}
		// Created meanwhile by someone else (or stored in a form the search did not find): update it.
		const exists = answer.failure instanceof NodeApiError && /already exists/i.test(answer.failure.message);
		const found = exists ? await findByPhone(this, locationId, digits, request) : undefined;
		if (!found) throw answer.failure;
		return [await updateFound(this, locationId, found, body, request)];
	});
};

async function updateFound(
	ctx: Context,
	locationId: string,
	client: IDataObject,
	body: IDataObject,
	request: OperationRequest,
): Promise<IDataObject> {
	// The phone is the same number: keep the form Altegio has rather than rewrite it.
	const { phone, ...changes } = body;
	void phone;
	const url = `/client/${locationId}/${String(client.id)}`;
	return { ...(await putMerged(ctx, url, changes, request.settings)), action: 'updated' };
}

/**
 * The one client with this phone, or undefined. One read of the deprecated list filtered by the last
 * nine digits: its `phone` filter is documented as "part of the number", and every stored form of
 * one number (international, trunk 0 or 8, bare national) ends with them. Quick search is not used:
 * how it matches phones is not documented, and under an exact match it would need one search per
 * stored form and could still miss a country code the node cannot guess. `samePhone` decides.
 */
async function findByPhone(
	ctx: Context,
	locationId: string,
	digits: string,
	request: OperationRequest,
): Promise<IDataObject | undefined> {
	const matches = new Map<string, IDataObject>();
	const masked: IDataObject[] = [];
	const rows = await fetchPages(
		ctx,
		{ ...request, method: 'GET', url: `/clients/${locationId}`, qs: { phone: phoneFilter(digits) }, body: {} },
		// Every candidate: a match missed on a later page would create a duplicate.
		{ in: 'qs', pageParam: 'page', sizeParam: 'count', maxPageSize: LEGACY_PAGE_SIZE, noun: 'candidates' },
		{ returnAll: true, limit: Infinity },
	);
	for (const row of rows) {
		if (isMasked(row.phone)) masked.push(row);
		else if (samePhone(phoneOf(row.phone), digits)) matches.set(String(row.id), row);
	}
	if (masked.length > 0 && matches.size === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Altegio shows the phones of the clients found for ${digits} masked (IDs ` +
				`${masked.map((c) => c.id).join(', ')}), ` +
				'so the node cannot tell whether one of them has this phone; nothing was changed',
			{ itemIndex: ctx.getItemIndex(), description: 'Use an Altegio user who may see contacts, or Update by ID.' },
		);
	}
	if (matches.size > 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`More than one client has the phone ${digits} (IDs ${[...matches.keys()].join(', ')}); nothing was changed`,
			{ itemIndex: ctx.getItemIndex(), description: 'Update one of them by ID instead, or merge them in Altegio.' },
		);
	}
	return [...matches.values()][0];
}

export const option: INodePropertyOptions = {
	name: 'Create or Update',
	value: 'upsert',
	action: 'Create or update a client',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	routing: altegioOperation({
		method: 'POST',
		url: '=/clients/{{$parameter.locationId}}',
		prepare: [location, buildNewClientBody],
		handler: withOutput(upsertClient, clientRecordShape),
	}),
};

/** Create's fields: the same field objects, so the node shows them once for both. */
export const properties: INodeProperties[] = [...newClientFields, ...clientRecordOutput];
