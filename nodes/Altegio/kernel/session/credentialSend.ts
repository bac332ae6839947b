import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IDataObject } from 'n8n-workflow';

import { budgetOf, takeSlots } from '../budget';
import { MAX_ANSWER_BYTES, asJson, readBody } from '../transport/wire';
import { credentialKey } from './requestCredentials';
import type { AltegioSend } from './signIn';

/**
 * How the credential test sends. n8n gives a credential test only its legacy request helper (no
 * httpRequest, no abort signal), so the package's own rules are applied around it: a slot in the
 * account's budget (ahead of bulk runs), the body read as a stream under the test's one deadline
 * and the 64 MB cap (the deadline ends the read and closes the connection), no redirect followed.
 */

/**
 * Credential tests must not hang: n8n waits for them with the dialog open. The whole test ends by
 * then. Exported so tests can shorten it.
 */
export const credentialTestTiming = { timeoutMs: 15_000 };

/** Where the test's time went: waiting for its turn in this process's request budget, or Altegio. */
export interface Progress {
	queuedMs: number;
	/** When the wait for a slot under way began, if one is. */
	waitingSince?: number;
}

/** The message when the deadline passed: the budget's queue, or Altegio, whichever took the time. */
export function timeoutMessage(progress: Progress): string {
	const seconds = credentialTestTiming.timeoutMs / 1000;
	const queued = progress.queuedMs + (progress.waitingSince === undefined ? 0 : Date.now() - progress.waitingSince);
	if (progress.waitingSince !== undefined || queued > credentialTestTiming.timeoutMs / 2) {
		return (
			`The test did not finish within ${seconds} s: it waited ${(queued / 1000).toFixed(1)} s for its ` +
			"turn in this n8n's request budget for the credential (other workflows are using up its Max Requests per " +
			'Second/Minute). This says nothing about the credential: test again in a minute.'
		);
	}
	return `Altegio did not answer within ${seconds} s. Check the Base URL and that n8n can reach it.`;
}

export function credentialTestSend(
	ctx: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
	deadline: AbortSignal,
	progress: Progress,
): AltegioSend {
	const { request } = ctx.helpers;
	const budget = budgetOf({
		baseUrl: String(data.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, ''),
		maxRequestsPerSecond: Number(data.maxRequestsPerSecond) || 5,
		maxRequestsPerMinute: Number(data.maxRequestsPerMinute) || 200,
		key: credentialKey(data),
	});
	// The test's own line in the budget; the deadline ends its waits.
	const line = { getExecutionCancelSignal: () => deadline };
	return async (options) => {
		const queued = Date.now();
		progress.waitingSince = queued;
		const release = await takeSlots(budget, line, 1, 'interactive').finally(() => {
			progress.waitingSince = undefined;
			progress.queuedMs += Date.now() - queued;
		});
		let status: number | undefined;
		try {
			const answer = (await request({
				method: options.method,
				uri: options.url,
				qs: options.qs,
				headers: options.headers,
				body: options.body,
				json: true,
				simple: false,
				resolveWithFullResponse: true,
				timeout: credentialTestTiming.timeoutMs,
				useStream: true,
				// Never follow: a redirect would carry the tokens (or the password) to another host.
				followRedirect: false,
				followAllRedirects: false,
			})) as { statusCode: number; body: unknown; headers?: IDataObject };
			status = answer.statusCode;
			const raw = await readBody(answer.body, deadline, MAX_ANSWER_BYTES, answer.headers?.['content-length']);
			return { ...answer, body: asJson(raw) };
		} finally {
			release(status);
		}
	};
}
