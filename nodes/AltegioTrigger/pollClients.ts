import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toClientOutput } from '../Altegio/resources/client/clientRecord';
import { LEGACY_MAX_PAGE_SIZE } from '../Altegio/resources/client/getAllLegacy';
import type { Want } from '../Altegio/shared/pagination';
import { fetchPages } from '../Altegio/shared/pagination';
import { asRows } from '../Altegio/shared/envelope';
import { altegioRequest } from '../Altegio/shared/transport';
import { asNodeError, toId } from '../Altegio/shared/validation';
import type { LocalTime } from './localTime';
import { formatLocalTime, localHour, minus, parseLocalTime, wallClock } from './localTime';

/**
 * The polling behind the Altegio Trigger.
 *
 * Source: the deprecated list `GET /clients/{location_id}` with `changed_after` ("changed or
 * created" since, inclusive, one-second resolution), the only list that returns full records.
 * Webhooks are not used: Altegio's webhook settings are location-wide and saving them replaces
 * every other app's URLs. Deletions are not reported by this endpoint.
 *
 * Static data (`getWorkflowStaticData('node')`), written only after every page of a poll has
 * been read, so a failed poll leaves it exactly as it was and the next poll reads the same
 * window again (nothing lost):
 * - `cursor`: the latest `last_change_date` seen, as Altegio printed it (with its offset). The
 *   cursor is a time taken from the API's own clock, so the n8n server's clock and time zone do
 *   not matter (the first activation is the only exception, see `baseline`).
 * - `since` (epoch seconds): changes before it count as already handled.
 * - `seen`: client id → `last_change_date` (epoch seconds) of the changes at or after `since`
 *   that were already handled. A poll re-reads an overlap before the cursor and skips these:
 *   de-duplication by id + last_change_date. One entry per client (a client's change date only
 *   moves forward), pruned to the window, capped at MAX_SEEN.
 * - `maxId`: the highest client id seen.
 * - `locationId`: a new location starts over (from now).
 *
 * "Created" versus "changed": the API has no creation date. Client ids are assigned in ascending
 * order (the list itself is ordered by id), so a client whose id is above the highest id known at
 * the previous poll was created since; every other client in the window was changed. `visits`
 * or an empty history would be weaker signals (imports carry visits; a new client may already
 * have a booking). For "Client Created", a client created and edited between two polls is
 * reported once, with its latest data; later edits are not reported.
 */

const HOUR = 3_600_000;

/**
 * Re-read before the cursor on each poll: changes committed a little late or stamped by another
 * Altegio server whose clock is slightly behind still get in. Cheap, because every change in it
 * that was already handled is skipped by `seen`.
 */
const OVERLAP_MS = 2 * 60_000;
/**
 * Daylight-saving switches happen at night local time (between 21:00 and 05:00 in every zone
 * that has them). Then the offset of the cursor may not be the location's offset at the
 * wall-clock time sent, and Altegio could read it up to an hour late; at night the overlap is
 * two hours, so even a one-hour misreading starts before the cursor. Salons are quiet at night,
 * so re-reading two hours costs little.
 */
const NIGHT_OVERLAP_MS = 2 * HOUR;
/**
 * The first activation reads the day before "now" and records it as handled history. A day,
 * and not a minute, because "now" comes from the n8n server's clock in an offset learnt from a
 * client record, which may be an hour off after a daylight-saving switch: starting well before
 * now can only cost reading more, never missing a change.
 */
const FIRST_LOOKBACK_MS = 24 * HOUR;
/** Without any client to learn the offset from, start early enough for every zone (UTC-12 to +14). */
const NO_OFFSET_EXTRA_MS = 14 * HOUR;
/** Bound on `seen`; beyond it the oldest are dropped and `since` moves past them. */
export const MAX_SEEN = 10_000;
/** Windows tried by the manual test fetch, narrowest first (see `testEvent`). */
const TEST_WINDOWS_MS = [HOUR, 24 * HOUR, 31 * 24 * HOUR];
/** Pages read per window by the test fetch (300 clients each). */
const TEST_MAX_PAGES = 10;

const ALL: Want = { returnAll: true, limit: Infinity };

/**
 * Polls running now in this process, by workflow and node. n8n's cron starts a poll on time even
 * when the previous one (many pages, waits after a 429) has not finished; both would read the
 * same static data and report the same changes. A tick that finds its predecessor still running
 * is skipped: that poll covers the changes so far, the next tick goes on from its cursor.
 */
const running = new Set<string>();

export type ClientEvent = 'clientCreated' | 'clientCreatedOrUpdated';

export interface PollState {
	version: 1;
	locationId: string;
	cursor: string;
	since: number;
	maxId: number;
	seen: Record<string, number>;
}

interface Change {
	record: IDataObject;
	id: number;
	time: LocalTime;
}

function isNight(time: LocalTime): boolean {
	const hour = localHour(time);
	return hour >= 21 || hour < 5;
}

/**
 * Where the next poll starts reading (`start`), and before what a change counts as handled
 * (`since`, ms): the same instant. Everything before it was visible to the poll that set the
 * cursor, so when Altegio answers with more than asked (it reads the plain time earlier than
 * meant, e.g. in another zone, or an ambiguous hour as the first one), the extra is skipped
 * without having to be remembered one by one.
 */
export function windowFor(cursor: LocalTime): { start: LocalTime; since: number } {
	const night = isNight(cursor) || isNight(minus(cursor, OVERLAP_MS));
	const start = minus(cursor, night ? NIGHT_OVERLAP_MS : OVERLAP_MS);
	return { start, since: start.ms };
}

/** The state from static data, or undefined when there is none for this location (start over). */
export function readState(data: IDataObject, locationId: string): PollState | undefined {
	const { version, cursor, since, maxId, seen } = data;
	if (version !== 1 || data.locationId !== locationId) return undefined;
	if (!parseLocalTime(cursor) || typeof since !== 'number' || typeof maxId !== 'number') return undefined;
	if (!seen || typeof seen !== 'object' || Array.isArray(seen)) return undefined;
	return { version, locationId, cursor: cursor as string, since, maxId, seen: seen as Record<string, number> };
}

function writeState(data: IDataObject, state: PollState): void {
	// Assigned key by key, so n8n's observable static data notices the change and saves it.
	data.version = state.version;
	data.locationId = state.locationId;
	data.cursor = state.cursor;
	data.since = state.since;
	data.maxId = state.maxId;
	data.seen = state.seen;
}

function clientsUrl(locationId: string): string {
	return `/clients/${locationId}`;
}

/** Every client changed at or after `start` (all pages, 300 per page). */
async function changedSince(
	ctx: IPollFunctions,
	locationId: string,
	start: LocalTime,
	want: Want = ALL,
): Promise<IDataObject[]> {
	return await fetchPages(
		ctx,
		{ method: 'GET', url: clientsUrl(locationId), qs: { changed_after: wallClock(start) }, body: {} },
		{ in: 'qs', pageParam: 'page', sizeParam: 'count', maxPageSize: LEGACY_MAX_PAGE_SIZE },
		want,
	);
}

function highestId(rows: IDataObject[]): IDataObject | undefined {
	let best: IDataObject | undefined;
	for (const row of rows) if (!best || Number(row.id) > Number(best.id)) best = row;
	return best;
}

/**
 * The client with the highest id (the newest), or undefined when the location has none. The list
 * is ordered by id, so that is the last row of the last page: `total_count` gives the page.
 */
async function newestClient(ctx: IPollFunctions, locationId: string): Promise<IDataObject | undefined> {
	const url = clientsUrl(locationId);
	const first = await altegioRequest(ctx, { method: 'GET', url, qs: { page: 1, count: 1 } });
	const total = Number(first.meta.total_count);
	if (!Number.isFinite(total)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Altegio did not say how many clients the location has (meta.total_count)',
			{
				description: 'The trigger needs it to find the newest client. Nothing was changed; the next poll tries again.',
			},
		);
	}
	if (total <= 1) return asRows(first.data)[0];
	const last = await altegioRequest(ctx, { method: 'GET', url, qs: { page: total, count: 1 } });
	const row = asRows(last.data)[0];
	if (row) return row;
	// Clients were deleted in between: walk back over full pages to the last one with rows.
	for (let page = Math.ceil(total / LEGACY_MAX_PAGE_SIZE); page >= 1; page--) {
		const { data } = await altegioRequest(ctx, { method: 'GET', url, qs: { page, count: LEGACY_MAX_PAGE_SIZE } });
		const best = highestId(asRows(data));
		if (best) return best;
	}
	return undefined;
}

/** The change a record stands for; a record without a readable `last_change_date` stops the poll. */
function changeOf(ctx: IPollFunctions, record: IDataObject): Change {
	const time = parseLocalTime(record.last_change_date);
	const id = Number(record.id);
	if (!time || !Number.isSafeInteger(id)) {
		// Loud on purpose: without it no change can be tracked, and skipping would lose events.
		throw new NodeOperationError(
			ctx.getNode(),
			`Altegio returned client ${String(record.id)} without a readable last_change_date (${JSON.stringify(record.last_change_date ?? null)})`,
			{
				description:
					'The trigger tracks changes by this date. Nothing was changed; the next poll reads the same period again.',
			},
		);
	}
	return { record, id, time };
}

/** One change per client (the latest), oldest first: a client edited while pages were read can be listed twice. */
function latestChanges(ctx: IPollFunctions, rows: IDataObject[]): Change[] {
	const byId = new Map<number, Change>();
	for (const row of rows) {
		const change = changeOf(ctx, row);
		const known = byId.get(change.id);
		if (!known || change.time.ms >= known.time.ms) byId.set(change.id, change);
	}
	return [...byId.values()].sort((a, b) => a.time.ms - b.time.ms || a.id - b.id);
}

/** `seen` kept to the changes at or after `since`, at most MAX_SEEN of them (then `since` moves up). */
export function prune(seen: Record<string, number>, sinceMs: number): { seen: Record<string, number>; since: number } {
	let since = Math.floor(sinceMs / 1000);
	let entries = Object.entries(seen).filter(([, at]) => at >= since);
	if (entries.length > MAX_SEEN) {
		entries.sort((a, b) => b[1] - a[1]);
		// Past the newest dropped change (ties with it go too: `since` must be above all dropped).
		since = entries[MAX_SEEN][1] + 1;
		entries = entries.filter(([, at]) => at >= since);
	}
	return { seen: Object.fromEntries(entries), since };
}

function stateAfter(locationId: string, cursor: LocalTime, maxId: number, seen: Record<string, number>): PollState {
	const pruned = prune(seen, windowFor(cursor).since);
	return { version: 1, locationId, cursor: formatLocalTime(cursor), since: pruned.since, maxId, seen: pruned.seen };
}

/**
 * First poll for a location (activation): learn the newest id and the latest change, emit
 * nothing. The day before now is read so that every change already made counts as history.
 */
async function baseline(ctx: IPollFunctions, locationId: string): Promise<PollState> {
	const newest = await newestClient(ctx, locationId);
	const offset = newest ? parseLocalTime(newest.last_change_date)?.offset : undefined;
	const start: LocalTime = {
		ms: Math.floor(Date.now() / 1000) * 1000 - FIRST_LOOKBACK_MS - (offset === undefined ? NO_OFFSET_EXTRA_MS : 0),
		offset: offset ?? 0,
	};
	const changes = latestChanges(ctx, await changedSince(ctx, locationId, start));
	let cursor = start;
	let maxId = newest ? Number(newest.id) || 0 : 0;
	const seen: Record<string, number> = {};
	for (const change of changes) {
		if (change.time.ms > cursor.ms) cursor = change.time;
		if (change.id > maxId) maxId = change.id;
		seen[change.id] = change.time.ms / 1000;
	}
	return stateAfter(locationId, cursor, maxId, seen);
}

/** A later poll: read from the cursor (minus the overlap), emit what is new, move the cursor. */
async function advance(
	ctx: IPollFunctions,
	previous: PollState,
	event: ClientEvent,
): Promise<{ state: PollState; emitted: IDataObject[] }> {
	let cursor = parseLocalTime(previous.cursor)!;
	const changes = latestChanges(ctx, await changedSince(ctx, previous.locationId, windowFor(cursor).start));
	const seen = { ...previous.seen };
	let maxId = previous.maxId;
	const emitted: IDataObject[] = [];
	for (const change of changes) {
		const at = change.time.ms / 1000;
		const created = change.id > previous.maxId;
		// Before `since`: handled at an earlier poll (Altegio may answer with more than asked).
		const changed = at >= previous.since && seen[change.id] !== at;
		if (created || (event === 'clientCreatedOrUpdated' && changed)) emitted.push(toClientOutput(change.record));
		seen[change.id] = at;
		if (change.id > maxId) maxId = change.id;
		if (change.time.ms > cursor.ms) cursor = change.time;
	}
	return { state: stateAfter(previous.locationId, cursor, maxId, seen), emitted };
}

function noClientsError(ctx: IPollFunctions, locationId: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Location ${locationId} has no clients yet`, {
		description: 'Add a client in Altegio, then fetch the test event again.',
	});
}

/**
 * "Fetch Test Event": one sample, the static data left alone. For Client Created, the newest
 * client (highest id). Otherwise the most recently changed client: the list cannot be sorted by
 * change date, so the newest client is read first (it also gives the location's offset), then
 * the clients changed in the last hour, day or month (narrowest first, the first non-empty
 * window wins, at most 10 pages each) and the latest of them is returned; the newest client if
 * none changed in a month.
 */
async function testEvent(ctx: IPollFunctions, locationId: string, event: ClientEvent): Promise<INodeExecutionData[][]> {
	const newest = await newestClient(ctx, locationId);
	if (!newest) throw noClientsError(ctx, locationId);
	let sample = newest;
	if (event === 'clientCreatedOrUpdated') {
		const offset = parseLocalTime(newest.last_change_date)?.offset ?? 0;
		for (const span of TEST_WINDOWS_MS) {
			const start: LocalTime = { ms: Math.floor(Date.now() / 1000) * 1000 - span, offset };
			const rows = await changedSince(ctx, locationId, start, {
				returnAll: false,
				limit: TEST_MAX_PAGES * LEGACY_MAX_PAGE_SIZE,
			});
			let latest: { row: IDataObject; at: number } | undefined;
			for (const row of rows) {
				const at = parseLocalTime(row.last_change_date)?.ms;
				if (at === undefined) continue;
				if (!latest || at > latest.at || (at === latest.at && Number(row.id) > Number(latest.row.id)))
					latest = { row, at };
			}
			if (latest) {
				sample = latest.row;
				break;
			}
		}
	}
	return [ctx.helpers.returnJsonArray([toClientOutput(sample)])];
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
	if (this.getMode() === 'manual') return await testEvent(this, locationId, event);

	const key = `${String(this.getWorkflow().id)}\n${this.getNode().id ?? this.getNode().name}`;
	if (running.has(key)) return null;
	running.add(key);
	try {
		const staticData = this.getWorkflowStaticData('node');
		const previous = readState(staticData, locationId);
		if (!previous) {
			writeState(staticData, await baseline(this, locationId));
			return null;
		}
		const { state, emitted } = await advance(this, previous, event);
		writeState(staticData, state);
		return emitted.length ? [this.helpers.returnJsonArray(emitted)] : null;
	} finally {
		running.delete(key);
	}
}
