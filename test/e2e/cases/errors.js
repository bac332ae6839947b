'use strict';

/**
 * E2E cases of how a call goes wrong or spans items: the password credential's sign-in, API errors
 * with and without Continue On Fail, item links, bad IDs and HTTP 429 (the table format: index.js).
 */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { authHeaderOk, BIG, FORBIDDEN, items, LOC, only, SECRETS, sentBy } = require('../lib/caseKit');

/** Client > Get once per posted item ({locationId, clientId}), an item's error an error item. */
const getEachItem = {
	needs: ['client.get'],
	continueOnFail: true,
	splitOut: 'body.items',
	parameters: {
		resource: 'client',
		operation: 'get',
		locationId: rl('={{ $json.locationId }}'),
		clientId: rl('={{ $json.clientId }}'),
	},
};

/** Client > Get of client `id` through the login/password credential, signing in `signIns` times. */
function passwordGet(name, path, id, signIns) {
	return {
		name,
		path,
		needs: ['client.get'],
		credential: 'password',
		parameters: { resource: 'client', operation: 'get', locationId: rl(LOC), clientId: rl(id) },
		check(t) {
			assert.equal(items(t)[0].id, id);
			const auth = only(t.calls, 'POST', /^\/auth$/);
			assert.equal(auth.length, signIns, `signed in ${signIns} time(s) with POST /auth`);
			for (const call of auth) {
				assert.deepEqual(call.body, { login: SECRETS.login, password: SECRETS.password });
				assert.equal(call.headers.authorization, `Bearer ${SECRETS.partnerToken}`);
			}
			const get = sentBy(t.calls, 'client.get', { location: LOC, client: id });
			assert.equal(get.length, 1);
			authHeaderOk(get[0]); // the token POST /auth returned
		},
	};
}

const errorCases = [
	// The first call signs in; n8n stores the session token (an expirable credential field), so the
	// second does not.
	passwordGet('password credential', 'e2e-password-credential', 7, 1),
	passwordGet('password credential again', 'e2e-password-credential-2', 8, 0),
	{
		name: 'API error with Continue On Fail',
		path: 'e2e-api-error-continue',
		...getEachItem,
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
		...getEachItem,
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
];

module.exports = { errorCases };
