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
 * What one HTTP answer says: the unwrapped envelope, a failure with Altegio's own text, or trouble
 * that the retry table (retryPolicy.ts) decides about. Nothing here decides whether to try again.
 */

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

/** What went wrong with one try, for the table. Anything else (4xx, a redirect, `success: false`) fails at once. */
export type Happening =
	/** HTTP 429: refused, not processed. */
	| 'rateLimited'
	/** HTTP 5xx. */
	| 'serverError'
	/** No answer: connection refused or reset, DNS, or the deadline passed. */
	| 'networkFailure'
	/** A 2xx that cannot be read: not JSON, empty where a record is owed, or not Altegio's envelope. */
	| 'unreadableAnswer';

/** A try that went wrong in a way the table knows, as answer.ts or exchange.ts report it. */
export interface Trouble {
	kind: 'trouble';
	happened: Happening;
	status: number | null;
	/** What went wrong, for "Altegio kept failing (…)": e.g. "HTTP 503". */
	reason: string;
	/** Altegio's own text, if it sent one. */
	text?: string;
	/** Altegio's Retry-After, in ms from now. */
	retryAfterMs?: number;
	/** The failure when the table does not try again. */
	notRetried: { text: string; body?: unknown };
}

export type Failure = { kind: 'fail'; status: number | null; text: string; body?: unknown };
export type Report = { kind: 'ok'; response: AltegioResponse } | Failure | Trouble;
/** Reads one HTTP answer: envelope, failure, or trouble for the retry table. */
export function judge(
	response: IN8nHttpFullResponse,
	method: string,
	credential: { baseUrl: string; secrets: unknown[] } = { baseUrl: '', secrets: [] },
	read = method === 'GET',
): Report {
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
		const text = altegioErrorText(body);
		return {
			kind: 'trouble',
			happened: 'rateLimited',
			status,
			reason: 'HTTP 429',
			text,
			retryAfterMs: retryAfterMs(headers, Date.now()),
			notRetried: { text: text ?? 'Altegio answered HTTP 429 (rate limited)', body },
		};
	}
	if (status >= 500) {
		const text = malformed ? undefined : altegioErrorText(body);
		const notRetried = {
			text: `${text ?? `Altegio answered HTTP ${status}`}; ${MAYBE_SAVED}`,
			body: malformed ? undefined : body,
		};
		return { kind: 'trouble', happened: 'serverError', status, reason: `HTTP ${status}`, text, notRetried };
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
		return unreadable(status, 'a body that is not valid JSON', 'with a body that is not valid JSON');
	}
	if (body === undefined) {
		// Only a delete may answer without a body (204); anything else owes the record or the list.
		if (method === 'DELETE')
			return { kind: 'ok', response: { data: null, meta: {}, statusCode: status, headers: headers ?? {} } };
		return unreadable(status, `HTTP ${status} with an empty body`, 'with an empty body instead of the record');
	}
	const envelope = asObject(body);
	if (envelope.success === false) {
		return { kind: 'fail', status, text: altegioErrorText(body) ?? 'Altegio answered success: false', body };
	}
	// A delete may acknowledge without `data`: the file delete's documented 202 {success, meta}.
	const deleteAck = method === 'DELETE' && envelope.success === true;
	if (typeof body !== 'object' || Array.isArray(body) || (!('data' in envelope) && !deleteAck)) {
		// Not an envelope at all (e.g. a proxy's page): say so rather than guess.
		return unreadable(status, 'a body without the envelope', 'without its usual envelope');
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

/** A 2xx that cannot be read: `reason` names it for a retried read, `what` for a write that may be stored. */
function unreadable(status: number, reason: string, what: string): Report {
	const notRetried = { text: `Altegio answered HTTP ${status} ${what}; ${MAYBE_SAVED}` };
	return { kind: 'trouble', happened: 'unreadableAnswer', status, reason, notRetried };
}
