import type { DeclarativeRestApiSettings, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { budgetOf } from '../budget';
import type { AltegioContext } from '../session';
import { credentialsFor } from '../session';
import type { AltegioResponse } from './answer';
import { judge } from './answer';
import type { Exchange } from './exchange';
import { exchange, failureReport } from './exchange';
import type { Outcome, RetryPolicy } from './retryPolicy';
import { decide, retryPolicyInForce } from './retryPolicy';
import { passwordSession } from './sessionFlow';
import {
	ALTEGIO_ACCEPT,
	DEFAULT_DEADLINE_MS,
	MAX_TIMER_MS,
	apiError,
	baseUrlProblem,
	stoppableSleep,
	throwIfStopped,
	withCancel,
} from './wire';

/** What RoutingNode prepared besides method, URL, query and body; sent with every request. */
export type RequestSettings = Omit<
	DeclarativeRestApiSettings.HttpRequestOptions,
	'method' | 'url' | 'qs' | 'body' | 'baseURL'
>;

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
 * Sends one Altegio request: within the credential's budget, each try under a deadline, retried
 * where safe, never following a redirect, stopped by Stop, envelope unwrapped, errors turned into
 * NodeApiError with Altegio's own text. Every request of the package goes here.
 *
 * Whether and when a try is repeated is the retry table's call (retryPolicy.ts); `policy` defaults
 * to the one in force. Bound of one call: tries × (deadline + wait for a budget slot) + the waits
 * between tries (backoff up to 16 s, or Retry-After up to 120 s).
 */
export async function altegioRequest(
	context: AltegioContext,
	request: AltegioRequest,
	policy: RetryPolicy = retryPolicyInForce(),
): Promise<AltegioResponse> {
	const { skipSslCertificateValidation, timeout, abortSignal, ...settings } = request.settings ?? {};
	// A signal of the caller's (the trigger's poll deadline) ends the request's waits and tries like Stop.
	const ctx = abortSignal ? withCancel(context, abortSignal as AbortSignal) : context;
	throwIfStopped(ctx);
	let creds = await credentialsFor(ctx);
	const problem = baseUrlProblem(creds.baseUrl);
	if (problem) throw apiError(ctx, { status: null, text: problem }, creds.secrets, 1);
	const budget = budgetOf(creds);
	const method = request.method.toUpperCase() as IHttpRequestMethods;
	const read = isRead(method, request.url);
	// Above the timers' maximum a deadline would fire at once (routing.ts refuses such a Timeout).
	const deadlineMs = typeof timeout === 'number' && timeout > 0 ? Math.min(timeout, MAX_TIMER_MS) : DEFAULT_DEADLINE_MS;
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
		// Socket idle timeout as well; the deadline (an AbortSignal) is what bounds the try.
		timeout: deadlineMs,
		returnFullResponse: true,
		// Read by body.ts under the deadline and the size cap.
		encoding: 'stream',
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	if (method === 'GET' || method === 'DELETE') delete options.body;
	const session = creds.authMethod === 'password' ? passwordSession(ctx, creds.key) : undefined;
	let resent = false;
	for (let attempt = 1; ; attempt++) {
		const plain = { ctx, budget, options, deadlineMs, slots: 1 };
		const refused = session?.refused();
		if (refused) throw apiError(ctx, { status: null, text: refused }, creds.secrets, attempt);
		let result: Exchange;
		let signedInNow = false;
		if (session && creds.awaitingSession) {
			// The first request may sign in: one at a time per credential, the sign-in within the budget.
			({ result, signedInNow, creds } = await session.firstRequest(plain));
		} else result = await exchange(plain);
		let outcome: Outcome = decide(
			'response' in result
				? judge(result.response, method, creds, read)
				: (session?.signInFailure(result.error) ?? failureReport(result, deadlineMs)),
			read,
			attempt,
			policy,
		);
		if (session && outcome.kind === 'fail' && outcome.status === 401 && !resent) {
			// A session token from login/password goes stale when the password changes: sign in again
			// (n8n does that on a thrown 401) and resend once, unless this token was just issued.
			resent = true;
			const again = await session.resendAfter401(plain, signedInNow, creds.session);
			creds = await credentialsFor(ctx, true);
			if (again) {
				// A resend that got no answer is not sent a third time (decided as a write).
				outcome =
					'response' in again
						? decide(judge(again.response, method, creds, read), read, attempt, policy)
						: decide(session.signInFailure(again.error) ?? failureReport(again, deadlineMs), false, attempt, policy);
				if (outcome.kind === 'fail' && outcome.status === 401) session.refuse401();
			}
		}
		if (session && outcome.kind === 'fail' && outcome.status === 401) outcome.text = session.explain401(outcome.text);
		if (outcome.kind === 'ok') return outcome.response;
		if (outcome.kind === 'retry') {
			if (outcome.pauseBudget) budget.pause(Date.now() + outcome.waitMs);
			await stoppableSleep(ctx, outcome.waitMs);
			continue;
		}
		throw apiError(ctx, outcome, creds.secrets, attempt);
	}
}
