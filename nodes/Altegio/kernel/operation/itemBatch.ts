import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Create Many from input items: each item is one row, yet rows go out in bulk requests. n8n runs a
 * declarative node's items side by side (RoutingNode starts every item's request, then awaits them
 * all), so each item hands its row to the batch of its node run and waits for its own result; the
 * item that completes the batch sends it. Every item joins, with a row or with the error that
 * stopped it. Should an item still not come (a count that is off), a batch that has had no new row
 * for QUIET_MS is sent as it is: later items then form a batch of their own, nothing waits forever.
 */

const QUIET_MS = 250;

export type Entry = { row: IDataObject; url: string } | { error: Error };

interface Batch {
	total: number;
	sent: boolean;
	entries: Map<number, Entry>;
	waiters: Map<number, { resolve: (value: IDataObject) => void; reject: (error: Error) => void }>;
}

const batches = new Map<string, Batch>();

export type SendRows = (
	ctx: IExecutePaginationFunctions,
	rows: Array<{ index: number; row: IDataObject; url: string }>,
) => Promise<Map<number, IDataObject>>;

/**
 * How many items this node run has (the batch waits for each of them): the items RoutingNode runs
 * (Execute Once leaves one), else the input's items.
 */
function itemCount(ctx: IExecutePaginationFunctions): number {
	const running = (ctx as unknown as { inputData?: { main?: unknown[][] } }).inputData?.main?.[0];
	if (Array.isArray(running) && running.length > 0) return running.length;
	const proxy = ctx.getWorkflowDataProxy(ctx.getItemIndex()) as { $input?: { all?: () => unknown[] } };
	const all = proxy.$input?.all?.();
	return Array.isArray(all) && all.length > 0 ? all.length : 1;
}

function keyOf(ctx: IExecutePaginationFunctions): string {
	const run = (ctx as unknown as { runIndex?: number }).runIndex ?? 0;
	return `${ctx.getExecutionId()}\n${ctx.getNode().id}\n${ctx.getNode().name}\n${run}`;
}

/**
 * Joins this item's entry to its run's batch; resolves with this item's result once the batch was
 * sent. Without Continue On Fail, one bad row stops the whole batch before any request.
 */
export function joinBatch(ctx: IExecutePaginationFunctions, entry: Entry, send: SendRows): Promise<IDataObject> {
	const key = keyOf(ctx);
	let batch = batches.get(key);
	const first = !batch;
	if (!batch) {
		batch = { total: itemCount(ctx), sent: false, entries: new Map(), waiters: new Map() };
		batches.set(key, batch);
	}
	const index = ctx.getItemIndex();
	const own = batch;
	const result = new Promise<IDataObject>((resolve, reject) => own.waiters.set(index, { resolve, reject }));
	own.entries.set(index, entry);
	if (first) void sendWhenQuiet(ctx, own, key, send);
	const cancel = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal?.();
	cancel?.addEventListener('abort', () => settle(own, key, () => new Error('The execution was canceled')), {
		once: true,
	});
	if (own.entries.size >= own.total) void flush(ctx, own, key, send);
	return result;
}

function settle(batch: Batch, key: string, error: () => Error) {
	if (batches.get(key) === batch) batches.delete(key);
	for (const waiter of batch.waiters.values()) waiter.reject(error());
	batch.waiters.clear();
}

/** The safety net: a batch that stopped growing goes out with the rows it has. */
async function sendWhenQuiet(ctx: IExecutePaginationFunctions, batch: Batch, key: string, send: SendRows) {
	let size = -1;
	while (!batch.sent && batch.waiters.size > 0) {
		await sleep(QUIET_MS);
		if (batch.sent) return;
		if (batch.entries.size === size) return await flush(ctx, batch, key, send);
		size = batch.entries.size;
	}
}

async function flush(ctx: IExecutePaginationFunctions, batch: Batch, key: string, send: SendRows) {
	if (batch.sent) return;
	batch.sent = true;
	// A later run of the node (another branch, Retry On Fail) starts a batch of its own.
	batches.delete(key);
	const failed = [...batch.entries].filter(([, entry]) => 'error' in entry);
	for (const [index, entry] of failed) batch.waiters.get(index)?.reject((entry as { error: Error }).error);
	if (failed.length && !ctx.continueOnFail()) {
		const [first] = failed;
		const reason = (first[1] as { error: Error }).error.message;
		const why = `input item ${first[0] + 1} has a row that cannot be sent: ${reason}`;
		settle(batch, key, () => new Error(`Create Many sent no row: ${why}`));
		return;
	}
	const rows = [...batch.entries]
		.filter(([, entry]) => 'row' in entry)
		.sort(([a], [b]) => a - b)
		.map(([index, entry]) => ({ index, ...(entry as { row: IDataObject; url: string }) }));
	try {
		const results = await send(ctx, rows);
		for (const { index } of rows) {
			const result = results.get(index);
			const waiter = batch.waiters.get(index);
			if (result) waiter?.resolve(result);
			else waiter?.reject(new Error('No result for this row'));
		}
	} catch (error) {
		for (const { index } of rows) batch.waiters.get(index)?.reject(error as Error);
	}
	batch.waiters.clear();
}
