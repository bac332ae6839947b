'use strict';

/**
 * Small helpers shared by the sandbox modules: the error type, envelopes,
 * time formatting in a location's time zone, and a seeded pseudo-random generator; and the shape
 * in which the tests' HTTP clients (helpers.js, test/e2e/lib/n8n.js) hand back an answer.
 */

class ApiError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {string} message meta.message
	 * @param {unknown} [errors] meta.errors (omitted when undefined)
	 */
	constructor(status, message, errors) {
		super(message);
		this.status = status;
		this.errors = errors;
	}
}

function errorBody(message, errors) {
	const meta = { message };
	if (errors !== undefined) meta.errors = errors;
	return { success: false, data: null, meta };
}

function ok(status, data, meta) {
	return { status, body: { success: true, data, meta } };
}

/** 422 in the shape the API uses for validation errors: message + errors array. */
function validationError(message, errors) {
	return new ApiError(422, message, errors === undefined ? [message] : errors);
}

// ---------------------------------------------------------------- PRNG

/** mulberry32 step: takes the 32-bit state, returns [nextState, float in [0,1)]. */
function prngStep(s) {
	const next = (s + 0x6d2b79f5) >>> 0;
	let t = next;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return [next, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/** A generator whose state lives in `holder.rng` (so snapshots of the state include it). */
function rngFrom(holder) {
	const next = () => {
		const [s, v] = prngStep(holder.rng >>> 0);
		holder.rng = s;
		return v;
	};
	return {
		next,
		int(min, max) {
			return min + Math.floor(next() * (max - min + 1));
		},
		pick(arr) {
			return arr[Math.floor(next() * arr.length)];
		},
		chance(p) {
			return next() < p;
		},
	};
}

// ---------------------------------------------------------------- time

const formatters = new Map();

function formatter(tz) {
	let f = formatters.get(tz);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(tz, f);
	}
	return f;
}

/** Wall-clock parts of `ms` in time zone `tz`. */
function tzParts(ms, tz) {
	const parts = {};
	for (const p of formatter(tz).formatToParts(new Date(ms))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return parts;
}

/** Offset of `tz` from UTC at instant `ms`, in minutes (New York winter: -300). */
function tzOffsetMinutes(ms, tz) {
	const p = tzParts(ms, tz);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, '0');

function localString(ms, tz, sep = ' ') {
	const p = tzParts(ms, tz);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${sep}${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

function offsetString(ms, tz, colon) {
	const off = tzOffsetMinutes(ms, tz);
	const sign = off < 0 ? '-' : '+';
	const h = pad(Math.floor(Math.abs(off) / 60));
	const m = pad(Math.abs(off) % 60);
	return `${sign}${h}${colon ? ':' : ''}${m}`;
}

/** '2026-03-01T12:00:00-0500' (client last_change_date: no colon in the offset). */
function isoNoColon(ms, tz) {
	return localString(ms, tz, 'T') + offsetString(ms, tz, false);
}

/** '2026-01-01T12:12:12-05:00' (comment create_date, file date_create). */
function isoColon(ms, tz) {
	return localString(ms, tz, 'T') + offsetString(ms, tz, true);
}

/** ms of a wall-clock time in `tz`. */
function zonedToMs(y, mo, d, h, mi, s, tz) {
	const guess = Date.UTC(y, mo - 1, d, h, mi, s);
	let ms = guess - tzOffsetMinutes(guess, tz) * 60000;
	// second pass settles DST edges
	ms = guess - tzOffsetMinutes(ms, tz) * 60000;
	return ms;
}

const DATE_TIME_RE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parse '2000-01-01', '2000-01-01T00:00:00', '2000-01-01 00:00:00', '…+03:00', '…-0500', '…Z'.
 * Without an offset the wall-clock time is read in the location's time zone (sandbox choice).
 * Returns ms or null when the string is not such a date.
 */
function parseDateTime(str, tz) {
	if (typeof str !== 'string') return null;
	const m = DATE_TIME_RE.exec(str.trim());
	if (!m) return null;
	const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
	const zone = m[7];
	if (!zone) return zonedToMs(y, mo, d, h, mi, s, tz);
	const base = Date.UTC(y, mo - 1, d, h, mi, s);
	if (zone.toUpperCase() === 'Z') return base;
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
	return base - off * 60000;
}

/**
 * `changed_after`/`changed_before` under one reading of readings.js `changedAfterZone`: a plain time is
 * read in the location's zone (`location`, `locationDigits`) or in UTC (`utc`, `utcDigits`); an
 * offset or Z is honoured by `location` and `utc` and dropped (the digits read as if plain) by the
 * `…Digits` readings. Returns ms or null.
 */
function parseChangedTime(str, tz, reading) {
	const zone = reading === 'utc' || reading === 'utcDigits' ? 'UTC' : tz;
	if (reading === 'locationDigits' || reading === 'utcDigits') {
		if (typeof str !== 'string' || !DATE_TIME_RE.test(str.trim())) return null;
		return parseDateTime(str.trim().replace(/\s*(Z|[+-]\d{2}:?\d{2})$/i, ''), zone);
	}
	return parseDateTime(str, zone);
}

/** true for a real calendar date 'YYYY-MM-DD'. */
function isDateOnly(str) {
	if (typeof str !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(str)) return false;
	const [y, m, d] = str.split('-').map(Number);
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Normalise 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' (or with T) to 'YYYY-MM-DD HH:MM:SS'; null if invalid. */
function normalizeLocalDateTime(str) {
	if (typeof str !== 'string') return null;
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(str.trim());
	if (!m || !isDateOnly(m[1])) return null;
	return `${m[1]} ${m[2] || '00'}:${m[3] || '00'}:${m[4] || '00'}`;
}

/** A controllable clock: real time by default; set() freezes it, advance() moves it. */
function createClock() {
	let fixed = null;
	let offset = 0;
	return {
		now() {
			return fixed !== null ? fixed : Date.now() + offset;
		},
		set(ms) {
			fixed = typeof ms === 'number' ? ms : new Date(ms).getTime();
		},
		advance(ms) {
			if (fixed !== null) fixed += ms;
			else offset += ms;
		},
		/** Back to real time. */
		real() {
			fixed = null;
			offset = 0;
		},
		get frozen() {
			return fixed !== null;
		},
	};
}

// Unreferenced: a delay the sandbox was told to add must not keep a process alive once it is stopped.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Parse a query string twice: `raw` for the request log, `php` as a PHP backend reads it. */
function parseQuery(searchParams) {
	const raw = {};
	const php = {};
	for (const [key, value] of searchParams) {
		if (Object.prototype.hasOwnProperty.call(raw, key)) {
			raw[key] = Array.isArray(raw[key]) ? [...raw[key], value] : [raw[key], value];
		} else {
			raw[key] = value;
		}
		// PHP: `a[]=1&a[]=2` and `a[0]=1` build arrays; a repeated plain `a=1&a=2` keeps only the last value.
		const m = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
		if (m) {
			const name = m[1];
			if (!Array.isArray(php[name])) php[name] = [];
			php[name].push(value);
		} else {
			php[key] = value;
		}
	}
	return { raw, php };
}

/**
 * A route of the sandbox's API: `template` is its path below /api/v1 as a regular expression in
 * which `{name}` stands for a numeric path parameter and `{name:re}` for one matching `re`; the
 * handler reads them as `ctx.params.<name>`. `more`: `auth` (default 'user'), `anyAccept`.
 */
function route(method, template, handler, more = {}) {
	const keys = [];
	const source = template.replace(/\{(\w+)(?::([^}]+))?\}/g, (_, key, re) => {
		keys.push(key);
		return `(${re || '\\d+'})`;
	});
	return { method, pattern: new RegExp(`^${source}$`), keys, auth: 'user', handler, ...more };
}

/** An HTTP answer as the tests read it: the body parsed when it is JSON (some errors come as text or HTML). */
function httpAnswer(status, headers, text) {
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status, headers, text, json };
}

module.exports = {
	ApiError,
	errorBody,
	ok,
	validationError,
	rngFrom,
	prngStep,
	tzParts,
	tzOffsetMinutes,
	localString,
	isoNoColon,
	isoColon,
	parseDateTime,
	parseChangedTime,
	isDateOnly,
	normalizeLocalDateTime,
	createClock,
	sleep,
	parseQuery,
	httpAnswer,
	route,
};
