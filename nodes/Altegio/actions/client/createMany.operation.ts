import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OperationHandler, OperationRequest } from '../../kernel/operation';
import { altegioOperation, idParameter, joinBatch } from '../../kernel/operation';
import { ParameterError, toJson } from '../../kernel/params';
import { altegioRequest } from '../../kernel/transport';
import {
	BULK_CHUNK_SIZE,
	UNKNOWN_OUTCOME,
	attribute,
	createRowProblem,
	isPlainObject,
	nationalKey,
	newClientBody,
	phoneOf,
	toClientOutput,
} from '../../model/client';
import { newClientFields } from './shared';

/**
 * Input Items: each item mapped with Create's fields, shown only in that mode. Their own definitions:
 * one shared with Create would need a condition on Rows From, and a Rows From left in a Create node's
 * parameters (an imported workflow) would then hide Name and Phone and stop the workflow.
 */
const rowFields = newClientFields.map(
	(field): INodeProperties => ({ ...field, displayOptions: { show: { rowsFrom: ['items'] } } }),
);

export const properties: INodeProperties[] = [
	{
		displayName: 'Rows From',
		name: 'rowsFrom',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'Each input item is one client, mapped with the fields below',
			},
			{
				name: 'JSON Array',
				value: 'json',
				description: "One array of clients with Altegio's field names (name, phone, surname, ...)",
			},
		],
	},
	...rowFields,
	{
		displayName: 'Clients',
		name: 'clients',
		type: 'json',
		required: true,
		// Never a sample client: a run left untouched must write nothing.
		default: '[]',
		placeholder: '[{ "name": "James", "phone": "+13155550178" }]',
		description:
			"An array of clients with Altegio's field names. Rows with custom_fields are created one by one. One result " +
			'per row, in order.',
		displayOptions: { show: { rowsFrom: ['json'] } },
	},
];

/** The JSON rows, checked before any request: a non-empty array of objects. */
function parseClientRows(value: unknown): IDataObject[] {
	const rows = toJson(value, 'clients', 'Clients');
	if (!Array.isArray(rows) || rows.length === 0) {
		throw new ParameterError('clients', 'Clients (clients) must be a non-empty JSON array of client objects');
	}
	rows.forEach((row, index) => {
		if (!row || typeof row !== 'object' || Array.isArray(row)) {
			throw new ParameterError('clients', `Clients (clients): row ${index} is not an object`);
		}
		const problem = createRowProblem(row as IDataObject);
		if (problem) throw new ParameterError('clients', `Clients (clients): row ${index} ${problem}`);
	});
	return rows as IDataObject[];
}

/** What keeps rows apart in one request: the phone's national number (else the phone as sent). */
function rowKey(phone: unknown): string {
	if (phone === null || phone === undefined) return '';
	const digits = phoneOf(phone);
	return digits ? nationalKey(digits) : `raw:${String(phone)}`;
}

/**
 * Splits rows into chunks in which no two rows share a key, so every entry of the answer can be
 * told apart. Forms of one number go to different chunks (where the API may reject the later one).
 */
function chunkRows(rows: IDataObject[], size: number): number[][] {
	const chunks: Array<{ indexes: number[]; keys: Set<string> }> = [];
	for (let index = 0; index < rows.length; index++) {
		const key = rowKey(rows[index].phone);
		let chunk = chunks.find((c) => c.indexes.length < size && !c.keys.has(key));
		if (!chunk) {
			chunk = { indexes: [], keys: new Set() };
			chunks.push(chunk);
		}
		chunk.indexes.push(index);
		chunk.keys.add(key);
	}
	return chunks.map((c) => c.indexes);
}

/** Bulk does not take custom fields (the docs leave them out): such rows go through Create. */
const needsCreate = (row: IDataObject) => {
	const custom = row.custom_fields;
	return custom !== undefined && custom !== null && Object.keys(custom as object).length > 0;
};

const failureOf = (error: unknown) => (error instanceof NodeApiError ? error.message : (error as Error).message);

/** Sends rows (bulk in chunks, rows with custom fields one by one); one result per row, in order. */
async function sendRows(
	ctx: ThisParameterType<OperationHandler>,
	request: OperationRequest,
	rows: IDataObject[],
): Promise<IDataObject[]> {
	const results: IDataObject[] = new Array(rows.length);
	const single = rows.map((row, index) => index).filter((index) => needsCreate(rows[index]));
	const bulk = rows.map((row, index) => index).filter((index) => !needsCreate(rows[index]));
	for (const indexes of chunkRows(
		bulk.map((index) => rows[index]),
		BULK_CHUNK_SIZE,
	).map((chunk) => chunk.map((position) => bulk[position]))) {
		let answer: unknown;
		try {
			({ data: answer } = await altegioRequest(ctx, {
				...request,
				method: 'POST',
				body: indexes.map((index) => rows[index]),
			}));
		} catch (error) {
			for (const index of indexes) results[index] = { success: false, error: failureOf(error), row: rows[index] };
			continue;
		}
		const attributed = attribute(rows, indexes, answer);
		for (const index of indexes) {
			results[index] = attributed.get(index) ?? {
				success: false,
				outcome: 'unknown',
				error: UNKNOWN_OUTCOME,
				row: rows[index],
			};
		}
	}
	const url = request.url.replace(/\/bulk\/?$/, '');
	for (const index of single) {
		try {
			const { data } = await altegioRequest(ctx, { ...request, method: 'POST', url, body: rows[index] });
			results[index] = { success: true, ...toClientOutput(isPlainObject(data) ? data : {}) };
		} catch (error) {
			results[index] = { success: false, error: failureOf(error), row: rows[index] };
		}
	}
	return results;
}

/** JSON Array: this item's array of rows. Input Items: this item is one row of its run's batch. */
const createManyClients: OperationHandler = async function (request) {
	const rowsFrom = this.getNodeParameter('rowsFrom', 'items');
	if (rowsFrom === 'json') {
		idParameter(this, 'locationId', 'Location');
		return await sendRows(this, request, parseClientRows(this.getNodeParameter('clients', undefined)));
	}
	if (rowsFrom !== 'items') {
		throw new ParameterError('rowsFrom', `Rows From (rowsFrom) must be items or json, got ${String(rowsFrom)}`);
	}
	let entry: Parameters<typeof joinBatch>[1];
	try {
		idParameter(this, 'locationId', 'Location');
		const param = (name: string) => this.getNodeParameter(name, undefined, { extractValue: true });
		entry = { row: newClientBody(param, { timeZone: () => this.getTimezone() }), url: request.url };
	} catch (error) {
		// Every item joins its batch, with its row or with what stopped it (see itemBatch.ts).
		entry = { error: error as Error };
	}
	const result = await joinBatch(this, entry, async (ctx, rows) => {
		// Rows bound for one location go out together; an expression may send items to several.
		const byUrl = new Map<string, typeof rows>();
		for (const row of rows) byUrl.set(row.url, [...(byUrl.get(row.url) ?? []), row]);
		const out = new Map<number, IDataObject>();
		for (const [url, group] of byUrl) {
			const sent = await sendRows(
				ctx,
				{ ...request, url },
				group.map((g) => g.row),
			);
			group.forEach((g, position) => out.set(g.index, sent[position]));
		}
		return out;
	});
	return [result];
};

export const option: INodePropertyOptions = {
	name: 'Create Many',
	value: 'createMany',
	action: 'Create many clients',
	description: 'Add many clients in bulk requests, from input items or a JSON array; one result per client',
	routing: altegioOperation({
		method: 'POST',
		url: '=/clients/{{$parameter.locationId}}/bulk',
		// The checks run in the handler: each item must join its run's batch, even a bad one.
		handler: createManyClients,
	}),
};
