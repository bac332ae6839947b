'use strict';

/**
 * The tag and custom-field pickers as the editor loads them: n8n's
 * POST /rest/dynamic-node-parameters/options (the same route and payload on 1.x and 2.x) with the
 * saved credential, answered by the node's loadOptions methods against the sandbox.
 */

const assert = require('node:assert/strict');
const { CREDENTIALS, CREDENTIAL_TYPE, NODE_TYPE, rl } = require('./lib/workflows');
const { SECRETS, LOC } = require('./cases');

const BOTH = `Bearer ${SECRETS.partnerToken}, User ${SECRETS.userToken}`;

/** Asks n8n for the options of `path` (a parameter of Client > Create) from `methodName`. */
async function options(t, methodName, path) {
	const from = t.sb.requests.length;
	const res = await t.n8n.request('POST', '/rest/dynamic-node-parameters/options', {
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		path,
		methodName,
		currentNodeParameters: {
			resource: 'client',
			operation: 'create',
			locationId: rl(LOC),
			name: '',
			phone: '',
			additionalFields: {},
		},
		credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIALS.token.id, name: CREDENTIALS.token.name } },
	});
	t.noSecrets(res.text);
	return { res, calls: t.sb.requests.slice(from) };
}

function listed(res) {
	assert.equal(res.status, 200, `options answered ${res.status}: ${res.text.slice(0, 300)}`);
	assert.ok(Array.isArray(res.json && res.json.data), `options answer: ${res.text.slice(0, 300)}`);
	return res.json.data;
}

const pickerChecks = [
	{
		name: 'pickers: Tag Names or IDs lists the location’s client tags through n8n’s options route',
		async run(t) {
			const { res, calls } = await options(t, 'getClientTags', 'parameters.additionalFields.categoryIds');
			const tags = t.sb.state.tags[LOC];
			assert.deepEqual(
				listed(res).map((o) => `${o.name}=${o.value}`),
				tags.map((tag) => `${tag.title}=${tag.id}`).sort(),
			);
			assert.deepEqual(
				calls.map((c) => `${c.method} ${c.path}`),
				[`GET /labels/${LOC}/client`],
			);
			assert.equal(calls[0].headers.authorization, BOTH);
		},
	},
	{
		name: 'pickers: the custom field Key lists the location’s client custom fields with their API keys',
		async run(t) {
			const { res, calls } = await options(t, 'getClientCustomFields', 'parameters.additionalFields.customFields');
			const fields = listed(res);
			assert.deepEqual(
				fields.map((o) => o.value),
				['favourite_master', 'preferred_day', 'source'],
			);
			assert.equal(fields[1].name, 'Preferred day');
			assert.match(fields[1].description, /API key: preferred_day/);
			assert.deepEqual(
				calls.map((c) => `${c.method} ${c.path}`),
				[`GET /custom_fields/client/${LOC}`],
			);
		},
	},
	{
		name: 'pickers: a failing tag list says what failed in n8n’s answer, without secrets',
		async run(t) {
			t.sb.addFault({
				path: `/labels/${LOC}/client`,
				kind: 'status',
				status: 403,
				message: 'Access denied.',
				times: 1,
			});
			const { res } = await options(t, 'getClientTags', 'parameters.additionalFields.categoryIds');
			assert.notEqual(res.status, 200, `a failed list must not look like an empty one: ${res.text.slice(0, 300)}`);
			assert.match(res.text, /Could not load the location's client tags/);
			// the fault was used up: the list works again (the next open of the dropdown)
			const again = await options(t, 'getClientTags', 'parameters.additionalFields.categoryIds');
			assert.equal(listed(again.res).length, t.sb.state.tags[LOC].length);
		},
	},
];

module.exports = { pickerChecks };
