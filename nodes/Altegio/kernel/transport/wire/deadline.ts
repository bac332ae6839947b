import { sleep } from 'n8n-workflow';

/**
 * Deadlines and Stop. n8n's `timeout` request option is a socket idle timeout: every byte restarts
 * it, so a server that trickles a byte now and then holds a request forever. Each try here gets an
 * AbortSignal that fires at a fixed moment (the deadline) or when the user stops the execution,
 * whichever comes first; the abort also ends the reading of the body.
 */

/**
 * Deadline of one try when Request Options > Timeout is not set. Altegio answers in well under a
 * second; 30 s leaves room for a slow page of 200 clients on a slow link, and keeps the whole
 * operation (5 tries, see retryPolicy) within about 3 minutes instead of n8n's 300 s per try.
 */
export const DEFAULT_DEADLINE_MS = 30_000;

/** The longest delay Node's timers take (2^31 - 1 ms, about 24.8 days); beyond it they fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** What a stopped execution's requests fail with; recognised so that nothing retries after Stop. */
export const STOPPED = 'The execution was canceled (Stop): no further request was sent to Altegio';

export class StoppedError extends Error {
	constructor() {
		super(STOPPED);
		this.name = 'StoppedError';
	}
}

/** The execution's cancel signal, where the context has one (executions; not list searches or polls). */
export function cancelSignalOf(ctx: object): AbortSignal | undefined {
	const get = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	return typeof get === 'function' ? get.call(ctx) : undefined;
}

const ORIGINAL = Symbol('the context itself');

/** The context behind a view made by withCancel (the key of what is kept per context). */
export function originalOf<T extends object>(ctx: T): T {
	return ((ctx as Record<symbol, unknown>)[ORIGINAL] as T | undefined) ?? ctx;
}

/**
 * A view of the context whose cancel signal also fires with `signal` (a poll's deadline): every
 * wait and try of the request then ends with it, as on Stop. Otherwise the context itself.
 */
export function withCancel<T extends object>(ctx: T, signal: AbortSignal): T {
	const own = cancelSignalOf(ctx);
	const combined = own ? AbortSignal.any([own, signal]) : signal;
	return new Proxy(ctx, {
		has: (target, key) => key === 'getExecutionCancelSignal' || key in target,
		get: (target, key) => {
			if (key === ORIGINAL) return originalOf(target);
			if (key === 'getExecutionCancelSignal') return () => combined;
			const value = Reflect.get(target, key, target) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/** `work`, or a StoppedError as soon as `signal` fires (the work itself goes on, unobserved). */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return await work;
	if (signal.aborted) throw new StoppedError();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(new StoppedError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** Throws once the user pressed Stop: called before every request, wait and page. */
export function throwIfStopped(ctx: object): void {
	if (cancelSignalOf(ctx)?.aborted) throw new StoppedError();
}

export function isStopped(error: unknown): boolean {
	return error instanceof StoppedError || (error as Error | undefined)?.message?.includes(STOPPED) === true;
}

/**
 * The longest single timer of a wait. Stop ends a wait at once, but n8n-workflow's `sleep` cannot
 * be cancelled (its `sleepWithAbort` is not in every n8n line: 2.x dropped it), so a whole 60 s
 * Retry-After would stay scheduled in n8n's process after Stop; in slices, at most one second does.
 */
export const SLEEP_SLICE_MS = 1000;

/** Waits `ms`, or throws StoppedError as soon as the execution is stopped. */
export async function stoppableSleep(ctx: object, ms: number): Promise<void> {
	const cancel = cancelSignalOf(ctx);
	for (let left = ms; left > 0; left -= SLEEP_SLICE_MS) {
		throwIfStopped(ctx);
		await new Promise<void>((resolve) => {
			const done = () => {
				cancel?.removeEventListener('abort', done);
				resolve();
			};
			cancel?.addEventListener('abort', done, { once: true });
			void sleep(Math.min(left, SLEEP_SLICE_MS)).then(done);
		});
	}
	throwIfStopped(ctx);
}

/** One try's deadline: fires at `ms` from now or on Stop. */
export interface TryDeadline {
	signal: AbortSignal;
	/** The deadline (not Stop) ended the try. */
	expired(): boolean;
	stopped(): boolean;
}

export function tryDeadline(ctx: object, ms: number): TryDeadline {
	const timer = AbortSignal.timeout(ms);
	const cancel = cancelSignalOf(ctx);
	const signal = cancel ? AbortSignal.any([timer, cancel]) : timer;
	return {
		signal,
		expired: () => timer.aborted && !cancel?.aborted,
		stopped: () => cancel?.aborted === true,
	};
}

/**
 * n8n's httpRequestWithAuthentication replaces a request's `abortSignal` with the execution's cancel
 * signal whenever its `this` has getExecutionCancelSignal. This view of the context hides that
 * method (our signal already includes Stop) and otherwise behaves as the context itself.
 */
export function keepingOwnSignal<T extends object>(ctx: T): T {
	return new Proxy(ctx, {
		has: (target, key) => key !== 'getExecutionCancelSignal' && key in target,
		get: (target, key) => {
			if (key === ORIGINAL) return originalOf(target);
			if (key === 'getExecutionCancelSignal') return undefined;
			const value = Reflect.get(target, key, target) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});
}
