/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Virtual time: a discrete-event loop advances the clock to the next timer once all promise work
 * has settled, so a simulated minute takes milliseconds. Several throttles may share one clock.
 */
export function virtualClock() {
	let now = 0;
	const timers: Array<{ at: number; seq: number; fire: () => void }> = [];
	let seq = 0;
	const wait = (ms: number) =>
		new Promise<void>((fire) => timers.push({ at: now + Math.max(0, ms), seq: seq++, fire }));
	const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
	/** Runs until every timer has fired and all promises settled. */
	const run = async <T>(work: Promise<T>): Promise<T> => {
		for (;;) {
			await settle();
			if (!timers.length) break;
			timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = timers.shift()!;
			now = Math.max(now, next.at);
			next.fire();
		}
		return await work;
	};
	return { now: () => now, setNow: (t: number) => (now = t), wait, run };
}
