import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation } from '../../kernel/operation';
import { ParameterError, buildRequest, toJson } from '../../kernel/params';
import { altegioRequest } from '../../kernel/transport';
import {
	BULK_CHUNK_SIZE,
	UNKNOWN_OUTCOME,
	attribute,
	createRowProblem,
	isPlainObject,
	nationalKey,
	phoneOf,
	toClientOutput,
} from '../../model/client';
import { location } from './shared';

export const properties: INodeProperties[] = [
	{
		displayName: 'Clients',
		name: 'clients',
		type: 'json',
		required: true,
		default: '[\n  {\n    "name": "James",\n    "phone": "+13155550178"\n  }\n]',
		description:
			"A JSON array of clients with the API's field names (name, phone, surname, email, categories, ...). Rows " +
			'with custom_fields are sent one by one (bulk does not take them). The output has one item per row, in the ' +
			'same order; a row the answer does not identify has outcome "unknown".',
	},
];

/** The rows, checked before any request: an array of objects. */
const parseClientRows = buildRequest((param, request) => {
	const rows = toJson(param('clients'), 'clients', 'Clients');
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
	request.body = rows as IDataObject[];
});

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

const createManyClients: OperationHandler = async function (request) {
	const rows = request.body as IDataObject[];
	const results: IDataObject[] = new Array(rows.length);
	const single = rows.map((row, index) => index).filter((index) => needsCreate(rows[index]));
	const bulk = rows.map((row, index) => index).filter((index) => !needsCreate(rows[index]));
	for (const indexes of chunkRows(
		bulk.map((index) => rows[index]),
		BULK_CHUNK_SIZE,
	).map((chunk) => chunk.map((position) => bulk[position]))) {
		let answer: unknown;
		try {
			({ data: answer } = await altegioRequest(this, {
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
			const { data } = await altegioRequest(this, { ...request, method: 'POST', url, body: rows[index] });
			results[index] = { success: true, ...toClientOutput(isPlainObject(data) ? data : {}) };
		} catch (error) {
			results[index] = { success: false, error: failureOf(error), row: rows[index] };
		}
	}
	return results;
};

export const option: INodePropertyOptions = {
	name: 'Create Many',
	value: 'createMany',
	action: 'Create many clients',
	description: 'Add many clients in bulk requests; one result per row',
	routing: altegioOperation({
		method: 'POST',
		url: '=/clients/{{$parameter.locationId}}/bulk',
		prepare: [location, parseClientRows],
		handler: createManyClients,
	}),
};
