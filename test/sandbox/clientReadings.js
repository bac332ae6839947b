'use strict';

/**
 * How the client endpoints behave under the readings of readings.js that concern writes and the
 * client record: clientShape, contactMasking, money, putSemantics, bulkPhones, bulkAnswerShape and
 * quickSearchPhone. clients.js calls these at the points where the readings differ; everything
 * else in clients.js is one reading-independent behaviour.
 */

const round2 = (n) => Math.round(n * 100) / 100;

const shapes = require('./observedShapes');

const { GENDER_RU, IMPORTANCE_RU } = shapes;

const readingsOf = (ctx) => (ctx && ctx.options && ctx.options.readings) || {};

/** `+1 315 *** ** 78`: country code and area kept, the rest hidden but the last two digits. */
function maskPhone(phone) {
	const digits = String(phone).replace(/\D/g, '');
	if (digits.length < 9) return String(phone);
	const national = digits.slice(-10);
	const country = digits.slice(0, digits.length - national.length);
	return `${country ? `+${country} ` : ''}${national.slice(0, 3)} *** ** ${digits.slice(-2)}`;
}

/** `r***@example.com` */
function maskEmail(email) {
	const text = String(email || '');
	const at = text.indexOf('@');
	return at < 1 ? text : `${text[0]}***${text.slice(at)}`;
}

const masksPhone = (r) => r.contactMasking === 'phone' || r.contactMasking === 'both';
const masksEmail = (r) => r.contactMasking === 'email' || r.contactMasking === 'both';

/**
 * A full client object as an endpoint shows it under the readings. `endpoint`: 'get' (GET
 * /client), 'put' (the edit's answer), 'list' (deprecated list), 'create' (create and bulk answers).
 * - money `plain`: `spent` is the stored amount; `addsVisits`: the stored amount plus visit money
 *   (serializeClient computes that).
 * - clientShape applies to GET only (the official GET example has labels and no ids; create, edit
 *   and the list document ids): `withIds` keeps both, `documented` drops the ids, `localised` also
 *   translates the labels, `recorded` shows the card as the recorded list rows (observedShapes.js).
 * - listRows `recorded`: the list's rows in the recorded shape.
 * - labelLanguage `ru`: every answer's labels in Russian.
 * - cardTags: on GET and the edit's answer (`labels` on the list too), tags as `categories`,
 *   `labels`, or not shown.
 * - contactMasking applies to reads (GET, the edit's answer, the list), not to create answers.
 */
function presentClient(ctx, client, out, endpoint) {
	const r = readingsOf(ctx);
	if (r.money !== 'addsVisits') out.spent = round2(Number(client.spent) || 0);
	if (endpoint === 'get' && r.clientShape && r.clientShape !== 'withIds' && r.clientShape !== 'recorded') {
		if (r.clientShape === 'localised') shapes.translateLabels(client, out);
		delete out.gender_id;
		delete out.importance_id;
	}
	if (r.labelLanguage === 'ru') shapes.translateLabels(client, out);
	const recorded =
		(endpoint === 'list' && r.listRows === 'recorded') || (endpoint === 'get' && r.clientShape === 'recorded');
	let shown = recorded ? shapes.recordedRow(ctx, client, out) : out;
	if (endpoint === 'get' || endpoint === 'put' || (endpoint === 'list' && r.cardTags === 'labels')) {
		shown = shapes.cardTags(r.cardTags, shown);
	}
	if (endpoint !== 'create') maskContacts(r, shown);
	return shown;
}

/** Masks `phone`/`email` of a full client or a search row, as the reading says. */
function maskContacts(r, out) {
	if (masksPhone(r) && out.phone !== undefined && out.phone !== '') out.phone = maskPhone(out.phone);
	if (masksEmail(r) && out.email) out.email = maskEmail(out.email);
	return out;
}

/** Search rows: masked like full records; as recorded under searchRows `recorded`. */
function presentSearchRow(ctx, row) {
	const r = readingsOf(ctx);
	return maskContacts(r, r.searchRows === 'recorded' ? shapes.recordedSearchRow(row) : row);
}

/** The client's writable values in body form, for a PUT that keeps what it omits. */
function writableBodyOf(client) {
	return {
		surname: client.surname,
		middle_name: client.middle_name,
		email: client.email,
		gender_id: client.gender_id,
		importance_id: client.importance_id,
		discount: client.discount,
		card: client.card,
		birth_date: client.birth_date,
		comment: client.comment,
		sms_check: client.sms_check,
		sms_not: client.sms_not,
		spent: client.spent,
		balance: client.balance,
		labels: [...client.categories],
		custom_fields: { ...client.custom_fields },
	};
}

/**
 * The body an edit is applied as. `resetOmitted`: as sent, so every omitted field takes its
 * default. `keepOmitted`: omitted fields keep their value (name and phone stay required). A masked
 * phone fails the 9-15 digit check either way; a masked e-mail is stored as sent (the worse of the
 * two plausible answers for a client of the API: the real address is silently replaced).
 */
function effectivePutBody(ctx, client, body) {
	if (readingsOf(ctx).putSemantics !== 'keepOmitted' || !body || typeof body !== 'object' || Array.isArray(body)) {
		return body;
	}
	const kept = writableBodyOf(client);
	if (body.labels !== undefined || body.categories !== undefined) delete kept.labels;
	return { ...kept, ...body };
}

/** `8 912 …` (Russia's trunk prefix) stored as `7 912 …` when bulk normalises phones. */
function normaliseNational(digits) {
	return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}

/** The phone digits a bulk row is stored (and checked for duplicates) under. */
function bulkPhoneDigits(ctx, digits) {
	return readingsOf(ctx).bulkPhones === 'normalised' ? normaliseNational(digits) : digits;
}

/**
 * The bulk answer's `created`/`errors`: arrays, or objects keyed by the row's index in the request
 * (what PHP makes of an array with gaps). `entries` are [requestIndex, value] pairs.
 */
function bulkList(ctx, entries) {
	if (readingsOf(ctx).bulkAnswerShape === 'objects') return Object.fromEntries(entries.map(([i, v]) => [String(i), v]));
	return entries.map(([, v]) => v);
}

/** The national number: without a trunk 0, or the last ten digits of a longer (international) number. */
function nationalNumber(digits) {
	if (digits.startsWith('0')) return digits.slice(1);
	return digits.length > 10 ? digits.slice(-10) : digits;
}

/** Whether a quick search's digits match a stored phone under the reading. */
function quickSearchPhoneMatches(ctx, stored, query) {
	switch (readingsOf(ctx).quickSearchPhone) {
		case 'exact':
			return stored === query;
		case 'nationalNumber':
			return nationalNumber(stored) === nationalNumber(query);
		default:
			return stored.includes(query);
	}
}

module.exports = {
	presentClient,
	presentSearchRow,
	effectivePutBody,
	bulkPhoneDigits,
	bulkList,
	quickSearchPhoneMatches,
	maskPhone,
	maskEmail,
	GENDER_RU,
	IMPORTANCE_RU,
};
