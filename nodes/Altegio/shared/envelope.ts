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
	return Array.isArray(data) ? (data as IDataObject[]) : [];
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
