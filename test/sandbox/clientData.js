'use strict';

/** A client as the API shows it: derived values (visits, money), tags and the serialised record. */

const { ApiError, isoNoColon } = require('./util');

const GENDERS = { 0: 'unknown', 1: 'Male', 2: 'Female' };
const IMPORTANCE = { 0: 'No importance class', 1: 'Bronze', 2: 'Silver', 3: 'Gold' };

const clientNotFound = () => new ApiError(404, 'Client not found');

function findClientOr404(state, loc, id) {
	const c = state.clients.find((x) => x.locationId === loc.id && x.id === Number(id));
	if (!c) throw clientNotFound();
	return c;
}

/** The records of `list` (comments, files) of the path's client, newest first; 404 for an unknown client. */
function recordsOfClient(ctx, list) {
	const client = findClientOr404(ctx.state, ctx.location, ctx.params.clientId);
	return list
		.filter((r) => r.locationId === ctx.location.id && r.clientId === client.id)
		.sort((a, b) => b.created_at - a.created_at || b.id - a.id);
}

/** Removes record `id` of the path's client from `list`; 404 with `notFound` when the client has none such. */
function removeOfClient(ctx, list, id, notFound) {
	const client = findClientOr404(ctx.state, ctx.location, ctx.params.clientId);
	const idx = list.findIndex((r) => r.locationId === ctx.location.id && r.clientId === client.id && r.id === id);
	if (idx < 0) throw new ApiError(404, notFound);
	list.splice(idx, 1);
}

const round2 = (n) => Math.round(n * 100) / 100;

/** Values the API derives from visit history: visit count, money spent, first/last arrived visit. */
function clientStats(state, client) {
	let arrived = 0;
	let paid = 0;
	let first = null;
	let last = null;
	for (const r of state.records) {
		if (r.locationId !== client.locationId || r.clientId !== client.id) continue;
		for (const s of r.services) paid += Number(s.paid_sum) || 0;
		if (r.attendance === 1) {
			arrived++;
			if (first === null || r.date < first) first = r.date;
			if (last === null || r.date > last) last = r.date;
		}
	}
	for (const g of state.goodsTransactions) {
		if (g.locationId !== client.locationId || g.clientId !== client.id) continue;
		for (const item of g.goods) paid += Number(item.paid_sum) || 0;
	}
	return {
		visits: (Number(client.visits) || 0) + arrived,
		spent: round2((Number(client.spent) || 0) + paid),
		first_visit_date: first,
		last_visit_date: last,
	};
}

function tagObjects(state, client) {
	const table = state.tags[client.locationId] || [];
	const out = [];
	for (const id of client.categories) {
		const t = table.find((x) => x.id === id);
		if (t) out.push({ id: t.id, title: t.title, color: t.color });
	}
	return out;
}

function tzOf(state, locationId) {
	const loc = state.locations.find((l) => l.id === locationId);
	return (loc && loc.timezone_name) || 'UTC';
}

/**
 * The full client object (§4.1). `phone` is a JSON number; `custom_fields` is `[]` when empty,
 * except on the deprecated list, which sends `{}` (`legacy: true`).
 */
function serializeClient(state, client, { legacy = false } = {}) {
	const stats = clientStats(state, client);
	const hasCustom = client.custom_fields && Object.keys(client.custom_fields).length > 0;
	return {
		id: client.id,
		name: client.name,
		surname: client.surname,
		middle_name: client.middle_name,
		phone: client.phone === '' ? '' : Number(client.phone),
		email: client.email || '',
		categories: tagObjects(state, client),
		gender_id: client.gender_id,
		gender: GENDERS[client.gender_id] || 'unknown',
		discount: client.discount,
		importance_id: client.importance_id,
		importance: IMPORTANCE[client.importance_id] || IMPORTANCE[0],
		card: client.card,
		birth_date: client.birth_date,
		comment: client.comment,
		sms_check: client.sms_check,
		sms_not: client.sms_not,
		spent: stats.spent,
		balance: client.balance,
		visits: stats.visits,
		last_change_date: isoNoColon(client.last_change_at, tzOf(state, client.locationId)),
		custom_fields: hasCustom ? { ...client.custom_fields } : legacy ? {} : [],
	};
}

module.exports = {
	GENDERS,
	IMPORTANCE,
	findClientOr404,
	recordsOfClient,
	removeOfClient,
	clientStats,
	tagObjects,
	serializeClient,
};
