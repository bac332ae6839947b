/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
import { RequestThrottle, throttleTiming } from '../../nodes/Altegio/shared/throttle';

/** Largest number of times in any window of `windowMs` (a window is [t, t + windowMs)). */
function maxInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[i] - sorted[j] >= windowMs) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

/**
 * A throttle on virtual time: a discrete-event loop advances the clock to the next timer once all
 * promise work has settled, so a simulated minute takes milliseconds.
 */
function virtual(perSecond: number, perMinute: number) {
	let now = 0;
	const timers: Array<{ at: number; fire: () => void }> = [];
	const wait = (ms: number) => new Promise<void>((fire) => timers.push({ at: now + Math.max(0, ms), fire }));
	const throttle = new RequestThrottle(perSecond, perMinute, () => now, wait);
	const starts: number[] = [];
	/** One request: waits for its slot, records when it went, answers after `latency` ms. */
	const request = async (latency = 0) => {
		const done = await throttle.acquire();
		starts.push(now);
		if (latency > 0) await wait(latency);
		done();
	};
	const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
	/** Runs until every timer has fired and all promises settled. */
	const run = async <T>(work: Promise<T>): Promise<T> => {
		for (;;) {
			await settle();
			if (!timers.length) break;
			timers.sort((a, b) => a.at - b.at);
			const next = timers.shift()!;
			now = Math.max(now, next.at);
			next.fire();
		}
		return await work;
	};
	return { throttle, starts, request, run, wait, setNow: (t: number) => (now = t), now: () => now };
}

afterEach(() => {
	throttleTiming.scale = 1;
});

test('a burst never exceeds the per-second limit in any 1 s window, nor the per-minute one in any 60 s window', async () => {
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

test('the first requests start at once; the sixth waits for the window', async () => {
	const { starts, request, run } = virtual(5, 200);
	await run(Promise.all(Array.from({ length: 6 }, () => request(0))));
	expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
	expect(starts[5]).toBeGreaterThanOrEqual(1000);
	expect(starts[5]).toBeLessThan(1100);
});

test('a request counts from when its answer came back: a slow answer pushes the window', async () => {
	const { starts, request, run } = virtual(1, 100);
	// The first answer takes 300 ms: the server got it at some point before that, so the second
	// request goes a full second after the answer, not after the start.
	await run(Promise.all([request(300), request(0)]));
	expect(starts[0]).toBe(0);
	expect(starts[1]).toBeGreaterThanOrEqual(1300);
	expect(starts[1]).toBeLessThan(1400);
});

test('a request still in flight counts as arrived one second after it went (a hanging answer does not block)', async () => {
	const { starts, request, run } = virtual(1, 100);
	await run(Promise.all([request(30_000), request(0)]));
	expect(starts[1]).toBeGreaterThanOrEqual(2000);
	expect(starts[1]).toBeLessThan(2100);
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
