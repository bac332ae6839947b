'use strict';

/**
 * The operations catalog: one row per operation of the Altegio node, read by the suites that go
 * over every operation (test/engine/catalog.test.ts checks each row against the node and the
 * sandbox; the bad-input table, the fault matrix and the e2e cases draw their lists from it).
 * Adding an operation (README, Layout, "Add an operation", names every step): its module
 * nodes/Altegio/actions/<resource>/<op>.operation.ts, its entry in that resource's index.ts, one row
 * here, its sandbox route, its contract entry (scripts/distill-openapi.js, then regenerate
 * test/contract/altegio-v1-clients.json), its engine test test/engine/<resource>/<op>.test.ts, its
 * e2e case (test/e2e/cases/) and its line in the README's Operations table and the CHANGELOG.
 *
 * A row:
 *   resource, operation   the node's parameter values
 *   kind                  'read' or 'write' (what the transport may retry: a write only after a 429)
 *   ids                   the IDs its parameters take (see ID_PARAMETERS), in the order they nest
 *   paged                 whether it has Return All / Limit
 *   parameters(ids)       the smallest valid parameters, the IDs given (numbers, strings or expressions)
 *   requests              what it sends for those parameters against records that exist: method and
 *                         path pattern, in order; `{location}` etc. stand for the IDs. The last one
 *                         does the operation's work (the write, for a write).
 */

/** The parameter each ID goes into, and whether it is a resource locator. */
const ID_PARAMETERS = {
	location: { name: 'locationId', locator: true },
	client: { name: 'clientId', locator: true },
	comment: { name: 'commentId', locator: true },
	file: { name: 'fileId', locator: true },
};

/** A resource locator's value in ID mode, as saved workflows store it. */
const byId = (value) => ({ __rl: true, mode: 'id', value: typeof value === 'number' ? String(value) : value });

/** The ID parameters of a row for the given IDs. */
function idParameters(ids, values) {
	const out = {};
	for (const id of ids) {
		const { name, locator } = ID_PARAMETERS[id];
		out[name] = locator ? byId(values[id]) : values[id];
	}
	return out;
}

const row = (resource, operation, kind, ids, requests, extra = {}, paged = false) => ({
	resource,
	operation,
	name: `${resource}.${operation}`,
	kind,
	ids,
	paged,
	parameters: (values) => ({ ...idParameters(ids, values), ...structuredClone(extra) }),
	requests: requests.map(([method, path]) => ({ method, path })),
});

const CLIENT = '/client/{location}/{client}';
const COMMENTS = '/clients/{location}/clients/{client}/comments';
const FILES = '/company/{location}/clients/files/{client}';
const SEARCH = '/company/{location}/clients/search';
const NEW_CLIENT = { name: 'A', phone: '13155550178' };

const OPERATIONS = [
	row('client', 'create', 'write', ['location'], [['POST', '/clients/{location}']], NEW_CLIENT),
	// Rows from input items (the default): the item is the row.
	row('client', 'createMany', 'write', ['location'], [['POST', '/clients/{location}/bulk']], NEW_CLIENT),
	// Looks the phone up first (one read of the list filtered by its last nine digits); a new phone is created.
	row(
		'client',
		'upsert',
		'write',
		['location'],
		[
			['GET', '/clients/{location}'],
			['POST', '/clients/{location}'],
		],
		NEW_CLIENT,
	),
	row('client', 'get', 'read', ['location', 'client'], [['GET', CLIENT]]),
	row('client', 'getAll', 'read', ['location'], [['POST', SEARCH]], {}, true),
	row('client', 'getAllLegacy', 'read', ['location'], [['GET', '/clients/{location}']], {}, true),
	// Reads the record first: Altegio's PUT replaces it, so the fields the user did not change are sent as they are.
	row(
		'client',
		'update',
		'write',
		['location', 'client'],
		[
			['GET', CLIENT],
			['PUT', CLIENT],
		],
		{ updateFields: { surname: 'B' } },
	),
	row('client', 'delete', 'write', ['location', 'client'], [['DELETE', CLIENT]]),
	row('comment', 'create', 'write', ['location', 'client'], [['POST', COMMENTS]], { text: 'Hello' }),
	row('comment', 'getAll', 'read', ['location', 'client'], [['GET', COMMENTS]], {}, true),
	row('comment', 'delete', 'write', ['location', 'client', 'comment'], [['DELETE', `${COMMENTS}/{comment}`]]),
	row('file', 'getAll', 'read', ['location', 'client'], [['GET', FILES]], {}, true),
	row('file', 'delete', 'write', ['location', 'client', 'file'], [['DELETE', `${FILES}/{file}`]]),
	row(
		'history',
		'getAll',
		'read',
		['location', 'client'],
		[['POST', '/company/{location}/clients/visits/search']],
		{ searchBy: 'clientId' },
		true,
	),
];

/** The row of `resource.operation`. */
function operation(name) {
	const found = OPERATIONS.find((op) => op.name === name);
	if (!found) throw new Error(`no operation ${name} in test/catalog.js`);
	return found;
}

/** A path pattern with the IDs filled in. */
function pathOf(pattern, values) {
	return pattern.replace(/\{(\w+)\}/g, (_, id) => {
		if (values[id] === undefined) throw new Error(`no ${id} for ${pattern}`);
		return String(values[id]);
	});
}

/** The request that does the operation's work, with the IDs filled in: `{ method, path }`. */
function mainRequest(op, values) {
	const last = op.requests[op.requests.length - 1];
	return { method: last.method, path: pathOf(last.path, values) };
}

/** The requests among `calls` ({method, path}) that are the operation's main request for these IDs. */
function mainRequestsIn(calls, op, values) {
	const { method, path } = mainRequest(op, values);
	return calls.filter((call) => call.method === method && call.path === path);
}

module.exports = { OPERATIONS, ID_PARAMETERS, operation, pathOf, mainRequest, mainRequestsIn, byId };
