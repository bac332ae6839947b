import type { AltegioContext, Credentials, SignInLedger } from '../session';
import {
	MAX_SIGN_INS_PER_EXECUTION,
	credentialsFor,
	lastSignIn,
	ledgerFor,
	signInsSoFar,
	underSessionLock,
} from '../session';
import type { Exchange, Try } from './exchange';
import { cancelSignalOf } from './wire';
import { exchange } from './exchange';
import type { Failure } from './answer';

/** The transport's side of password mode (see session.ts): when a request may sign in, and when not. */

const JUST_ISSUED =
	'Altegio refused the session token it had just issued at sign-in (HTTP 401), so this execution signs in ' +
	'no more with this credential. The user may be blocked or lack access: check the user in Altegio, or use ' +
	'the User Token method';
const TOO_MANY =
	`This execution already signed in ${MAX_SIGN_INS_PER_EXECUTION} times with this credential ` +
	'and Altegio still refuses the session (HTTP 401)';

class RefusedError extends Error {}

export function passwordSession(ctx: AltegioContext, key: string) {
	const executionId = (ctx as { getExecutionId?: () => string | undefined }).getExecutionId?.();
	// List searches and polls have no execution: their ledger lasts one request.
	const ledger: SignInLedger = executionId ? ledgerFor(executionId, key) : { signIns: 0 };

	/** One exchange that may sign in, with its sign-in counted (and a refusal remembered). */
	async function signingExchange(t: Try): Promise<{ result: Exchange; signedInNow: boolean }> {
		if (ledger.refusal)
			return { result: { error: new RefusedError(ledger.refusal), expired: false }, signedInNow: false };
		if (ledger.signIns >= MAX_SIGN_INS_PER_EXECUTION) {
			ledger.refusal = TOO_MANY;
			return { result: { error: new RefusedError(TOO_MANY), expired: false }, signedInNow: false };
		}
		const before = signInsSoFar(key);
		const result = await exchange(t);
		const signedInNow = signInsSoFar(key) > before;
		if (signedInNow) {
			ledger.signIns++;
			const last = lastSignIn(key);
			if (last && 'problem' in last && last.final) ledger.refusal = last.problem;
		}
		return { result, signedInNow };
	}

	return {
		/** The request of an item that found no session token: under the lock, as the credential now is. */
		async firstRequest(plain: Try): Promise<{ result: Exchange; signedInNow: boolean; creds: Credentials }> {
			return await underSessionLock(
				key,
				async () => {
					const creds = await credentialsFor(ctx, true);
					if (ledger.refusal)
						return { result: { error: new RefusedError(ledger.refusal), expired: false }, signedInNow: false, creds };
					if (!creds.awaitingSession) return { result: await exchange(plain), signedInNow: false, creds };
					// The sign-in and the request itself.
					const outcome = await signingExchange({ ...plain, slots: 2 });
					return { ...outcome, creds: await credentialsFor(ctx, true) };
				},
				cancelSignalOf(ctx),
			);
		},

		/** After a 401: resend once, signing in again unless another request already renewed the session. */
		async resendAfter401(plain: Try, signedInNow: boolean, usedSession: string): Promise<Exchange | undefined> {
			if (signedInNow) {
				ledger.refusal ??= JUST_ISSUED;
				return undefined;
			}
			return await underSessionLock(
				key,
				async () => {
					if (ledger.refusal) return undefined;
					const creds = await credentialsFor(ctx, true);
					if (creds.session !== '' && creds.session !== usedSession) {
						// Another request renewed the session meanwhile: use it, and sign in only if it too is refused.
						const renewed = await exchange(plain);
						if (!('response' in renewed) || renewed.response.statusCode !== 401) return renewed;
					}
					// The repeat that n8n needs to see the 401 thrown, the sign-in, and the resend.
					return (await signingExchange({ ...plain, slots: 3, throwOn401: true })).result;
				},
				cancelSignalOf(ctx),
			);
		},

		/** Why this execution may not use the credential any more (a refused sign-in or session). */
		refused(): string | undefined {
			return ledger.refusal;
		},

		/** A 401 right after the session was renewed: this execution signs in no more. */
		refuse401(): void {
			ledger.refusal ??= JUST_ISSUED;
		},

		/** The error of a try that failed in the sign-in, in the sign-in's own words. */
		signInFailure(error: unknown): Failure | undefined {
			if (error instanceof RefusedError) return { kind: 'fail', status: null, text: error.message };
			const last = lastSignIn(key);
			const message = String((error as Error)?.message ?? '');
			if (!last || !('problem' in last) || !message.includes(last.problem.slice(0, 40))) return undefined;
			return { kind: 'fail', status: last.status ?? null, text: last.problem };
		},

		explain401(text: string): string {
			return ledger.refusal && !text.includes(ledger.refusal) ? `${text}. ${ledger.refusal}` : text;
		},
	};
}
