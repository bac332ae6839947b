/**
 * Keyed queues: work under one key runs one at a time, in the order it asked. Used for writes to one
 * record and for the sign-ins of one credential (session.ts).
 *
 * Writes that read first (an edit reads the client, merges, then replaces it) must not interleave
 * for one record: two items, or two executions in this n8n process, changing different fields of
 * one client would each write back the other's old value. Keyed locks queue such writes in the
 * order they asked. They cannot order writes from other processes or other apps (see the README).
 */

import { cancelSignalOf, untilAborted } from '../transport/wire';

const tails = new Map<string, Promise<void>>();

/**
 * One key per record: a path's numeric segments without leading zeros, since `/client/101/05` and
 * `/client/101/5` reach the same client.
 */
export function lockKey(key: string): string {
	return key.replace(/\/0+(?=\d)/g, '/').replace(/(^|\s)0+(?=\d)/g, '$1');
}

/**
 * Runs `work` after every earlier `work` for the same key has finished (failed ones included).
 * `cancel` (the execution's Stop) ends the wait: the work is not run, and later ones keep their turn.
 */
export async function inTurn<T>(rawKey: string, work: () => Promise<T>, cancel?: AbortSignal): Promise<T> {
	const key = lockKey(rawKey);
	const previous = tails.get(key) ?? Promise.resolve();
	let release: () => void = () => {};
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(key, tail);
	try {
		await untilAborted(previous, cancel);
		return await work();
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}

/** How many keys have writes queued or running (for tests: no lock outlives its writes). */
export function pendingWriteLocks(): number {
	return tails.size;
}

/** inTurn, the wait ended by the context's Stop (see deadline.ts). */
export async function inTurnOf<T>(ctx: object, key: string, work: () => Promise<T>): Promise<T> {
	return await inTurn(key, work, cancelSignalOf(ctx));
}
