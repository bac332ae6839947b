import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AltegioResponse } from '../Altegio/kernel/transport';
import { altegioRequest, asRows } from '../Altegio/kernel/transport';
import { LEGACY_MAX_PAGE_SIZE } from '../Altegio/model/client';
import type { LocalTime } from './localTime';
import { formatWallClockMs, parseLocalTime, wallClockMs } from './localTime';

/**
 * Reading one poll's changes from the deprecated list `GET /clients/{location_id}` with
 * `changed_after` ("changed or created" since, inclusive, one-second resolution), the only list
 * that returns full records. It is ordered by client id and paged by offset, so reading page 2
 * after a client on page 1 was deleted skips the client that moved up to page 1. The walk
 * therefore reads by time windows (`changed_after` … `changed_before`) small enough to come back
 * in one answer: one answer is one consistent view, and a window that holds more than a page is
 * split in two. A client deleted meanwhile is gone (deletions are not reported); a client edited
 * meanwhile moves to a later time, where the last (open) window or the next poll finds it.
 * Only a single second holding more than a page is read page by page, and then each page must
 * report the same `total_count` (a past second can only lose clients), or the window is read again.
 * When a window's first answer shows only that second, it is that second's first page (the first
 * clients of the window by id are its first clients by id), and the later pages must report the
 * window's total: fewer would mean clients outside the second, or one gone, and the second is then
 * read again from its first page.
 */

const SECOND = 1000;
const HOUR = 3_600_000;
/** How often a multi-page second is read again when its clients change under the walk. */
const CONSISTENT_TRIES = 3;
/** The easternmost UTC offset in use (UTC+14): how far ahead Altegio's wall clock can be of UTC. */
const EASTMOST_AHEAD_MS = 14 * HOUR;

/** Every request of a poll carries its deadline (see pollClients.ts). */
export interface PollRequests {
	ctx: IPollFunctions;
	locationId: string;
	signal: AbortSignal;
}

async function listPage(poll: PollRequests, qs: IDataObject): Promise<AltegioResponse> {
	return await altegioRequest(poll.ctx, {
		method: 'GET',
		url: `/clients/${poll.locationId}`,
		qs,
		settings: { abortSignal: poll.signal },
	});
}

/** Altegio's own clock: the `Date` of an answer (ms), if it sent a readable one. */
export function serverTime(response: AltegioResponse): number | undefined {
	const raw = response.headers?.date ?? response.headers?.Date;
	const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
	return Number.isFinite(ms) ? ms : undefined;
}

function totalOf(response: AltegioResponse): number | undefined {
	const total = Number(response.meta.total_count);
	return response.meta.total_count !== undefined && Number.isFinite(total) ? total : undefined;
}

function highestId(rows: IDataObject[]): IDataObject | undefined {
	let best: IDataObject | undefined;
	for (const row of rows) if (!best || Number(row.id) > Number(best.id)) best = row;
	return best;
}

/**
 * The client with the highest id (the newest), or undefined when the location has none, and
 * Altegio's clock. The list is ordered by id, so that is the last row of the last page.
 */
export async function newestClient(poll: PollRequests): Promise<{ row?: IDataObject; serverNow?: number }> {
	const first = await listPage(poll, { page: 1, count: 1 });
	const serverNow = serverTime(first);
	const total = totalOf(first);
	if (total === undefined) {
		throw new NodeOperationError(
			poll.ctx.getNode(),
			'Altegio did not say how many clients the location has (meta.total_count)',
			{
				description: 'The trigger needs it to find the newest client. Nothing was changed; the next poll tries again.',
			},
		);
	}
	if (total <= 1) return { row: asRows(first.data)[0], serverNow };
	const row = asRows((await listPage(poll, { page: total, count: 1 })).data)[0];
	if (row) return { row, serverNow };
	// Clients were deleted in between: walk back over full pages to the last one with rows.
	for (let page = Math.ceil(total / LEGACY_MAX_PAGE_SIZE); page >= 1; page--) {
		const best = highestId(asRows((await listPage(poll, { page, count: LEGACY_MAX_PAGE_SIZE })).data));
		if (best) return { row: best, serverNow };
	}
	return { serverNow };
}

/** A window of wall-clock seconds (digits held as UTC ms, see wallClockMs); no `last`: open-ended. */
interface Window {
	first: number;
	last?: number;
}

function windowQuery(window: Window, page: number): IDataObject {
	const qs: IDataObject = { changed_after: formatWallClockMs(window.first) };
	if (window.last !== undefined) qs.changed_before = formatWallClockMs(window.last);
	return { ...qs, page, count: LEGACY_MAX_PAGE_SIZE };
}

function complete(rows: IDataObject[], total: number | undefined): boolean {
	return total === undefined ? rows.length < LEGACY_MAX_PAGE_SIZE : rows.length >= total;
}

/** A window too dense to split (one second, or all of it ahead of any clock), page by page. */
async function readPaged(poll: PollRequests, window: Window, firstAnswer: AltegioResponse): Promise<IDataObject[]> {
	let first = firstAnswer;
	for (let attempt = 1; ; attempt++) {
		const total = totalOf(first);
		let last = asRows(first.data);
		const rows = [...last];
		// A server that serves fewer than asked pages by the size it served (as fetchPages reads it).
		const size = Math.max(last.length, 1);
		let consistent = true;
		for (let page = 2; last.length >= size && (total === undefined || rows.length < total); page++) {
			const answer = await listPage(poll, windowQuery(window, page));
			if (totalOf(answer) !== total) {
				consistent = false;
				break;
			}
			last = asRows(answer.data);
			rows.push(...last);
		}
		if (consistent && (total === undefined || rows.length >= total)) return rows;
		if (attempt >= CONSISTENT_TRIES) {
			throw new NodeOperationError(
				poll.ctx.getNode(),
				`Clients changed at ${formatWallClockMs(window.first)} kept changing while the trigger read them`,
				{
					description:
						`More than ${LEGACY_MAX_PAGE_SIZE} clients share that second and their number changed ` +
						`between pages ${CONSISTENT_TRIES} times. Nothing was changed; the next poll reads the same period again.`,
				},
			);
		}
		first = await listPage(poll, windowQuery(window, 1));
	}
}

const secondOf = (row: IDataObject): number | undefined => {
	const time = parseLocalTime(row.last_change_date);
	return time === undefined ? undefined : Math.floor(wallClockMs(time) / SECOND) * SECOND;
};

/**
 * How to split a window holding more than a page (`first` < `top`, whole seconds) into parts that
 * together cover it, guided by the wall-clock change times of the rows it returned (the times as
 * Altegio printed them, the likely frame of its bounds: a guess that only costs requests when
 * wrong). Every part is read as any window is, so where the cuts fall never decides what is read.
 * - A second holding at least half of the rows (a burst: an import, a bulk edit) that, with the
 *   rest of the window after it, would not fit one answer: cut out on its own, between the parts
 *   before and after it, so that the part from it on is not read only to be split again.
 * - Otherwise at the median time, so that each part is about half of what was seen.
 * - Outside the window the guess was in the wrong frame (Altegio reads another zone): the middle
 *   of the window instead, so every split still cuts it in two.
 */
function splitWindow(rows: IDataObject[], window: Window, top: number, total: number | undefined): Window[] {
	const { first, last } = window;
	const times = rows
		.map(secondOf)
		.filter((time): time is number => time !== undefined)
		.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)];
	if (median !== undefined && median >= first && median <= top) {
		const inBurst = times.filter((time) => time === median).length;
		const fromBurst = times.filter((time) => time >= median).length + Math.max((total ?? 0) - rows.length, 1);
		if (inBurst * 2 >= times.length && fromBurst > LEGACY_MAX_PAGE_SIZE) {
			const parts: Window[] = [];
			if (median > first) parts.push({ first, last: median - SECOND });
			parts.push({ first: median, last: median });
			// The open window stays open (and last); a closed one ends where it ended.
			if (last === undefined || median < last) parts.push({ first: median + SECOND, last });
			return parts;
		}
		if (median > first && median < top)
			return [
				{ first, last: median - SECOND },
				{ first: median, last },
			];
		// Most of the rows in the window's first second (a bulk import): that second on its own.
		if (median === first)
			return [
				{ first, last: first },
				{ first: first + SECOND, last },
			];
	}
	const middle = first + Math.ceil((top - first) / (2 * SECOND)) * SECOND;
	return [
		{ first, last: middle - SECOND },
		{ first: middle, last },
	];
}

/**
 * Every client changed at or after `start` (written as a plain time at `start.offset`), and
 * Altegio's clock at the first answer. `aheadMs`: how far Altegio's wall clock may be ahead of
 * UTC (the location's offset, if east), only used to pick where to split the open window.
 */
export async function readChanges(
	poll: PollRequests,
	start: LocalTime,
	aheadMs: number = EASTMOST_AHEAD_MS,
): Promise<{ rows: IDataObject[]; serverNow?: number }> {
	const pending: Window[] = [{ first: Math.floor(wallClockMs(start) / SECOND) * SECOND }];
	const rows: IDataObject[] = [];
	let serverNow: number | undefined;
	while (pending.length > 0) {
		const window = pending.shift()!;
		const answer = await listPage(poll, windowQuery(window, 1));
		serverNow ??= serverTime(answer);
		const found = asRows(answer.data);
		if (complete(found, totalOf(answer))) {
			rows.push(...found);
			continue;
		}
		const top =
			window.last ?? Math.floor(((serverNow ?? Date.now()) + Math.max(aheadMs, 0) + SECOND) / SECOND) * SECOND;
		if (top > window.first) {
			// Windows of whole seconds, the earlier read first; the open one stays open (and last).
			const parts = splitWindow(found, window, top, totalOf(answer));
			const burst = parts.find((part) => part.last === part.first);
			if (burst && totalOf(answer) !== undefined && found.every((row) => secondOf(row) === burst.first)) {
				// Every row shown is in that one second: the first `count` clients of the window by id are
				// its first page, and its later pages must report the window's total (see readPaged).
				rows.push(...(await readPaged(poll, burst, answer)));
				pending.unshift(...parts.filter((part) => part !== burst));
			} else pending.unshift(...parts);
			continue;
		}
		rows.push(...(await readPaged(poll, window, answer)));
	}
	return { rows, serverNow };
}
