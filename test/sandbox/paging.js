'use strict';

/**
 * Page sizes over the maximum, under the sandbox's readings (readings.js `searchPageSize`,
 * `legacyPageSize`): `rejectN` refuses a size over N (the search with 400 as its description says,
 * the deprecated list with 422), `clampN` silently serves N rows per page instead. A clamped server
 * computes offsets with the size it used: page p starts at (p - 1) × N.
 */

const { ApiError, validationError } = require('./util');

function parseReading(key, reading) {
	const m = /^(reject|clamp)(\d+)$/.exec(String(reading));
	if (!m) throw new Error(`sandbox: unknown ${key} reading ${reading}`);
	return { mode: m[1], max: Number(m[2]) };
}

/** The search's page size as served (`requested` is a whole number of at least 1). */
function searchPageSize(options, requested) {
	const { mode, max } = parseReading('searchPageSize', options.readings.searchPageSize);
	if (requested <= max) return requested;
	if (mode === 'clamp') return max;
	throw new ApiError(400, 'Invalid page_size', {
		page_size: [`The page_size must be an integer between 1 and max ${max}.`],
	});
}

/** The deprecated list's `count` as served. */
function legacyPageSize(options, requested) {
	const { mode, max } = parseReading('legacyPageSize', options.readings.legacyPageSize);
	if (requested <= max) return requested;
	if (mode === 'clamp') return max;
	throw validationError(`count must not be greater than ${max}`, {
		count: [`The count may not be greater than ${max}.`],
	});
}

module.exports = { searchPageSize, legacyPageSize };
