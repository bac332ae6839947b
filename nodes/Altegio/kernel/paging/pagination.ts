import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationRequest } from '../operation';
import { ParameterError, toNumber } from '../params';
import type { AltegioContext } from '../transport';
import { altegioRequest, asRows } from '../transport';

/** How many records the caller wants: all, or at most `limit`. */
export interface Want {
	returnAll: boolean;
	limit: number;
}

/** Pages allowed beyond what the first `total_count` implies (records added while the list is read). */
export const EXTRA_PAGES = 2;

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

export interface PageStyle {
	in: 'body' | 'qs';
	pageParam: string;
	sizeParam: string;
	/** The size asked for (the server may answer with fewer rows per page: see fetchPages). */
	maxPageSize: number;
	/** What the rows are, for error messages ("clients"). */
	noun?: string;
}

const CHECK_AGAIN =
	'Run the node again; if this keeps happening, Altegio is paging this list in a way the node does not know.';

/** A row's identity; rows without an ID cannot be checked and always count as new. */
function keyOf(row: IDataObject, index: number, page: number): string {
	return row.id === undefined || row.id === null ? `#${page}.${index}` : String(row.id);
}

/**
 * Page/count pagination (client search: body `page`/`page_size`; deprecated list: query
 * `page`/`count`), following `meta.total_count`:
 * - a short page does not end the list; an empty page, the promised total, or the limit does;
 * - a first page shorter than asked while more remain means the server caps the page size: the walk
 *   goes on with the size it used (offsets are page × size as the server computes them);
 * - rows are deduplicated by `id`; a page with no new row, a total that shrinks (clients deleted while
 *   reading: offsets moved, one may have been skipped), fewer or more rows than the total promised,
 *   or more pages than the total implies stop the walk with an error saying so.
 */
export async function fetchPages(
	ctx: AltegioContext,
	request: OperationRequest,
	style: PageStyle,
	want: Want,
): Promise<IDataObject[]> {
	const noun = style.noun ?? 'records';
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message, { description: CHECK_AGAIN });
	let size = pageSizeFor(want, style.maxPageSize);
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let firstTotal: number | undefined;
	let total = 0;
	let maxPages = Infinity;
	const shortPages: string[] = [];
	for (let page = 1; ; page++) {
		if (page > maxPages) {
			throw fail(
				`Altegio kept sending pages of ${noun}: page ${page} is beyond the ${maxPages} that a total of ` +
					`${String(firstTotal)} at ${size} per page allows; stopped after ${records.length} ${noun}`,
			);
		}
		const paging = { [style.pageParam]: page, [style.sizeParam]: size };
		const { data, meta } = await altegioRequest(ctx, {
			...request,
			qs: style.in === 'qs' ? { ...request.qs, ...paging } : request.qs,
			body: style.in === 'body' ? { ...(request.body as IDataObject), ...paging } : request.body,
		});
		const rows = asRows(data);
		const fresh = rows.filter((row, index) => {
			const key = keyOf(row, index, page);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		records.push(...fresh);
		if (records.length >= want.limit) break;
		total = Number(meta.total_count);
		if (!Number.isInteger(total) || total < 0) {
			throw fail(
				`Altegio's page ${page} of ${noun} has no usable meta.total_count (${JSON.stringify(meta.total_count)}), ` +
					`so the node cannot tell whether the list is complete; stopped after ${records.length} ${noun}`,
			);
		}
		if (firstTotal === undefined) firstTotal = total;
		if (total < firstTotal) {
			throw fail(
				`The number of ${noun} fell from ${firstTotal} to ${total} while the list was read (deleted meanwhile): ` +
					`pages moved, so one may have been skipped. Stopped after ${records.length} ${noun}`,
			);
		}
		if (rows.length > 0 && fresh.length === 0) {
			const sample = rows.slice(0, 5).map((row) => String(row.id));
			throw fail(
				`Altegio's page ${page} of ${noun} held only ${noun} already read (IDs ${sample.join(', ')}` +
					`${rows.length > 5 ? ', …' : ''}): the paging is not moving; stopped after ${records.length} ${noun}`,
			);
		}
		if (rows.length === 0 || records.length >= total) {
			if (records.length === total) break;
			const said = `Altegio said there are ${total} ${noun} but the pages held ${records.length}`;
			const shortNote = shortPages.length ? ` (short pages: ${shortPages.join(', ')})` : '';
			throw fail(
				records.length < total
					? `${said}${shortNote}: the list would be incomplete`
					: `${said} different ones: its paging is inconsistent`,
			);
		}
		const remaining = total - (page - 1) * size;
		if (rows.length < Math.min(size, remaining)) {
			if (page === 1) {
				// At offset 0 a short page can only mean a smaller page size: go on with the size used.
				size = rows.length;
			} else shortPages.push(`page ${page}: ${rows.length} of ${size}`);
		}
		if (page === 1) maxPages = Math.ceil(total / size) + EXTRA_PAGES;
	}
	return records.slice(0, want.limit);
}
