'use strict';

const path = require('node:path');

/**
 * The workflows the benchmark runs, as plain n8n workflow JSON: the Altegio node with given
 * parameters, and n8n's HTTP Request node sending the same requests (what users build today).
 */

const ACCEPT = 'application/vnd.api.v2+json';
const LOCATION = 101;
/** The location the write scenarios create clients in (empty at the start). */
const WRITE_LOCATION = 102;
const PAGE = 200;
/**
 * The search body the node sends by default; the other contenders send the same. Its field list comes
 * from the compiled package, so the contenders cannot drift from what the node asks for.
 */
function searchBody(spec) {
	const model = path.join(spec.packageDir, 'nodes', 'Altegio', 'model', 'client', 'searchBody.js');
	const { SEARCH_FIELDS } = require(model);
	return { fields: SEARCH_FIELDS, order_by: 'id', order_by_direction: 'ASC', operation: 'AND', filters: [] };
}

const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
const authOf = (spec) => `Bearer ${spec.partnerToken}, User ${spec.userToken}`;

/** Credential values; limits far above anything the sandbox can serve unless `limits` says otherwise. */
function credentialValues(spec, limits = {}, userToken = spec.userToken) {
	return {
		baseUrl: spec.url,
		partnerToken: spec.partnerToken,
		userToken,
		maxRequestsPerSecond: 1_000_000,
		maxRequestsPerMinute: 1_000_000_000,
		...limits,
	};
}

function altegioNode(parameters, { name = 'Altegio', credentialId = 'cred-1' } = {}) {
	return {
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		type: 'n8n-nodes-altegio.altegio',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { altegioApi: { id: credentialId, name: `Altegio ${credentialId}` } },
	};
}

function getAllParameters(want) {
	const base = { resource: 'client', operation: 'getAll', locationId: byId(LOCATION) };
	return want.returnAll ? { ...base, returnAll: true } : { ...base, returnAll: false, limit: want.limit };
}

/** n8n's HTTP Request node with the Altegio headers typed in, as users set it up without a credential. */
function httpNode(engine, spec, parameters) {
	return {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: engine.httpRequestVersion,
		position: [0, 0],
		parameters: {
			authentication: 'none',
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: {
				parameters: [
					{ name: 'authorization', value: authOf(spec) },
					{ name: 'accept', value: ACCEPT },
				],
			},
			options: {},
			...parameters,
		},
	};
}

/** HTTP Request (built-in pagination, "Update a Parameter in Each Request") + Split Out. */
function httpSearchWorkflow(engine, spec, want) {
	const http = httpNode(engine, spec, {
		method: 'POST',
		url: `${spec.url}/company/${LOCATION}/clients/search`,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: JSON.stringify({ ...searchBody(spec), page: 1, page_size: want.returnAll ? PAGE : want.limit }),
		options: want.returnAll
			? {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'body', name: 'page', value: '={{ $pageCount + 1 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: `={{ $response.body.data.length < ${PAGE} }}`,
							limitPagesFetched: false,
							requestInterval: spec.requestIntervalMs || 0,
						},
					},
				}
			: {},
	});
	const split = {
		id: 'split',
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [200, 0],
		parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
	};
	return {
		nodes: [http, split],
		connections: { 'HTTP Request': { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] } },
	};
}

/** Rows of new clients with distinct phones (`offset` keeps warm-up and measured rows apart). */
function createRows(n, offset) {
	const rows = [];
	for (let i = 0; i < n; i++)
		rows.push({ name: `Bench${i}`, surname: 'Client', phone: `+1646${String(offset + i).padStart(7, '0')}` });
	return rows;
}

/** Client > Create, one input item per client. */
function createParameters() {
	return {
		resource: 'client',
		operation: 'create',
		locationId: byId(WRITE_LOCATION),
		name: '={{ $json.name }}',
		phone: '={{ $json.phone }}',
		additionalFields: {},
	};
}

/** The same creates with the HTTP Request node: one POST per item, body parameters from the item. */
function httpCreateNode(engine, spec) {
	return httpNode(engine, spec, {
		method: 'POST',
		url: `${spec.url}/clients/${WRITE_LOCATION}`,
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'name', value: '={{ $json.name }}' },
				{ name: 'phone', value: '={{ $json.phone }}' },
			],
		},
	});
}

/** Client > Get, one input item per client ID (or every item the one ID `typedIn`: no expression). */
function getParameters(typedIn) {
	return {
		resource: 'client',
		operation: 'get',
		locationId: byId(LOCATION),
		clientId: { __rl: true, mode: 'id', value: typedIn === undefined ? '={{ $json.id }}' : String(typedIn) },
	};
}

/** The same reads with the HTTP Request node: one GET per item. */
function httpGetNode(engine, spec, typedIn) {
	const url =
		typedIn === undefined
			? `=${spec.url}/client/${LOCATION}/{{ $json.id }}`
			: `${spec.url}/client/${LOCATION}/${typedIn}`;
	return httpNode(engine, spec, { method: 'GET', url });
}

module.exports = {
	ACCEPT,
	LOCATION,
	WRITE_LOCATION,
	PAGE,
	searchBody,
	byId,
	authOf,
	credentialValues,
	altegioNode,
	getAllParameters,
	httpSearchWorkflow,
	createRows,
	createParameters,
	httpCreateNode,
	getParameters,
	httpGetNode,
};
