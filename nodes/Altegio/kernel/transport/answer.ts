import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import {
	MAYBE_SAVED,
	altegioErrorText as readErrorText,
	asObject,
	isRedirect,
	redirectProblem,
	safeText,
} from './wire';

/**
 * How one HTTP answer is judged: the unwrapped envelope, a reason to try again (and when), or a
 * failure with Altegio's own text.
 */

/**
 * Retry policy. Tries per request: the first one plus retries (429 for any method; 5xx, network
 * errors and unreadable bodies for reads). Exported so tests can shorten the waits.
 */
export const retryPolicy = {
	maxAttempts: 5,
	backoffBaseMs: 1000,
	backoffCapMs: 16_000,
};
/** Longest Retry-After we honour; beyond it the request fails with a clear error. */
const RETRY_AFTER_CAP_MS = 120_000;

export interface AltegioResponse {
	/** The envelope's `data`, already unwrapped; `null` for 204 and empty bodies. */
	data: unknown;
	/** The envelope's `meta` as an object: Altegio sends `[]` for "nothing". */
	meta: IDataObject;
	statusCode: number;
	/** The answer's HTTP headers (lower-case names), e.g. `date`: Altegio's own clock for the trigger. */
	headers: IDataObject;
}

function retryAfterMs(headers: IDataObject | undefined, now: number): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function backoffMs(attempt: number): number {
	return Math.min(retryPolicy.backoffCapMs, retryPolicy.backoffBaseMs * 2 ** (attempt - 1));
}

export type Outcome =
	| { kind: 'ok'; response: AltegioResponse }
	| { kind: 'retry'; waitMs: number; pauseAll: boolean; reason: string; status: number | null; text?: string }
	| { kind: 'fail'; status: number | null; text: string; body?: unknown };

/** Reads one HTTP answer: envelope, error or a reason to try again. */
export function judge(
	response: IN8nHttpFullResponse,
	method: string,
	read: boolean,
	attempt: number,
	credential: { baseUrl: string; secrets: unknown[] } = { baseUrl: '', secrets: [] },
): Outcome {
	const { baseUrl } = credential;
	// Altegio's own text, withheld whole when it echoes a credential (see redact.ts).
	const altegioErrorText = (answer: unknown) => {
		const text = readErrorText(answer);
		return text === undefined ? undefined : safeText(text, credential.secrets);
	};
	const status = response.statusCode;
	const headers = response.headers as IDataObject | undefined;
	// Never followed (see baseUrl.ts): the request went nowhere else, so nothing was stored.
	if (isRedirect(status)) return { kind: 'fail', status, text: redirectProblem(status, headers?.location, baseUrl) };
	let body: unknown = response.body;
	let malformed = false;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') body = undefined;
		else {
			try {
				body = JSON.parse(text);
			} catch {
				malformed = true;
			}
		}
	}
	if (status === 429) {
		// The request was refused, not processed: safe to send again, also for a write.
		const waitMs = retryAfterMs(headers, Date.now()) ?? backoffMs(attempt);
		if (waitMs > RETRY_AFTER_CAP_MS) {
			return { kind: 'fail', status, text: `Rate limited; Altegio asks to wait ${Math.ceil(waitMs / 1000)} s`, body };
		}
		return { kind: 'retry', waitMs, pauseAll: true, reason: 'HTTP 429', status, text: altegioErrorText(body) };
	}
	if (status >= 500) {
		const text = malformed ? undefined : altegioErrorText(body);
		if (read)
			return { kind: 'retry', waitMs: backoffMs(attempt), pauseAll: false, reason: `HTTP ${status}`, status, text };
		return {
			kind: 'fail',
			status,
			text: `${text ?? `Altegio answered HTTP ${status}`}; ${MAYBE_SAVED}`,
			body: malformed ? undefined : body,
		};
	}
	if (status >= 400) {
		const text = malformed ? undefined : altegioErrorText(body);
		return {
			kind: 'fail',
			status,
			text: text ?? `Altegio answered HTTP ${status}`,
			body: malformed ? undefined : body,
		};
	}
	if (malformed) {
		if (read)
			return {
				kind: 'retry',
				waitMs: backoffMs(attempt),
				pauseAll: false,
				reason: 'a body that is not valid JSON',
				status,
			};
		return {
			kind: 'fail',
			status,
			text: `Altegio answered HTTP ${status} with a body that is not valid JSON; ${MAYBE_SAVED}`,
		};
	}
	if (body === undefined) {
		// Only a delete may answer without a body (204); anything else owes the record or the list.
		if (method === 'DELETE')
			return { kind: 'ok', response: { data: null, meta: {}, statusCode: status, headers: headers ?? {} } };
		if (read)
			return {
				kind: 'retry',
				waitMs: backoffMs(attempt),
				pauseAll: false,
				reason: `HTTP ${status} with an empty body`,
				status,
			};
		return {
			kind: 'fail',
			status,
			text: `Altegio answered HTTP ${status} with an empty body instead of the record; ${MAYBE_SAVED}`,
		};
	}
	const envelope = asObject(body);
	if (envelope.success === false) {
		return { kind: 'fail', status, text: altegioErrorText(body) ?? 'Altegio answered success: false', body };
	}
	// A delete may acknowledge without `data`: the file delete's documented 202 {success, meta}.
	const deleteAck = method === 'DELETE' && envelope.success === true;
	if (typeof body !== 'object' || Array.isArray(body) || (!('data' in envelope) && !deleteAck)) {
		// Not an envelope at all (e.g. a proxy's page): say so rather than guess.
		if (read)
			return {
				kind: 'retry',
				waitMs: backoffMs(attempt),
				pauseAll: false,
				reason: 'a body without the envelope',
				status,
			};
		return { kind: 'fail', status, text: `Altegio answered HTTP ${status} without its usual envelope; ${MAYBE_SAVED}` };
	}
	return {
		kind: 'ok',
		response: {
			data: envelope.data ?? null,
			meta: asObject(envelope.meta),
			statusCode: status,
			headers: headers ?? {},
		},
	};
}
