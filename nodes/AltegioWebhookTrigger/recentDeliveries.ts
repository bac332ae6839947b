import { createHash } from 'crypto';

/**
 * Deliveries seen lately, per n8n process: Altegio may deliver one event twice (an integration's
 * docs say failed deliveries are re-sent twice, 1.5 s apart). Bounded: entries expire after
 * DUPLICATE_WINDOW_MS, worked out when the map is touched (no timers), and at most MAX_ENTRIES
 * are kept (the oldest go first). Map order is insertion order, and every entry lives equally
 * long, so the oldest entries are always at the front.
 */

export const DUPLICATE_WINDOW_MS = 5 * 60_000;
export const MAX_ENTRIES = 10_000;

const seen = new Map<string, number>();

/** The key of one delivery: who received it (workflow, node, mode) and what it says. */
export function deliveryKey(receiver: string[], parts: unknown[]): string {
	const hash = createHash('sha256');
	for (const part of [...receiver, ...parts]) hash.update(`${JSON.stringify(part) ?? 'undefined'}\n`);
	return hash.digest('hex');
}

function dropExpired(now: number): void {
	for (const [key, expires] of seen) {
		if (expires > now) break;
		seen.delete(key);
	}
}

/** True when `key` was seen within the window; otherwise it is remembered from `now` on. */
export function seenBefore(key: string, now = Date.now()): boolean {
	dropExpired(now);
	const expires = seen.get(key);
	if (expires !== undefined && expires > now) return true;
	while (seen.size >= MAX_ENTRIES) {
		const oldest = seen.keys().next().value as string;
		seen.delete(oldest);
	}
	seen.set(key, now + DUPLICATE_WINDOW_MS);
	return false;
}

/** Forgets a delivery whose processing failed, so that a re-delivery is handled again. */
export function forget(key: string): void {
	seen.delete(key);
}

/** How many deliveries are remembered (for tests). */
export function rememberedCount(now = Date.now()): number {
	dropExpired(now);
	return seen.size;
}
