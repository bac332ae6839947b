'use strict';

/** Builders for the credentials and workflows the e2e suite and the dev loop import. */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = 'n8n-nodes-altegio';
const NODE_TYPE = `${PACKAGE}.altegio`;
const TOOL_TYPE = `${PACKAGE}.altegioTool`;
const TRIGGER_TYPE = `${PACKAGE}.altegioTrigger`;
const CREDENTIAL_TYPE = 'altegioApi';
const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');

/** Stable credential references (the example workflows use the first one). */
const CREDENTIALS = {
	token: { id: 'altegioSandbox01', name: 'Altegio sandbox (user token)' },
	password: { id: 'altegioSandbox02', name: 'Altegio sandbox (login and password)' },
	// The budget cases (test/e2e/budget.js): the same account at 5/s and at 100/s.
	slow: { id: 'altegioSandbox03', name: 'Altegio sandbox (5 per second)' },
	fast: { id: 'altegioSandbox04', name: 'Altegio sandbox (100 per second)' },
};

/** A resource locator as n8n stores it ("By ID" mode). */
const rl = (value, mode = 'id') => ({ __rl: true, mode, value: String(value) });

/** A UUID derived from a text, so that re-imports keep the same webhook IDs. */
function stableUuid(text) {
	const h = crypto.createHash('sha1').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The two credentials, as `n8n import:credentials` takes them (data is encrypted on import).
 * @param {{baseUrl: string, partnerToken: string, userToken?: string, login?: string, password?: string}} c
 */
function credentialsFor(c, { perSecond = 50, perMinute = 3000 } = {}) {
	const common = {
		baseUrl: c.baseUrl,
		partnerToken: c.partnerToken,
		maxRequestsPerSecond: perSecond,
		maxRequestsPerMinute: perMinute,
	};
	const list = [];
	if (c.userToken) {
		list.push({
			...CREDENTIALS.token,
			type: CREDENTIAL_TYPE,
			data: { ...common, authMethod: 'userToken', userToken: c.userToken },
		});
	}
	if (c.login && c.password) {
		list.push({
			...CREDENTIALS.password,
			type: CREDENTIAL_TYPE,
			data: { ...common, authMethod: 'password', login: c.login, password: c.password },
		});
	}
	return list;
}

/** A node as a workflow file holds it, its ID derived from its name; `more`: further keys, or another `id`. */
function nodeOf(name, [type, typeVersion], position, parameters, more = {}) {
	return { id: stableUuid(`node:${name}`), name, type, typeVersion, position, parameters, ...more };
}

function webhookNode(name, webhookPath, position, { responseData = 'allEntries' } = {}) {
	const parameters = { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData, options: {} };
	return nodeOf(name, ['n8n-nodes-base.webhook', 2], position, parameters, {
		id: stableUuid(`node:${webhookPath}:${name}`),
		webhookId: stableUuid(`webhook:${webhookPath}`),
	});
}

function altegioNode(name, parameters, position, { credential = 'token', continueOnFail = false } = {}) {
	const cred = CREDENTIALS[credential];
	return nodeOf(name, [NODE_TYPE, 1], position, parameters, {
		credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	});
}

function splitOutNode(name, field, position) {
	return nodeOf(name, ['n8n-nodes-base.splitOut', 1], position, { fieldToSplitOut: field, options: {} });
}

const main = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

/** A Set node (v3.4, in both n8n lines) that adds string fields computed by expressions. */
function setNode(name, fields, position) {
	return nodeOf(name, ['n8n-nodes-base.set', 3.4], position, {
		mode: 'manual',
		includeOtherFields: true,
		assignments: {
			assignments: Object.entries(fields).map(([field, value]) => ({
				id: stableUuid(`field:${name}:${field}`),
				name: field,
				value,
				type: 'string',
			})),
		},
		options: {},
	});
}

/**
 * One workflow holding every case as its own branch: Webhook "<case> in" → [Split Out] → Altegio
 * "<case>". A webhook call runs only its own branch; one workflow means one activation (each CLI
 * activation boots n8n for 2-3 s).
 */
function casesWorkflow(id, name, cases) {
	const nodes = [];
	const connections = {};
	cases.forEach((c, i) => {
		const y = i * 200;
		const hook = webhookNode(`${c.name} in`, c.path, [0, y]);
		nodes.push(hook);
		let prev = hook.name;
		if (c.splitOut) {
			const split = splitOutNode(`${c.name} items`, c.splitOut, [220, y]);
			nodes.push(split);
			connections[prev] = main(split.name);
			prev = split.name;
		}
		const node = altegioNode(c.name, c.parameters, [440, y], {
			credential: c.credential,
			continueOnFail: c.continueOnFail,
		});
		nodes.push(node);
		connections[prev] = main(node.name);
		if (c.downstream) {
			// A node after the Altegio node that reaches back through item links (e.g. $('<case>').item).
			const after = setNode(`${c.name} after`, c.downstream(c.name, c.splitOut && `${c.name} items`), [660, y]);
			nodes.push(after);
			connections[node.name] = main(after.name);
		}
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}

/** Read an example workflow from examples/. */
function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

function listExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

module.exports = {
	PACKAGE,
	NODE_TYPE,
	TOOL_TYPE,
	TRIGGER_TYPE,
	CREDENTIAL_TYPE,
	CREDENTIALS,
	EXAMPLES_DIR,
	rl,
	stableUuid,
	credentialsFor,
	webhookNode,
	altegioNode,
	splitOutNode,
	nodeOf,
	casesWorkflow,
	readExample,
	listExamples,
	main,
};
