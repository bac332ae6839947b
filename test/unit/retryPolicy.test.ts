import type { RetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { RETRY_POLICY, decide } from '../../nodes/Altegio/kernel/transport';

/** The retry table decides, given the policy it is passed; these rows are what README promises. */

const trouble = (happened: 'rateLimited' | 'serverError' | 'networkFailure' | 'unreadableAnswer', extra = {}) => ({
	kind: 'trouble' as const,
	happened,
	status: happened === 'rateLimited' ? 429 : 503,
	reason: 'HTTP 503',
	text: 'Service unavailable',
	notRetried: { text: 'HTTP 503; the change may or may not have been saved' },
	...extra,
});

const tries = (policy: RetryPolicy, happened: Parameters<typeof trouble>[0], read: boolean) => {
	let attempt = 1;
	while (decide(trouble(happened), read, attempt, policy).kind === 'retry') attempt++;
	return attempt;
};

test('the default table: reads retried 5 times on every trouble, writes only on 429', () => {
	for (const happened of ['rateLimited', 'serverError', 'networkFailure', 'unreadableAnswer'] as const) {
		expect(tries(RETRY_POLICY, happened, true)).toBe(5);
		expect(tries(RETRY_POLICY, happened, false)).toBe(happened === 'rateLimited' ? 5 : 1);
	}
	expect(decide(trouble('serverError'), false, 1, RETRY_POLICY)).toEqual({
		kind: 'fail',
		status: 503,
		text: 'HTTP 503; the change may or may not have been saved',
	});
});

test('429 tries and read-failure tries are set apart, by the policy passed', () => {
	const policy: RetryPolicy = {
		...RETRY_POLICY,
		table: {
			...RETRY_POLICY.table,
			rateLimited: { ...RETRY_POLICY.table.rateLimited, read: { ...RETRY_POLICY.table.rateLimited.read, tries: 2 } },
			serverError: { ...RETRY_POLICY.table.serverError, read: { ...RETRY_POLICY.table.serverError.read, tries: 3 } },
		},
	};
	expect(tries(policy, 'rateLimited', true)).toBe(2);
	expect(tries(policy, 'serverError', true)).toBe(3);
	expect(decide(trouble('serverError'), true, 3, policy)).toMatchObject({
		kind: 'fail',
		text: 'Altegio kept failing (HTTP 503): Service unavailable',
	});
});

test('waits: Retry-After as asked (pausing the budget), backoff otherwise, too long a Retry-After fails', () => {
	const policy = { ...RETRY_POLICY, backoffBaseMs: 10, backoffCapMs: 35 };
	expect(decide(trouble('rateLimited', { retryAfterMs: 7000 }), false, 1, policy)).toEqual({
		kind: 'retry',
		waitMs: 7000,
		pauseBudget: true,
	});
	expect(decide(trouble('rateLimited'), true, 2, policy)).toEqual({ kind: 'retry', waitMs: 20, pauseBudget: true });
	expect(decide(trouble('serverError'), true, 4, policy)).toEqual({ kind: 'retry', waitMs: 35, pauseBudget: false });
	expect(decide(trouble('rateLimited', { retryAfterMs: 121_000 }), true, 1, policy)).toMatchObject({
		kind: 'fail',
		text: expect.stringMatching(/^Rate limited: Altegio asks to wait 121 s \(Retry-After\), longer than the 120 s/),
	});
});
