'use strict';

/**
 * Answer shapes seen in the wild beyond the official description (docs/altegio-api.md, "Observed"):
 * the deprecated list's rows as an integration recorded them live, search rows as recorded, tags
 * under `labels` or not shown on the card, labels in the account's language, the SDK-seen error
 * bodies. clientReadings.js and server.js apply them under the readings of readings.js.
 */

// Labels in a Russian account (the sandbox's "other language").
const GENDER_RU = { 0: 'Не указан', 1: 'Мужской', 2: 'Женский' };
const IMPORTANCE_RU = { 0: 'Без класса важности', 1: 'Бронза', 2: 'Серебро', 3: 'Золото' };
// The recorded rows' English labels: "No priority level" where the description says "No importance class".
const SEX_RECORDED = { 0: 'Unknown', 1: 'Male', 2: 'Female' };
const IMPORTANCE_RECORDED = { 0: 'No priority level', 1: 'Bronze', 2: 'Silver', 3: 'Gold' };

const readingsOf = (ctx) => (ctx && ctx.options && ctx.options.readings) || {};
const russian = (ctx) => readingsOf(ctx).labelLanguage === 'ru';

/** A tag as the recorded rows show it: 13 keys. */
function recordedTag(tag, locationId) {
	return {
		id: tag.id,
		salon_id: locationId,
		company_id: locationId,
		title: tag.title,
		color: tag.color,
		font_color: '#ffffff',
		icon: 'tag',
		entity: 1,
		entity_slug: 'client',
		deleted: 0,
		is_deleted: false,
		not_editable: 0,
		is_editable: true,
	};
}

/**
 * A full client (serializeClient's output) in the recorded list row's shape: `sex_id`/`sex`,
 * `patronymic`, `display_name`, `paid`, `sms_bot`, the phone as text with `+`, 13-key tags, and no
 * `gender_id`, `gender` or `middle_name`. Key order as recorded.
 */
function recordedRow(ctx, client, out) {
	const ru = russian(ctx);
	return {
		id: out.id,
		name: out.name,
		surname: out.surname,
		patronymic: out.middle_name,
		display_name: [out.name, out.surname].filter(Boolean).join(' '),
		phone: out.phone === '' ? '' : `+${out.phone}`,
		email: out.email,
		discount: out.discount,
		card: out.card,
		sex_id: client.gender_id,
		sex: (ru ? GENDER_RU : SEX_RECORDED)[client.gender_id] || SEX_RECORDED[0],
		sms_check: out.sms_check,
		sms_bot: 0,
		sms_not: out.sms_not,
		importance_id: client.importance_id,
		importance: (ru ? IMPORTANCE_RU : IMPORTANCE_RECORDED)[client.importance_id] || IMPORTANCE_RECORDED[0],
		comment: out.comment,
		last_change_date: out.last_change_date,
		birth_date: out.birth_date,
		visits: out.visits,
		spent: out.spent,
		paid: 0,
		balance: out.balance,
		categories: out.categories.map((tag) => recordedTag(tag, client.locationId)),
		custom_fields: Array.isArray(out.custom_fields) ? {} : out.custom_fields,
	};
}

/** Gender and importance labels translated, in place (a record of the documented shape). */
function translateLabels(client, out) {
	if ('gender' in out) out.gender = GENDER_RU[client.gender_id] || GENDER_RU[0];
	if ('importance' in out) out.importance = IMPORTANCE_RU[client.importance_id] || IMPORTANCE_RU[0];
	return out;
}

/** The tags key of a card: `categories` as documented, `labels`, or not shown. */
function cardTags(reading, out) {
	if (reading === 'labels' || reading === 'absent') {
		const tags = out.categories;
		delete out.categories;
		if (reading === 'labels') out.labels = tags;
	}
	return out;
}

/** A search row as recorded: the phone as text with `+`, an empty string for a visit date never had. */
function recordedSearchRow(row) {
	if (typeof row.phone === 'number') row.phone = `+${row.phone}`;
	for (const key of ['first_visit_date', 'last_visit_date']) if (key in row && row[key] === null) row[key] = '';
	return row;
}

/**
 * An error answer under `errorBody`: `errorsMeta` gives 401 and 404 as `{errors: {code, message},
 * meta: {message}}` (no `success`), `successFalse200` answers every 4xx but 401 and 429 with HTTP
 * 200 and `{success: false, data: null, meta}`. Other results pass unchanged.
 */
function errorAnswer(options, result) {
	const reading = (options.readings || {}).errorBody;
	const status = result && result.status;
	const body = result && result.body;
	if (!reading || reading === 'envelope' || !(status >= 400 && status < 500) || !body || body.success !== false) {
		return result;
	}
	const meta = body.meta && typeof body.meta === 'object' ? body.meta : {};
	const message = typeof meta.message === 'string' ? meta.message : 'An error has occurred.';
	if (reading === 'errorsMeta' && (status === 401 || status === 404)) {
		return { ...result, body: { errors: { code: status, message }, meta: { message } } };
	}
	if (reading === 'successFalse200' && status !== 401 && status !== 429) {
		return { ...result, status: 200, body: { success: false, data: null, meta } };
	}
	return result;
}

module.exports = {
	GENDER_RU,
	IMPORTANCE_RU,
	IMPORTANCE_RECORDED,
	recordedRow,
	recordedTag,
	translateLabels,
	cardTags,
	recordedSearchRow,
	errorAnswer,
};
