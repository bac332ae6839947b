'use strict';

/**
 * The sandbox's readings of what Altegio's documentation leaves open. Each key is one open question;
 * its values are the plausible answers, the first being the one the sandbox takes by default (the
 * documented one where the official description speaks). Tests set `sb.options.readings.<key>` and
 * the node must be right under every value. docs/altegio-api.md lists each question, its readings
 * and which the node was proven under. `READINGS` is the catalogue the matrix tests iterate over.
 *
 * Every key is read per request, so a test may switch readings between requests.
 */
const READINGS = {
	// GET /client/{loc}/{id}: which keys describe gender and importance.
	clientShape: ['withIds'],
	// What a user without contact rights sees of phones and e-mails.
	contactMasking: ['none'],
	// Whether `spent` read back includes visits since the client was added.
	money: ['plain'],
	// PUT /client/{loc}/{id}: fields left out of the body are kept, or reset.
	putSemantics: ['keepOmitted'],
	// POST /clients/{loc}/bulk: phones echoed as sent or normalised; `created`/`errors` as arrays or objects.
	bulkPhones: ['asSent'],
	bulkAnswerShape: ['arrays'],
	// Quick search: how a phone query matches.
	quickSearchPhone: ['digitSubstring'],
	// A page size over the maximum: rejected, or silently served at a smaller size (offsets then
	// follow the size served). Search: the description's 200 (400 over it), or a cap of 200 or 100.
	// Deprecated list: no documented maximum; 300 per one source, 200 per another (paging.js).
	searchPageSize: ['reject200', 'clamp200', 'clamp100'],
	legacyPageSize: ['reject300', 'clamp300', 'clamp200', 'clamp100'],
	// GET /clients/{loc}: the zone a plain `changed_after`/`changed_before` is read in (the location's or
	// UTC), and whether an offset or Z, when one is sent, is honoured (`location`, `utc`) or ignored, the
	// digits being read in that zone as if plain (`locationDigits`, `utcDigits`). See util.js parseChangedTime.
	changedAfterZone: ['location', 'utc', 'locationDigits', 'utcDigits'],
};

/** The default reading of every question. */
function defaultReadings() {
	return Object.fromEntries(Object.entries(READINGS).map(([key, values]) => [key, values[0]]));
}

/** Every combination of the given keys' readings (for matrix tests), as objects. */
function combinations(keys) {
	return keys.reduce(
		(acc, key) => acc.flatMap((combo) => READINGS[key].map((value) => ({ ...combo, [key]: value }))),
		[{}],
	);
}

module.exports = { READINGS, defaultReadings, combinations };
