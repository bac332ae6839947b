'use strict';

/**
 * Client endpoints: create, get, edit (PUT, full replace), delete, bulk create,
 * search (POST /company/{loc}/clients/search) and the deprecated list (GET /clients/{loc}).
 */

const { ok, validationError, isDateOnly, route } = require('./util');
const { phoneDigits, phoneTaken, clientDefaults } = require('./state');
const { GENDERS, IMPORTANCE, findClientOr404, clientStats, serializeClient } = require('./clientData');
const { searchClients } = require('./clientSearch');
const { legacyList } = require('./legacyList');
const readings = require('./clientReadings');

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

const routes = [
	route('POST', '/clients/{locationId}', createClient),
	route('GET', '/clients/{locationId}', legacyList),
	route('POST', '/clients/{locationId}/bulk', bulkCreate),
	route('GET', '/client/{locationId}/{clientId}', getClient),
	route('PUT', '/client/{locationId}/{clientId}', updateClient),
	route('DELETE', '/client/{locationId}/{clientId}', deleteClient),
	route('POST', '/company/{locationId}/clients/search', searchClients),
];

module.exports = { routes, serializeClient, clientStats, findClientOr404, GENDERS, IMPORTANCE };
