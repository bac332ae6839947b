import { RequestThrottle } from '../../nodes/Altegio/shared/throttle';

/** Largest number of starts in any window of `windowMs` (a window is [t, t + windowMs)). */
function maxInWindow(starts: number[], windowMs: number): number {
	const sorted = [...starts].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[i] - sorted[j] >= windowMs) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

/** A throttle on virtual time: the start times it hands out are recorded, nothing sleeps. */
function virtualThrottle(perSecond: number, perMinute: number) {
	let now = 0;
	const starts: number[] = [];
	const throttle = new RequestThrottle(perSecond, perMinute, () => now, async () => {});
	const acquire = async () => {
		starts.push(throttle.reserve());
	};
	return { throttle, starts, acquire, setNow: (t: number) => (now = t) };
}

test('a burst never exceeds the per-second limit in any 1 s window, nor the per-minute one in any 60 s window', async () => {
	const { starts, acquire } = virtualThrottle(5, 200);
	await Promise.all(Array.from({ length: 1000 }, acquire));
	expect(starts).toHaveLength(1000);
	expect(maxInWindow(starts, 1000)).toBe(5);
	expect(maxInWindow(starts, 60_000)).toBe(200);
	// Not slower than the windows force: each minute's 200 go out 5 per second (39 steps), then
	// the next 200 follow the first ones by a minute; only the small safety margins are added.
	const span = Math.max(...starts) - Math.min(...starts);
	expect(span).toBeGreaterThanOrEqual(4 * 60_000 + 39 * 1000);
	expect(span).toBeLessThanOrEqual(4 * 60_250 + 39 * 1040);
});

test('the first requests start at once; the sixth waits for the window', async () => {
	const { starts, acquire } = virtualThrottle(5, 200);
	await Promise.all(Array.from({ length: 6 }, acquire));
	expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
	expect(starts[5]).toBeGreaterThanOrEqual(1000);
	expect(starts[5]).toBeLessThan(1100);
});

test('a pause (after a 429) holds every caller until it ends, also one already waiting', async () => {
	let now = 0;
	const waits: number[] = [];
	const throttle = new RequestThrottle(5, 200, () => now, async (ms) => {
		waits.push(ms);
		// While the first caller waits, a 429 elsewhere pauses everything.
		if (waits.length === 1) throttle.pause(3000);
		now += ms;
	});
	throttle.pause(500);
	await throttle.acquire();
	expect(now).toBeGreaterThanOrEqual(3000);
	expect(waits[0]).toBe(500);
});

test('old starts are forgotten once outside both windows', async () => {
	const { starts, acquire, setNow } = virtualThrottle(2, 3);
	await Promise.all(Array.from({ length: 3 }, acquire));
	setNow(120_000);
	await acquire();
	expect(starts.at(-1)).toBe(120_000);
});

test('changed limits apply to the next reservation', async () => {
	const { throttle, starts, acquire } = virtualThrottle(1, 100);
	throttle.setLimits(10, 100);
	await Promise.all(Array.from({ length: 10 }, acquire));
	expect(maxInWindow(starts, 1000)).toBe(10);
	expect(Math.max(...starts)).toBe(0);
});
