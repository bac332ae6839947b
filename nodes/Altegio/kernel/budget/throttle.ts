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
/**
 * Adapting to a limit shared with other processes (other n8n workers behind the same IP): a 429
 * cuts this process's allowance to its share (see limited), never below these floors; after a
 * hold it climbs back to the configured limits (see climb).
 */
const MIN_RATE_PER_SECOND = 1;
const MIN_MINUTE_SHARE = 1 / 16;
/** The minute's places kept for requests other than a bulk run's (see minuteReserve). */
const MINUTE_RESERVE_SHARE = 1 / 40;
/**
 * A 429 cuts the allowance by a quarter at least: a process that had the limit to itself sees most of
 * the last second as its own, yet the newcomer that was refused needs room too.
 */
const KEEP_AT_MOST = 0.75;
/** Seconds the allowance stays at its cut before it climbs. */
const HOLD_STEPS = 5;
/** Seconds in which the climb halves the gap between the allowance and the limits. */
const HALF_LIFE_STEPS = 20;
/** A gap smaller than this share of the limits is closed at once. */
const CLOSE_ENOUGH = 0.02;

/**
 * The allowance (a share of the limits) `steps` seconds after a cut to `share`: held for
 * HOLD_STEPS, then the gap to the limits halves every HALF_LIFE_STEPS. Processes that share a
 * limit come close to it again slowly (few 429s), and the one left with less closes its gap faster
 * in absolute terms, so their shares even out from cut to cut (none finishes long after the
 * others); a process whose partners went quiet is back to its limits within two minutes.
 */
function climb(share: number, steps: number): number {
	if (steps <= HOLD_STEPS) return share;
	const gap = (1 - share) * 2 ** (-Math.max(0, steps - HOLD_STEPS) / HALF_LIFE_STEPS);
	return gap < CLOSE_ENOUGH ? 1 : 1 - gap;
}

function scaled(ms: number): number {
	return ms * (throttleTiming.scale > 0 ? throttleTiming.scale : 1);
}

function windows(): { second: number; minute: number } {
	const margin = (ms: number) => Math.max(scaled(ms), MARGIN_FLOOR_MS);
	return { second: scaled(SECOND_MS) + margin(SECOND_MARGIN_MS), minute: scaled(MINUTE_MS) + margin(MINUTE_MARGIN_MS) };
}

/** One request let through: when it was let go, and when its answer (or failure) came back. */
interface Sent {
	start: number;
	end: number | null;
	/** Answered 429: the server refused it and does not count it against its windows. */
	refused?: boolean;
}

/** The latest moment the server can have received the request (see ARRIVAL_BOUND_MS). */
function arrivedBy(sent: Sent): number {
	const bound = sent.start + ARRIVAL_BOUND_MS;
	return sent.end === null ? bound : Math.min(sent.end, bound);
}

/**
 * Called once the answer (or the failure) of a request has arrived, with its HTTP status when
 * there was one: 429 tells the budget that the server's limit was hit. Calling it again does nothing.
 */
export type Release = (status?: number) => void;

/**
 * A sliding-window limiter: never more than `perSecond` requests in any 1 s window nor `perMinute`
 * in any 60 s window, as the server counts them (on arrival).
 *
 * The moment a request is let go is not the moment it leaves: n8n's request path runs on the same
 * event loop as every other item, so a busy process sends late, and a request counted from when
 * it was let go can arrive inside the next window. A request is therefore counted from when its
 * answer came back (it arrived before that), or at most ARRIVAL_BOUND_MS after it was let go.
 * Callers wait in a FIFO queue, so concurrent items (n8n starts them all at once) go in order.
 *
 * The limits are per IP, and other processes (n8n workers) may share the IP without any shared
 * store: a 429 cuts the allowance to this process's share, which then climbs back, so several
 * processes settle on the shared limit between them. Below the configured per-second limit the
 * requests are also spaced evenly, so the allowance can be a fraction of a request per second.
 */
export class RequestThrottle {
	private sent: Sent[] = [];

	private readonly queue: Array<(release: Release) => void> = [];

	private pausedUntil = 0;

	/** Times at which a wake-up is already scheduled. */
	private readonly wakeUps = new Set<number>();

	/**
	 * The last cut of the allowance, as shares of the configured limits; the allowance climbs back
	 * from there with time. A 429 for a request let go before the cut does not cut again.
	 */
	private cut = { at: -Infinity, rateShare: 1, minuteShare: 1 };

	private lastStart = -Infinity;

	constructor(
		private perSecond: number,
		private perMinute: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.setLimits(perSecond, perMinute);
	}

	/** The configured limits: the ceiling the allowance climbs back to. */
	setLimits(perSecond: number, perMinute: number) {
		this.perSecond = Math.max(1, Math.floor(perSecond) || 1);
		this.perMinute = Math.max(1, Math.floor(perMinute) || 1);
	}

	/** The current allowance (below the configured limits for a while after a 429). */
	allowance(): { perSecond: number; perMinute: number } {
		const steps = Math.max(0, Math.floor((this.now() - this.cut.at) / scaled(SECOND_MS)));
		const { cut } = this;
		const rate = climb(cut.rateShare, steps) * this.perSecond;
		const minute = climb(cut.minuteShare, steps) * this.perMinute;
		return { perSecond: Math.max(Math.min(MIN_RATE_PER_SECOND, this.perSecond), rate), perMinute: minute };
	}

	/** Stop every waiting and future caller until `until` (epoch ms), e.g. after a 429. */
	pause(until: number) {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	/** Waits until a request may go; the returned function must be called once its answer arrived. */
	acquire(): Promise<Release> {
		return new Promise((resolve) => {
			this.queue.push(resolve);
			this.pump();
		});
	}

	/**
	 * Places of the minute window held back from a caller that has used its share of them lately (a
	 * bulk run), so that a request from elsewhere (another execution, the editor) finds one free even
	 * when the bulk run has filled the minute: a 40th of the per-minute limit, none below 40 a minute.
	 */
	minuteReserve(): number {
		return Math.floor(this.perMinute * MINUTE_RESERVE_SHARE);
	}

	/** The length of the minute window (scaled, its margin included), for callers that count their own. */
	minuteWindow(): number {
		return windows().minute;
	}

	/**
	 * The earliest moment (epoch ms) the next request may go; `reserve` places of the minute window
	 * stay free (see minuteReserve), unless a 429 has cut the minute's allowance below them already.
	 */
	nextSlot(reserve = 0): number {
		const now = this.now();
		const { second, minute } = windows();
		// `sent` is in start order and arrivedBy(s) <= start + ARRIVAL_BOUND_MS: drop the old prefix.
		let old = 0;
		while (old < this.sent.length && this.sent[old].start + ARRIVAL_BOUND_MS + minute <= now) old++;
		if (old) this.sent.splice(0, old);
		let at = Math.max(now, this.pausedUntil);
		const allowance = this.allowance();
		// Below the configured limits the requests go evenly spaced rather than in bursts, no faster than
		// the minute's allowance spread over the minute.
		if (allowance.perSecond < this.perSecond || allowance.perMinute < this.perMinute) {
			const rate = Math.min(allowance.perSecond, (allowance.perMinute * second) / minute);
			at = Math.max(at, this.lastStart + second / rate);
		}
		const perMinute = Math.max(1, Math.min(Math.floor(allowance.perMinute), this.perMinute - reserve));
		// Fewer requests than either limit in the last minute: nothing to wait for (and no sort).
		if (this.sent.length < Math.min(this.perSecond, perMinute)) return at;
		const arrivals = this.sent
			.filter((sent) => !sent.refused)
			.map(arrivedBy)
			.filter((arrival) => arrival + minute > now)
			.sort((a, b) => b - a);
		if (arrivals.length >= this.perSecond) at = Math.max(at, arrivals[this.perSecond - 1] + second);
		if (arrivals.length >= perMinute) at = Math.max(at, arrivals[perMinute - 1] + minute);
		return at;
	}

	/** When to look again for a request that may not go yet (`at`): sooner while the allowance climbs. */
	wakeTime(at: number): number {
		const now = this.now();
		const { perSecond, perMinute } = this.allowance();
		const climbing = perSecond < this.perSecond || perMinute < this.perMinute;
		return climbing ? Math.min(at, now + scaled(SECOND_MS)) : at;
	}

	/**
	 * Counts a request let go now (the caller checked nextSlot). The returned function records its
	 * answer; a 429 cuts the allowance when `adaptive` (the host's budget), else only marks it refused.
	 */
	take(adaptive = true): Release {
		const sent: Sent = { start: this.now(), end: null };
		this.sent.push(sent);
		this.lastStart = sent.start;
		return (status) => {
			if (sent.end !== null) return;
			sent.end = this.now();
			if (status === 429) {
				sent.refused = true;
				if (adaptive) this.limited(sent);
			}
		};
	}

	private pump() {
		while (this.queue.length) {
			const at = this.nextSlot();
			if (at > this.now()) {
				this.wakeUpAt(this.wakeTime(at));
				return;
			}
			const done = this.take();
			const resolve = this.queue.shift()!;
			resolve((status) => {
				done(status);
				// An answer can free a place earlier than planned.
				this.pump();
			});
		}
	}

	/** Multiplicative decrease, once per round: answers to requests let go before the cut are old news. */
	private limited(sent: Sent) {
		if (sent.start <= this.cut.at) return;
		const now = this.now();
		const { second, minute } = windows();
		const current = this.allowance();
		const accepted = (window: number) => this.sent.filter((s) => !s.refused && arrivedBy(s) + window > now).length;
		// What the server took from this process in the window that refused is its share of a limit
		// shared with other processes (learnt from the 429, not only guessed by halving); never less
		// than half the allowance, so one stray 429 costs a sparse sender little. The minute is taken to
		// be shared as the second was (else each process fills the minute as if alone, and all meet
		// 429s once the server's minute is full). Nothing taken in the last second after a busy minute
		// means the minute is full: keep the minute's share.
		const inSecond = accepted(second);
		const kept = accepted(minute);
		const minuteFull = inSecond === 0 && kept >= current.perMinute / 4;
		const half = current.perSecond / 2;
		const rate = minuteFull ? half : Math.min(current.perSecond * KEEP_AT_MOST, Math.max(half, inSecond));
		const perMinute = minuteFull
			? Math.min(current.perMinute, Math.max(kept, MIN_MINUTE_SHARE * this.perMinute))
			: Math.min(current.perMinute, (rate / this.perSecond) * this.perMinute);
		this.cut = {
			at: now,
			rateShare: rate / this.perSecond,
			minuteShare: perMinute / this.perMinute,
		};
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

/** The API host of a Base URL (its origin): the limits are per IP, so per host is the closest we know. */
export function apiHost(baseUrl: string): string {
	try {
		return new URL(baseUrl).origin.toLowerCase();
	} catch {
		return baseUrl.trim().toLowerCase();
	}
}
