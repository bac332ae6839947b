'use strict';

/**
 * Client endpoints: create, get, edit (PUT, full replace), delete, bulk create,
 * search (POST /company/{loc}/clients/search) and the deprecated list (GET /clients/{loc}).
 */

const { ApiError, ok, validationError, isoNoColon, parseChangedTime, isDateOnly } = require('./util');
const { phoneDigits, phoneTaken, clientDefaults } = require('./state');
const { searchPageSize, legacyPageSize } = require('./paging');
const readings = require('./clientReadings');

const GENDERS = { 0: 'unknown', 1: 'Male', 2: 'Female' };
const IMPORTANCE = { 0: 'No importance class', 1: 'Bronze', 2: 'Silver', 3: 'Gold' };

const clientNotFound = () => new ApiError(404, 'Client not found');

function findClientOr404(state, loc, id) {
	const c = state.clients.find((x) => x.locationId === loc.id && x.id === Number(id));
	if (!c) throw clientNotFound();
	return c;
}

// ---------------------------------------------------------------- derived values

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

// ---------------------------------------------------------------- write validation

class RowError extends Error {}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function str(body, key) {
	const v = body[key];
	if (v === undefined || v === null) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	throw new RowError(`${key} must be a string`);
}

function num(body, key, allowed) {
	const v = body[key];
	if (v === undefined || v === null || v === '') return 0;
	const n = typeof v === 'boolean' ? Number(v) : Number(v);
	if (typeof v === 'object' || Number.isNaN(n) || !Number.isFinite(n)) throw new RowError(`${key} must be a number`);
	if (allowed && !allowed.includes(n)) throw new RowError(`${key} must be one of ${allowed.join(', ')}`);
	return n;
}

function tagIds(state, locationId, value, key) {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new RowError(`${key} must be an array of tag ids`);
	const table = state.tags[locationId] || [];
	const out = [];
	for (const v of value) {
		const id = Number(isObject(v) ? v.id : v);
		// unknown tag ids are dropped silently, as the API does with unknown labels
		if (Number.isInteger(id) && table.some((t) => t.id === id) && !out.includes(id)) out.push(id);
	}
	return out;
}

/**
 * Turn a create/edit/bulk body into client values, starting from the defaults: fields that are
 * not sent get their default value, which is exactly why PUT wipes everything it is not given.
 * @param {'create'|'update'|'bulk'} mode
 */
function clientValues(state, loc, body, mode, exceptId, storedPhone = (digits) => digits) {
	if (!isObject(body)) body = {};
	const rawName = body.name;
	const name = typeof rawName === 'number' ? String(rawName) : rawName;
	if (typeof name !== 'string' || name.trim() === '') throw new RowError('client name not specified');
	const rawPhone = body.phone;
	if (rawPhone === undefined || rawPhone === null || (typeof rawPhone === 'string' && rawPhone.trim() === '')) {
		throw new RowError('client phone cannot be empty');
	}
	const sentDigits = typeof rawPhone === 'string' || typeof rawPhone === 'number' ? phoneDigits(rawPhone) : '';
	if (sentDigits.length < 9 || sentDigits.length > 15) throw new RowError('phone must contain 9 to 15 digits');
	const digits = storedPhone(sentDigits);

	const v = clientDefaults();
	v.name = name;
	v.phone = digits;
	v.surname = str(body, 'surname');
	v.middle_name = str(body, 'middle_name');
	// e-mail format is not checked (nothing documents a check)
	v.email = str(body, 'email');
	v.card = str(body, 'card');
	v.comment = str(body, 'comment');
	v.gender_id = num(body, 'gender_id', [0, 1, 2]);
	v.importance_id = num(body, 'importance_id', [0, 1, 2, 3]);
	v.discount = num(body, 'discount');
	v.spent = num(body, 'spent');
	v.balance = num(body, 'balance');
	v.sms_check = num(body, 'sms_check', [0, 1]);
	v.sms_not = num(body, 'sms_not', [0, 1]);
	const bd = body.birth_date;
	if (bd === undefined || bd === null || bd === '') v.birth_date = null;
	else if (isDateOnly(bd)) v.birth_date = bd;
	// sandbox choice: only 'YYYY-MM-DD' is accepted (the docs' description; their example "952041600" is not)
	else throw new RowError('birth_date must be a date in the format YYYY-MM-DD');
	if (mode === 'update') {
		// Altegio documents `labels` for edit; YCLIENTS documents `categories`. Both are read, `labels` wins.
		v.categories = tagIds(
			state,
			loc.id,
			body.labels !== undefined ? body.labels : body.categories,
			body.labels !== undefined ? 'labels' : 'categories',
		);
	} else {
		v.categories = tagIds(state, loc.id, body.categories, 'categories');
	}
	if (mode === 'bulk') {
		// custom_fields is not a documented bulk field: silently ignored.
		v.custom_fields = {};
	} else {
		const cf = body.custom_fields;
		if (cf === undefined || cf === null || (Array.isArray(cf) && cf.length === 0)) v.custom_fields = {};
		else if (isObject(cf)) v.custom_fields = { ...cf };
		else throw new RowError('custom_fields must be an object');
	}
	if (phoneTaken(state, loc.id, digits, exceptId)) throw new RowError('client with this phone already exists');
	return v;
}

function rowErrorTo422(err) {
	if (err instanceof RowError) return validationError(err.message);
	return err;
}

// ---------------------------------------------------------------- handlers

function createClient(ctx) {
	const { state, clock, location: loc, body } = ctx;
	let values;
	try {
		values = clientValues(state, loc, body, 'create');
	} catch (err) {
		throw rowErrorTo422(err);
	}
	const now = clock.now();
	const client = { ...values, id: ++state.seq.client, locationId: loc.id, created_at: now, last_change_at: now };
	state.clients.push(client);
	// Status 201 is YCLIENTS' documented code; Altegio's page did not show one.
	return ok(201, readings.presentClient(ctx, client, serializeClient(state, client), 'create'), []);
}

function getClient(ctx) {
	const c = findClientOr404(ctx.state, ctx.location, ctx.params.clientId);
	return ok(200, readings.presentClient(ctx, c, serializeClient(ctx.state, c), 'get'), []);
}

function updateClient(ctx) {
	const { state, clock, location: loc, body } = ctx;
	const c = findClientOr404(state, loc, ctx.params.clientId);
	let values;
	try {
		values = clientValues(state, loc, readings.effectivePutBody(ctx, c, body), 'update', c.id);
	} catch (err) {
		throw rowErrorTo422(err);
	}
	// Full replace: every writable field takes the value sent or its default.
	// Not writable and therefore kept: id, visit count base, mobile-app flag, created_at.
	const keep = {
		id: c.id,
		locationId: c.locationId,
		created_at: c.created_at,
		visits: c.visits,
		has_mobile_app: c.has_mobile_app,
	};
	for (const k of Object.keys(c)) delete c[k];
	Object.assign(c, values, keep, { last_change_at: clock.now() });
	return ok(200, readings.presentClient(ctx, c, serializeClient(state, c), 'put'), []);
}

function deleteClient(ctx) {
	const { state, location: loc } = ctx;
	const c = findClientOr404(state, loc, ctx.params.clientId);
	state.clients.splice(state.clients.indexOf(c), 1);
	// The description: 204 No Content.
	return { status: 204 };
}

function bulkCreate(ctx) {
	const { state, clock, location: loc, body, options } = ctx;
	if (!Array.isArray(body)) {
		throw validationError('An error has occurred.', ['request body must be a JSON array of clients']);
	}
	if (options.bulkMaxItems !== null && options.bulkMaxItems !== undefined && body.length > options.bulkMaxItems) {
		// The real maximum is undocumented; the cap exists only when the test asks for one.
		throw validationError('An error has occurred.', [`no more than ${options.bulkMaxItems} clients per request`]);
	}
	const created = [];
	const errors = [];
	const storedPhone = (digits) => readings.bulkPhoneDigits(ctx, digits);
	body.forEach((row, index) => {
		try {
			const values = clientValues(state, loc, row, 'bulk', undefined, storedPhone);
			const now = clock.now();
			const client = { ...values, id: ++state.seq.client, locationId: loc.id, created_at: now, last_change_at: now };
			state.clients.push(client);
			// The description's bulk example adds `sms_bot` and `paid` to each created client.
			const shown = { ...serializeClient(state, client), sms_bot: client.sms_not, paid: 0 };
			created.push([index, readings.presentClient(ctx, client, shown, 'create')]);
		} catch (err) {
			if (!(err instanceof RowError)) throw err;
			const r = isObject(row) ? row : {};
			// As in the description's example: a key the row did not send is left out.
			const error = {
				...(r.phone === undefined ? {} : { phone: r.phone }),
				...(r.name === undefined ? {} : { name: r.name }),
			};
			errors.push([index, { ...error, error: err.message }]);
		}
	});
	// 200, as the description says; partial success is a success.
	return ok(200, { created: readings.bulkList(ctx, created), errors: readings.bulkList(ctx, errors) }, []);
}

// ---------------------------------------------------------------- search

const SEARCH_FIELDS = [
	'id',
	'name',
	'phone',
	'email',
	'discount',
	'first_visit_date',
	'last_visit_date',
	'sold_amount',
	'visits_count',
	// documented by YCLIENTS (passteam_card_id) and requested by the Altegio MCP server (deposit_balance)
	'passteam_card_id',
	'deposit_balance',
];
const ORDER_FIELDS = [
	'id',
	'name',
	'phone',
	'email',
	'discount',
	'first_visit_date',
	'last_visit_date',
	'sold_amount',
	'visit_count',
];
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

function dateRange(stateObj) {
	if (!isObject(stateObj)) throw invalidFilter();
	const conv = (x) => {
		if (x === undefined || x === null || x === '') return null;
		if (typeof x !== 'string') throw invalidFilter();
		const m = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(x.trim());
		if (!m || !isDateOnly(m[1])) throw invalidFilter();
		return m[1];
	};
	return { from: conv(stateObj.from), to: conv(stateObj.to) };
}

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
			return (c) => inRange(c.birth_date, r);
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
		const service = (state.services[loc.id] || []).find((x) => x.id === serviceId);
		return Boolean(service) && categories.includes(service.category_id);
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
				(!created || inRange(r.date.slice(0, 10), created)),
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

// ---------------------------------------------------------------- deprecated list

function queryInt(v, name, dflt) {
	if (v === undefined || v === '') return dflt;
	if (Array.isArray(v) || !/^-?\d+$/.test(String(v).trim())) throw validationError(`${name} must be an integer`);
	return Number(v);
}

function legacyList(ctx) {
	const { state, location: loc, query } = ctx;
	const tz = loc.timezone_name;
	const page = queryInt(query.page, 'page', 1);
	if (page < 1) throw validationError('page must be at least 1');
	const asked = queryInt(query.count, 'count', 20);
	if (asked < 1) throw validationError('count must be at least 1', { count: ['The count must be at least 1.'] });
	// The maximum is not in the public docs (300 per one source audit, 200 per another): a reading.
	const count = legacyPageSize(ctx.options, asked);

	const sub = (name) => {
		const v = query[name];
		if (v === undefined || v === '') return null;
		return String(Array.isArray(v) ? v[v.length - 1] : v).toLowerCase();
	};
	const fullname = sub('fullname');
	const phone = sub('phone');
	const phoneQ = phone === null ? null : phone.replace(/\D/g, '');
	const email = sub('email');
	const card = sub('card');

	let ids = null;
	if (query.id !== undefined && query.id !== '') {
		ids = (Array.isArray(query.id) ? query.id : [query.id]).map(Number).filter((n) => Number.isInteger(n));
	}

	// Read per request: a test may switch the reading between two polls.
	const reading = (ctx.options.readings && ctx.options.readings.changedAfterZone) || 'location';
	const dateParam = (name) => {
		const v = query[name];
		if (v === undefined || v === '') return null;
		const ms = parseChangedTime(Array.isArray(v) ? v[v.length - 1] : v, tz, reading);
		if (ms === null) throw validationError(`${name} must be a date-time like 2000-01-01T00:00:00`);
		return Math.floor(ms / 1000);
	};
	const after = dateParam('changed_after');
	const before = dateParam('changed_before');

	const money = (name) => {
		const v = query[name];
		if (v === undefined || v === '') return null;
		const n = Number(v);
		if (Number.isNaN(n) || Array.isArray(v)) throw validationError(`${name} must be a number`);
		return n;
	};
	const paidMin = money('paid_min');
	const paidMax = money('paid_max');

	let base = state.clients.filter((c) => {
		if (c.locationId !== loc.id) return false;
		if (ids && !ids.includes(c.id)) return false;
		if (fullname !== null) {
			const names = [
				`${c.name} ${c.surname}`,
				`${c.surname} ${c.name}`,
				`${c.name} ${c.middle_name} ${c.surname}`,
				`${c.surname} ${c.name} ${c.middle_name}`,
			].map((x) => x.replace(/\s+/g, ' ').trim().toLowerCase());
			if (!names.some((n) => n.includes(fullname))) return false;
		}
		if (phone !== null && !(phoneQ !== '' && c.phone.includes(phoneQ))) return false;
		if (email !== null && !(c.email || '').toLowerCase().includes(email)) return false;
		if (
			card !== null &&
			!String(c.card || '')
				.toLowerCase()
				.includes(card)
		)
			return false;
		// "changed or created" at or after / at or before, at one-second resolution (inclusive)
		const changed = Math.floor(c.last_change_at / 1000);
		if (after !== null && changed < after) return false;
		if (before !== null && changed > before) return false;
		return true;
	});
	if (paidMin !== null || paidMax !== null) {
		// Documented trap: an absent bound is read as 0 (so paid_min alone means "between min and 0"),
		// and when nothing matches, the paid filter silently disappears.
		const lo = paidMin === null ? 0 : paidMin;
		const hi = paidMax === null ? 0 : paidMax;
		const filtered = base.filter((c) => {
			const paid = clientStats(state, c).spent;
			return paid >= lo && paid <= hi;
		});
		if (filtered.length > 0) base = filtered;
	}
	base.sort((a, b) => a.id - b.id);
	const data = base
		.slice((page - 1) * count, page * count)
		.map((c) => readings.presentClient(ctx, c, serializeClient(state, c, { legacy: true }), 'list'));
	return ok(200, data, { page, total_count: base.length });
}

const D = '(\\d+)';
const routes = [
	{ method: 'POST', pattern: new RegExp(`^/clients/${D}$`), keys: ['locationId'], auth: 'user', handler: createClient },
	{ method: 'GET', pattern: new RegExp(`^/clients/${D}$`), keys: ['locationId'], auth: 'user', handler: legacyList },
	{
		method: 'POST',
		pattern: new RegExp(`^/clients/${D}/bulk$`),
		keys: ['locationId'],
		auth: 'user',
		handler: bulkCreate,
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/client/${D}/${D}$`),
		keys: ['locationId', 'clientId'],
		auth: 'user',
		handler: getClient,
	},
	{
		method: 'PUT',
		pattern: new RegExp(`^/client/${D}/${D}$`),
		keys: ['locationId', 'clientId'],
		auth: 'user',
		handler: updateClient,
	},
	{
		method: 'DELETE',
		pattern: new RegExp(`^/client/${D}/${D}$`),
		keys: ['locationId', 'clientId'],
		auth: 'user',
		handler: deleteClient,
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/company/${D}/clients/search$`),
		keys: ['locationId'],
		auth: 'user',
		handler: searchClients,
	},
];

module.exports = { routes, serializeClient, clientStats, findClientOr404, GENDERS, IMPORTANCE };
