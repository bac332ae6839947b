import { StoppedError, cancelSignalOf } from '../transport/wire';
import type { Release, RequestThrottle } from './throttle';
import { budgetFor } from './throttle';

/**
 * The request budget a credential draws on, and waiting for it in a way Stop ends. The only place
 * that picks the throttle: every request the package sends (operations, sign-ins, resends, the
 * credential test, list searches, polls) takes its slot through here.
 */
export function budgetOf(credential: { baseUrl: string; maxRequestsPerSecond: number; maxRequestsPerMinute: number }) {
	return budgetFor(credential.baseUrl, credential.maxRequestsPerSecond, credential.maxRequestsPerMinute);
}

/** Waits for `count` slots (released together by the returned function); Stop ends the wait. */
export async function takeSlots(budget: RequestThrottle, ctx: object, count = 1): Promise<Release> {
	const releases: Release[] = [];
	// The answer's status (a 429 slows the host's budget down) goes with the last slot taken.
	const releaseAll: Release = (status) => releases.forEach((release, i) => release(i === 0 ? status : undefined));
	for (let i = 0; i < count; i++) {
		// takeSlot fails only on Stop.
		const release = await takeSlot(budget, ctx).catch(() => undefined);
		if (!release) {
			releaseAll();
			throw new StoppedError();
		}
		releases.push(release);
	}
	return releaseAll;
}

async function takeSlot(budget: RequestThrottle, ctx: object): Promise<Release> {
	const cancel = cancelSignalOf(ctx);
	const pending = budget.acquire();
	if (!cancel) return await pending;
	return await new Promise((resolve, reject) => {
		const onStop = () => {
			reject(new StoppedError());
			// The slot still comes in turn: give it back at once.
			void pending.then((release) => release());
		};
		if (cancel.aborted) return onStop();
		cancel.addEventListener('abort', onStop, { once: true });
		void pending.then((release) => {
			cancel.removeEventListener('abort', onStop);
			if (cancel.aborted) release();
			else resolve(release);
		});
	});
}
