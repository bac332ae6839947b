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
	// GET /client/{loc}/{id}: which keys describe gender and importance. `documented`: labels only, as
	// the official example; `withIds`: labels and `gender_id`/`importance_id`; `localised`: labels in
	// the account's language (Russian), no ids; `recorded`: the card in the shape of the recorded list
	// rows (`sex_id`, `patronymic`, no `gender_id`/`middle_name`). See clientReadings.js.
	clientShape: ['documented', 'withIds', 'localised', 'recorded'],
	// The shapes observed in the wild (observedShapes.js; docs/altegio-api.md, "Observed"):
	// GET /clients/{loc} rows as documented, or as an integration recorded them live (`sex_id`/`sex`,
	// `patronymic`, `display_name`, `paid`, `sms_bot`, `+` phones, "No priority level", 13-key tags).
	listRows: ['documented', 'recorded'],
	// The tags of the card (GET and the edit's answer) under `categories` as documented, under `labels`
	// (one SDK's mock; the list's rows too), or not shown at all (the list still shows them).
	cardTags: ['categories', 'labels', 'absent'],
	// Gender and importance labels in every answer: English, or the account's language (Russian).
	labelLanguage: ['en', 'ru'],
	// Search rows as documented (phone a number, no visit = null), or as recorded (`+` phones, "").
	searchRows: ['documented', 'recorded'],
	// Errors: the envelope (documented); 401 and 404 as `{errors: {code, message}, meta}` (an SDK's
	// note); or every 4xx but 401 and 429 as HTTP 200 with `success: false`.
	errorBody: ['envelope', 'errorsMeta', 'successFalse200'],
	// Visit history pages chained by `meta.dateCursor` (documented), or answers without it (`meta: []`).
	historyCursor: ['dateCursor', 'absent'],
	// What a user without contact rights sees of phones and e-mails (reads only): `+1 315 *** ** 78`,
	// `r***@example.com`. An edit carrying a masked phone fails its digit check; a masked e-mail is stored.
	contactMasking: ['none', 'phone', 'email', 'both'],
	// `spent` read back: the amount at adding as documented (`plain`), or that plus visit money.
	money: ['plain', 'addsVisits'],
	// PUT /client/{loc}/{id}: fields left out of the body are kept, or reset (name and phone required).
	putSemantics: ['keepOmitted', 'resetOmitted'],
	// POST /clients/{loc}/bulk: phones stored and echoed as sent, or normalised (8 912… as 7 912…, and
	// duplicates found by the normalised number); `created`/`errors` as arrays or objects keyed by row index.
	bulkPhones: ['asSent', 'normalised'],
	bulkAnswerShape: ['arrays', 'objects'],
	// Quick search: a phone query matches a digit substring, the exact digits, or the national number.
	quickSearchPhone: ['digitSubstring', 'exact', 'nationalNumber'],
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
