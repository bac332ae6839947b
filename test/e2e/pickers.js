'use strict';

/**
 * The tag and custom-field pickers as the editor loads them: n8n's
 * POST /rest/dynamic-node-parameters/options (the same route and payload on 1.x and 2.x) with the
 * saved credential, answered by the node's loadOptions methods against the sandbox.
 */

const assert = require('node:assert/strict');
const { CREDENTIALS, CREDENTIAL_TYPE, NODE_TYPE, rl } = require('./lib/workflows');
const { BOTH, LOC } = require('./lib/caseKit');

const CREATE = {
	resource: 'client',
	operation: 'create',
	locationId: rl(LOC),
	name: '',
	phone: '',
	additionalFields: {},
};

/**
 * POST /rest/dynamic-node-parameters/<route> as the editor sends it for the node's parameter `path`,
 * answered by `methodName` with the saved user-token credential; returns n8n's answer and the
 * sandbox requests made meanwhile.
 */
async function askEditorRoute(t, route, methodName, path, currentNodeParameters, more = {}) {
	const from = t.sb.requests.length;
	const res = await t.n8n.request('POST', `/rest/dynamic-node-parameters/${route}`, {
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		path,
		methodName,
		...more,
		currentNodeParameters,
		credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIALS.token.id, name: CREDENTIALS.token.name } },
	});
	t.noSecrets(res.text);
	return { res, calls: t.sb.requests.slice(from) };
}

/** Asks n8n for the options of `path` (by default a parameter of Client > Create) from `methodName`. */
const options = (t, methodName, path, currentNodeParameters = CREATE) =>
	askEditorRoute(t, 'options', methodName, path, currentNodeParameters);

/** Asks n8n for a resource locator's list (the editor's "From List"), as the editor does. */
async function locatorList(t, methodName, path, currentNodeParameters, filter) {
	const { res, calls } = await askEditorRoute(t, 'resource-locator-results', methodName, path, currentNodeParameters, {
		filter,
	});
	assert.equal(res.status, 200, `list answered ${res.status}: ${res.text.slice(0, 300)}`);
	return { results: res.json.data.results, calls };
}

const SEARCH = { resource: 'client', operation: 'getAll', locationId: rl(LOC), filters: {} };

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
		name: 'pickers: the custom field Key lists the location’s client custom fields with their codes',
		async run(t) {
			const { res, calls } = await options(t, 'getClientCustomFields', 'parameters.additionalFields.customFields');
			const fields = listed(res);
			assert.deepEqual(
				fields.map((o) => o.value),
				['favourite_master', 'preferred_day', 'source'],
			);
			assert.equal(fields[1].name, 'Preferred day');
			assert.match(fields[1].description, /Code: preferred_day/);
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
	{
		name: 'pickers: Staff and Service Names or IDs of the client search list the location’s staff and services',
		async run(t) {
			const staff = await options(t, 'getStaff', 'parameters.filters.staffIds', SEARCH);
			assert.deepEqual(
				listed(staff.res).map((o) => `${o.name}=${o.value}`),
				t.sb.state.staff[LOC].map((s) => `${s.name}=${s.id}`).sort(),
			);
			assert.deepEqual(
				staff.calls.map((c) => `${c.method} ${c.path}`),
				[`GET /staff/${LOC}`],
			);
			assert.equal(staff.calls[0].headers.authorization, BOTH);
			const services = await options(t, 'getServices', 'parameters.filters.serviceIds', SEARCH);
			assert.deepEqual(
				listed(services.res)
					.map((o) => o.name)
					.sort(),
				t.sb.state.services[LOC].map((s) => s.title).sort(),
			);
			const categories = await options(t, 'getServiceCategories', 'parameters.filters.serviceCategoryIds', SEARCH);
			assert.equal(listed(categories.res).length, t.sb.state.serviceCategories[LOC].length);
		},
	},
	{
		name: 'pickers: Comment and File (delete) list the chosen client’s comments and files',
		async run(t) {
			const comment = t.sb.addComment(LOC, 6, { text: 'e2e picker comment' });
			const file = t.sb.addFile(LOC, 6, { name: 'e2e-picker.pdf', withComment: false });
			const where = (resource) => ({ resource, operation: 'delete', locationId: rl(LOC), clientId: rl(6) });
			const comments = await locatorList(t, 'searchComments', 'commentId', where('comment'), 'picker comment');
			assert.deepEqual(
				comments.results.map((r) => r.value),
				[String(comment.id)],
			);
			assert.deepEqual(
				comments.calls.map((c) => `${c.method} ${c.path}`),
				[`GET /clients/${LOC}/clients/6/comments`],
			);
			const files = await locatorList(t, 'searchFiles', 'fileId', where('file'));
			assert.ok(
				files.results.some((r) => r.value === String(file.id) && r.name.startsWith('e2e-picker.pdf')),
				JSON.stringify(files.results),
			);
		},
	},
];

module.exports = { pickerChecks };
