/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Throttle under load: 1,000 input items against a sandbox that enforces 5 requests per second and
 * 200 per minute (sliding windows over arrivals, answering 429 beyond them), with the credential set
 * to the same limits. Time is scaled: the node's windows (throttleTiming.scale) and the sandbox's
 * (rateLimit.windowScale) shrink by the same factor, so "a second" is 50 ms and "a minute" 3 s.
 */
import { throttleTiming } from '../../nodes/Altegio/kernel/budget';
import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { byId, credentials, passwordLogin } from '../engine/harness';
import { itemError, reliabilitySuite, run } from './support';

// Most arrivals in any window of `ms` (a window is [t, t + ms)), as the queue suite counts them.
const { busiest } = require('../queue/figures');

const SCALE = Number(process.env.THROTTLE_SCALE ?? 0.05);
const ITEMS = 1000;
const PER_SECOND = 5;
const PER_MINUTE = 200;
const SECOND = 1000 * SCALE;
const MINUTE = 60_000 * SCALE;

const { sandbox, table } = reliabilitySuite(
	{
		id: 'throttle',
		title: 'Throttle under load',
		intro:
			`${ITEMS} input items (Client > Get, one request each) in one execution, the credential ` +
			`set to ${PER_SECOND} requests per second and ${PER_MINUTE} per minute, against a ` +
			`sandbox enforcing the same limits with sliding windows over arrivals (beyond them ` +
			`it answers 429). Time is scaled by ${SCALE}: the node's windows (\`throttleTiming.scale\`) ` +
			`and the sandbox's (\`rateLimit.windowScale\`) alike, so a "second" lasts ${SECOND} ` +
			`ms and a "minute" ${MINUTE / 1000} s. Durations below are given unscaled (what the ` +
			`same run takes in real time) unless marked scaled. With sliding windows the long-run ` +
			`rate is bounded by the per-minute limit (${PER_MINUTE}/min = ${(PER_MINUTE / 60).toFixed(2)}/s), ` +
			`not by the per-second one: the fastest schedule the limits allow sends each minute's ` +
			`${PER_MINUTE} requests at ${PER_SECOND} per second (${PER_MINUTE / PER_SECOND - 1} ` +
			`steps of a second) and then waits for the minute to pass, so ${ITEMS} requests need ` +
			`at least 4 minutes + 39 seconds from the first to the last ` +
			`(${(((4 * 60_000 + 39 * 1000) * SCALE) / 1000).toFixed(2)} ` +
			`s scaled).`,
	},
	'',
	{
		rateLimit: { perSecond: PER_SECOND, perMinute: PER_MINUTE, windowScale: SCALE },
	},
);

beforeAll(async () => {
	throttleTiming.scale = SCALE;
	// A 429 would pause everyone for the backoff: scale it too, so a slip would cost little time (and still show).
	useRetryPolicy({ backoffBaseMs: 1000 * SCALE });
});
afterAll(async () => {
	throttleTiming.scale = 1;
});

const fmt = (n: number, digits = 2) => n.toFixed(digits);

table.check(
	{
		section: '',
		case: `${ITEMS} items, ${PER_SECOND}/s and ${PER_MINUTE}/min`,
		input: `${ITEMS} items at once; scale ${SCALE}`,
		expected:
			`all ${ITEMS} items succeed; no 429 surfaced and at most 1% at the server (scaled ` +
			`windows of ${SECOND} ms are at the mercy of a busy event loop; on a real clock the ` +
			`unit tests and the queue suite show none); never more than ${PER_SECOND} in any ` +
			`second or ${PER_MINUTE} in any minute. The rates achieved are measured and printed, ` +
			`not asserted (speed belongs to benchmarks)`,
	},
	async () => {
		const clients = sandbox.seedClients(101, 3);
		const started = Date.now();
		const { items, error } = await run({
			parameters: { resource: 'client', operation: 'get', locationId: byId('101'), clientId: byId('={{ $json.id }}') },
			input: Array.from({ length: ITEMS }, (_, i) => ({ id: clients[i % 3].id })),
			credentials: credentials(sandbox, { maxRequestsPerSecond: PER_SECOND, maxRequestsPerMinute: PER_MINUTE }),
			continueOnFail: true,
		});
		const wall = Date.now() - started;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(ITEMS);
		const failed = items.filter((item) => itemError(item) !== undefined);
		expect(failed).toHaveLength(0);
		items.forEach((item, i) => expect(item.json.id).toBe(clients[i % 3].id));

		const limited = sandbox.requests.filter((r) => r.status === 429).length;
		const accepted = sandbox.requests
			.filter((r) => r.status !== 429)
			.map((r) => (r as unknown as { perfAt: number }).perfAt);
		expect(accepted).toHaveLength(ITEMS);
		// Scaled time: a loaded machine's event loop can let a request arrive a few ms late into the next
		// 50 ms "second"; such a 429 is retried (no item failed above). A real slip shows as many more.
		expect(limited).toBeLessThanOrEqual(ITEMS / 100);
		const inSecond = busiest(accepted, SECOND);
		const inMinute = busiest(accepted, MINUTE);
		expect(inSecond).toBeLessThanOrEqual(PER_SECOND);
		expect(inMinute).toBeLessThanOrEqual(PER_MINUTE);

		// Over the run: the span from the first to the last request against the fastest allowed.
		const span = accepted[accepted.length - 1] - accepted[0];
		const fastest = SCALE * (4 * 60_000 + 39 * 1000);
		const overall = fastest / span;
		// In the long run: request i+200 cannot come sooner than a minute after request i.
		const gaps = accepted.slice(PER_MINUTE).map((t, i) => t - accepted[i]);
		const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
		const longRun = MINUTE / meanGap;
		// The first minute's burst, where the per-second limit is what binds.
		const burstSpan = accepted[PER_MINUTE - 1] - accepted[0];
		const burstRatio = (SCALE * (PER_MINUTE / PER_SECOND - 1) * 1000) / burstSpan;
		// Never faster than the limits allow (a speed floor would make this a timed test: the rates are
		// recorded below, and measured on a quiet machine by the benchmark and the queue suite).
		expect(longRun).toBeLessThanOrEqual(1);
		expect(overall).toBeLessThanOrEqual(1);

		table.note(
			`Achieved over the run: ${ITEMS} requests in ${fmt(span / SCALE / 60_000)} minutes ` +
				`(${fmt(span / 1000)} s scaled), ${fmt(((ITEMS - 1) / span) * 1000 * SCALE)} requests ` +
				`per second, against the fastest allowed ${fmt(fastest / SCALE / 60_000)} minutes ` +
				`(${fmt(((ITEMS - 1) / fastest) * 1000 * SCALE)}/s): **${fmt(overall * 100, 1)}%** ` +
				`of the allowed rate.`,
		);
		table.note(
			`Achieved in the long run (bounded by ${PER_MINUTE}/min): request i+${PER_MINUTE} ` +
				`followed request i after ${fmt(meanGap / SCALE / 1000)} s on average (minimum allowed ` +
				`60 s), i.e. ${fmt((PER_MINUTE / (meanGap / SCALE)) * 60_000, 1)} requests per minute ` +
				`against ${PER_MINUTE}: **${fmt(longRun * 100, 1)}%**.`,
		);
		table.note(
			`The first minute's burst (the per-second limit binding): ${PER_MINUTE} requests ` +
				`in ${fmt(burstSpan / SCALE / 1000)} s against the fastest ${PER_MINUTE / PER_SECOND - 1} ` +
				`s (${fmt(burstRatio * 100, 1)}%). A request counts against the windows from when ` +
				`its answer came back (it reached the server before that), so each step of ${PER_SECOND} ` +
				`also waits one round trip through n8n and the sandbox, ` +
				`${fmt(burstSpan / (PER_MINUTE / PER_SECOND - 1) - SECOND, 1)} ` +
				`ms here (real time, not scaled): small against a real second, large against a ${SECOND} ` +
				`ms scaled one. The long-run rate is not affected: it is set by the per-minute window.`,
		);
		table.note(
			`Busiest scaled second: ${inSecond} requests (limit ${PER_SECOND}); busiest scaled ` +
				`minute: ${inMinute} (limit ${PER_MINUTE}); 429 answers at the sandbox: ${limited}; ` +
				`wall time of the test run about ${Math.round(wall / 1000)} s, of which the engine ` +
				`spent about ${Math.round((wall - span) / 1000)} s preparing ${ITEMS} items.`,
		);
		return (
			`${ITEMS} items, 0 errors; ${sandbox.requests.length} requests, ${limited} answered ` +
			`429; busiest second ${inSecond}/${PER_SECOND}, busiest minute ${inMinute}/${PER_MINUTE}; ` +
			`over the run ${fmt(overall * 100, 1)}% of the allowed rate; long run ${fmt(longRun * 100, 1)}% ` +
			`of ${PER_MINUTE}/min`
		);
	},
	120_000,
);

table.check(
	{
		section: '',
		case: 'two credentials for one host with different limits, at once',
		input:
			`2 × 200 items (Client > Get) in two executions at once, one per credential: the ` +
			`same account by user token (${PER_SECOND}/s, ${PER_MINUTE}/min) and by login and ` +
			`password (4/s, 150/min); scale ${SCALE}`,
		expected:
			'each credential at its own limits, the host (the Base URL origin) at the highest asked for: never more ' +
			`than ${PER_SECOND} in any second nor ${PER_MINUTE} in any minute together; no 429; all items succeed`,
	},
	async () => {
		sandbox.reset();
		const clients = sandbox.seedClients(101, 3);
		const parameters = {
			resource: 'client',
			operation: 'get',
			locationId: byId('101'),
			clientId: byId('={{ $json.id }}'),
		};
		// The same account twice: a user token, and login and password (the sandbox's sign-in issues the same token).
		const byToken = credentials(sandbox, { maxRequestsPerSecond: PER_SECOND, maxRequestsPerMinute: PER_MINUTE });
		const byPassword = credentials(
			sandbox,
			passwordLogin('secret-password', { maxRequestsPerSecond: 4, maxRequestsPerMinute: 150 }),
		);
		// The sign-in first, and the budget knows a credential's limits from its first request on.
		const warmUp = await run({ parameters, input: [{ id: clients[0].id }], credentials: byPassword });
		expect(warmUp.error).toBeUndefined();
		await new Promise((resolve) => setTimeout(resolve, MINUTE + 100));
		sandbox.clearRequests();
		const input = Array.from({ length: 200 }, (_, i) => ({ id: clients[i % 3].id }));
		const results = await Promise.all(
			[byToken, byPassword].map((creds) => run({ parameters, input, credentials: creds, continueOnFail: true })),
		);
		for (const { items, error } of results) {
			expect(error).toBeUndefined();
			expect(items.filter((item) => itemError(item) !== undefined)).toHaveLength(0);
		}
		const limited = sandbox.requests.filter((r) => r.status === 429).length;
		const accepted = sandbox.requests
			.filter((r) => r.status !== 429)
			.map((r) => (r as unknown as { perfAt: number }).perfAt);
		expect(accepted).toHaveLength(400);
		// Scaled time: a loaded machine's event loop can let a request arrive a few ms late into the next
		// 50 ms "second"; such a 429 is retried (no item failed above). A real slip shows as many more.
		expect(limited).toBeLessThanOrEqual(ITEMS / 100);
		const inSecond = busiest(accepted, SECOND);
		const inMinute = busiest(accepted, MINUTE);
		expect(inSecond).toBeLessThanOrEqual(PER_SECOND);
		expect(inMinute).toBeLessThanOrEqual(PER_MINUTE);
		return (
			`400 items, 0 errors; ${limited} answered 429; busiest second ${inSecond}/${PER_SECOND}, ` +
			`busiest minute ${inMinute}/${PER_MINUTE}`
		);
	},
	120_000,
);
