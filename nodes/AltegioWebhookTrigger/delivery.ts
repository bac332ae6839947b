import type { IDataObject } from 'n8n-workflow';

/**
 * Reading one POST to the trigger's URL. Anyone who knows the URL can post to it (Altegio signs
 * nothing), so the body is checked for being an Altegio client event of the chosen location before
 * anything starts. Reasons never quote the body: they go into n8n's log.
 */

export type ClientEvent = 'clientCreated' | 'clientUpdated' | 'clientDeleted';

/** A Map, not an object: a posted status such as `toString` must not find anything. */
export const EVENT_OF_STATUS: ReadonlyMap<unknown, ClientEvent> = new Map([
	['create', 'clientCreated'],
	['update', 'clientUpdated'],
	['delete', 'clientDeleted'],
]);

/** Larger bodies are not a client event (a full client record is a few kilobytes). */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Delivery {
	event: ClientEvent;
	clientId: number;
	/** The payload's client record; absent when the body had none (a delete may come without it). */
	data?: IDataObject;
}

export type Reading = { delivery: Delivery } | { ignored: string };

const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** A positive whole number given as a JSON number or a string of digits; undefined otherwise. */
function idOf(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{1,15}$/.test(text)) return undefined;
	const id = Number(text);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The body's size in bytes: the Content-Length header, or the parsed body measured again. */
export function bodyBytes(headers: IDataObject, body: unknown): number {
	const declared = Number(headers['content-length']);
	if (Number.isFinite(declared) && declared >= 0) return declared;
	try {
		return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** Reads a posted body as an Altegio client event of `locationId`, or says why it is not one. */
export function readDelivery(body: unknown, locationId: number, size: number): Reading {
	if (size > MAX_BODY_BYTES) return { ignored: `the body is larger than ${MAX_BODY_BYTES / 1024} KB` };
	if (!isPlainObject(body)) {
		return { ignored: Array.isArray(body) ? 'the body is a JSON array' : 'the body is not a JSON object' };
	}
	if (!('company_id' in body) && !('resource' in body)) return { ignored: 'the body is not an Altegio event' };
	const company = idOf(body.company_id);
	if (company === undefined) return { ignored: 'company_id is missing or not an ID' };
	if (company !== locationId) return { ignored: 'the event is for another location' };
	if (body.resource !== 'client') return { ignored: 'the event is not about a client' };
	const event = EVENT_OF_STATUS.get(body.status);
	if (!event) return { ignored: 'the status is not create, update or delete' };
	const clientId = idOf(body.resource_id);
	if (clientId === undefined) return { ignored: 'resource_id is missing or not an ID' };
	const data = body.data;
	if (data !== undefined && data !== null && !isPlainObject(data)) {
		return { ignored: 'data is not a client record' };
	}
	if (event !== 'clientDeleted' && !isPlainObject(data)) return { ignored: 'a create or update without data' };
	if (isPlainObject(data) && data.id !== undefined && idOf(data.id) !== clientId) {
		return { ignored: 'data.id differs from resource_id' };
	}
	return { delivery: { event, clientId, ...(isPlainObject(data) ? { data } : {}) } };
}
