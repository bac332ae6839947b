/**
 * Whose turn it is in one host's budget (issue 26): several executions of one credential, on
 * virtual time. Assertions are on the order of the slots given and on counts, never on durations.
 */
import { HostBudget } from '../../nodes/Altegio/kernel/budget';
import { virtualClock } from './virtualClock';

/** A budget on virtual time with one credential; `grants` records which line got each slot, in order. */
function budget(perSecond: number, perMinute: number) {
	const clock = virtualClock();
	const host = new HostBudget(clock.now, clock.wait);
	host.credential('account', perSecond, perMinute);
	const grants: Array<{ line: string; at: number }> = [];
	/** One request of `line`: waits for its slot, answers at once. */
	const request = async (line: string) => {
		const release = await host.acquire('account', line);
		grants.push({ line, at: clock.now() });
		release(200);
	};
	/** `count` requests of `line` queued at once, after `afterMs`. */
	const run = async (line: string, count: number, afterMs = 0) => {
		if (afterMs) await clock.wait(afterMs);
		await Promise.all(Array.from({ length: count }, () => request(line)));
	};
	return { host, grants, run, clock };
}

/** Most grants in any window of `ms`. */
function busiest(times: number[], ms: number): number {
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

test("another execution's single request goes next, not after a 100-request run's queue", async () => {
	const { grants, run, clock } = budget(5, 200);
	// The single request comes 2 s in, when the run has about 90 of its requests still queued.
	await clock.run(Promise.all([run('execution 1', 100), run('execution 2', 1, 2000)]));
	const single = grants.findIndex((g) => g.line === 'execution 2');
	const queuedBefore = grants.filter((g) => g.line === 'execution 1' && g.at < 2000).length;
	expect(queuedBefore).toBeLessThan(20);
	// At most one of the run's requests (the slot already due) between its arrival and its turn.
	expect(single - queuedBefore).toBeLessThanOrEqual(1);
	expect(grants).toHaveLength(101);
});

test('a run that fills the minute leaves a 40th of it: another execution need not wait for the minute', async () => {
	const { grants, run, clock } = budget(5, 200);
	// 250 requests fill the minute within 40 s; the single request comes at 45 s, while the run waits.
	await clock.run(Promise.all([run('execution 1', 250), run('execution 2', 1, 45_000)]));
	const single = grants.findIndex((g) => g.line === 'execution 2');
	const before = grants.slice(0, single);
	// The run took all of the minute but its reserve (200 - 200/40) before the single request went;
	// without the reserve it would have taken all 200, and the single request waited for the minute.
	expect(before.every((g) => g.line === 'execution 1')).toBe(true);
	expect(before).toHaveLength(195);
	// Never above the limits, and the run is not starved: all of it went.
	const times = grants.map((g) => g.at);
	expect(busiest(times, 60_000)).toBeLessThanOrEqual(200);
	expect(busiest(times, 1000)).toBeLessThanOrEqual(5);
	expect(grants.filter((g) => g.line === 'execution 1')).toHaveLength(250);
});

test('the reserve is for lines that used little of the minute: two busy runs share the rest', async () => {
	const { grants, run, clock } = budget(5, 200);
	// Two runs of 150 at once share the minute round robin; neither takes the reserved places.
	await clock.run(Promise.all([run('execution 1', 150), run('execution 2', 150)]));
	const times = grants.map((g) => g.at);
	const firstMinute = grants.filter((g) => g.at < grants[0].at + 60_000);
	expect(firstMinute.length).toBeLessThanOrEqual(195);
	expect(busiest(times, 60_000)).toBeLessThanOrEqual(200);
	// In turn: in the first minute each run got about half (give or take the reserve's places).
	const first = firstMinute.filter((g) => g.line === 'execution 1').length;
	expect(Math.abs(2 * first - firstMinute.length)).toBeLessThanOrEqual(5);
});

test('below 40 a minute there is no reserve: a small limit is not cut further', async () => {
	const { grants, run, clock } = budget(5, 30);
	await clock.run(run('execution 1', 31));
	const times = grants.map((g) => g.at);
	expect(grants.filter((g) => g.at < 60_000)).toHaveLength(30);
	expect(busiest(times, 60_000)).toBeLessThanOrEqual(30);
});

test("a credential below the host's limits waits for its own slot without spinning", async () => {
	const clock = virtualClock();
	let wakeUps = 0;
	// A budget that never stops waking would loop here for ever: stop counting (and fail) after 10,000.
	const wait = (ms: number) => (++wakeUps > 10_000 ? new Promise<void>(() => {}) : clock.wait(ms));
	const host = new HostBudget(clock.now, wait);
	host.credential('fast', 20, 1000);
	host.credential('slow', 5, 200);
	const release = async () => (await host.acquire('slow', 'execution 1'))(200);
	await clock.run(Promise.all(Array.from({ length: 20 }, release)));
	expect(host.waiting()).toBe(0);
	// One wake-up per window the slow credential waits for, give or take: not one per millisecond.
	expect(wakeUps).toBeLessThanOrEqual(20);
});
