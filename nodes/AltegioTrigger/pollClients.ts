import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, toId } from '../Altegio/kernel/params';
import type { ClientEvent } from './pollChanges';
import { advance, baseline } from './pollChanges';
import { readState, writeState } from './pollState';
import type { PollRequests } from './readChanges';
import { testEvent } from './testEvent';

export { MAX_SEEN, prune, readState, windowFor } from './pollState';

/**
 * The polling behind the Altegio Trigger: the cursor and its static data are in pollState.ts, how
 * one poll's changes are read in readChanges.ts, what is reported in pollChanges.ts. Webhooks are
 * not used: Altegio's webhook settings are location-wide and saving them replaces every other
 * app's URLs. Deletions are not reported by the list it reads.
 */

/**
 * The longest one poll may take. Every request of the poll is cancelled then, and the poll fails
 * with an error n8n shows for the trigger; the static data stays as it was, so the next poll reads
 * the same period again. Long enough for a large first read under the rate limit with retries;
 * exported so tests can shorten it.
 */
export const pollTiming = { deadlineMs: 5 * 60_000 };

/**
 * Polls running now in this process, by workflow and node, with their deadline. n8n's cron starts
 * a poll on time even when the previous one (many pages, waits after a 429) has not finished; both
 * would read the same static data and report the same changes. A tick that finds its predecessor
 * still running is skipped: that poll covers the changes so far, the next tick goes on from its
 * cursor. An entry past its deadline is stale (that poll has failed) and never blocks a tick.
 */
const running = new Map<string, { until: number }>();

function deadlineError(ctx: IPollFunctions): NodeOperationError {
	const seconds = Math.round(pollTiming.deadlineMs / 1000);
	return new NodeOperationError(ctx.getNode(), `Altegio did not answer the trigger's poll within ${seconds} s`, {
		description:
			'Its requests were cancelled. Nothing was changed; the next poll reads the same period again. ' +
			'If this repeats, check that Altegio (or a proxy in front of it) answers.',
	});
}

/** Runs `work` under the poll's deadline: past it, the poll rejects and every request is cancelled. */
async function withinDeadline<T>(ctx: IPollFunctions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const signal = AbortSignal.timeout(pollTiming.deadlineMs);
	const expired = new Promise<never>((_, reject) => {
		signal.addEventListener('abort', () => reject(deadlineError(ctx)), { once: true });
	});
	return await Promise.race([work(signal), expired]);
}

function locationOf(ctx: IPollFunctions): string {
	try {
		return toId(ctx.getNodeParameter('locationId', undefined, { extractValue: true }), 'locationId', 'Location');
	} catch (error) {
		throw asNodeError(ctx.getNode(), 0, error);
	}
}

export async function pollClients(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const locationId = locationOf(this);
	const event = this.getNodeParameter('event', 'clientCreated') as ClientEvent;
	if (event !== 'clientCreated' && event !== 'clientCreatedOrUpdated') {
		throw new NodeOperationError(this.getNode(), `Unknown event "${String(event)}"`);
	}
	const requests = (signal: AbortSignal): PollRequests => ({ ctx: this, locationId, signal });
	if (this.getMode() === 'manual') return await withinDeadline(this, (signal) => testEvent(requests(signal), event));

	const key = `${String(this.getWorkflow().id)}\n${this.getNode().id ?? this.getNode().name}`;
	const other = running.get(key);
	if (other && other.until > Date.now()) return null;
	const mine = { until: Date.now() + pollTiming.deadlineMs };
	running.set(key, mine);
	try {
		const staticData = this.getWorkflowStaticData('node');
		const previous = readState(staticData, locationId);
		// The static data is written only here, after the whole read, and never by a poll past its deadline.
		const outcome = await withinDeadline(this, async (signal) =>
			previous ? await advance(requests(signal), previous, event) : { state: await baseline(requests(signal)) },
		);
		writeState(staticData, outcome.state);
		const emitted = 'emitted' in outcome ? outcome.emitted : [];
		return emitted.length ? [this.helpers.returnJsonArray(emitted)] : null;
	} finally {
		if (running.get(key) === mine) running.delete(key);
	}
}
