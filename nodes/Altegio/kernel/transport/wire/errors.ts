import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { leaks, redact } from './redact';

/** How a failure reaches the user: Altegio's text, the HTTP status, a hint, never a secret. */

const HINTS: Record<number, string> = {
	400: 'Altegio rejected the request parameters. Check the filters and values sent.',
	401: 'Check the partner token and the user token (or login and password) in the Altegio credential.',
	402: 'The Altegio licence of this location has expired: renew it in Altegio.',
	403:
		'The Altegio user of this credential lacks the right for this action at this location (Settings > Users > ' +
		'access rights).',
	404: 'The location or record does not exist, or this user cannot see it. Check the IDs.',
	422: 'Altegio could not process the values sent. Check the fields named in the message.',
	429:
		'Altegio is rate limiting this credential. Lower Max Requests per Second/Minute in the credential, or run ' +
		'fewer workflows at once.',
};

export const NETWORK_CODES = new Set([
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

/** Added to a write's error when the server may have stored the change before the failure. */
export const MAYBE_SAVED = 'the change may or may not have been saved: check in Altegio before sending it again';

export function apiError(
	ctx: { getNode(): INode },
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
	// A body that echoes a credential is left out whole (see redact.ts).
	const safeBody =
		outcome.body && typeof outcome.body === 'object' && !leaks(JSON.stringify(outcome.body), secrets)
			? (outcome.body as JsonObject)
			: {};
	return new NodeApiError(ctx.getNode(), safeBody, {
		message: status !== null ? `${text} [HTTP ${status}]` : text,
		description,
		httpCode: status !== null ? String(status) : undefined,
	});
}
