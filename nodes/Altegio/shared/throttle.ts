import { sleep } from 'n8n-workflow';

/** Margins against arrival jitter on the server side: a slot is counted as a slightly longer window. */
const SECOND_WINDOW_MS = 1000 + 40;
const MINUTE_WINDOW_MS = 60_000 + 250;

/**
 * A sliding-window limiter: never more than `perSecond` request starts in any 1 s window nor
 * `perMinute` in any 60 s window. Slots are reserved in order, so concurrent callers (n8n starts
 * every input item at once) queue fairly without a timer of their own.
 */
export class RequestThrottle {
	private readonly starts: number[] = [];

	private pausedUntil = 0;

	constructor(
		private perSecond: number,
		private perMinute: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	setLimits(perSecond: number, perMinute: number) {
		this.perSecond = Math.max(1, Math.floor(perSecond));
		this.perMinute = Math.max(1, Math.floor(perMinute));
	}

	/** Stop every caller until `until` (epoch ms), e.g. after a 429 with Retry-After. */
	pause(until: number) {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	/** Reserves the earliest slot that keeps both windows within their limits, then waits for it. */
	async acquire(): Promise<void> {
		const slot = this.reserve();
		const delay = slot - this.now();
		if (delay > 0) await this.wait(delay);
		// A pause that arrived while waiting (a 429 elsewhere) moves this slot too.
		if (this.pausedUntil > slot) await this.acquire();
	}

	/** Reserves the next start time (epoch ms) that keeps both windows within their limits. */
	reserve(): number {
		const now = this.now();
		this.forget(now);
		const { starts } = this;
		let slot = Math.max(now, this.pausedUntil, starts[starts.length - 1] ?? 0);
		if (starts.length >= this.perSecond) {
			slot = Math.max(slot, starts[starts.length - this.perSecond] + SECOND_WINDOW_MS);
		}
		if (starts.length >= this.perMinute) {
			slot = Math.max(slot, starts[starts.length - this.perMinute] + MINUTE_WINDOW_MS);
		}
		starts.push(slot);
		return slot;
	}

	private forget(now: number) {
		const horizon = now - MINUTE_WINDOW_MS;
		let drop = 0;
		while (drop < this.starts.length && this.starts[drop] <= horizon) drop++;
		if (drop) this.starts.splice(0, drop);
	}
}

const throttles = new Map<string, RequestThrottle>();

/** One throttle per credential for the whole process: all items, executions and nodes share it. */
export function throttleFor(key: string, perSecond: number, perMinute: number): RequestThrottle {
	let throttle = throttles.get(key);
	if (!throttle) {
		throttle = new RequestThrottle(perSecond, perMinute);
		throttles.set(key, throttle);
	}
	throttle.setLimits(perSecond, perMinute);
	return throttle;
}
