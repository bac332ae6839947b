import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { ALTEGIO_ACCEPT, altegioErrorText, asObject, redact } from '../../../credentials/AltegioApi.credentials';
import { throttleFor } from './throttle';

/** Every context the package sends requests from. */
export type AltegioContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export const CREDENTIAL_TYPE = 'altegioApi';

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
/** Used when RoutingNode did not set a timeout (list searches, triggers). */
const DEFAULT_TIMEOUT_MS = 60_000;

export interface AltegioResponse {
	/** The envelope's `data`, already unwrapped; `null` for 204 and empty bodies. */
	data: unknown;
	/** The envelope's `meta` as an object: Altegio sends `[]` for "nothing". */
	meta: IDataObject;
	statusCode: number;
}

const HINTS: Record<number, string> = {
	400: 'Altegio rejected the request parameters. Check the filters and values sent.',
	401: 'Check the partner token and the user token (or login and password) in the Altegio credential.',
	402: 'The Altegio licence of this location has expired: renew it in Altegio.',
	403: 'The Altegio user of this credential lacks the right for this action at this location (Settings > Users > access rights).',
	404: 'The location or record does not exist, or this user cannot see it. Check the IDs.',
	422: 'Altegio could not process the values sent. Check the fields named in the message.',
	429: 'Altegio is rate limiting this credential. Lower Max Requests per Second/Minute in the credential, or run fewer workflows at once.',
};

/** A read may be repeated safely: GET, and the two POST searches. */
export function isRead(method: string, url: string): boolean {
	return method === 'GET' || (method === 'POST' && /\/search\/?$/.test(url));
}

interface Credentials {
	baseUrl: string;
	authMethod: string;
	maxRequestsPerSecond: number;
	maxRequestsPerMinute: number;
	secrets: string[];
	/** Password mode before n8n's first sign-in: the session token it obtains is a secret too. */
	awaitingSession: boolean;
	key: string;
}

/**
 * The credential as the transport needs it, read once per context (an item's pages, a list search):
 * in n8n each read is a database lookup and a decryption.
 */
const credentialsByContext = new WeakMap<AltegioContext, Promise<Credentials>>();

function credentialsFor(ctx: AltegioContext, fresh = false): Promise<Credentials> {
	let credentials = fresh ? undefined : credentialsByContext.get(ctx);
	if (!credentials) {
		credentials = loadCredentials(ctx);
		credentialsByContext.set(ctx, credentials);
		// A failed read is not kept: the next request tries again.
		credentials.catch(() => credentialsByContext.delete(ctx));
	}
	return credentials;
}

/** The credential's Base URL (without a trailing slash), from the same per-context read. */
export async function altegioBaseUrl(ctx: AltegioContext): Promise<string> {
	return (await credentialsFor(ctx)).baseUrl;
}

async function loadCredentials(ctx: AltegioContext): Promise<Credentials> {
	const raw = await ctx.getCredentials(CREDENTIAL_TYPE);
	const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
	const secrets = [raw.partnerToken, raw.userToken, raw.password, raw.sessionToken].map(str).filter(Boolean);
	const baseUrl = str(raw.baseUrl).replace(/\/+$/, '');
	const identity = raw.authMethod === 'password' ? `login:${str(raw.login)}` : `token:${str(raw.userToken)}`;
	return {
		baseUrl,
		authMethod: str(raw.authMethod) || 'userToken',
		maxRequestsPerSecond: Number(raw.maxRequestsPerSecond) || 5,
		maxRequestsPerMinute: Number(raw.maxRequestsPerMinute) || 200,
		secrets,
		awaitingSession: raw.authMethod === 'password' && !str(raw.sessionToken),
		// The limit belongs to the account, so equal tokens share one throttle even across credentials.
		key: createHash('sha256')
			.update(`${baseUrl}\n${str(raw.partnerToken)}\n${identity}`)
			.digest('hex'),
	};
}

function retryAfterMs(headers: IDataObject | undefined, now: number): number | undefined {
	const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function backoffMs(attempt: number): number {
	return Math.min(retryPolicy.backoffCapMs, retryPolicy.backoffBaseMs * 2 ** (attempt - 1));
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * In words, because n8n replaces any error message that contains a code like ECONNRESET with a
 * generic text of its own.
 */
export function describeNetworkCode(code: string | undefined): string {
	switch (code) {
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection was closed before the answer arrived';
		case 'ECONNREFUSED':
			return 'the connection was refused (nothing listens at that address and port)';
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
		case 'ESOCKETTIMEDOUT':
		case 'ERR_SOCKET_CONNECTION_TIMEOUT':
			return 'no answer within the timeout';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name of the Base URL could not be resolved';
		case 'ENETUNREACH':
		case 'EHOSTUNREACH':
			return 'the network or host is unreachable';
		default:
			return code ? `network error (${code.toLowerCase()})` : 'unknown network error';
	}
}

/** The error code of a failed request (axios error, or n8n's wrapper around it). */
export function networkCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; httpCode?: unknown; cause?: { code?: unknown; cause?: { code?: unknown } } };
	// n8n's NodeApiError keeps a network error's code as its httpCode.
	for (const code of [e?.cause?.code, e?.code, e?.httpCode, e?.cause?.cause?.code]) {
		if (typeof code === 'string' && code !== '') return code;
	}
	return undefined;
}

type Outcome =
	| { kind: 'ok'; response: AltegioResponse }
	| { kind: 'retry'; waitMs: number; pauseAll: boolean; reason: string; status: number | null; text?: string }
	| { kind: 'fail'; status: number | null; text: string; body?: unknown };

/** Added to a write's error when the server may have stored the change before the failure. */
const MAYBE_SAVED = 'the change may or may not have been saved: check in Altegio before sending it again';

/** Reads one HTTP answer: envelope, error or a reason to try again. */
function judge(response: IN8nHttpFullResponse, method: string, read: boolean, attempt: number): Outcome {
	const status = response.statusCode;
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
	const headers = response.headers as IDataObject | undefined;
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
		if (method === 'DELETE') return { kind: 'ok', response: { data: null, meta: {}, statusCode: status } };
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
	if (typeof body !== 'object' || Array.isArray(body) || !('data' in envelope)) {
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
	return { kind: 'ok', response: { data: envelope.data ?? null, meta: asObject(envelope.meta), statusCode: status } };
}

function apiError(
	ctx: AltegioContext,
	outcome: { status: number | null; text: string; body?: unknown },
	secrets: string[],
	attempts: number,
): NodeApiError {
	const text = redact(outcome.text, secrets);
	const status = outcome.status;
	// A write that may have been stored is not simply tried again later: its message says what to check.
	const serverError = text.includes(MAYBE_SAVED)
		? 'Altegio had a server error.'
		: 'Altegio had a server error. Try again later.';
	const hint = status !== null ? (HINTS[status] ?? (status >= 500 ? serverError : undefined)) : undefined;
	const tries = attempts > 1 ? ` Tried ${attempts} times.` : '';
	const description = [hint, tries.trim()].filter(Boolean).join(' ') || undefined;
	// Only the API's own answer goes into the error: never the request, whose headers hold the tokens.
	const safeBody =
		outcome.body && typeof outcome.body === 'object'
			? (JSON.parse(redact(JSON.stringify(outcome.body), secrets)) as JsonObject)
			: {};
	return new NodeApiError(ctx.getNode(), safeBody, {
		message: status !== null ? `${text} [HTTP ${status}]` : text,
		description,
		httpCode: status !== null ? String(status) : undefined,
	});
}

/**
 * Sends one Altegio request: throttled per credential, retried where safe, envelope unwrapped,
 * errors turned into NodeApiError with Altegio's own text. Every request of the package goes here.
 */
export async function altegioRequest(
	ctx: AltegioContext,
	request: { method: IHttpRequestMethods; url: string; qs?: IDataObject; body?: unknown; timeout?: number },
): Promise<AltegioResponse> {
	let creds = await credentialsFor(ctx);
	const throttle = throttleFor(creds.key, creds.maxRequestsPerSecond, creds.maxRequestsPerMinute);
	const method = request.method.toUpperCase() as IHttpRequestMethods;
	const read = isRead(method, request.url);
	const options: IHttpRequestOptions = {
		method,
		baseURL: creds.baseUrl,
		url: request.url,
		qs: request.qs,
		body: request.body as IDataObject,
		headers: { Accept: ALTEGIO_ACCEPT },
		json: true,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	if (method === 'GET' || method === 'DELETE') delete options.body;
	let refreshed = false;
	for (let attempt = 1; ; attempt++) {
		const done = await throttle.acquire();
		let outcome: Outcome;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse;
			done();
			if (creds.awaitingSession) creds = await credentialsFor(ctx, true);
			outcome = judge(response, method, read, attempt);
			if (outcome.kind === 'fail' && outcome.status === 401 && creds.authMethod === 'password' && !refreshed) {
				// A user token from login/password goes stale when the password changes: let n8n sign
				// in again (it does that on a thrown 401) and repeat once.
				refreshed = true;
				const retried = await refreshAndResend(ctx, options);
				// The new session token is a secret too.
				creds = await credentialsFor(ctx, true);
				if (retried) outcome = judge(retried, method, read, attempt);
			}
		} catch (error) {
			done();
			const code = networkCode(error);
			const transient = code !== undefined && NETWORK_CODES.has(code);
			outcome =
				transient && read
					? {
							kind: 'retry',
							waitMs: backoffMs(attempt),
							pauseAll: false,
							reason: describeNetworkCode(code),
							status: null,
						}
					: {
							kind: 'fail',
							status: null,
							text: transient
								? `Could not reach Altegio: ${describeNetworkCode(code)}${read ? '' : `; ${MAYBE_SAVED}`}`
								: `Request to Altegio failed: ${code ? describeNetworkCode(code) : ((error as Error)?.message ?? 'unknown error')}`,
						};
		}
		if (outcome.kind === 'ok') return outcome.response;
		if (outcome.kind === 'retry' && attempt < retryPolicy.maxAttempts) {
			if (outcome.pauseAll) throttle.pause(Date.now() + outcome.waitMs);
			await sleep(outcome.waitMs);
			continue;
		}
		if (outcome.kind === 'retry') {
			const text = `Altegio kept failing (${outcome.reason})${outcome.text ? `: ${outcome.text}` : ''}`;
			throw apiError(ctx, { status: outcome.status, text }, creds.secrets, attempt);
		}
		throw apiError(ctx, outcome, creds.secrets, attempt);
	}
}

async function refreshAndResend(
	ctx: AltegioContext,
	options: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse | undefined> {
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			...options,
			ignoreHttpStatusErrors: false,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const status = Number((error as { httpCode?: string }).httpCode);
		if (!Number.isFinite(status) || status === 0) return undefined;
		const data = (error as { cause?: { response?: { data?: unknown } } }).cause?.response?.data;
		return { statusCode: status, headers: {}, body: data ?? {} };
	}
}
