import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toClientOutput } from '../Altegio/model/client';
import type { LocalTime } from './localTime';
import { parseLocalTime } from './localTime';
import type { PollState } from './pollState';
import { OVERLAP_MS, queryOffset, stateAfter, windowFor } from './pollState';
import type { PollRequests } from './readChanges';
import { newestClient, readChanges } from './readChanges';

/**
 * What one poll reports, and where the next one starts.
 *
 * "Created" versus "changed": the API has no creation date. Client ids are assigned in ascending
 * order (the list itself is ordered by id), so a client whose id is above the highest id known at
 * the previous poll was created since; every other client in the window was changed. `visits`
 * or an empty history would be weaker signals (imports carry visits; a new client may already
 * have a booking). For "Client Created", a client created and edited between two polls is
 * reported once, with its latest data; later edits are not reported.
 */

export type ClientEvent = 'clientCreated' | 'clientCreatedOrUpdated';

const HOUR = 3_600_000;
/**
 * The first activation reads the day before "now" (Altegio's `Date`) and records it as handled
 * history: starting well before now can only cost reading more, never missing a change.
 */
const FIRST_LOOKBACK_MS = 24 * HOUR;

interface Change {
	record: IDataObject;
	id: number;
	time: LocalTime;
}

/** The change a record stands for; a record without a readable `last_change_date` stops the poll. */
function changeOf(ctx: IPollFunctions, record: IDataObject): Change {
	const time = parseLocalTime(record.last_change_date);
	const id = Number(record.id);
	if (!time || !Number.isSafeInteger(id)) {
		// Loud on purpose: without it no change can be tracked, and skipping would lose events.
		throw new NodeOperationError(
			ctx.getNode(),
			`Altegio returned client ${String(record.id)} without a readable last_change_date ` +
				`(${JSON.stringify(record.last_change_date ?? null)})`,
			{
				description:
					'The trigger tracks changes by this date. Nothing was changed; the next poll reads the same period again.',
			},
		);
	}
	return { record, id, time };
}

/** One change per client (the latest), oldest first: a client edited while the walk ran can be listed twice. */
function latestChanges(ctx: IPollFunctions, rows: IDataObject[]): Change[] {
	const byId = new Map<number, Change>();
	for (const row of rows) {
		const change = changeOf(ctx, row);
		const known = byId.get(change.id);
		if (!known || change.time.ms >= known.time.ms) byId.set(change.id, change);
	}
	return [...byId.values()].sort((a, b) => a.time.ms - b.time.ms || a.id - b.id);
}

/** How far Altegio's wall clock may be ahead of UTC: the location's offset if east, else nothing. */
function aheadOf(locationOffset: number | undefined): number | undefined {
	return locationOffset === undefined ? undefined : Math.max(locationOffset, 0) * 60_000;
}

/**
 * The cursor after a poll: the latest change seen, but never past Altegio's "now" (its `Date`, or
 * n8n's clock when it sent none), so a record dated in the future cannot hide what comes after; and
 * never before the previous cursor, so a `Date` that lags (or a missing one, and n8n's clock
 * behind) cannot make the next poll read old changes again. The offset is the location's, from the
 * latest change that is not in the future.
 */
function nextCursor(previous: LocalTime, changes: Change[], serverNow: number, offset: number | undefined) {
	let cursor = previous;
	let locationOffset = offset;
	const bound = Math.max(Math.floor(serverNow / 1000) * 1000, previous.ms);
	for (const change of changes) {
		if (change.time.ms <= serverNow) locationOffset = change.time.offset;
		if (change.time.ms <= cursor.ms) continue;
		cursor = change.time.ms <= bound ? change.time : { ms: bound, offset: locationOffset ?? change.time.offset };
	}
	return { cursor, locationOffset };
}

/**
 * First poll for a location (activation): learn the newest id and the latest change, emit
 * nothing. The day before now is read so that every change already made counts as history.
 */
export async function baseline(poll: PollRequests): Promise<PollState> {
	const newest = await newestClient(poll);
	const offset = newest.row ? parseLocalTime(newest.row.last_change_date)?.offset : undefined;
	const now = newest.serverNow ?? Date.now();
	const from: LocalTime = { ms: Math.floor(now / 1000) * 1000 - FIRST_LOOKBACK_MS, offset: offset ?? 0 };
	const read = await readChanges(poll, { ms: from.ms, offset: queryOffset(offset) }, aheadOf(offset));
	const changes = latestChanges(poll.ctx, read.rows);
	const { cursor, locationOffset } = nextCursor(from, changes, read.serverNow ?? now, offset);
	let maxId = newest.row ? Number(newest.row.id) || 0 : 0;
	const seen: Record<string, number> = {};
	for (const change of changes) {
		if (change.id > maxId) maxId = change.id;
		seen[change.id] = change.time.ms / 1000;
	}
	return stateAfter(poll.locationId, cursor, locationOffset, maxId, seen);
}

/** A later poll: read from the cursor (minus the overlap), emit what is new, move the cursor. */
export async function advance(
	poll: PollRequests,
	previous: PollState,
	event: ClientEvent,
): Promise<{ state: PollState; emitted: IDataObject[] }> {
	let from = parseLocalTime(previous.cursor)!;
	const ahead = aheadOf(previous.locationOffset);
	let read = await readChanges(poll, windowFor(from, previous.locationOffset).start, ahead);
	const serverNow = read.serverNow ?? Date.now();
	// "Now" by the later of Altegio's `Date` and n8n's clock: one of them lagging must not move the
	// reading back (old changes would be reported again), see nextCursor.
	const latestNow = Math.max(serverNow, Date.now());
	if (from.ms > latestNow) {
		// Saved past both clocks (by a version without the bound, after a future-dated record): from now.
		from = { ms: Math.floor(latestNow / 1000) * 1000, offset: from.offset };
		read = await readChanges(poll, windowFor(from, previous.locationOffset).start, ahead);
	}
	const changes = latestChanges(poll.ctx, read.rows);
	// A `since` past now (saved when a future-dated record had moved the cursor) would count changes
	// made since as handled: never above now minus the overlap.
	const since = Math.min(previous.since, Math.floor((latestNow - OVERLAP_MS) / 1000));
	const seen = { ...previous.seen };
	let maxId = previous.maxId;
	const emitted: IDataObject[] = [];
	for (const change of changes) {
		const at = change.time.ms / 1000;
		const created = change.id > previous.maxId;
		// Before `since`: handled at an earlier poll (Altegio may answer with more than asked).
		const changed = at >= since && seen[change.id] !== at;
		if (created || (event === 'clientCreatedOrUpdated' && changed)) emitted.push(toClientOutput(change.record));
		seen[change.id] = at;
		if (change.id > maxId) maxId = change.id;
	}
	const next = nextCursor(from, changes, serverNow, previous.locationOffset);
	return { state: stateAfter(previous.locationId, next.cursor, next.locationOffset, maxId, seen), emitted };
}
