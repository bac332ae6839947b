import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AltegioContext, RequestSettings } from '../transport';
import { altegioRequest } from '../transport';
import type { Want } from './pagination';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A cursor date as YYYY-MM-DD (the description's format; a date-time is cut to its day), or null. */
function dayOf(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = String(value);
	return /^\d{4}-\d{2}-\d{2}[T ]\d/.test(text) ? text.slice(0, 10) : text;
}

/** An item's identity across pages: its kind (appointment or sale) and ID. */
function keyOf(item: IDataObject, index: number, page: number): string {
	return item.id === undefined || item.id === null ? `#${page}.${index}` : `${String(item.kind)}:${String(item.id)}`;
}

/**
 * The visit-history cursor: newest first, `meta.dateCursor.next` gives the next (older) window; all
 * null means done. The cursor may run past the start of the period asked for, so windows are clipped
 * to `from` and the walk ends once the next window ends before it. Anything else stops it with an
 * error: a window that is not strictly older than the last one or the period's end (a cursor stepping
 * back or standing still would walk for ever), one that is malformed, or a page that
 * holds no item not already read while the cursor still points on.
 */
export async function fetchDateCursorPages(
	ctx: AltegioContext,
	request: { method: IHttpRequestMethods; url: string; body: IDataObject; settings?: RequestSettings },
	want: Want,
	recordsOf: (data: unknown) => IDataObject[],
): Promise<IDataObject[]> {
	const fail = (message: string) =>
		new NodeOperationError(ctx.getNode(), message, {
			description: 'Run the node again; if this keeps happening, narrow the period with From and To.',
		});
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	const periodStart = typeof request.body.from === 'string' ? request.body.from : null;
	let body = request.body;
	for (let page = 1; ; page++) {
		const { data, meta } = await altegioRequest(ctx, { ...request, body });
		const items = recordsOf(data);
		const fresh = items.filter((item, index) => {
			const key = keyOf(item, index, page);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		records.push(...fresh);
		if (records.length >= want.limit) break;
		const cursor = (meta.dateCursor as IDataObject | undefined)?.next as IDataObject | undefined;
		let from = dayOf(cursor?.from);
		const to = dayOf(cursor?.to);
		if (from === null && to === null) break;
		const window = `${String(from)}..${String(to)}`;
		const stopped = `; stopped after ${records.length} items`;
		if ((from !== null && !DAY.test(from)) || to === null || !DAY.test(to) || (from !== null && from > to)) {
			throw fail(`Altegio's history cursor points to a malformed window ${JSON.stringify({ from, to })}${stopped}`);
		}
		if (page > 1 && fresh.length === 0) {
			throw fail(`Altegio's history page ${page} held no item not already read, yet points on to ${window}${stopped}`);
		}
		// The last window's end (the period's end on the first page): the next must end before it.
		const lastTo = (body.to ?? null) as string | null;
		if (lastTo !== null && to >= lastTo) {
			throw fail(
				`Altegio's history cursor did not move back in time: after the window ending ${lastTo} ` +
					`it points to ${window}${stopped}`,
			);
		}
		if (periodStart !== null) {
			if (to < periodStart) break;
			if (from === null || from < periodStart) from = periodStart;
		}
		body = { ...body, from, to };
	}
	return records.slice(0, want.limit);
}
