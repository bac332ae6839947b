'use strict';

/**
 * GET /companies — list of locations (partner token; `my=1` also needs the user token, which the
 * server checks before this handler runs).
 *
 * Ids and numeric fields are JSON numbers here; the YCLIENTS example showed strings ("id": "1050").
 * Paging: `count` default 20 (sandbox choice; an older MCP text claimed 200), max 300 (over it: 422,
 * as on the deprecated client list), `page` 1-based (page 0 is read as page 1, because the same MCP
 * text once described 0-based pages).
 */

const { ok, validationError, route } = require('./util');

function serializeLocation(l) {
	const { manageable, ...pub } = l;
	void manageable;
	return { ...pub, phones: [...pub.phones] };
}

const truthy = (v) => v === '1' || v === 'true';

function listCompanies(ctx) {
	const { state, query } = ctx;
	const int = (name, dflt) => {
		const v = query[name];
		if (v === undefined || v === '') return dflt;
		if (Array.isArray(v) || !/^\d+$/.test(String(v))) throw validationError(`${name} must be an integer`);
		return Number(v);
	};
	const count = int('count', 20);
	if (count > 300)
		throw validationError('count must not be greater than 300', { count: ['The count may not be greater than 300.'] });
	if (count < 1) throw validationError('count must be at least 1', { count: ['The count must be at least 1.'] });
	const page = Math.max(1, int('page', 1));
	let list = state.locations;
	if (truthy(query.my)) list = list.filter((l) => l.manageable);
	if (query.id !== undefined && query.id !== '') list = list.filter((l) => String(l.id) === String(query.id));
	if (query.active !== undefined && query.active !== '')
		list = list.filter((l) => String(l.active) === String(query.active));
	const data = list.slice((page - 1) * count, page * count).map(serializeLocation);
	// The description's schema and example give `meta` as an (empty) array: no total count.
	return ok(200, data, []);
}

const routes = [route('GET', '/companies', listCompanies, { auth: 'companies' })];

module.exports = { routes, serializeLocation, truthy };
