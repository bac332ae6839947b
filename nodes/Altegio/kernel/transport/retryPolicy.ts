import type { AltegioResponse, Failure, Happening, Report } from './answer';

/**
 * The one retry decision. answer.ts (an HTTP answer) and exchange.ts (a try without one) report what
 * happened; the table below says whether that is tried again, how often and after which wait, and
 * `decide` applies it. Reads (GET and the two POST searches, see isRead) may be sent again; a write
 * that failed without a clear refusal may have been stored, so it is not, and says so (MAYBE_SAVED).
 */

export interface RetryRule {
	/** Tries in all, the first included: 1 means never sent again. */
	tries: number;
	/** The wait before the next try: Altegio's Retry-After (backoff when it sends none), or backoff. */
	wait: 'retryAfter' | 'backoff';
	/** The wait holds back every request of the account (its budget), not only this one. */
	pauseBudget: boolean;
}

export interface RetryPolicy {
	table: Record<Happening, { read: RetryRule; write: RetryRule }>;
	/** Backoff before try n+1: base × 2^(n-1), at most the cap. */
	backoffBaseMs: number;
	backoffCapMs: number;
	/** Longest Retry-After honoured; a longer one fails at once with a clear error. */
	retryAfterCapMs: number;
}

const once: RetryRule = { tries: 1, wait: 'backoff', pauseBudget: false };
const backoff: RetryRule = { tries: 5, wait: 'backoff', pauseBudget: false };
const asAltegioAsks: RetryRule = { tries: 5, wait: 'retryAfter', pauseBudget: true };

export const RETRY_POLICY: RetryPolicy = {
	table: {
		rateLimited: { read: asAltegioAsks, write: asAltegioAsks },
		serverError: { read: backoff, write: once },
		networkFailure: { read: backoff, write: once },
		unreadableAnswer: { read: backoff, write: once },
	},
	backoffBaseMs: 1000,
	backoffCapMs: 16_000,
	retryAfterCapMs: 120_000,
};

let inForce = RETRY_POLICY;

/**
 * Makes `changes` to the policy for every request from now on (RETRY_POLICY again when called
 * without); returns the policy in force. For tests, which shorten the waits.
 */
export function useRetryPolicy(changes: Partial<RetryPolicy> = RETRY_POLICY): RetryPolicy {
	inForce = { ...RETRY_POLICY, ...changes };
	return inForce;
}

export function retryPolicyInForce(): RetryPolicy {
	return inForce;
}

export type Outcome =
	| { kind: 'ok'; response: AltegioResponse }
	| Failure
	| { kind: 'retry'; waitMs: number; pauseBudget: boolean };

/** A wait in words: "121 s", "30 min", "5 h", "2 days". */
function inWords(ms: number): string {
	const minutes = ms / 60_000;
	if (minutes < 5) return `${Math.ceil(ms / 1000)} s`;
	if (minutes < 120) return `${Math.ceil(minutes)} min`;
	const hours = minutes / 60;
	if (hours < 48) return `${Math.round(hours)} h`;
	const days = hours / 24;
	return days < 730 ? `${Math.round(days)} days` : 'more than two years';
}

export function backoffMs(attempt: number, policy: RetryPolicy): number {
	return Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** (attempt - 1));
}

/** What to do after try number `attempt` (1 for the first): done, fail, or wait and try again. */
export function decide(report: Report, read: boolean, attempt: number, policy: RetryPolicy): Outcome {
	if (report.kind !== 'trouble') return report;
	const rule = policy.table[report.happened][read ? 'read' : 'write'];
	if (rule.tries <= 1) return { kind: 'fail', status: report.status, ...report.notRetried };
	const asked = rule.wait === 'retryAfter' ? report.retryAfterMs : undefined;
	if (asked !== undefined && asked > policy.retryAfterCapMs) {
		const text =
			`Rate limited: Altegio asks to wait ${inWords(asked)} (Retry-After), longer than the ` +
			`${inWords(policy.retryAfterCapMs)} this node waits. Nothing was saved; try again later`;
		return { kind: 'fail', status: report.status, text, body: report.notRetried.body };
	}
	if (attempt < rule.tries) {
		return { kind: 'retry', waitMs: asked ?? backoffMs(attempt, policy), pauseBudget: rule.pauseBudget };
	}
	const text = `Altegio kept failing (${report.reason})${report.text ? `: ${report.text}` : ''}`;
	return { kind: 'fail', status: report.status, text };
}
