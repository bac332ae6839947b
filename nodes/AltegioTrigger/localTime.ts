/**
 * Instants as Altegio writes them, and the wall-clock form its `changed_after` filter reads.
 *
 * `last_change_date` carries the location's UTC offset without a colon
 * (`2026-03-01T12:00:00-0500`). `changed_after` is documented only as a plain date-time
 * (`2000-01-01T00:00:00`) in a zone the docs do not state (the location's, or UTC: see
 * pollState.ts `windowFor` for how the trigger stays right under either). The trigger always
 * sends a plain wall-clock time computed from times the API itself printed: no time zone
 * database, no guess about the n8n server's zone, no reliance on an undocumented offset syntax.
 */

export interface LocalTime {
	/** The instant, in ms since the epoch (whole seconds: the API's resolution). */
	ms: number;
	/** The UTC offset the API printed with it, in minutes (New York in winter: -300). */
	offset: number;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads `2026-03-01T12:00:00-0500`, `…-05:00`, `…Z` or a time without an offset (then read as
 * offset 0: the wall-clock time is kept as it is, which is what `changed_after` compares).
 */
export function parseLocalTime(text: unknown): LocalTime | undefined {
	if (typeof text !== 'string') return undefined;
	const match = TIME.exec(text.trim());
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s = '00', zone] = match;
	if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +s > 59) return undefined;
	let offset = 0;
	if (zone && zone.toUpperCase() !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		offset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
	}
	return { ms: Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - offset * 60_000, offset };
}

/** `2026-03-01T12:00:00`: the wall-clock time at the time's own offset, as `changed_after` takes it. */
export function wallClock(time: LocalTime): string {
	return new Date(time.ms + time.offset * 60_000).toISOString().slice(0, 19);
}

/** `2026-03-01T12:00:00-0500`: Altegio's own spelling, as kept in the trigger's static data. */
export function formatLocalTime(time: LocalTime): string {
	const sign = time.offset < 0 ? '-' : '+';
	const abs = Math.abs(time.offset);
	return `${wallClock(time)}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** The local hour (0-23) of the time at its own offset. */
export function localHour(time: LocalTime): number {
	return new Date(time.ms + time.offset * 60_000).getUTCHours();
}

export function minus(time: LocalTime, ms: number): LocalTime {
	return { ms: time.ms - ms, offset: time.offset };
}

/** The wall-clock digits of `time` at its offset, as if they were UTC (ms): how the list's bounds compare. */
export function wallClockMs(time: LocalTime): number {
	return time.ms + time.offset * 60_000;
}

/** `2026-03-01T12:00:00` from wall-clock digits held as UTC ms (see wallClockMs). */
export function formatWallClockMs(digits: number): string {
	return new Date(digits).toISOString().slice(0, 19);
}
