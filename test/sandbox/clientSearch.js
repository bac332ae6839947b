'use strict';

/** Client search: POST /company/{loc}/clients/search (filters, ordering, pages, the rows' fields). */

const { ApiError, ok, isDateOnly } = require('./util');
const { searchPageSize } = require('./paging');
const { clientStats } = require('./clientData');
const readings = require('./clientReadings');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a row can hold and the search can order by, but for the visit count (spelt differently in each). */
const ROW_FIELDS = ['id', 'name', 'phone', 'email', 'discount', 'first_visit_date', 'last_visit_date', 'sold_amount'];
const SEARCH_FIELDS = [
	...ROW_FIELDS,
	'visits_count',
	// documented by YCLIENTS (passteam_card_id) and requested by the Altegio MCP server (deposit_balance)
	'passteam_card_id',
	'deposit_balance',
];
const ORDER_FIELDS = [...ROW_FIELDS, 'visit_count'];
// search `record.status` numbering → visit attendance
const STATUS_TO_ATTENDANCE = { 1: -1, 2: 0, 3: 1, 4: 2 };

const badRequest = (message, errors) => new ApiError(400, message, errors);
const invalidFilter = () => badRequest('Invalid filter value', { filters: ['Invalid filter state value'] });

function positiveInt(v) {
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
	return typeof n === 'number' && Number.isInteger(n) ? n : NaN;
}

function valueList(stateObj, { optional = false } = {}) {
	if (!isObject(stateObj)) throw invalidFilter();
	const v = stateObj.value;
	if (v === undefined && optional) return null;
	if (!Array.isArray(v)) throw invalidFilter();
	return v.map((x) => {
		const n = Number(x);
		if (typeof x === 'object' || Number.isNaN(n)) throw invalidFilter();
		return n;
	});
}

function numRange(stateObj) {
	if (!isObject(stateObj)) throw invalidFilter();
	const conv = (x) => {
		if (x === undefined || x === null || x === '') return null;
		const n = Number(x);
		if (typeof x === 'object' || Number.isNaN(n)) throw invalidFilter();
		return n;
	};
	return { from: conv(stateObj.from), to: conv(stateObj.to) };
}

/**
 * A date range as date-times (`YYYY-MM-DD HH:MM:SS`), the form of the description's examples. A bare
 * date is read as its midnight, as a date-time column compares it: a "to" of `2026-01-31` ends at
 * the start of that day, so visits later that day are out (the description's examples send 23:59:59).
 */
function dateRange(stateObj) {
	if (!isObject(stateObj)) throw invalidFilter();
	const conv = (x) => {
		if (x === undefined || x === null || x === '') return null;
		if (typeof x !== 'string') throw invalidFilter();
		const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2})?)?$/.exec(x.trim());
		if (!m || !isDateOnly(m[1])) throw invalidFilter();
		return `${m[1]} ${m[2] || '00:00'}${m[3] || ':00'}`;
	};
	return { from: conv(stateObj.from), to: conv(stateObj.to) };
}

/** A stored date or date-time as `YYYY-MM-DD HH:MM:SS` (a date at its midnight), or null. */
const asDateTime = (value) => {
	if (value === null || value === undefined || value === '') return null;
	const text = String(value).replace('T', ' ');
	return text.length === 10 ? `${text} 00:00:00` : text.slice(0, 19);
};

const inRange = (v, r) => v !== null && (r.from === null || v >= r.from) && (r.to === null || v <= r.to);

function displayName(c) {
	return [c.name, c.surname].filter(Boolean).join(' ');
}

/** Compile one `{type, state}` filter into a predicate (client, stats()) => boolean. Throws 400 when invalid. */
function compileFilter(state, loc, type, st, ctx) {
	if (typeof type !== 'string' || !isObject(st)) throw invalidFilter();
	const pred = compileType(state, loc, type, st, ctx);
	if (st.invert === true || st.invert === 1 || st.invert === '1' || st.invert === 'true') return (c, s) => !pred(c, s);
	return pred;
}

function compileType(state, loc, type, st, ctx) {
	switch (type) {
		case 'quick_search': {
			if (typeof st.value !== 'string' && typeof st.value !== 'number') throw invalidFilter();
			const q = String(st.value).trim().toLowerCase();
			if (!q) return () => true;
			const qDigits = /^[\d\s()+-]+$/.test(q) ? q.replace(/\D/g, '') : '';
			return (c) => {
				const names = [
					`${c.name} ${c.surname}`,
					`${c.surname} ${c.name}`,
					`${c.name} ${c.middle_name} ${c.surname}`,
				].map((x) => x.replace(/\s+/g, ' ').trim().toLowerCase());
				if (names.some((n) => n.includes(q))) return true;
				if (qDigits && readings.quickSearchPhoneMatches(ctx, c.phone, qDigits)) return true;
				return Boolean(c.card) && String(c.card).toLowerCase().includes(q);
			};
		}
		case 'id': {
			const ids = valueList(st);
			return (c) => ids.length === 0 || ids.includes(c.id);
		}
		case 'importance': {
			const v = valueList(st);
			return (c) => v.length === 0 || v.includes(c.importance_id);
		}
		case 'gender': {
			const v = valueList(st);
			return (c) => v.length === 0 || v.includes(c.gender_id);
		}
		case 'category': {
			const v = valueList(st);
			return (c) => v.length === 0 || c.categories.some((t) => v.includes(t));
		}
		case 'birthday': {
			const r = dateRange(st);
			if (r.from === null && r.to === null) throw invalidFilter();
			return (c) => inRange(asDateTime(c.birth_date), r);
		}
		case 'sold_amount': {
			const r = numRange(st);
			return (c, s) => inRange(s().spent, r);
		}
		case 'has_mobile_app': {
			if (st.value === undefined) throw invalidFilter();
			const want = st.value === true || st.value === 1 || st.value === '1' || st.value === 'true';
			return (c) => Boolean(c.has_mobile_app) === want;
		}
		case 'has_passteam_card': {
			if (st.value === undefined) throw invalidFilter();
			const want = st.value === true || st.value === 1 || st.value === '1' || st.value === 'true';
			// no sandbox client has a Passteam card
			return () => !want;
		}
		case 'passteam_card_ids': {
			if (!Array.isArray(st.value)) throw invalidFilter();
			return () => false;
		}
		case 'sms_notification': {
			dateRange(st);
			// the sandbox sends no SMS mailings
			return () => false;
		}
		case 'record':
			return compileRecord(state, loc, st);
		case 'sale': {
			// Only goods sales exist in the sandbox; abonement/certificate sub-filters match nobody.
			const goods = isObject(st.goods) ? st.goods : null;
			const otherKeys = Object.keys(st).filter((k) => k !== 'goods' && k !== 'invert');
			const goodIds = goods && Array.isArray(goods.good_ids) ? goods.good_ids.map(Number) : null;
			return (c) => {
				if (otherKeys.length) return false;
				return state.goodsTransactions.some(
					(g) =>
						g.locationId === c.locationId &&
						g.clientId === c.id &&
						(!goodIds || !goodIds.length || g.goods.some((x) => goodIds.includes(x.id))),
				);
			};
		}
		case 'client': {
			const preds = Object.entries(st)
				.filter(([k]) => k !== 'invert')
				.map(([k, v]) => compileFilter(state, loc, k, v, ctx));
			return (c, s) => preds.every((p) => p(c, s));
		}
		default:
			throw invalidFilter();
	}
}

function compileRecord(state, loc, st) {
	const sub = (key) => (st[key] === undefined || st[key] === null ? null : st[key]);
	const status = sub('status') ? valueList(sub('status')) : null;
	if (status && status.some((x) => !STATUS_TO_ATTENDANCE[x])) throw invalidFilter();
	const attendances = status && status.length ? status.map((x) => STATUS_TO_ATTENDANCE[x]) : null;
	const staff = sub('staff') ? valueList(sub('staff')) : null;
	const service = sub('service') ? valueList(sub('service')) : null;
	const categories = sub('service_category') ? valueList(sub('service_category')) : null;
	const inCategory = (serviceId) => {
		const found = (state.services[loc.id] || []).find((x) => x.id === serviceId);
		return Boolean(found) && categories.includes(found.category_id);
	};
	const created = sub('created') ? dateRange(sub('created')) : null;
	const count = sub('records_count') ? numRange(sub('records_count')) : null;
	const sold = sub('sold_amount') ? numRange(sub('sold_amount')) : null;
	const soldType = sold && st.sold_amount.type === 'paid_in_cash' ? 'paid_sum' : 'cost_to_pay';
	return (c) => {
		const recs = state.records.filter(
			(r) =>
				r.locationId === c.locationId &&
				r.clientId === c.id &&
				(!attendances || attendances.includes(r.attendance)) &&
				(!staff || !staff.length || staff.includes(r.staff.id)) &&
				(!service || !service.length || r.services.some((x) => service.includes(x.id))) &&
				(!categories || !categories.length || r.services.some((x) => inCategory(x.id))) &&
				(!created || inRange(asDateTime(r.date), created)),
		);
		if (sold) {
			const sum = recs.reduce((a, r) => a + r.services.reduce((b, x) => b + (Number(x[soldType]) || 0), 0), 0);
			if (!inRange(sum, sold)) return false;
		}
		if (count) return inRange(recs.length, count);
		return recs.length > 0;
	};
}

function compareValues(a, b) {
	// MySQL: NULL sorts first in ascending order
	if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
	if (b === null || b === undefined) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = String(a).toLowerCase();
	const y = String(b).toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

function searchValue(c, s, field) {
	switch (field) {
		case 'id':
			return c.id;
		case 'name':
			// the search rows carry the display name ("James Smith"), not the first name
			return displayName(c);
		case 'phone':
			return c.phone === '' ? '' : Number(c.phone);
		case 'email':
			return c.email || '';
		case 'discount':
			return c.discount;
		case 'first_visit_date':
			return s().first_visit_date;
		case 'last_visit_date':
			return s().last_visit_date;
		case 'sold_amount':
			return s().spent;
		case 'visits_count':
		case 'visit_count':
			return s().visits;
		case 'passteam_card_id':
			return null;
		case 'deposit_balance':
			return c.balance;
		default:
			return null;
	}
}

/**
 * A location's clients in id order, kept until `state.clients` changes (another array after a
 * reset, another length, another last element). Every write of the sandbox adds, removes or keeps
 * clients in place without changing their id or location, so that is enough to notice a change.
 * Paging through 100,000 clients then costs no scan per request (the benchmark does that). Shared:
 * callers must not change the array.
 */
const locationIndex = new WeakMap();
function locationClients(state, locationId) {
	const all = state.clients;
	let index = locationIndex.get(all);
	if (!index || index.length !== all.length || index.last !== all[all.length - 1]) {
		index = { length: all.length, last: all[all.length - 1], byLocation: new Map() };
		locationIndex.set(all, index);
	}
	let list = index.byLocation.get(locationId);
	if (!list) {
		// stable: equal ids (only possible through seeding with explicit ids) keep their insertion order
		list = all.filter((c) => c.locationId === locationId).sort((a, b) => a.id - b.id);
		index.byLocation.set(locationId, list);
	}
	return list;
}

function searchClients(ctx) {
	const { state, location: loc } = ctx;
	let body = ctx.body;
	if (body === null || body === undefined) body = {};
	if (!isObject(body)) throw badRequest('Invalid request body');

	const page = body.page === undefined || body.page === null ? 1 : positiveInt(body.page);
	if (!(page >= 1)) throw badRequest('Invalid page', { page: ['The page must be an integer, at least 1.'] });
	const asked = body.page_size === undefined || body.page_size === null ? 25 : positiveInt(body.page_size);
	if (!(asked >= 1)) {
		throw badRequest('Invalid page_size', { page_size: ['The page_size must be an integer between 1 and max 200.'] });
	}
	const pageSize = searchPageSize(ctx.options, asked);

	let fields = body.fields === undefined || body.fields === null ? ['id'] : body.fields;
	if (!Array.isArray(fields)) throw badRequest('Invalid fields', { fields: ['The fields must be an array.'] });
	for (const f of fields) {
		if (typeof f !== 'string' || !SEARCH_FIELDS.includes(f)) {
			throw badRequest('Invalid fields', { fields: [`Unknown field: ${String(f)}`] });
		}
	}
	fields = [...new Set(fields)];
	if (!fields.includes('id')) fields.push('id');

	const orderBy = body.order_by === undefined || body.order_by === null ? 'id' : body.order_by;
	if (!ORDER_FIELDS.includes(orderBy))
		throw badRequest('Invalid order_by', { order_by: [`Unknown order_by: ${String(orderBy)}`] });
	const dirRaw =
		body.order_by_direction === undefined || body.order_by_direction === null ? 'ASC' : body.order_by_direction;
	const dir = typeof dirRaw === 'string' ? dirRaw.toUpperCase() : '';
	if (dir !== 'ASC' && dir !== 'DESC') {
		throw badRequest('Invalid order_by_direction', { order_by_direction: ['Must be ASC or DESC.'] });
	}
	const opRaw = body.operation === undefined || body.operation === null ? 'AND' : body.operation;
	const op = typeof opRaw === 'string' ? opRaw.toUpperCase() : '';
	if (op !== 'AND' && op !== 'OR') throw badRequest('Invalid operation', { operation: ['Must be AND or OR.'] });

	const filters = body.filters === undefined || body.filters === null ? [] : body.filters;
	if (!Array.isArray(filters)) throw invalidFilter();
	const preds = filters.map((f) => {
		if (!isObject(f)) throw invalidFilter();
		return compileFilter(state, loc, f.type, f.state, ctx);
	});

	// Derived values (visit statistics) are computed at most once per client and request.
	const statsCache = new Map();
	const statsOf = (c) => () => {
		let s = statsCache.get(c);
		if (s === undefined) {
			s = clientStats(state, c);
			statsCache.set(c, s);
		}
		return s;
	};
	const base = locationClients(state, loc.id);
	let rows =
		preds.length === 0
			? base
			: base.filter((c) => {
					const s = statsOf(c);
					return op === 'AND' ? preds.every((p) => p(c, s)) : preds.some((p) => p(c, s));
				});
	if (orderBy !== 'id' || dir !== 'ASC') {
		if (rows === base) rows = base.slice();
		rows.sort((a, b) => {
			const cmp = compareValues(searchValue(a, statsOf(a), orderBy), searchValue(b, statsOf(b), orderBy));
			return (dir === 'DESC' ? -cmp : cmp) || a.id - b.id;
		});
	}
	const slice = rows.slice((page - 1) * pageSize, page * pageSize);
	const data = slice.map((c) => {
		const s = statsOf(c);
		const row = {};
		for (const f of fields) row[f] = searchValue(c, s, f);
		return readings.presentSearchRow(ctx, row);
	});
	return ok(200, data, { total_count: rows.length });
}

module.exports = { searchClients, SEARCH_FIELDS };
