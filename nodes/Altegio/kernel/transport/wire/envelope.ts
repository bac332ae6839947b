import type { IDataObject } from 'n8n-workflow';

/**
 * Altegio's answer envelope `{ success, data, meta }`, read the same way by the transport, the
 * sign-in and the credential check.
 */

/** The media type every request asks for (Altegio's v1 API answers in its "v2" envelope). */
export const ALTEGIO_ACCEPT = 'application/vnd.api.v2+json';

/** An object, or an empty one for anything else (Altegio sends `meta: []` for "nothing"). */
export function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** The rows of a list answer (`data` is the array), or none. */
export function asRows(data: unknown): IDataObject[] {
	// Anything else is an answer the node cannot use: say what came rather than output 0 items.
	if (!Array.isArray(data)) throw new Error(`Altegio answered ${shapeOf(data)} where a list was expected`);
	return data as IDataObject[];
}

/** The record of an answer (`data` as an object), or an error naming what arrived instead. */
export function asRecord(data: unknown): IDataObject {
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw new Error(`Altegio answered ${shapeOf(data)} where the record was expected`);
	}
	return data as IDataObject;
}

function shapeOf(data: unknown): string {
	if (data === null || data === undefined) return 'with data: null';
	if (Array.isArray(data)) return `with a list (${data.length} entries) as data`;
	if (typeof data === 'object') return 'with an object as data';
	return `with a ${typeof data} as data`;
}

/** Altegio puts its text in `meta.message`; some errors use `errors.message` or a list in `meta.errors`. */
export function altegioErrorText(body: unknown): string | undefined {
	const envelope = asObject(body);
	const meta = asObject(envelope.meta);
	const errors = envelope.errors;
	const candidates = [meta.message, asObject(errors).message, envelope.message];
	const message = candidates.find((m) => typeof m === 'string' && m.trim() !== '') as string | undefined;
	const details = collectDetails(meta.errors ?? errors);
	if (message && details.length && !details.includes(message)) return `${message} (${details.join('; ')})`;
	return message ?? (details.length ? details.join('; ') : undefined);
}

function collectDetails(errors: unknown): string[] {
	if (typeof errors === 'string') return [errors];
	if (Array.isArray(errors)) return errors.flatMap(collectDetails);
	if (errors && typeof errors === 'object') {
		return Object.entries(errors as IDataObject).flatMap(([key, value]) =>
			key === 'message' && typeof value === 'string'
				? [value]
				: collectDetails(value).map((text) => (key.match(/^\d+$/) ? text : `${key}: ${text}`)),
		);
	}
	return [];
}
