import type { IDataObject, IExecuteSingleFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { AltegioContext } from './transport';
import { altegioRequest } from './transport';
import type { OperationRequest, RequestSettings } from './routing';
import { ParameterError, toNumber } from './validation';

/** How many records the caller wants: all, or at most `limit`. */
export interface Want {
	returnAll: boolean;
	limit: number;
}

/** Guard against an API that never says "done": no list here needs more pages than this. */
const MAX_PAGES = 100_000;

export function wantFromParameters(ctx: IExecuteSingleFunctions): Want {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	if (returnAll) return { returnAll, limit: Infinity };
	const limit = toNumber(ctx.getNodeParameter('limit', 50), 'limit', 'Limit');
	if (!Number.isInteger(limit) || limit < 1) {
		throw new ParameterError('limit', `Limit (limit) must be a whole number of at least 1, got ${limit}`);
	}
	return { returnAll, limit };
}

/**
 * Page size for page-number pagination. Offsets are (page - 1) × size, so one size serves every
 * page: the fewest requests (ceil(limit / max)) with the least surplus (under one record per page).
 */
export function pageSizeFor(want: Want, maxPageSize: number): number {
	if (want.returnAll) return maxPageSize;
	const pages = Math.ceil(want.limit / maxPageSize);
	return Math.ceil(want.limit / pages);
}

/**
 * Page/count pagination (client search: body `page`/`page_size`; deprecated list: query
 * `page`/`count`). Stops at `meta.total_count`, on a short page or once the limit is reached.
 */
export async function fetchPages(
	ctx: AltegioContext,
	request: OperationRequest,
	style: { in: 'body' | 'qs'; pageParam: string; sizeParam: string; maxPageSize: number },
	want: Want,
): Promise<IDataObject[]> {
	const size = pageSizeFor(want, style.maxPageSize);
	const records: IDataObject[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const paging = { [style.pageParam]: page, [style.sizeParam]: size };
		const { data, meta } = await altegioRequest(ctx, {
			...request,
			qs: style.in === 'qs' ? { ...request.qs, ...paging } : request.qs,
			body: style.in === 'body' ? { ...(request.body as IDataObject), ...paging } : request.body,
		});
		const rows = Array.isArray(data) ? (data as IDataObject[]) : [];
		records.push(...rows);
		const total = Number(meta.total_count);
		const seen = (page - 1) * size + rows.length;
		if (rows.length < size || (Number.isFinite(total) && seen >= total) || records.length >= want.limit) break;
	}
	return records.slice(0, want.limit);
}

/**
 * The visit-history cursor: `meta.dateCursor.next` gives the next window; all null means done.
 * The cursor may run past the period asked for, so windows are clipped to `from` and the walk
 * stops once the next window ends before it.
 */
export async function fetchDateCursorPages(
	ctx: AltegioContext,
	request: { method: IHttpRequestMethods; url: string; body: IDataObject; settings?: RequestSettings },
	want: Want,
	recordsOf: (data: unknown) => IDataObject[],
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const periodStart = typeof request.body.from === 'string' ? request.body.from : null;
	let body = request.body;
	const windowsSeen = new Set<string>([`${String(body.from ?? null)}..${String(body.to ?? null)}`]);
	for (let page = 1; page <= MAX_PAGES; page++) {
		const { data, meta } = await altegioRequest(ctx, { ...request, body });
		records.push(...recordsOf(data));
		if (records.length >= want.limit) break;
		const cursor = (meta.dateCursor as IDataObject | undefined)?.next as IDataObject | undefined;
		let from = (cursor?.from ?? null) as string | null;
		const to = (cursor?.to ?? null) as string | null;
		if (from === null && to === null) break;
		if (periodStart !== null) {
			if (to !== null && to < periodStart) break;
			if (from === null || from < periodStart) from = periodStart;
		}
		const window = `${String(from)}..${String(to)}`;
		// A cursor that points back to a window already read would loop forever: stop instead.
		if (windowsSeen.has(window)) {
			throw new Error(`Altegio returned the date window ${window} twice; stopped to avoid a loop`);
		}
		windowsSeen.add(window);
		body = { ...body, from, to };
	}
	return records.slice(0, want.limit);
}
