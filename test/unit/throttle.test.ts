/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
import { apiHost, budgetOf, hostBudget, RequestThrottle, throttleTiming } from '../../nodes/Altegio/kernel/budget';
import { virtualClock } from './virtualClock';

// Counted as the queue suite counts its load run: the most times in any window [t, t + ms), and
// the shortest span the sliding windows allow for `count` requests.
const { busiest, fastestSpan } = require('../queue/figures');

/** Largest number of times in any window of `windowMs`. */
const maxInWindow = (times: number[], windowMs: number): number =>
	busiest(
		[...times].sort((a, b) => a - b),
		windowMs,
	);

/** A throttle on virtual time, recording when each request went. */
function virtual(perSecond: number, perMinute: number) {
	const clock = virtualClock();
	const throttle = new RequestThrottle(perSecond, perMinute, clock.now, clock.wait);
	const starts: number[] = [];
	/** One request: waits for its slot, records when it went, answers after `latency` ms. */
	const request = async (latency = 0, status = 200) => {
		const done = await throttle.acquire();
		starts.push(clock.now());
		if (latency > 0) await clock.wait(latency);
		done(status);
	};
	return { throttle, starts, request, ...clock };
}

afterEach(() => {
	throttleTiming.scale = 1;
});

test('a burst never exceeds the per-second limit in any 1 s window, nor the per-minute one in any 60 s', async () => {
	const { starts, request, run } = virtual(5, 200);
	await run(Promise.all(Array.from({ length: 1000 }, () => request(0))));
	expect(starts).toHaveLength(1000);
	expect(maxInWindow(starts, 1000)).toBe(5);
	expect(maxInWindow(starts, 60_000)).toBe(200);
	// Not slower than the windows force: each minute's 200 go out 5 per second (39 steps), then
	// the next 200 follow the first ones by a minute; only the small safety margins are added.
	const span = Math.max(...starts) - Math.min(...starts);
	expect(span).toBeGreaterThanOrEqual(4 * 60_000 + 39 * 1000);
	expect(span).toBeLessThanOrEqual(4 * 60_250 + 39 * 1020);
});

// Each row: the limits, how long each request's answer takes, and when each request may start:
// at that instant, or within [from, to) where the throttle adds its small safety margin.
test.each<[string, [number, number], number[], Array<number | [number, number]>]>([
	[
		'the first requests start at once; the sixth waits for the window',
		[5, 200],
		[0, 0, 0, 0, 0, 0],
		[0, 0, 0, 0, 0, [1000, 1100]],
	],
	// The first answer takes 300 ms: the server got it at some point before that, so the second
	// request goes a full second after the answer, not after the start.
	[
		'a request counts from when its answer came back: a slow answer pushes the window',
		[1, 100],
		[300, 0],
		[0, [1300, 1400]],
	],
	[
		'a request in flight counts as arrived one second after it went (a hanging answer does not block)',
		[1, 100],
		[30_000, 0],
		[0, [2000, 2100]],
	],
])('%s', async (_name, [perSecond, perMinute], answers, expected) => {
	const { starts, request, run } = virtual(perSecond, perMinute);
	await run(Promise.all(answers.map((ms) => request(ms))));
	expected.forEach((at, i) => {
		if (typeof at === 'number') expect(starts[i]).toBe(at);
		else {
			expect(starts[i]).toBeGreaterThanOrEqual(at[0]);
			expect(starts[i]).toBeLessThan(at[1]);
		}
	});
});

test('a pause (after a 429) holds every waiting and later caller until it ends', async () => {
	const { throttle, starts, request, run } = virtual(5, 200);
	throttle.pause(500);
	const work = Promise.all([request(0), request(0)]);
	const later = (async () => {
		// A 429 elsewhere while both wait pauses everything further.
		await Promise.resolve();
		throttle.pause(3000);
	})();
	await run(Promise.all([work, later]));
	expect(starts.every((t) => t >= 3000)).toBe(true);
});

test('a caller that never reports its answer still frees its place after the arrival bound', async () => {
	const { throttle, starts, run, now } = virtual(1, 100);
	await run(throttle.acquire()); // never calls done()
	const second = (async () => {
		await throttle.acquire();
		starts.push(now());
	})();
	await run(second);
	expect(starts[0]).toBeGreaterThanOrEqual(2000);
});

test('old starts are forgotten once outside both windows', async () => {
	const { starts, request, run, setNow } = virtual(2, 3);
	await run(Promise.all(Array.from({ length: 3 }, () => request(0))));
	setNow(200_000);
	await run(request(0));
	expect(starts.at(-1)).toBe(200_000);
});

test('changed limits apply to the next request', async () => {
	const { throttle, starts, request, run } = virtual(1, 100);
	throttle.setLimits(10, 100);
	await run(Promise.all(Array.from({ length: 10 }, () => request(0))));
	expect(maxInWindow(starts, 1000)).toBe(10);
	expect(Math.max(...starts)).toBe(0);
});

test('the time scale shrinks both windows alike (for tests), keeping a floor margin for real jitter', async () => {
	throttleTiming.scale = 0.02;
	const { starts, request, run } = virtual(5, 200);
	await run(Promise.all(Array.from({ length: 1000 }, () => request(0))));
	expect(maxInWindow(starts, 20)).toBe(5);
	expect(maxInWindow(starts, 1200)).toBe(200);
	const span = Math.max(...starts) - Math.min(...starts);
	expect(span).toBeGreaterThanOrEqual(0.02 * (4 * 60_000 + 39 * 1000));
	expect(span).toBeLessThanOrEqual(4 * (1200 + 5) + 39 * (20 + 2));
});

/** The sandbox's limiter: sliding windows over accepted requests, refusing (429) beyond them. */
function limitedServer(perSecond: number, perMinute: number) {
	const accepted: number[] = [];
	let refused = 0;
	return {
		accepted,
		refused: () => refused,
		accept(at: number): boolean {
			const inMinute = accepted.filter((t) => t > at - 60_000).length;
			const inSecond = accepted.filter((t) => t > at - 1000).length;
			if (inMinute >= perMinute || inSecond >= perSecond) {
				refused++;
				return false;
			}
			accepted.push(at);
			return true;
		},
	};
}

/**
 * Several processes (n8n workers) behind one IP, each with its own throttle set to the server's
 * limits, each sending `items` requests at once through the transport's rule: a 429 reports to
 * the throttle, pauses it for the backoff (1 s, 2 s, 4 s, 8 s) and is tried again, 5 tries in all.
 */
async function shareOneLimit(
	processes: number,
	items: number,
	perSecond = 5,
	perMinute = 200,
	latency = 40,
	jitter = 0,
) {
	const clock = virtualClock();
	// Seeded: each leg of the round trip takes latency / 2 plus up to `jitter` ms (as a network does).
	let seed = 7;
	const leg = () => latency / 2 + (jitter * (seed = (seed * 1664525 + 1013904223) >>> 0)) / 2 ** 32;
	const server = limitedServer(perSecond, perMinute);
	const throttles = Array.from(
		{ length: processes },
		() => new RequestThrottle(perSecond, perMinute, clock.now, clock.wait),
	);
	let failed = 0;
	const send = async (throttle: RequestThrottle) => {
		for (let attempt = 1; attempt <= 5; attempt++) {
			const done = await throttle.acquire();
			// The server counts it on arrival, half a round trip later; the answer takes the other half.
			await clock.wait(leg());
			const ok = server.accept(clock.now());
			await clock.wait(leg());
			done(ok ? 200 : 429);
			if (ok) return;
			const backoff = Math.min(16_000, 1000 * 2 ** (attempt - 1));
			throttle.pause(clock.now() + backoff);
			await clock.wait(backoff);
		}
		failed++;
	};
	await clock.run(Promise.all(throttles.flatMap((throttle) => Array.from({ length: items }, () => send(throttle)))));
	const accepted = server.accepted;
	const span = accepted[accepted.length - 1] - accepted[0];
	return {
		failed,
		refused: server.refused(),
		accepted: accepted.length,
		inSecond: maxInWindow(accepted, 1000),
		inMinute: maxInWindow(accepted, 60_000),
		efficiency: fastestSpan(accepted.length, perSecond, perMinute) / span,
		ofSustained: (((accepted.length - 1) / span) * 1000) / Math.min(perSecond, perMinute / 60),
		allowances: throttles.map((t) => t.allowance()),
	};
}

test.each([2, 3, 4])(
	'%i processes behind one IP settle on the shared limit: no request runs out of tries, 90%% of the sustained limit',
	async (n) => {
		const result = await shareOneLimit(n, Math.ceil(400 / n));
		expect(result.failed).toBe(0);
		expect(result.accepted).toBe(n * Math.ceil(400 / n));
		// The server refused what went over: it only ever accepted within its windows.
		expect(result.inSecond).toBeLessThanOrEqual(5);
		expect(result.inMinute).toBeLessThanOrEqual(200);
		expect(result.refused).toBeGreaterThan(0);
		// Against the minute's limit (the one that binds beyond a minute): bursts of 5/s that the
		// fastest schedule allows are given up once a 429 shows the limit shared.
		expect(result.ofSustained).toBeGreaterThanOrEqual(0.9);
	},
);

test.each([0, 40])(
	'queue mode as the queue suite runs it (2 workers × 200 creates, %i ms jitter): under 5 429s per 100, 90%% of it',
	async (jitter) => {
		const result = await shareOneLimit(2, 200, 5, 200, 40, jitter);
		const per100 = (100 * result.refused) / (result.accepted + result.refused);
		expect(result.failed).toBe(0);
		expect(per100).toBeLessThan(5);
		expect(result.ofSustained).toBeGreaterThanOrEqual(0.9);
	},
);

test('without the adaptation (the 429 not reported) the same load meets several times as many 429s', async () => {
	// The control: each process holding its full limit, as the throttle did before it adapted.
	const clock = virtualClock();
	const server = limitedServer(5, 200);
	const throttles = [0, 1].map(() => new RequestThrottle(5, 200, clock.now, clock.wait));
	const send = async (throttle: RequestThrottle) => {
		for (let attempt = 1; attempt <= 5; attempt++) {
			const done = await throttle.acquire();
			await clock.wait(20);
			const ok = server.accept(clock.now());
			await clock.wait(20);
			done(200);
			if (ok) return;
			const backoff = Math.min(16_000, 1000 * 2 ** (attempt - 1));
			throttle.pause(clock.now() + backoff);
			await clock.wait(backoff);
		}
	};
	await clock.run(Promise.all(throttles.flatMap((t) => Array.from({ length: 200 }, () => send(t)))));
	const adaptive = await shareOneLimit(2, 200);
	expect(server.refused()).toBeGreaterThan(2 * adaptive.refused);
});

test('one process alone never meets a 429 from its own limits', async () => {
	const result = await shareOneLimit(1, 400);
	expect(result).toMatchObject({ failed: 0, refused: 0, accepted: 400, inSecond: 5, inMinute: 200 });
});

test('a 429 cuts the allowance to the share of the last second (at least half), the minute alike; climbs', async () => {
	const { throttle, run, now, setNow } = virtual(10, 600);
	const releases = await run(Promise.all([throttle.acquire(), throttle.acquire(), throttle.acquire()]));
	releases[0](200);
	releases[1](200);
	releases[2](429);
	// Two of this process's requests taken in the last second, but never below half the allowance;
	// the minute is taken to be shared as the second was.
	expect(throttle.allowance()).toEqual({ perSecond: 5, perMinute: 300 });
	const cutAt = now();
	setNow(cutAt + 5_000);
	expect(throttle.allowance()).toEqual({ perSecond: 5, perMinute: 300 });
	// Then the gap to the limits halves every 20 s.
	setNow(cutAt + 25_000);
	expect(throttle.allowance().perSecond).toBeCloseTo(7.5);
	expect(throttle.allowance().perMinute).toBeCloseTo(450);
	setNow(cutAt + 45_000);
	expect(throttle.allowance().perSecond).toBeCloseTo(8.75);
	setNow(cutAt + 100_000);
	expect(throttle.allowance()).toEqual({ perSecond: 10, perMinute: 600 });
});

test('a 429 with nothing taken in the last second (minute full): the minute allowance is what was taken', async () => {
	const { throttle, run, setNow, now } = virtual(10, 600);
	const taken = await run(Promise.all(Array.from({ length: 160 }, () => throttle.acquire())));
	taken.forEach((release) => release(200));
	setNow(now() + 5000);
	const refused = await run(throttle.acquire());
	refused(429);
	expect(throttle.allowance()).toEqual({ perSecond: 5, perMinute: 160 });
});

test('refusals alone: the allowance never drops below 1 per second nor a 16th of the minute', async () => {
	const { throttle, run, wait } = virtual(5, 200);
	for (let i = 0; i < 10; i++) {
		const done = await run(throttle.acquire());
		done(429);
		await run(wait(1));
	}
	expect(throttle.allowance().perSecond).toBe(1);
	expect(throttle.allowance().perMinute).toBeGreaterThanOrEqual(200 / 16);
	expect(throttle.allowance().perMinute).toBeLessThan(200);
});

test('after a cut the requests are spaced evenly at the allowed rate', async () => {
	const { throttle, starts, request, run, now } = virtual(4, 1000);
	const first = await run(throttle.acquire());
	first(429);
	const cutAt = now();
	await run(Promise.all(Array.from({ length: 4 }, () => request(0))));
	const gaps = starts.slice(1).map((t, i) => t - starts[i]);
	// 2 per second right after the cut: about 510 ms apart (the window's margin included), slowly shrinking.
	expect(starts[0] - cutAt).toBeGreaterThanOrEqual(500);
	for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(450);
});

test('a refused request does not count against the windows (the server did not count it)', async () => {
	const { throttle, run, now } = virtual(2, 6000);
	const a = await run(throttle.acquire());
	const b = await run(throttle.acquire());
	a(429);
	b(200);
	// One accepted in the window, allowance cut to 1/s: the next may go after the spacing, not after the window of two.
	expect(throttle.nextSlot() - now()).toBeLessThanOrEqual(1100);
});

describe('one budget per API host', () => {
	test('the same origin shares one budget whatever the path or credential; another host has its own', () => {
		const a = hostBudget('https://api.alteg.io/api/v1');
		const b = hostBudget('https://API.alteg.io/api/v1/');
		const c = hostBudget('https://api.yclients.com/api/v1');
		expect(b).toBe(a);
		expect(c).not.toBe(a);
		expect(apiHost('https://api.alteg.io:443/api/v1')).toBe('https://api.alteg.io');
	});

	test('two credentials on one host with different limits: the host at the highest, each at its own', () => {
		const url = 'http://127.0.0.1:9/api/v1';
		const slow = budgetOf({ baseUrl: url, maxRequestsPerSecond: 5, maxRequestsPerMinute: 200, key: 'slow' });
		const fast = budgetOf({ baseUrl: url, maxRequestsPerSecond: 100, maxRequestsPerMinute: 6000, key: 'fast' });
		expect(fast.host).toBe(slow.host);
		expect(slow.host.host.allowance()).toEqual({ perSecond: 100, perMinute: 6000 });
		expect(slow.host.credential('slow', 5, 200).allowance()).toEqual({ perSecond: 5, perMinute: 200 });
	});
});
