import { ParameterError, toDateParts } from './validation';

/**
 * A calendar date (a birth date) from what n8n or an expression gives: the date the user meant.
 * - A date or date-time without a zone (the picker's `1990-04-05T00:00:00`, `1990-04-05`): as written.
 * - A date-time with an offset (Luxon's `toISO()`): the date as written in that offset.
 * - An instant (a JS Date, or an ISO string ending in `Z`, as `Date.toISOString()` and JSON give):
 *   its date in the workflow's time zone, except exactly midnight UTC, which is how a date alone
 *   is serialised (`new Date('1990-04-05')`), and is taken as that date.
 * - A Luxon DateTime: its date in its own zone.
 */
export function toCalendarDate(value: unknown, parameter: string, label: string, timeZone: string): string {
	if (value && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function') {
		const date = (value as { toISODate: () => string | null }).toISODate();
		return toDateParts(date ?? '', parameter, label).date;
	}
	const instant =
		value instanceof Date ? value : typeof value === 'string' && /Z$/i.test(value.trim()) ? new Date(value) : null;
	if (instant === null) return toDateParts(value, parameter, label).date;
	// Checked as written first, so an impossible value is refused with the usual message.
	const parts = toDateParts(value instanceof Date ? instantText(value) : value, parameter, label);
	if (instant.getUTCHours() === 0 && instant.getUTCMinutes() === 0 && instant.getUTCSeconds() === 0) {
		return parts.date;
	}
	return dateIn(instant, timeZone, parameter);
}

function instantText(date: Date): string {
	return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

function dateIn(instant: Date, timeZone: string, parameter: string): string {
	let parts: Intl.DateTimeFormatPart[] | undefined;
	try {
		const format = { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' } as const;
		parts = new Intl.DateTimeFormat('en-CA', format).formatToParts(instant);
	} catch {
		parts = undefined;
	}
	if (!parts) {
		throw new ParameterError(
			parameter,
			`The workflow's time zone "${timeZone}" is not known; set it in the workflow settings`,
		);
	}
	const found = parts;
	const get = (type: string) => found.find((part) => part.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}
