import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { isRedirect, redirectProblem } from './baseUrl';
import { altegioErrorText as readErrorText, asObject } from './envelope';
import { safeText } from './redact';

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

/**
 * Retry-After in ms: seconds, or an HTTP date. A number past 10^9 is read as a Unix time in seconds
 * (some servers send their reset time there), never as decades to wait.
 */
function retryAfterMs(headers: IDataObject | undefined, now: number): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
	if (Number.isFinite(seconds)) return Math.max(0, seconds >= 1e9 ? seconds * 1000 - now : seconds * 1000);
	const date = Date.parse(text);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A wait in words: "3 min", "5 h", "2 days". */
function inWords(ms: number): string {
	const minutes = ms / 60_000;
	if (minutes < 120) return `${Math.ceil(minutes)} min`;
	const hours = minutes / 60;
	if (hours < 48) return `${Math.round(hours)} h`;
	const days = hours / 24;
	return days < 730 ? `${Math.round(days)} days` : 'more than two years';
}

export function backoffMs(attempt: number): number {
	return Math.min(retryPolicy.backoffCapMs, retryPolicy.backoffBaseMs * 2 ** (attempt - 1));
}

export type Outcome =
	| { kind: 'ok'; response: AltegioResponse }
	| { kind: 'retry'; waitMs: number; pauseAll: boolean; reason: string; status: number | null; text?: string }
	| { kind: 'fail'; status: number | null; text: string; body?: unknown };

/** Added to a write's error when the server may have stored the change before the failure. */
export const MAYBE_SAVED = 'the change may or may not have been saved: check in Altegio before sending it again';

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
	// Never followed (see baseUrl.ts): nothing went elsewhere. But the server that redirected did receive
	// the write, and may have stored it before answering (a 303 after a POST does exactly that).
	if (isRedirect(status)) {
		const text = redirectProblem(status, headers?.location, baseUrl);
		return { kind: 'fail', status, text: read ? text : `${text}; ${MAYBE_SAVED}` };
	}
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
			const text =
				`Rate limited: Altegio asks to wait ${inWords(waitMs)} (Retry-After), longer than the ` +
				`${RETRY_AFTER_CAP_MS / 60_000} min this node waits. Nothing was saved; try again later`;
			return { kind: 'fail', status, text, body };
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
