'use strict';

/**
 * The e2e case table. Each case is one branch of the "E2E cases" workflow: Webhook (POST
 * /webhook/<path>, answers with the last node's items) → [Split Out] → Altegio node. A case runs
 * when the built node has its operation (`needs`), so the table can list operations that are
 * still being written.
 *
 * A case:
 *   name, path         node name and webhook path
 *   needs              ['resource.operation', ...] the built node must offer
 *   parameters         the Altegio node's parameters as n8n stores them
 *   credential         'token' (default), 'password', or 'slow' / 'fast' (budget.js)
 *   continueOnFail     node setting "On Error: Continue"
 *   splitOut           a field of the webhook item to split into items first (e.g. 'body.items')
 *   downstream(a, s)   fields of a Set node after the Altegio node ("<case> after"), given the
 *                      Altegio node's name and the Split Out node's: expressions that follow item links
 *   setup(t)           prepare the sandbox before the call; its return value is `t.state`
 *   body(t)            the JSON posted to the webhook
 *   check(t)           assertions; t = {res, items, calls, sb, state, line}
 *
 * `calls` are the sandbox requests made during this case's webhook call.
 */

const assert = require('node:assert/strict');
const catalog = require('../catalog');
const { rl } = require('./lib/workflows');

const LOC = 101; // demo location with 60 clients, comments, files and visits
const BIG = 102; // 450 clients: pagination
const FORBIDDEN = 103; // exists, the user may not manage it: 403
const BIG_SIZE = 450;

const ACCEPT = 'application/vnd.api.v2+json';

/** The sandbox's tokens for the suite: distinctive, so a leak is easy to spot. */
const SECRETS = {
	partnerToken: 'e2e-partner-7f3a91',
	userToken: 'e2e-user-c2b81d',
	login: 'owner@example.com',
	password: 'e2e-Passw0rd-5e6f',
};

function items(t) {
	assert.equal(t.res.status, 200, `webhook answered HTTP ${t.res.status}: ${t.res.text.slice(0, 500)}`);
	assert.ok(Array.isArray(t.res.json), `webhook answer is not a list of items: ${t.res.text.slice(0, 300)}`);
	return t.res.json;
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
	assert.equal(
		call.headers.authorization,
		`Bearer ${SECRETS.partnerToken}, User ${SECRETS.userToken}`,
		`Authorization of ${call.method} ${call.path}`,
	);
	assert.ok(
		String(call.headers.accept).includes(ACCEPT),
		`Accept of ${call.method} ${call.path}: ${call.headers.accept}`,
	);
}

const clientsOf = (sb, loc) => sb.state.clients.filter((c) => c.locationId === loc);

/** Sandbox preparation shared by all cases (runs once per line, before any workflow is built). */
function prepareSandbox(sb) {
	sb.seedClients(BIG, BIG_SIZE - clientsOf(sb, BIG).length);
	// client 1 gets a long history, so Return All has to follow the date cursor over several pages
	const day = 86400000;
	for (let k = 0; k < 40; k++) {
		const d = new Date(Date.now() - (400 + k * 3) * day).toISOString().slice(0, 10);
		sb.addVisit(LOC, 1, { date: `${d} 11:00:00`, attendance: 1 });
	}
}

const ownCases = [
	// ------------------------------------------------------------------ client
	{
		name: 'client create',
		path: 'e2e-client-create',
		needs: ['client.create'],
		parameters: {
			resource: 'client',
			operation: 'create',
			locationId: rl(LOC),
			name: '={{ $json.body.name }}',
			phone: '={{ $json.body.phone }}',
			additionalFields: { surname: 'Lovelace', email: 'ada@example.com', comment: 'Created by the e2e suite' },
		},
		body: () => ({ name: 'Ada', phone: '+1 (646) 555-0199' }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.equal(out[0].name, 'Ada');
			assert.equal(out[0].surname, 'Lovelace');
			assert.ok(Number.isInteger(out[0].id), 'created client has a numeric id');
			const posts = sentBy(t.calls, 'client.create', { location: LOC });
			assert.equal(posts.length, 1, 'one POST /clients/{location}');
			authHeaderOk(posts[0]);
			assert.equal(posts[0].body.email, 'ada@example.com');
			const stored = t.sb.getClient(LOC, out[0].id);
			assert.ok(stored, 'the client exists in the sandbox');
			assert.equal(stored.phone, '16465550199');
		},
	},
	{
		name: 'client get',
		path: 'e2e-client-get',
		needs: ['client.get'],
		parameters: {
			resource: 'client',
			operation: 'get',
			locationId: rl(LOC),
			clientId: rl('={{ $json.body.clientId }}'),
		},
		body: () => ({ clientId: 3 }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.equal(out[0].id, 3);
			assert.equal(out[0].name, t.sb.getClient(LOC, 3).name);
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				[`GET /client/${LOC}/3`],
			);
			authHeaderOk(t.calls[0]);
		},
	},
	{
		name: 'client get simplified',
		path: 'e2e-client-get-simplified',
		needs: ['client.get'],
		parameters: {
			resource: 'client',
			operation: 'get',
			locationId: rl(LOC),
			clientId: rl('={{ $json.body.clientId }}'),
			output: 'simplified',
		},
		body: () => ({ clientId: 3 }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			const kept = ['id', 'name', 'surname', 'phone', 'email', 'birth_date', 'categories', 'visits', 'spent'];
			assert.deepEqual(Object.keys(out[0]).sort(), kept.sort());
			assert.equal(out[0].id, 3);
			const stored = t.sb.getClient(LOC, 3);
			assert.deepEqual(
				out[0].categories,
				stored.categories.map((id) => t.sb.state.tags[LOC].find((tag) => tag.id === id).title),
			);
		},
	},
	{
		name: 'client update',
		path: 'e2e-client-update',
		needs: ['client.update'],
		parameters: {
			resource: 'client',
			operation: 'update',
			locationId: rl(LOC),
			clientId: rl('={{ $json.body.clientId }}'),
			updateFields: { email: '={{ $json.body.email }}', discount: 10 },
			output: 'raw',
		},
		setup: (t) => ({ before: { ...t.sb.getClient(LOC, 4) } }),
		body: () => ({ clientId: 4, email: 'changed@example.com' }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.equal(out[0].email, 'changed@example.com');
			assert.equal(out[0].discount, 10);
			const puts = sentBy(t.calls, 'client.update', { location: LOC, client: 4 });
			assert.equal(puts.length, 1, 'one PUT');
			assert.ok(sentBy(t.calls, 'client.update', { location: LOC, client: 4 }, 0).length >= 1, 'read before the write');
			// PUT replaces the record: the untouched fields must have been sent back
			const after = t.sb.getClient(LOC, 4);
			assert.equal(after.name, t.state.before.name);
			assert.equal(after.phone, t.state.before.phone);
			assert.equal(after.surname, t.state.before.surname);
			assert.equal(after.email, 'changed@example.com');
		},
	},
	{
		name: 'client upsert',
		path: 'e2e-client-upsert',
		needs: ['client.upsert'],
		splitOut: 'body.items',
		parameters: {
			resource: 'client',
			operation: 'upsert',
			locationId: rl(LOC),
			name: '={{ $json.name }}',
			phone: '={{ $json.phone }}',
			additionalFields: { comment: 'upserted by e2e' },
		},
		setup: (t) => ({ existing: { ...t.sb.getClient(LOC, 5) } }),
		body: (t) => ({
			items: [
				{ name: 'Renamed Five', phone: `+${t.state.existing.phone}` },
				{ name: 'Brand New', phone: '13155550777' },
			],
		}),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 2);
			assert.equal(out[0].action, 'updated');
			assert.equal(out[0].id, 5);
			assert.equal(t.sb.getClient(LOC, 5).name, 'Renamed Five');
			assert.equal(out[1].action, 'created');
			assert.ok(t.sb.getClient(LOC, out[1].id), 'the new client exists');
		},
	},
	{
		name: 'client create many',
		path: 'e2e-client-create-many',
		needs: ['client.createMany'],
		parameters: {
			resource: 'client',
			operation: 'createMany',
			locationId: rl(LOC),
			rowsFrom: 'json',
			clients: '={{ $json.body.rows }}',
		},
		setup: (t) => ({ taken: t.sb.getClient(LOC, 6).phone }),
		body: (t) => ({
			rows: [
				{ name: 'Bulk One', phone: '13155550901' },
				{ name: 'Bulk Two', phone: t.state.taken },
				{ name: 'Bulk Three', phone: '13155550903', email: 'bulk3@example.com' },
			],
		}),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 3, 'one item per row');
			assert.deepEqual(
				out.map((o) => o.success),
				[true, false, true],
			);
			assert.equal(out[0].name, 'Bulk One');
			assert.ok(/already exists/i.test(String(out[1].error)), `row 2 error: ${out[1].error}`);
			assert.equal(out[2].email, 'bulk3@example.com');
			assert.equal(sentBy(t.calls, 'client.createMany', { location: LOC }).length, 1, 'one bulk request');
		},
	},
	{
		name: 'client search',
		path: 'e2e-client-search',
		needs: ['client.getAll'],
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(LOC),
			returnAll: false,
			limit: 50,
			filters: { quickSearch: '={{ $json.body.q }}' },
			options: {},
		},
		body: () => ({ q: 'Martin' }),
		check(t) {
			const out = items(t);
			const expected = clientsOf(t.sb, LOC).filter((c) => `${c.name} ${c.surname}`.includes('Martin'));
			assert.ok(expected.length > 0, 'the demo data has a Martin');
			assert.equal(out.length, expected.length);
			for (const o of out) assert.ok(String(o.name).includes('Martin'), `${o.name} matches`);
			const search = sentBy(t.calls, 'client.getAll', { location: LOC });
			assert.equal(search.length, 1);
			assert.deepEqual(search[0].body.filters, [{ type: 'quick_search', state: { value: 'Martin' } }]);
		},
	},
	{
		name: 'client search limit',
		path: 'e2e-client-search-limit',
		needs: ['client.getAll'],
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(BIG),
			returnAll: false,
			limit: 7,
			filters: {},
			options: {},
		},
		check(t) {
			const out = items(t);
			assert.equal(out.length, 7);
			const search = sentBy(t.calls, 'client.getAll', { location: BIG });
			assert.equal(search.length, 1, 'one page is enough');
			assert.equal(search[0].body.page_size, 7);
		},
	},
	{
		name: 'client search return all',
		path: 'e2e-client-search-all',
		needs: ['client.getAll'],
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(BIG),
			returnAll: true,
			filters: {},
			options: {},
		},
		check(t) {
			const out = items(t);
			assert.equal(out.length, BIG_SIZE);
			assert.equal(new Set(out.map((o) => o.id)).size, BIG_SIZE, 'no duplicates');
			const pages = sentBy(t.calls, 'client.getAll', { location: BIG });
			assert.deepEqual(
				pages.map((p) => [p.body.page, p.body.page_size]),
				[
					[1, 200],
					[2, 200],
					[3, 200],
				],
			);
		},
	},
	{
		name: 'client list return all',
		path: 'e2e-client-legacy-all',
		needs: ['client.getAllLegacy'],
		parameters: { resource: 'client', operation: 'getAllLegacy', locationId: rl(BIG), returnAll: true, filters: {} },
		check(t) {
			const out = items(t);
			assert.equal(out.length, BIG_SIZE);
			assert.equal(new Set(out.map((o) => o.id)).size, BIG_SIZE, 'no duplicates');
			const pages = sentBy(t.calls, 'client.getAllLegacy', { location: BIG });
			assert.deepEqual(
				pages.map((p) => [p.query.page, p.query.count]),
				[
					['1', '200'],
					['2', '200'],
					['3', '200'],
				],
			);
		},
	},
	{
		name: 'client list filters',
		path: 'e2e-client-legacy-filter',
		needs: ['client.getAllLegacy'],
		parameters: {
			resource: 'client',
			operation: 'getAllLegacy',
			locationId: rl(LOC),
			returnAll: false,
			limit: 100,
			filters: { fullname: 'Martin', changedAfter: '2000-01-01T00:00:00' },
		},
		check(t) {
			const out = items(t);
			assert.ok(out.length > 0);
			for (const o of out) assert.ok(`${o.name} ${o.surname}`.includes('Martin'));
			const call = sentBy(t.calls, 'client.getAllLegacy', { location: LOC })[0];
			assert.equal(call.query.fullname, 'Martin');
			assert.ok(
				String(call.query.changed_after).startsWith('2000-01-01T00:00:00'),
				`changed_after=${call.query.changed_after}`,
			);
		},
	},
	{
		name: 'client delete',
		path: 'e2e-client-delete',
		needs: ['client.delete'],
		parameters: {
			resource: 'client',
			operation: 'delete',
			locationId: rl(LOC),
			clientId: rl('={{ $json.body.clientId }}'),
		},
		setup: (t) => ({ id: t.sb.addClient(LOC, { name: 'To Delete' }).id }),
		body: (t) => ({ clientId: t.state.id }),
		check(t) {
			const out = items(t);
			assert.deepEqual(out, [{ deleted: true }]);
			assert.equal(t.sb.getClient(LOC, t.state.id), null, 'gone from the sandbox');
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path} ${c.status}`),
				requestsOf('client.delete', { location: LOC, client: t.state.id }).map((r) => `${r} 204`),
			);
		},
	},
	{
		name: 'password credential',
		path: 'e2e-password-credential',
		needs: ['client.get'],
		credential: 'password',
		parameters: { resource: 'client', operation: 'get', locationId: rl(LOC), clientId: rl('7') },
		check(t) {
			const out = items(t);
			assert.equal(out[0].id, 7);
			const auth = only(t.calls, 'POST', /^\/auth$/);
			assert.equal(auth.length, 1, 'signed in once with POST /auth');
			assert.deepEqual(auth[0].body, { login: SECRETS.login, password: SECRETS.password });
			assert.equal(auth[0].headers.authorization, `Bearer ${SECRETS.partnerToken}`);
			const get = sentBy(t.calls, 'client.get', { location: LOC, client: 7 });
			assert.equal(get.length, 1);
			authHeaderOk(get[0]); // the token POST /auth returned
		},
	},
	{
		name: 'password credential again',
		path: 'e2e-password-credential-2',
		needs: ['client.get'],
		credential: 'password',
		parameters: { resource: 'client', operation: 'get', locationId: rl(LOC), clientId: rl('8') },
		check(t) {
			const out = items(t);
			assert.equal(out[0].id, 8);
			// n8n stores the session token (expirable credential field): no second sign-in
			assert.equal(only(t.calls, 'POST', /^\/auth$/).length, 0, 'no new POST /auth');
			authHeaderOk(sentBy(t.calls, 'client.get', { location: LOC, client: 8 })[0]);
		},
	},
	{
		name: 'API error with Continue On Fail',
		path: 'e2e-api-error-continue',
		needs: ['client.get'],
		continueOnFail: true,
		splitOut: 'body.items',
		parameters: {
			resource: 'client',
			operation: 'get',
			locationId: rl('={{ $json.locationId }}'),
			clientId: rl('={{ $json.clientId }}'),
		},
		body: () => ({
			items: [
				{ locationId: LOC, clientId: 999999 },
				{ locationId: LOC, clientId: 2 },
				{ locationId: FORBIDDEN, clientId: 1 },
			],
		}),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 3, 'one item per input item');
			assert.ok(/Client not found/.test(out[0].error) && /404/.test(out[0].error), `item 1: ${JSON.stringify(out[0])}`);
			assert.equal(out[1].id, 2, 'the good item goes on');
			assert.ok(/Access denied/.test(out[2].error) && /403/.test(out[2].error), `item 3: ${JSON.stringify(out[2])}`);
			// n8n may send the items' requests concurrently: compare without order
			assert.deepEqual(t.calls.map((c) => c.status).sort(), [200, 403, 404]);
		},
	},
	{
		name: 'item links with 2 inputs',
		path: 'e2e-item-links',
		needs: ['client.getAll', 'client.get'],
		splitOut: 'body.items',
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(BIG),
			returnAll: false,
			limit: 3,
			filters: {},
		},
		// $('<Altegio>').item and $('<Split Out>').item from the next node: n8n resolves both only if
		// every Altegio output item says which input item it came from (6 outputs from 2 inputs).
		downstream: (altegio, split) => ({
			clientId: `={{ $('${altegio}').item.json.id }}`,
			fromInput: `={{ $('${split}').item.json.tag }}`,
		}),
		body: () => ({ items: [{ tag: 'first' }, { tag: 'second' }] }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 6, `3 clients per input item: ${JSON.stringify(out).slice(0, 300)}`);
			assert.deepEqual(
				out.map((o) => o.fromInput),
				['first', 'first', 'first', 'second', 'second', 'second'],
			);
			for (const o of out) assert.equal(o.clientId, String(o.id), 'the Altegio item reached back is this one');
		},
	},
	{
		name: 'API error stops the workflow',
		path: 'e2e-api-error-stop',
		needs: ['client.get'],
		parameters: { resource: 'client', operation: 'get', locationId: rl(FORBIDDEN), clientId: rl('1') },
		check(t) {
			assert.ok(t.res.status >= 500, `webhook answered ${t.res.status}, expected a failed execution`);
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path} ${c.status}`),
				[`GET /client/${FORBIDDEN}/1 403`],
				'a 4xx is not retried',
			);
		},
	},
	{
		name: 'bad IDs never reach the API',
		path: 'e2e-bad-id',
		needs: ['client.get'],
		continueOnFail: true,
		splitOut: 'body.items',
		parameters: {
			resource: 'client',
			operation: 'get',
			locationId: rl('={{ $json.locationId }}'),
			clientId: rl('={{ $json.clientId }}'),
		},
		body: () => ({
			items: [
				{ locationId: LOC, clientId: 'abc' },
				{ locationId: LOC, clientId: '1/../2' },
				{ locationId: '101?x=1', clientId: 1 },
				{ locationId: LOC, clientId: '' },
			],
		}),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 4);
			assert.ok(/clientId/.test(out[0].error), `names the parameter: ${out[0].error}`);
			assert.ok(/clientId/.test(out[1].error), `names the parameter: ${out[1].error}`);
			assert.ok(/locationId/.test(out[2].error), `names the parameter: ${out[2].error}`);
			assert.ok(/clientId/.test(out[3].error), `names the parameter: ${out[3].error}`);
			assert.equal(
				t.calls.length,
				0,
				`no request may reach the API, got ${t.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`,
			);
		},
	},
	{
		name: 'HTTP 429 is retried',
		path: 'e2e-rate-limited',
		needs: ['client.get'],
		parameters: { resource: 'client', operation: 'get', locationId: rl(LOC), clientId: rl('9') },
		setup: (t) => {
			t.sb.addFault({ kind: '429', method: 'GET', path: `/client/${LOC}/9`, retryAfter: 1, times: 1 });
		},
		check(t) {
			const out = items(t);
			assert.equal(out[0].id, 9);
			assert.deepEqual(
				t.calls.map((c) => c.status),
				[429, 200],
			);
			const waited = t.calls[1].at - t.calls[0].respondedAt;
			assert.ok(waited >= 900, `waited ${waited} ms after Retry-After: 1`);
		},
	},

	// ------------------------------------------------------------------ comment
	{
		name: 'comment list',
		path: 'e2e-comment-list',
		needs: ['comment.getAll'],
		parameters: { resource: 'comment', operation: 'getAll', clientId: rl(1), locationId: rl(LOC), returnAll: true },
		check(t) {
			const out = items(t);
			const expected = t.sb.state.comments.filter((c) => c.locationId === LOC && c.clientId === 1);
			assert.ok(expected.length > 0);
			assert.equal(out.length, expected.length);
			assert.deepEqual(new Set(out.map((o) => o.id)), new Set(expected.map((c) => c.id)));
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				requestsOf('comment.getAll', { location: LOC, client: 1 }),
			);
		},
	},
	{
		name: 'comment delete',
		path: 'e2e-comment-delete',
		needs: ['comment.delete'],
		parameters: {
			resource: 'comment',
			operation: 'delete',
			locationId: rl(LOC),
			clientId: rl(2),
			commentId: '={{ $json.body.commentId }}',
		},
		setup: (t) => ({ id: t.sb.addComment(LOC, 2, { text: 'to be deleted' }).id }),
		body: (t) => ({ commentId: t.state.id }),
		check(t) {
			assert.deepEqual(items(t), [{ deleted: true }]);
			assert.ok(!t.sb.state.comments.some((c) => c.id === t.state.id), 'gone from the sandbox');
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				requestsOf('comment.delete', { location: LOC, client: 2, comment: t.state.id }),
			);
		},
	},

	// ------------------------------------------------------------------ file
	{
		name: 'file list',
		path: 'e2e-file-list',
		needs: ['file.getAll'],
		parameters: { resource: 'file', operation: 'getAll', locationId: rl(LOC), clientId: rl(1), returnAll: true },
		check(t) {
			const out = items(t);
			const expected = t.sb.state.files.filter((f) => f.locationId === LOC && f.clientId === 1);
			assert.ok(expected.length > 0);
			assert.equal(out.length, expected.length);
			for (const f of out) assert.ok(/^https?:\/\//.test(String(f.link)), `absolute link: ${f.link}`);
			assert.equal(sentBy(t.calls, 'file.getAll', { location: LOC, client: 1 }).length, 1);
		},
	},
	{
		name: 'file delete',
		path: 'e2e-file-delete',
		needs: ['file.delete'],
		parameters: {
			resource: 'file',
			operation: 'delete',
			locationId: rl(LOC),
			clientId: rl(3),
			fileId: '={{ $json.body.fileId }}',
		},
		setup: (t) => ({ id: t.sb.addFile(LOC, 3, { name: 'old-scan.pdf' }).id }),
		body: (t) => ({ fileId: String(t.state.id) }),
		check(t) {
			assert.deepEqual(items(t), [{ deleted: true }]);
			assert.ok(!t.sb.state.files.some((f) => f.id === t.state.id), 'gone from the sandbox');
			assert.equal(sentBy(t.calls, 'file.delete', { location: LOC, client: 3, file: t.state.id }).length, 1);
		},
	},

	// ------------------------------------------------------------------ history
	{
		name: 'history by phone',
		path: 'e2e-history-phone',
		needs: ['history.getAll'],
		parameters: {
			resource: 'history',
			operation: 'getAll',
			locationId: rl(LOC),
			searchBy: 'clientPhone',
			clientPhone: '={{ $json.body.phone }}',
			returnAll: false,
			limit: 5,
			filters: {},
		},
		body: (t) => ({ phone: `+${t.sb.getClient(LOC, 2).phone}` }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 5);
			const search = sentBy(t.calls, 'history.getAll', { location: LOC });
			assert.equal(search.length, 1);
			assert.equal(String(search[0].body.client_phone).replace(/\D/g, ''), t.sb.getClient(LOC, 2).phone);
		},
	},
	// Output, Create Many from items, file downloads, search by staff and service: cases-ux.js
	...require('./cases-ux').uxCases,
];

/** Where a generated case finds its records: IDs as expressions over the webhook's body. */
const FROM_BODY = Object.fromEntries(Object.keys(catalog.ID_PARAMETERS).map((id) => [id, `={{ $json.body.${id} }}`]));

/**
 * The case of a catalog row that no case above runs: the row's smallest parameters against one
 * record of each kind seeded for it; the operation succeeds and sends exactly the row's requests.
 * A new operation thus runs in real n8n as soon as its row is in test/catalog.js; give it a case of
 * its own above when it needs more than that (its `needs` then names the operation).
 */
function catalogCase(op) {
	return {
		name: `${op.resource} ${op.operation} (catalog row)`,
		path: `e2e-catalog-${op.resource}-${op.operation}`.toLowerCase(),
		needs: [op.name],
		parameters: { resource: op.resource, operation: op.operation, ...op.parameters(FROM_BODY) },
		setup(t) {
			// With a birth date: an update sends the record back, and Altegio's PUT wants a string there.
			const client = t.sb.addClient(LOC, { name: 'Catalog', phone: '13155550644', birth_date: '1990-05-17' });
			return {
				location: LOC,
				client: client.id,
				comment: t.sb.addComment(LOC, client.id, { text: 'Seen' }).id,
				file: t.sb.addFile(LOC, client.id, { name: 'scan.pdf' }).id,
			};
		},
		body: (t) => t.state,
		check(t) {
			const out = items(t);
			assert.ok(!out.some((item) => item.error), `no error item: ${JSON.stringify(out).slice(0, 300)}`);
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				requestsOf(op.name, t.state),
			);
		},
	};
}

const covered = new Set(ownCases.flatMap((c) => c.needs));
const cases = [...ownCases, ...catalog.OPERATIONS.filter((op) => !covered.has(op.name)).map(catalogCase)];
// Last, and in this order: the slow credential's case, then the fast one's (test/e2e/budget.js).
cases.push(...require('./budget').budgetCases);

module.exports = {
	cases,
	catalogCase,
	prepareSandbox,
	SECRETS,
	LOC,
	BIG,
	FORBIDDEN,
	BIG_SIZE,
	items,
	only,
	authHeaderOk,
	clientsOf,
};
