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

/** The day before a YYYY-MM-DD day. */
function dayBefore(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() - 1);
	return date.toISOString().slice(0, 10);
}

/** The oldest day among a page's items (their `date`), or null when one has none. */
function oldestDay(items: IDataObject[]): string | null {
	let oldest: string | null = null;
	for (const item of items) {
		const day = dayOf(item.date);
		if (day === null || !DAY.test(day)) return null;
		if (oldest === null || day < oldest) oldest = day;
	}
	return oldest;
}

/**
 * The visit-history cursor: newest first, `meta.dateCursor.next` gives the next (older) window; all
 * null means done. The cursor may run past the start of the period asked for, so windows are
 * clipped to `from` and the walk ends once the next window ends before it. Anything else stops it
 * with an error: a window that is not strictly older than the last one or the period's end (a
 * cursor stepping back or standing still would walk for ever), one that is malformed, or a page
 * that holds no item not already read while the cursor still points on.
 *
 * An answer without a cursor (no `meta.dateCursor.next`) is not read as "done": the node derives
 * the next window itself, up to the day before the page's oldest item (the description puts every
 * visit of a page's last date on that page), and ends only on a page with no item, which shows the
 * period complete. A window that brings back only items already read stops it with an error.
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
		const dateCursor = meta.dateCursor as IDataObject | undefined;
		if (!dateCursor || typeof dateCursor !== 'object' || !dateCursor.next || typeof dateCursor.next !== 'object') {
			if (items.length === 0) break;
			const stopped = `; stopped after ${records.length} items`;
			if (page > 1 && fresh.length === 0) {
				throw fail(
					"Altegio's history answer had no cursor, and the window before its last page held only items " +
						`already read${stopped}`,
				);
			}
			const oldest = oldestDay(items);
			if (oldest === null) {
				throw fail(
					"Altegio's history answer had no cursor, and an item without a readable date: the rest cannot be " +
						`found${stopped}`,
				);
			}
			const to = dayBefore(oldest);
			if (periodStart !== null && to < periodStart) break;
			body = { ...body, from: periodStart, to };
			continue;
		}
		const cursor = dateCursor.next as IDataObject;
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
