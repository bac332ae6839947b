'use strict';

/**
 * What the e2e cases share (test/e2e/cases/, the other checks): the sandbox's
 * locations and the suite's secrets, and the assertions on a webhook answer and the sandbox's
 * request log.
 */

const assert = require('node:assert/strict');
const catalog = require('../../catalog');
// The Accept header the API requires (the sandbox refuses a request without it).
const { ACCEPT } = require('../../sandbox/server');

const LOC = 101; // demo location with 60 clients, comments, files and visits
const BIG = 102; // 450 clients: pagination
const FORBIDDEN = 103; // exists, the user may not manage it: 403
const BIG_SIZE = 450;

/** The sandbox's tokens for the suite: distinctive, so a leak is easy to spot. */
const SECRETS = {
	partnerToken: 'e2e-partner-7f3a91',
	userToken: 'e2e-user-c2b81d',
	login: 'owner@example.com',
	password: 'e2e-Passw0rd-5e6f',
};

/** The Authorization header of a request with both tokens. */
const BOTH = `Bearer ${SECRETS.partnerToken}, User ${SECRETS.userToken}`;

/** The items the webhook answered (responseMode lastNode), after checking it answered a list. */
function items(t) {
	assert.equal(t.res.status, 200, `webhook answered HTTP ${t.res.status}: ${t.res.text.slice(0, 500)}`);
	assert.ok(Array.isArray(t.res.json), `webhook answer is not a list of items: ${t.res.text.slice(0, 300)}`);
	return t.res.json;
}

/** The items of a Create Many call, one per row, after checking which rows succeeded. */
function rowOutcomes(t, succeeded) {
	const out = items(t);
	assert.equal(out.length, succeeded.length, 'one item per row');
	assert.deepEqual(
		out.map((o) => o.success),
		succeeded,
	);
	return out;
}

function only(calls, method, pathRe) {
	return calls.filter((c) => c.method === method && pathRe.test(c.path));
}

/**
 * The calls that are request `index` of an operation in test/catalog.js (default: the last, the one
 * doing the operation's work), for the given IDs.
 */
function sentBy(calls, name, ids, index = -1) {
	const request = catalog.operation(name).requests.at(index);
	const path = catalog.pathOf(request.path, ids);
	return calls.filter((c) => c.method === request.method && c.path === path);
}

/** The requests of an operation as the catalog lists them, `METHOD path` each, for the given IDs. */
function requestsOf(name, ids) {
	return catalog.operation(name).requests.map((r) => `${r.method} ${catalog.pathOf(r.path, ids)}`);
}

function authHeaderOk(call) {
	assert.equal(call.headers.authorization, BOTH, `Authorization of ${call.method} ${call.path}`);
	assert.ok(
		String(call.headers.accept).includes(ACCEPT),
		`Accept of ${call.method} ${call.path}: ${call.headers.accept}`,
	);
}

const clientsOf = (sb, loc) => sb.state.clients.filter((c) => c.locationId === loc);

module.exports = {
	LOC,
	BIG,
	FORBIDDEN,
	BIG_SIZE,
	ACCEPT,
	SECRETS,
	BOTH,
	items,
	rowOutcomes,
	only,
	sentBy,
	requestsOf,
	authHeaderOk,
	clientsOf,
};
