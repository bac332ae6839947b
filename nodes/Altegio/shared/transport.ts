import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AltegioResponse, Outcome } from './answer';
import { MAYBE_SAVED, backoffMs, judge, retryPolicy } from './answer';
import { ALTEGIO_ACCEPT } from './envelope';
import { NETWORK_CODES, apiError, describeNetworkCode, networkCode } from './errors';
import type { AltegioContext } from './requestCredentials';
import { CREDENTIAL_TYPE, credentialsFor } from './requestCredentials';
import type { RequestSettings } from './routing';
import { budgetFor } from './throttle';

export type { AltegioContext } from './requestCredentials';
export type { AltegioResponse } from './answer';
export { CREDENTIAL_TYPE, altegioBaseUrl } from './requestCredentials';
export { retryPolicy } from './answer';

/** Used when RoutingNode did not set a timeout (list searches, triggers). */
const DEFAULT_TIMEOUT_MS = 60_000;

/** A read may be repeated safely: GET, and the two POST searches. */
export function isRead(method: string, url: string): boolean {
	return method === 'GET' || (method === 'POST' && /\/search\/?$/.test(url));
}

/** One request as handlers give it; `settings` are the item's Request Options (see routing.ts). */
export interface AltegioRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: unknown;
	settings?: RequestSettings;
}

/**
 * Sends one Altegio request: throttled per API host, retried where safe, envelope unwrapped,
 * errors turned into NodeApiError with Altegio's own text. Every request of the package goes here.
 */
export async function altegioRequest(ctx: AltegioContext, request: AltegioRequest): Promise<AltegioResponse> {
	let creds = await credentialsFor(ctx);
	const throttle = budgetFor(creds.baseUrl, creds.maxRequestsPerSecond, creds.maxRequestsPerMinute);
	const method = request.method.toUpperCase() as IHttpRequestMethods;
	const read = isRead(method, request.url);
	const { skipSslCertificateValidation, ...settings } = request.settings ?? {};
	const options: IHttpRequestOptions = {
		...settings,
		skipSslCertificateValidation: skipSslCertificateValidation === true || skipSslCertificateValidation === 'true',
		method,
		baseURL: creds.baseUrl,
		url: request.url,
		qs: request.qs,
		body: request.body as IDataObject,
		// The docs' samples send it with every request, GET and DELETE included.
		headers: { ...settings.headers, Accept: ALTEGIO_ACCEPT, 'Content-Type': 'application/json' },
		json: true,
		timeout: settings.timeout ?? DEFAULT_TIMEOUT_MS,
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
			done(response.statusCode);
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
