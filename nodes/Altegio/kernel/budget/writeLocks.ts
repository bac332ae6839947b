/**
 * Keyed queues: work under one key runs one at a time, in the order it asked. Used for writes to one
 * record and for the sign-ins of one credential (session.ts).
 *
 * Writes that read first (an edit reads the client, merges, then replaces it) must not interleave
 * for one record: two items, or two executions in this n8n process, changing different fields of
 * one client would each write back the other's old value. Keyed locks queue such writes in the
 * order they asked. They cannot order writes from other processes or other apps (see the README).
 */

const tails = new Map<string, Promise<void>>();

/** Runs `work` after every earlier `work` for the same key has finished (failed ones included). */
export async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	let release: () => void = () => {};
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(key, tail);
	try {
		await previous;
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
