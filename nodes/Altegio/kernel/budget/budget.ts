import { sleep } from 'n8n-workflow';

import { StoppedError, cancelSignalOf, originalOf } from '../transport/wire';
import type { Release } from './throttle';
import { RequestThrottle, apiHost } from './throttle';

/**
 * The request budget, and waiting for it in a way Stop ends. The only place that picks the
 * throttle: every request the package sends (operations, sign-ins, resends, the credential test,
 * list searches, polls) takes its slot through here.
 *
 * The rule (issue 23). Altegio limits requests per IP, and every customer shares `api.alteg.io`,
 * so one n8n process sending with several credentials shares one host budget; but a credential's
 * limits describe that credential, not the others. So:
 * - each credential is held to its own limits (Max Requests per Second/Minute), and only to them;
 * - the host budget runs at the highest limits any credential asked for in the last 5 minutes, and
 *   adapts to 429 answers (a 429 cuts it to this process's share, it climbs back: throttle.ts), so when the
 *   host refuses, everyone sending to it slows down together;
 * - waiting requests are served round robin: one request from each (credential, execution) in turn,
 *   so a 100-item run cannot hold back another execution's single Get; interactive work (the
 *   credential test, pickers, list searches) goes ahead of any bulk run;
 * - a run that has filled most of a minute keeps off its last places (a 40th of the limit, see
 *   heavy), so another execution's single request does not wait for the minute to pass.
 */

/** Limits asked for by a credential are remembered this long (the highest recent one sizes the host). */
const LIMITS_MEMORY_MS = 5 * 60_000;
/** Credentials idle this long are forgotten (their windows are long past). */
const IDLE_MS = 2 * 60_000;
/** The longest single sleep of a wait for the next slot (see wakeAt). */
const WAKE_SLICE_MS = 1000;

export type Lane = 'interactive' | 'bulk';

export interface Credential {
	baseUrl: string;
	maxRequestsPerSecond: number;
	maxRequestsPerMinute: number;
	/** The account the credential acts as (requestCredentials.ts credentialKey); default: its limits. */
	key?: string;
}

interface Waiter {
	resolve: (release: Release) => void;
}

interface Line {
	credential: string;
	waiters: Waiter[];
}

interface Own {
	throttle: RequestThrottle;
	usedAt: number;
}

const limit = (n: number, fallback: number) => Math.max(1, Math.floor(Number(n)) || fallback);

/** The budget of one API host in this process: the host's throttle, each credential's own, the queue. */
export class HostBudget {
	readonly host: RequestThrottle;

	private readonly own = new Map<string, Own>();

	private readonly asked = new Map<string, number>();

	/** Waiting requests by lane, each lane a round-robin of lines (one per credential and execution). */
	private readonly lanes: Record<Lane, Map<string, Line>> = { interactive: new Map(), bulk: new Map() };

	/** When each line (credential and execution) took its slots in the last minute (see heavy). */
	private readonly recent = new Map<string, number[]>();

	private wakeUp: number | undefined;

	constructor(
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.host = new RequestThrottle(1, 1, now, wait);
	}

	/** The throttle holding one credential to its own limits; the host grows to the highest asked. */
	credential(key: string, perSecond: number, perMinute: number): RequestThrottle {
		const second = limit(perSecond, 5);
		const minute = limit(perMinute, 200);
		const now = this.now();
		let own = this.own.get(key);
		if (!own) {
			own = { throttle: new RequestThrottle(second, minute, this.now, this.wait), usedAt: now };
			this.own.set(key, own);
		}
		own.throttle.setLimits(second, minute);
		own.usedAt = now;
		this.asked.set(`${second}/${minute}`, now);
		let highestSecond = 1;
		let highestMinute = 1;
		for (const [limits, at] of this.asked) {
			if (at + LIMITS_MEMORY_MS < now) {
				this.asked.delete(limits);
				continue;
			}
			const [s, m] = limits.split('/').map(Number);
			highestSecond = Math.max(highestSecond, s);
			highestMinute = Math.max(highestMinute, m);
		}
		this.host.setLimits(highestSecond, highestMinute);
		return own.throttle;
	}

	/**
	 * Waits for one slot of the credential `key` (see credential()), in the line `line` of `lane`.
	 * When `signal` aborts first, the request leaves the queue (taking no slot) and this rejects.
	 */
	acquire(key: string, line: string, lane: Lane = 'bulk', signal?: AbortSignal): Promise<Release> {
		return new Promise((resolve, reject) => {
			const id = `${key}\n${line}`;
			const lines = this.lanes[lane];
			let queued = lines.get(id);
			if (!queued) {
				queued = { credential: key, waiters: [] };
				lines.set(id, queued);
			}
			const waiter: Waiter = { resolve };
			if (signal) {
				if (signal.aborted) return reject(new StoppedError());
				const onAbort = () => {
					const current = lines.get(id);
					const at = current ? current.waiters.indexOf(waiter) : -1;
					if (at < 0) return;
					current!.waiters.splice(at, 1);
					if (!current!.waiters.length) lines.delete(id);
					reject(new StoppedError());
				};
				signal.addEventListener('abort', onAbort, { once: true });
				waiter.resolve = (release) => {
					signal.removeEventListener('abort', onAbort);
					resolve(release);
				};
			}
			queued.waiters.push(waiter);
			this.pump();
		});
	}

	/** Requests waiting now (for tests). */
	waiting(): number {
		let n = 0;
		for (const lines of Object.values(this.lanes)) for (const line of lines.values()) n += line.waiters.length;
		return n;
	}

	/**
	 * A line that took its credential's minute reserve (minuteReserve, at least one) in the last
	 * minute is a bulk run: it may not take the reserved places, so a request from another line
	 * finds one even when the run has filled the minute. The run keeps all the rest of the minute.
	 */
	private heavy(id: string, own: RequestThrottle, now: number): boolean {
		const times = this.recent.get(id);
		if (!times) return false;
		let old = 0;
		while (old < times.length && times[old] + this.host.minuteWindow() <= now) old++;
		if (old) times.splice(0, old);
		if (!times.length) this.recent.delete(id);
		return times.length >= Math.max(1, own.minuteReserve());
	}

	private pump() {
		for (;;) {
			const now = this.now();
			const hostAt = this.host.nextSlot();
			const hostHeavyAt = this.host.nextSlot(this.host.minuteReserve());
			let earliest = Infinity;
			let picked: { lines: Map<string, Line>; id: string; line: Line } | undefined;
			for (const lines of [this.lanes.interactive, this.lanes.bulk]) {
				for (const [id, line] of lines) {
					const own = this.own.get(line.credential)!;
					const at = this.heavy(id, own.throttle, now)
						? Math.max(hostHeavyAt, own.throttle.nextSlot(own.throttle.minuteReserve()))
						: Math.max(hostAt, own.throttle.nextSlot());
					if (at <= now) {
						picked = { lines, id, line };
						break;
					}
					// Both wake times are after now: waking when only the host is free would spin.
					earliest = Math.min(earliest, own.throttle.wakeTime(at), this.host.wakeTime(at));
				}
				if (picked) break;
			}
			if (!picked) {
				if (earliest < Infinity) this.wakeAt(earliest);
				this.forgetIdle(now);
				return;
			}
			const { lines, id, line } = picked;
			const waiter = line.waiters.shift()!;
			// Round robin: the line goes to the back (Map order is insertion order).
			lines.delete(id);
			if (line.waiters.length) lines.set(id, line);
			const own = this.own.get(line.credential)!;
			own.usedAt = now;
			const times = this.recent.get(id);
			if (times) times.push(now);
			else this.recent.set(id, [now]);
			const hostDone = this.host.take();
			const ownDone = own.throttle.take(false);
			waiter.resolve((status) => {
				hostDone(status);
				ownDone(status);
				// An answer can free a place earlier than planned.
				this.pump();
			});
		}
	}

	/**
	 * Pumps again at `at`, sleeping a second at a time: once no request waits (all stopped or past their
	 * deadline), no timer is left behind (n8n-workflow's sleep cannot be cancelled; a minute's wait
	 * would keep n8n's process, and a test worker, alive after the run).
	 */
	private wakeAt(at: number) {
		if (this.wakeUp !== undefined && this.wakeUp <= at) return;
		this.wakeUp = at;
		const tick = () => {
			if (this.wakeUp !== at) return;
			const left = at - this.now();
			if (left > 0 && this.waiting()) return void this.wait(Math.min(left, WAKE_SLICE_MS)).then(tick);
			this.wakeUp = undefined;
			this.pump();
		};
		void this.wait(Math.min(Math.max(0, at - this.now()), WAKE_SLICE_MS)).then(tick);
	}

	private forgetIdle(now: number) {
		const window = this.host.minuteWindow();
		for (const [id, times] of this.recent) if (times[times.length - 1] + window <= now) this.recent.delete(id);
		if (this.waiting()) return;
		for (const [key, own] of this.own) if (own.usedAt + IDLE_MS < now) this.own.delete(key);
	}
}

const budgets = new Map<string, HostBudget>();

/** The one budget of an API host, shared by every execution in this n8n process (module state). */
export function hostBudget(baseUrl: string): HostBudget {
	const host = apiHost(baseUrl);
	let budget = budgets.get(host);
	if (!budget) {
		budget = new HostBudget();
		budgets.set(host, budget);
	}
	return budget;
}

/** One credential's view of its host's budget: what the transport takes slots from. */
export interface Budget {
	host: HostBudget;
	key: string;
	/** Stop the whole host until `until` (epoch ms): a 429 with a wait. */
	pause(until: number): void;
}

export function budgetOf(credential: Credential): Budget {
	const host = hostBudget(credential.baseUrl);
	const second = limit(credential.maxRequestsPerSecond, 5);
	const minute = limit(credential.maxRequestsPerMinute, 200);
	const key = credential.key ?? `limits ${second}/${minute}`;
	host.credential(key, second, minute);
	return { host, key, pause: (until) => host.host.pause(until) };
}

/** Which line a context's requests wait in: its execution's, else its own (a picker, a poll). */
const contextLines = new WeakMap<object, string>();
let contextCount = 0;

function lineOf(view: object): string {
	const ctx = originalOf(view);
	const id = (ctx as { getExecutionId?: () => string | undefined }).getExecutionId?.();
	if (id) return `execution ${id}`;
	let line = contextLines.get(ctx);
	if (!line) contextLines.set(ctx, (line = `context ${++contextCount}`));
	return line;
}

/** Pickers and list searches (the editor waits for them) have getCurrentNodeParameter; nothing else does. */
export function laneOf(ctx: object): Lane {
	return typeof (ctx as { getCurrentNodeParameter?: unknown }).getCurrentNodeParameter === 'function'
		? 'interactive'
		: 'bulk';
}

/** Waits for `count` slots (released together by the returned function); Stop ends the wait. */
export async function takeSlots(budget: Budget, ctx: object, count = 1, lane: Lane = laneOf(ctx)): Promise<Release> {
	const releases: Release[] = [];
	// The answer's status (a 429 slows the host's budget down) goes with the last slot taken.
	const releaseAll: Release = (status) => releases.forEach((release, i) => release(i === 0 ? status : undefined));
	const line = lineOf(ctx);
	for (let i = 0; i < count; i++) {
		// Only Stop (or the poll's deadline) ends the wait: the slots already taken go back unused.
		const release = await budget.host.acquire(budget.key, line, lane, cancelSignalOf(ctx)).catch(() => undefined);
		if (!release) {
			releaseAll();
			throw new StoppedError();
		}
		releases.push(release);
	}
	return releaseAll;
}
