import { sleep } from 'n8n-workflow';

/**
 * Time scale of the limiter's windows: 1 means real seconds and minutes. Exported so a test can
 * run the limiter (against a sandbox whose windows are scaled alike) in a fraction of the time
 * with the same ratios. Nothing in the package changes it.
 */
export const throttleTiming = { scale: 1 };

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
/** Safety margins added to each window (scaled, but never under the floor: clocks tick in ms). */
const SECOND_MARGIN_MS = 20;
const MINUTE_MARGIN_MS = 250;
const MARGIN_FLOOR_MS = 2;
/**
 * A request still in flight is assumed to have reached the server at most this long after it was
 * let go (time in n8n's own request path plus the way there). Real time, never scaled.
 */
const ARRIVAL_BOUND_MS = 1000;

function windows(): { second: number; minute: number } {
	const scale = throttleTiming.scale > 0 ? throttleTiming.scale : 1;
	const margin = (ms: number) => Math.max(ms * scale, MARGIN_FLOOR_MS);
	return { second: SECOND_MS * scale + margin(SECOND_MARGIN_MS), minute: MINUTE_MS * scale + margin(MINUTE_MARGIN_MS) };
}

/** One request let through: when it was let go, and when its answer (or failure) came back. */
interface Sent {
	start: number;
	end: number | null;
}

/** The latest moment the server can have received the request (see ARRIVAL_BOUND_MS). */
function arrivedBy(sent: Sent): number {
	const bound = sent.start + ARRIVAL_BOUND_MS;
	return sent.end === null ? bound : Math.min(sent.end, bound);
}

/**
 * A sliding-window limiter: never more than `perSecond` requests in any 1 s window nor `perMinute`
 * in any 60 s window, as the server counts them (on arrival).
 *
 * The moment a request is let go is not the moment it leaves: n8n's request path runs on the same
 * event loop as every other item, so a busy process sends late, and a request counted from when
 * it was let go can arrive inside the next window. A request is therefore counted from when its
 * answer came back (it arrived before that), or at most ARRIVAL_BOUND_MS after it was let go.
 * Callers wait in a FIFO queue, so concurrent items (n8n starts them all at once) go in order.
 */
export class RequestThrottle {
	private sent: Sent[] = [];

	private readonly queue: Array<(done: () => void) => void> = [];

	private pausedUntil = 0;

	/** Times at which a wake-up is already scheduled. */
	private readonly wakeUps = new Set<number>();

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

	/** Stop every waiting and future caller until `until` (epoch ms), e.g. after a 429. */
	pause(until: number) {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	/**
	 * Waits until a request may go. The returned function must be called once the answer (or the
	 * failure) has arrived; calling it again does nothing.
	 */
	acquire(): Promise<() => void> {
		return new Promise((resolve) => {
			this.queue.push(resolve);
			this.pump();
		});
	}

	/** The earliest moment (epoch ms) the next request may go. */
	nextSlot(): number {
		const now = this.now();
		const { second, minute } = windows();
		// `sent` is in start order and arrivedBy(s) <= start + ARRIVAL_BOUND_MS: drop the old prefix.
		let old = 0;
		while (old < this.sent.length && this.sent[old].start + ARRIVAL_BOUND_MS + minute <= now) old++;
		if (old) this.sent.splice(0, old);
		let at = Math.max(now, this.pausedUntil);
		// Fewer requests than either limit in the last minute: nothing to wait for (and no sort).
		if (this.sent.length < Math.min(this.perSecond, this.perMinute)) return at;
		const arrivals = this.sent
			.map(arrivedBy)
			.filter((arrival) => arrival + minute > now)
			.sort((a, b) => b - a);
		if (arrivals.length >= this.perSecond) at = Math.max(at, arrivals[this.perSecond - 1] + second);
		if (arrivals.length >= this.perMinute) at = Math.max(at, arrivals[this.perMinute - 1] + minute);
		return at;
	}

	private pump() {
		while (this.queue.length) {
			const at = this.nextSlot();
			const now = this.now();
			if (at > now) {
				this.wakeUpAt(at);
				return;
			}
			const sent: Sent = { start: now, end: null };
			this.sent.push(sent);
			const resolve = this.queue.shift()!;
			resolve(() => {
				if (sent.end !== null) return;
				sent.end = this.now();
				// An answer can free a place earlier than planned.
				this.pump();
			});
		}
	}

	private wakeUpAt(at: number) {
		for (const pending of this.wakeUps) if (pending <= at) return;
		this.wakeUps.add(at);
		void this.wait(at - this.now()).then(() => {
			this.wakeUps.delete(at);
			this.pump();
		});
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
