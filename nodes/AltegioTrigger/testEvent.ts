import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchPages } from '../Altegio/kernel/paging';
import { LEGACY_MAX_PAGE_SIZE, toClientOutput } from '../Altegio/model/client';
import type { LocalTime } from './localTime';
import { parseLocalTime, wallClock } from './localTime';
import type { ClientEvent } from './pollChanges';
import { queryOffset } from './pollState';
import type { PollRequests } from './readChanges';
import { newestClient } from './readChanges';

const HOUR = 3_600_000;
/** Windows tried by the manual test fetch, narrowest first. */
const TEST_WINDOWS_MS = [HOUR, 24 * HOUR, 31 * 24 * HOUR];
/** Pages read per window by the test fetch (300 clients each). */
const TEST_MAX_PAGES = 10;

/** The latest change among `rows` (ties: the highest id). */
function latestOf(rows: IDataObject[]): IDataObject | undefined {
	let latest: { row: IDataObject; at: number } | undefined;
	for (const row of rows) {
		const at = parseLocalTime(row.last_change_date)?.ms;
		if (at === undefined) continue;
		if (!latest || at > latest.at || (at === latest.at && Number(row.id) > Number(latest.row.id))) latest = { row, at };
	}
	return latest?.row;
}

/**
 * "Fetch Test Event": one sample, the static data left alone. For Client Created, the newest
 * client (highest id). Otherwise the most recently changed client: the list cannot be sorted by
 * change date, so the newest client is read first (it also gives the location's offset), then
 * the clients changed in the last hour, day or month (narrowest first, the first non-empty
 * window wins, at most 10 pages each) and the latest of them is returned; the newest client if
 * none changed in a month. A sample, so plain pages are good enough here.
 */
export async function testEvent(poll: PollRequests, event: ClientEvent): Promise<INodeExecutionData[][]> {
	const { ctx, locationId } = poll;
	const newest = await newestClient(poll);
	if (!newest.row) {
		throw new NodeOperationError(ctx.getNode(), `Location ${locationId} has no clients yet`, {
			description: 'Add a client in Altegio, then fetch the test event again.',
		});
	}
	let sample = newest.row;
	if (event === 'clientCreatedOrUpdated') {
		const offset = queryOffset(parseLocalTime(newest.row.last_change_date)?.offset ?? 0);
		const now = newest.serverNow ?? Date.now();
		for (const span of TEST_WINDOWS_MS) {
			const start: LocalTime = { ms: Math.floor(now / 1000) * 1000 - span, offset };
			const rows = await fetchPages(
				ctx,
				{
					method: 'GET',
					url: `/clients/${locationId}`,
					qs: { changed_after: wallClock(start) },
					body: {},
					settings: { abortSignal: poll.signal },
				},
				{ in: 'qs', pageParam: 'page', sizeParam: 'count', maxPageSize: LEGACY_MAX_PAGE_SIZE },
				{ returnAll: false, limit: TEST_MAX_PAGES * LEGACY_MAX_PAGE_SIZE },
			);
			const latest = latestOf(rows);
			if (latest) {
				sample = latest;
				break;
			}
		}
	}
	return [ctx.helpers.returnJsonArray([toClientOutput(sample)])];
}
