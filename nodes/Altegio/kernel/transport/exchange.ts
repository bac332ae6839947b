import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Budget } from '../budget';
import { takeSlots } from '../budget';
import type { AltegioContext } from '../session';
import { CREDENTIAL_TYPE } from '../session';
import {
	AnswerTooLargeError,
	MAYBE_SAVED,
	NETWORK_CODES,
	StoppedError,
	describeNetworkCode,
	keepingOwnSignal,
	networkCode,
	readBody,
	tryDeadline,
	untilAborted,
} from './wire';
import type { Report } from './answer';

/** One try: its slots in the budget, its deadline, the answer read in full (or why there is none). */
export type Exchange = { response: IN8nHttpFullResponse } | { error: unknown; expired: boolean };

export interface Try {
	ctx: AltegioContext;
	budget: Budget;
	options: IHttpRequestOptions;
	deadlineMs: number;
	/** Slots taken: 1, plus one per request n8n may add (a sign-in, a resend). */
	slots: number;
	/** Resend after a 401: n8n signs in again only when the helper throws a 401. */
	throwOn401?: boolean;
}

export async function exchange(t: Try): Promise<Exchange> {
	const release = await takeSlots(t.budget, t.ctx, t.slots);
	const deadline = tryDeadline(t.ctx, t.deadlineMs);
	let failure: unknown;
	let status: number | undefined;
	try {
		const options: IHttpRequestOptions = {
			...t.options,
			abortSignal: deadline.signal,
			ignoreHttpStatusErrors: !t.throwOn401,
		};
		// Raced against the deadline too: n8n may sign in first (preAuthentication), a request of its
		// own that this signal cannot reach; Stop must not wait for it (it goes on for the others).
		const response = (await untilAborted(
			t.ctx.helpers.httpRequestWithAuthentication.call(keepingOwnSignal(t.ctx), CREDENTIAL_TYPE, options),
			deadline.signal,
		)) as IN8nHttpFullResponse;
		status = response.statusCode;
		const headers = (response.headers ?? {}) as Record<string, unknown>;
		response.body = (await readBody(
			response.body,
			deadline.signal,
			undefined,
			headers['content-length'],
		)) as IN8nHttpFullResponse['body'];
		return { response };
	} catch (error) {
		failure = error;
	} finally {
		release(status);
	}
	if (deadline.stopped()) throw new StoppedError();
	const answer = await failedAnswer(failure, deadline.signal);
	if (answer) return { response: answer };
	return { error: failure, expired: deadline.expired() };
}

/** An HTTP error the resend threw (see throwOn401), as an answer: n8n wraps it; its body may be a stream. */
async function failedAnswer(error: unknown, signal: AbortSignal): Promise<IN8nHttpFullResponse | undefined> {
	const e = error as { httpCode?: string; cause?: { response?: { status?: number; data?: unknown } } };
	const status = e?.cause?.response?.status ?? Number(e?.httpCode);
	if (!Number.isFinite(status) || status < 300) return undefined;
	const body = await readBody(e.cause?.response?.data, signal).catch(() => undefined);
	return { statusCode: status, headers: {}, body: body ?? {} };
}

/** What a try that got no answer means, in words the user can act on; the retry table decides the rest. */
export function failureReport(failed: { error: unknown; expired: boolean }, deadlineMs: number): Report {
	const { error } = failed;
	if (error instanceof AnswerTooLargeError) return { kind: 'fail', status: null, text: error.message };
	const code = networkCode(error);
	const transient = failed.expired || (code !== undefined && NETWORK_CODES.has(code));
	const reason = failed.expired
		? `no answer within the timeout (${duration(deadlineMs)} for the whole answer; Options > Request Options > Timeout)`
		: describeNetworkCode(code);
	if (transient) {
		const notRetried = { text: `Could not reach Altegio: ${reason}; ${MAYBE_SAVED}` };
		return { kind: 'trouble', happened: 'networkFailure', status: null, reason, notRetried };
	}
	const message = code ? describeNetworkCode(code) : ((error as Error)?.message ?? 'unknown error');
	return { kind: 'fail', status: null, text: `Request to Altegio failed: ${message}` };
}

function duration(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
