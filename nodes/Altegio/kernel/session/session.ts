import { inTurn } from '../budget';
import type { SignInResult } from './signIn';

/**
 * Sign-ins in password mode. n8n signs in (the credential's preAuthentication) whenever a request
 * finds no session token, and again after a 401. Left alone, every item of an execution whose user
 * was revoked signs in once (30 items, 30 sign-ins, which can lock the account). Here:
 * - one sign-in per credential at a time; callers that arrive meanwhile share its result;
 * - at most two sign-ins per execution and credential, and none after a refusal, or after a 401 that
 *   came right after a fresh sign-in (the ledger below ends that execution's sign-ins).
 */

export const MAX_SIGN_INS_PER_EXECUTION = 2;

const inFlight = new Map<string, Promise<SignInResult>>();
const counts = new Map<string, number>();
const lastResults = new Map<string, SignInResult>();

export async function signInShared(key: string, run: () => Promise<SignInResult>): Promise<SignInResult> {
	const pending = inFlight.get(key);
	if (pending) return await pending;
	counts.set(key, (counts.get(key) ?? 0) + 1);
	const started = run()
		.then((result) => {
			lastResults.set(key, result);
			return result;
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, started);
	return await started;
}

/** Sign-ins started in this process for the credential (to see whether one happened meanwhile). */
export function signInsSoFar(key: string): number {
	return counts.get(key) ?? 0;
}

export function lastSignIn(key: string): SignInResult | undefined {
	return lastResults.get(key);
}

/** Requests that may sign in go one at a time per credential; the others wait for the session. */
export async function underSessionLock<T>(key: string, work: () => Promise<T>, cancel?: AbortSignal): Promise<T> {
	return await inTurn(`session ${key}`, work, cancel);
}

/** What one execution did with one credential's sign-ins. */
export interface SignInLedger {
	signIns: number;
	/** Set once the execution may not sign in again with this credential: the error to give. */
	refusal?: string;
}

const LEDGER_LIMIT = 1000;
const ledgers = new Map<string, SignInLedger>();

export function ledgerFor(executionId: string, key: string): SignInLedger {
	const id = `${executionId}\n${key}`;
	let ledger = ledgers.get(id);
	if (!ledger) {
		ledger = { signIns: 0 };
		ledgers.set(id, ledger);
		// Executions end without telling the node: keep the latest ones only.
		if (ledgers.size > LEDGER_LIMIT) ledgers.delete(ledgers.keys().next().value as string);
	}
	return ledger;
}
