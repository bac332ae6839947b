import type { IDataObject } from 'n8n-workflow';

import type { LocalTime } from './localTime';
import { formatLocalTime, localHour, minus, parseLocalTime } from './localTime';

/**
 * The trigger's memory between polls, in the workflow's static data (`getWorkflowStaticData('node')`),
 * written only after a poll read everything, so a failed poll leaves it exactly as it was and the
 * next poll reads the same window again (nothing lost):
 * - `cursor`: the latest `last_change_date` seen, as Altegio printed it (with its offset), but never
 *   later than Altegio's own "now" (the `Date` of its answers): one record dated in the future must
 *   not move the reading past the changes still to come. Both are times from the API's clock, so
 *   the n8n server's clock and time zone do not matter (the first activation aside, see baseline).
 * - `locationOffset`: the location's UTC offset (minutes) as the latest change printed it; absent
 *   until a client was seen. It decides how the plain `changed_after` is written (see windowFor).
 * - `since` (epoch seconds): changes before it count as already handled.
 * - `seen`: client id → `last_change_date` (epoch seconds) of the changes at or after `since`
 *   already handled. A poll re-reads an overlap before the cursor and skips these: de-duplication
 *   by id + last_change_date. One entry per client (a client's change date only moves forward),
 *   pruned to the window, capped at MAX_SEEN.
 * - `maxId`: the highest client id seen. `locationId`: a new location starts over (from now).
 */

const HOUR = 3_600_000;

/**
 * Re-read before the cursor on each poll: changes committed a little late or stamped by another
 * Altegio server whose clock is slightly behind still get in. Cheap, because every change in it
 * that was already handled is skipped by `seen`.
 */
export const OVERLAP_MS = 2 * 60_000;
/**
 * Daylight-saving switches happen at night local time (between 21:00 and 05:00 in every zone
 * that has them). Then the offset of the cursor may not be the location's offset at the
 * wall-clock time sent, and Altegio could read it up to an hour late; at night the overlap is
 * two hours, so even a one-hour misreading starts before the cursor. Salons are quiet at night,
 * so re-reading two hours costs little.
 */
const NIGHT_OVERLAP_MS = 2 * HOUR;
/** The westernmost UTC offset in use (UTC-12), in minutes: the frame while the location's is unknown. */
export const WESTMOST_OFFSET = -12 * 60;
/** Bound on `seen`; beyond it the oldest are dropped and `since` moves past them. */
export const MAX_SEEN = 10_000;

export interface PollState {
	version: 1;
	locationId: string;
	cursor: string;
	locationOffset?: number;
	since: number;
	maxId: number;
	seen: Record<string, number>;
}

function isNight(time: LocalTime): boolean {
	const hour = localHour(time);
	return hour >= 21 || hour < 5;
}

/**
 * Where the next poll starts reading (`start`), and before what a change counts as handled
 * (`since`, ms): the same instant, the cursor minus the overlap.
 *
 * The docs do not say in which zone Altegio reads a plain `changed_after`: the location's (the
 * likely reading) or UTC (or, for a server-wide setting, a zone east of UTC). A plain time read
 * in a zone east of the one it was written in names an earlier instant (more read, never less),
 * read in a zone west of it a later one (changes lost). So `start` is written at the westernmost
 * of the location's offset and UTC: under either reading (and any zone east of both) the query
 * starts at `start` or before. West of UTC that is the location's offset: exact if Altegio reads
 * the location's zone, up to |offset| hours more if it reads UTC; east of UTC it is UTC. Before any
 * client was seen the offset is unknown, and UTC-12 is used. Whatever comes back from before
 * `since` was visible to the previous poll and is skipped without having to be remembered.
 */
export function windowFor(cursor: LocalTime, locationOffset: number | undefined) {
	const local = { ms: cursor.ms, offset: locationOffset ?? 0 };
	const night = locationOffset !== undefined && (isNight(local) || isNight(minus(local, OVERLAP_MS)));
	const ms = cursor.ms - (night ? NIGHT_OVERLAP_MS : OVERLAP_MS);
	const start: LocalTime = { ms, offset: queryOffset(locationOffset) };
	return { start, since: ms };
}

/** The offset a plain `changed_after` is written at: the westernmost of the location's and UTC (see windowFor). */
export function queryOffset(locationOffset: number | undefined): number {
	return Math.min(locationOffset ?? WESTMOST_OFFSET, 0);
}

/** The state from static data, or undefined when there is none for this location (start over). */
export function readState(data: IDataObject, locationId: string): PollState | undefined {
	const { version, cursor, since, maxId, seen, locationOffset } = data;
	if (version !== 1 || data.locationId !== locationId) return undefined;
	const parsed = parseLocalTime(cursor);
	if (!parsed || typeof since !== 'number' || typeof maxId !== 'number') return undefined;
	if (!seen || typeof seen !== 'object' || Array.isArray(seen)) return undefined;
	const state: PollState = {
		version,
		locationId,
		cursor: cursor as string,
		since,
		maxId,
		seen: seen as Record<string, number>,
	};
	// Saved before the offset was kept: the cursor's own offset was the location's.
	if (typeof locationOffset === 'number') state.locationOffset = locationOffset;
	else if (!('locationOffset' in data)) state.locationOffset = parsed.offset;
	return state;
}

export function writeState(data: IDataObject, state: PollState): void {
	// Assigned key by key, so n8n's observable static data notices the change and saves it.
	data.version = state.version;
	data.locationId = state.locationId;
	data.cursor = state.cursor;
	data.locationOffset = state.locationOffset ?? null;
	data.since = state.since;
	data.maxId = state.maxId;
	data.seen = state.seen;
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

export function stateAfter(
	locationId: string,
	cursor: LocalTime,
	locationOffset: number | undefined,
	maxId: number,
	seen: Record<string, number>,
): PollState {
	const pruned = prune(seen, windowFor(cursor, locationOffset).since);
	const state: PollState = {
		version: 1,
		locationId,
		cursor: formatLocalTime(cursor),
		since: pruned.since,
		maxId,
		seen: pruned.seen,
	};
	if (locationOffset !== undefined) state.locationOffset = locationOffset;
	return state;
}
