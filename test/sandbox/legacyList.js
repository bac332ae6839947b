'use strict';

/** The deprecated client list: GET /clients/{loc} (full records, `changed_after`, pages by `count`). */

const { ok, validationError, parseChangedTime } = require('./util');
const { legacyPageSize } = require('./paging');
const { clientStats, serializeClient } = require('./clientData');
const readings = require('./clientReadings');

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

module.exports = { legacyList };
