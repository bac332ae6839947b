import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/routing';
import { altegioRequest } from '../../shared/transport';
import { ParameterError, toJson, buildRequest } from '../../shared/validation';
import { toClientOutput } from './clientRecord';

const showOnlyForClientCreateMany = { operation: ['createMany'], resource: ['client'] };

/**
 * Rows per bulk request. The API documents no maximum. 50 keeps a failed request (a 5xx on a
 * write is not retried, because it may have been processed) to a small, clearly reported set of
 * rows, while 1,000 rows still take only 20 requests (4 s at the default 5 requests per second).
 */
export const BULK_CHUNK_SIZE = 50;

export const clientCreateManyDescription: INodeProperties[] = [
	{
		displayName: 'Clients',
		name: 'clients',
		type: 'json',
		required: true,
		default: '[\n  {\n    "name": "James",\n    "phone": "+13155550178"\n  }\n]',
		description:
			"A JSON array of clients with the API's field names (name, phone, surname, email, categories, ...). The output has one item per row, in the same order.",
		displayOptions: { show: showOnlyForClientCreateMany },
	},
];

/** The rows, checked before any request: an array of objects. */
export const parseClientRows = buildRequest((param, request) => {
	const rows = toJson(param('clients'), 'clients', 'Clients');
	if (!Array.isArray(rows) || rows.length === 0) {
		throw new ParameterError('clients', 'Clients (clients) must be a non-empty JSON array of client objects');
	}
	rows.forEach((row, index) => {
		if (!row || typeof row !== 'object' || Array.isArray(row)) {
			throw new ParameterError('clients', `Clients (clients): row ${index} is not an object`);
		}
	});
	request.body = rows as IDataObject[];
});

/** What identifies a row in the API's answer, which has no index: the phone's digits (else as sent). */
function rowKey(phone: unknown): string {
	if (phone === null || phone === undefined) return '';
	const digits = String(phone).replace(/\D/g, '');
	return digits || `raw:${String(phone)}`;
}

/**
 * Splits rows into chunks in which no two rows share a key, so every entry of the answer maps to
 * exactly one row. A repeated phone goes to a later chunk (where the API reports it as a duplicate).
 */
export function chunkRows(rows: IDataObject[], size: number): number[][] {
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

export const createManyClients: OperationHandler = async function (request) {
	const rows = request.body as IDataObject[];
	const results: IDataObject[] = new Array(rows.length);
	for (const indexes of chunkRows(rows, BULK_CHUNK_SIZE)) {
		const sent = indexes.map((index) => rows[index]);
		try {
			const { data } = await altegioRequest(this, { ...request, method: 'POST', body: sent });
			const answer = (data ?? {}) as IDataObject;
			const byKey = new Map(indexes.map((index) => [rowKey(rows[index].phone), index]));
			const claim = (phone: unknown, result: IDataObject) => {
				const index = byKey.get(rowKey(phone));
				if (index === undefined || results[index]) return false;
				results[index] = result;
				return true;
			};
			const unmatched: IDataObject[] = [];
			for (const created of (answer.created ?? []) as IDataObject[]) {
				if (!claim(created.phone, { success: true, ...toClientOutput(created) })) unmatched.push(created);
			}
			for (const failure of (answer.errors ?? []) as IDataObject[]) {
				const index = byKey.get(rowKey(failure.phone));
				if (index !== undefined && !results[index]) {
					results[index] = { success: false, error: String(failure.error ?? 'Rejected by Altegio'), row: rows[index] };
				}
			}
			// The API may store a phone differently than sent (e.g. a country code added): pair what
			// is left only when that is unambiguous.
			const open = indexes.filter((index) => !results[index]);
			if (open.length === 1 && unmatched.length === 1) {
				results[open[0]] = { success: true, ...toClientOutput(unmatched[0]) };
			}
		} catch (error) {
			const message = error instanceof NodeApiError ? error.message : (error as Error).message;
			for (const index of indexes) results[index] = { success: false, error: message, row: rows[index] };
		}
		for (const index of indexes) {
			results[index] ??= {
				success: false,
				error: 'Altegio did not report this row as created or failed; check the client list before sending it again',
				row: rows[index],
			};
		}
	}
	return results;
};
