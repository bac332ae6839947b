'use strict';

/**
 * Runs nodes through a real n8n engine (n8n-core WorkflowExecute, RoutingNode, n8n's own HTTP
 * helpers) from plain Node.js, with no jest, by the tests' own engine driver (test/engine/driver.js):
 * node types loaded as n8n's CLI loads them, only the credential store ours.
 *
 * The engine is a folder with node_modules/n8n-core and n8n-workflow (and, for the HTTP Request
 * comparison, n8n-nodes-base): the e2e install of a real n8n, or this project (dev copies).
 * The package under test is loaded from its compiled output; its `require('n8n-workflow')` is
 * pointed at the engine's copy, as a community package installed into n8n resolves it.
 */

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const { createDriver } = require('../../test/engine/driver');

/**
 * @param {object} o
 * @param {string} o.engineDir folder whose node_modules hold n8n-core and n8n-workflow
 * @param {string} o.packageDir compiled package (credentials/, nodes/)
 * @param {'legacy'|'vm'} [o.expressionEngine]
 */
async function loadEngine({ engineDir, packageDir, expressionEngine = 'legacy' }) {
	const engineRequire = Module.createRequire(path.join(engineDir, 'package.json'));
	const workflowPath = engineRequire.resolve('n8n-workflow');
	const packageRoot = path.resolve(packageDir) + path.sep;
	const originalResolve = Module._resolveFilename;
	Module._resolveFilename = function (request, parent, ...rest) {
		if (
			(request === 'n8n-workflow' || request.startsWith('n8n-workflow/')) &&
			parent &&
			parent.filename &&
			parent.filename.startsWith(packageRoot)
		) {
			return request === 'n8n-workflow' ? workflowPath : engineRequire.resolve(request);
		}
		return originalResolve.call(this, request, parent, ...rest);
	};

	const core = engineRequire('n8n-core');
	const wf = engineRequire('n8n-workflow');
	const version = (name) => {
		try {
			return JSON.parse(
				fs.readFileSync(path.join(path.dirname(engineRequire.resolve(`${name}/package.json`)), 'package.json'), 'utf8'),
			).version;
		} catch {
			return null;
		}
	};
	const versions = {
		'n8n-core': version('n8n-core'),
		'n8n-workflow': version('n8n-workflow'),
		'n8n-nodes-base': version('n8n-nodes-base'),
		n8n: version('n8n'),
	};

	if (expressionEngine === 'vm') {
		// What `n8n start` does on 2.x with its default config (N8N_EXPRESSION_ENGINE=vm).
		await wf.Expression.initExpressionEngine({
			engine: 'vm',
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
		});
	} else if (typeof wf.Expression.setExpressionEngine === 'function') {
		wf.Expression.setExpressionEngine('legacy');
	}
	const activeExpressionEngine =
		typeof wf.Expression.getActiveImplementation === 'function' ? wf.Expression.getActiveImplementation() : 'legacy';

	const { AltegioApi } = require(path.join(packageDir, 'credentials', 'AltegioApi.credentials.js'));
	const { Altegio } = require(path.join(packageDir, 'nodes', 'Altegio', 'Altegio.node.js'));
	const { AltegioTrigger } = require(path.join(packageDir, 'nodes', 'AltegioTrigger', 'AltegioTrigger.node.js'));
	const driver = createDriver({ core, workflow: wf, credentialType: new AltegioApi() });

	/** n8n-nodes-base nodes by file (relative to its dist/nodes), or null when the engine has none. */
	function baseNode(relative, className) {
		let file;
		try {
			file = engineRequire.resolve(`n8n-nodes-base/dist/nodes/${relative}`);
		} catch {
			return null;
		}
		const Cls = require(file)[className];
		return new Cls();
	}

	const trigger = driver.loadNodeType(new AltegioTrigger());
	const types = {
		'n8n-nodes-altegio.altegio': driver.loadNodeType(new Altegio()),
		'n8n-nodes-altegio.altegioTrigger': trigger,
	};
	const httpRequest = baseNode('HttpRequest/HttpRequest.node.js', 'HttpRequest');
	const splitOut = baseNode('Transform/SplitOut/SplitOut.node.js', 'SplitOut');
	if (httpRequest) types['n8n-nodes-base.httpRequest'] = driver.loadNodeType(httpRequest);
	if (splitOut) types['n8n-nodes-base.splitOut'] = driver.loadNodeType(splitOut);
	const nodeTypes = driver.nodeTypesOf(types);

	/**
	 * Runs a workflow from its first node with the given input items.
	 * @param {object} o
	 * @param {object[]} o.nodes INode list; nodes[0] gets the input
	 * @param {object} [o.connections]
	 * @param {object[]} [o.input] input items' JSON
	 * @param {object} [o.credentials] decrypted Altegio credential data
	 * @returns {Promise<{items: object[], error?: Error, runData: object}>} items of the last node
	 */
	async function runWorkflow({ nodes, connections = {}, input = [{}], credentials = {} }) {
		const workflow = new wf.Workflow({ id: 'bench', nodes, connections, nodeTypes, active: false, settings: {} });
		const credentialsHelper = new driver.CredentialsHelper(driver.credentialData(credentials));
		const { run, refused } = await driver.startExecution({
			workflow,
			startNode: nodes[0].name,
			input,
			credentialsHelper,
		}).done;
		if (!run) throw refused;
		const { items, error } = driver.outcomeOf(run, nodes[nodes.length - 1].name);
		return { items, error, runData: run.data.resultData.runData };
	}

	/**
	 * An active Altegio Trigger: each call of the returned function is one scheduled poll (n8n-core's
	 * PollContext in mode 'trigger', one Workflow object and its static data across polls, as in n8n).
	 */
	function activeTrigger({ parameters, credentials = {} }) {
		const node = {
			id: 'trigger',
			name: 'Altegio Trigger',
			type: 'n8n-nodes-altegio.altegioTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
		};
		const workflow = new wf.Workflow({
			id: 'bench-trigger',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
		});
		const data = driver.additionalData(new driver.CredentialsHelper(driver.credentialData(credentials)));
		return async () => {
			let failure;
			const ctx = new core.PollContext(
				workflow,
				node,
				data,
				'trigger',
				'activate',
				() => {},
				(e) => (failure = e),
			);
			const emitted = await trigger.poll.call(ctx);
			if (failure) throw failure;
			return emitted ? emitted[0] : [];
		};
	}

	/**
	 * Counts the expressions n8n resolves from now on (each one a run in the expression engine):
	 * returns a function giving the count so far.
	 */
	function countExpressions() {
		const proto = wf.Expression.prototype;
		const original = proto.resolveSimpleParameterValue;
		let count = 0;
		proto.resolveSimpleParameterValue = function (value, ...rest) {
			if (typeof value === 'string' && value.startsWith('=')) count++;
			return original.call(this, value, ...rest);
		};
		return () => count;
	}

	/** The package's own modules, loaded from the compiled output (e.g. the throttle's settings). */
	const packageModule = (relative) => require(path.join(packageDir, relative));

	return {
		versions,
		expressionEngine: activeExpressionEngine,
		hasHttpRequest: Boolean(httpRequest && splitOut),
		httpRequestVersion: httpRequest ? httpRequest.description.defaultVersion : null,
		runWorkflow,
		activeTrigger,
		countExpressions,
		packageModule,
		async shutdown() {
			if (expressionEngine === 'vm' && typeof wf.Expression.disposeExpressionEngine === 'function') {
				await wf.Expression.disposeExpressionEngine();
			}
		},
	};
}

module.exports = { loadEngine };
