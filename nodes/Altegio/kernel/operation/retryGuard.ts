import { createHash } from 'crypto';
import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAYBE_SAVED, isRead } from '../transport';

/**
 * n8n's node setting Retry On Fail re-runs the whole node, every item, when one item fails. For a
 * write that would send again what the first try already stored (every item that succeeded) and
 * what may have been stored (a write that failed without an answer). So while that setting is on,
 * each write's outcome is kept for the execution: a re-run hands back what the first try stored
 * and refuses to send again what may have been stored. Reads are simply sent again.
 */

interface Outcome {
	records?: IDataObject[];
	uncertain?: string;
	at: number;
}

/** Long enough for n8n's retries (at most 5 tries, at most 5 s apart), short enough to stay small. */
const KEEP_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
const outcomes = new Map<string, Outcome>();

/**
 * The node's run index in the execution. Retry On Fail re-runs the node under the same run index;
 * a node reached twice (two branches into it, Loop Over Items) runs again under the next one, and
 * that run must send what it is given, even a write equal to an earlier run's.
 */
function runIndexOf(ctx: IExecutePaginationFunctions): number | string {
	const own = (ctx as unknown as { runIndex?: unknown }).runIndex;
	if (typeof own === 'number') return own;
	try {
		return ctx.getWorkflowDataProxy(ctx.getItemIndex()).$runIndex as number;
	} catch {
		return 'unknown';
	}
}

/** What identifies a write: the request as the operation built it. */
interface SentRequest {
	method: string;
	url: string;
	qs?: unknown;
	body?: unknown;
}

function keyFor(ctx: IExecutePaginationFunctions, request: SentRequest): string | undefined {
	const node = ctx.getNode();
	if (!node.retryOnFail || isRead(request.method, request.url)) return undefined;
	const what = JSON.stringify([request.method, request.url, request.qs, request.body]);
	const run = runIndexOf(ctx);
	return createHash('sha256')
		.update(`${ctx.getExecutionId()}\n${node.id}\n${run}\n${ctx.getItemIndex()}\n${what}`)
		.digest('hex');
}

function forget(now: number) {
	for (const [key, outcome] of outcomes) {
		if (outcome.at + KEEP_MS > now && outcomes.size <= MAX_ENTRIES) break;
		outcomes.delete(key);
	}
}

/**
 * Runs one item's write once per execution when Retry On Fail is on (see above); otherwise just
 * runs it.
 */
export async function onceIfRetried(
	ctx: IExecutePaginationFunctions,
	request: SentRequest,
	send: () => Promise<IDataObject[]>,
): Promise<IDataObject[]> {
	const key = keyFor(ctx, request);
	if (key === undefined) return await send();
	const earlier = outcomes.get(key);
	if (earlier?.records) return earlier.records;
	if (earlier?.uncertain !== undefined) {
		throw new NodeOperationError(ctx.getNode(), 'Not sent again by Retry On Fail: the first try may have saved it', {
			itemIndex: ctx.getItemIndex(),
			description: `The first try failed this way: ${earlier.uncertain}`,
		});
	}
	const now = Date.now();
	forget(now);
	// Recorded on the way through; the error itself goes on unchanged to the operation hook.
	return await send().then(
		(records) => {
			outcomes.set(key, { records, at: now });
			return records;
		},
		async (error: unknown) => {
			const message = (error as Error)?.message ?? '';
			if (message.includes(MAYBE_SAVED)) outcomes.set(key, { uncertain: message, at: now });
			return await Promise.reject(error);
		},
	);
}
