'use strict';

/**
 * The one engine driver: runs node types through a real n8n engine (n8n-core's WorkflowExecute,
 * RoutingNode and request helpers). The jest suites use it through harness.ts (n8n-core and
 * n8n-workflow of this project); the benchmark uses it from plain Node inside a real n8n install
 * (bench/lib/engine.js). The engine's modules are handed in, so each caller picks its engine.
 *
 * Node types are prepared the way n8n's CLI prepares them:
 * - its loader (DirectoryLoader.applySpecialNodeParameters) adds "Poll Times" to polling nodes and
 *   the "Request Options" collection (timeout, proxy, Ignore SSL Issues, batching) to declarative ones;
 * - its NodeTypes gives a declarative node (one with `requestDefaults` and none of execute, poll,
 *   trigger, supplyData) `execute = new RoutingNode(this, nodeType).runNode()` over the real
 *   ExecuteContext (`shouldAssignExecuteMethod`), so RoutingNode hands every item the execution's
 *   cancel signal. Bare node types would go through WorkflowExecute's `executeDeclarativeNodeInTest`,
 *   whose context has no cancel signal.
 * Only the credential store is ours: it resolves the credential's authentication and
 * preAuthentication as the CLI's CredentialsHelper does.
 */

/** What `mock()` of jest-mock-extended gives: listed keys as set, any other key a no-op function. */
function looseMock(init) {
	return new Proxy(init, {
		get(target, key) {
			if (key in target) return target[key];
			if (key === 'then' || typeof key === 'symbol') return undefined;
			return () => undefined;
		},
	});
}

/**
 * @param {object} o
 * @param {object} o.core the engine's n8n-core module
 * @param {object} o.workflow the engine's n8n-workflow module
 * @param {object} o.credentialType an instance of the credential type the nodes use
 */
function createDriver({ core, workflow: wf, credentialType }) {
	/** Credential values with the credential type's defaults applied, as n8n stores them. */
	function credentialData(values = {}) {
		const data = {};
		for (const property of credentialType.properties) data[property.name] = property.default;
		return { ...data, ...values };
	}

	/** What the CLI's CredentialsHelper does for this credential: authentication and preAuthentication. */
	class CredentialsHelper extends wf.ICredentialsHelper {
		constructor(data) {
			super();
			this.type = credentialType;
			this.data = data;
			/** How often preAuthentication ran and returned a new session. */
			this.preAuthCalls = 0;
		}

		getParentTypes() {
			return [];
		}

		// n8n 2.4x asks this before handing a credential to a node (restricted credential types).
		isCredentialUsableByNode() {
			return true;
		}

		async runPreAuthentication() {
			return undefined;
		}

		async authenticate(credentials, _typeName, requestOptions, workflow, node) {
			const auth = this.type.authenticate;
			if (!auth) return requestOptions;
			// As the CLI's CredentialsHelper: a function is called as it is, the generic form resolved.
			if (typeof auth === 'function') return await auth(credentials, requestOptions);
			for (const [outer, entries] of Object.entries(auth.properties)) {
				requestOptions[outer] = requestOptions[outer] || {};
				for (const [key, value] of Object.entries(entries)) {
					const resolved = workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					);
					requestOptions[outer][key] = String(resolved);
				}
			}
			return requestOptions;
		}

		async preAuthentication(helpers, credentials, _typeName, node, credentialsExpired) {
			const expirable = this.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
			if (!expirable || !this.type.preAuthentication) return undefined;
			// The CLI recognises its credential-test node this way and always signs in afresh for it.
			const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
			if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
			this.preAuthCalls++;
			const output = await this.type.preAuthentication.call(helpers, credentials);
			if (output[expirable.name] === undefined) return undefined;
			this.data = { ...this.data, ...output };
			return Object.assign(credentials, output);
		}

		async getCredentials() {
			throw new Error('not used');
		}

		async getDecrypted() {
			return { ...this.data };
		}

		async updateCredentials(_details, _type, data) {
			this.data = { ...data };
		}

		async updateCredentialsOauthTokenData() {}

		getCredentialsProperties() {
			return this.type.properties;
		}
	}

	/**
	 * A node type as n8n's loader leaves it (Poll Times, Request Options added). Works on a copy of
	 * the description, so loading one instance twice does not add the parameters twice.
	 */
	function loadNodeType(nodeType) {
		const versions = nodeType.nodeVersions ? Object.values(nodeType.nodeVersions) : [nodeType];
		for (const version of versions) {
			version.description = { ...version.description, properties: [...version.description.properties] };
			core.DirectoryLoader.prototype.applySpecialNodeParameters.call(core.DirectoryLoader, version);
		}
		return nodeType;
	}

	/** n8n's `shouldAssignExecuteMethod` (CLI, utils.ts): which node types RoutingNode runs. */
	function runsThroughRoutingNode(nodeType) {
		const isDeclarativeNode = nodeType.description?.requestDefaults !== undefined;
		return (
			!nodeType.execute &&
			!nodeType.supplyData &&
			!nodeType.poll &&
			!nodeType.trigger &&
			(!nodeType.webhook || isDeclarativeNode) &&
			(!nodeType.methods || isDeclarativeNode)
		);
	}

	/** The CLI's NodeTypes over already loaded node types (by type name). */
	function nodeTypesOf(types) {
		return {
			getByName: (name) => types[name],
			getByNameAndVersion(name, version) {
				const type = types[name];
				if (!type) return undefined;
				const versioned = wf.NodeHelpers.getVersionedNodeType(type, version);
				if (runsThroughRoutingNode(versioned)) {
					versioned.execute = async function () {
						return (await new core.RoutingNode(this, versioned).runNode()) ?? [];
					};
				}
				return versioned;
			},
			getKnownTypes: () => ({}),
		};
	}

	/** What WorkflowExecute needs besides the workflow: hooks, URLs and the credential store. */
	let executions = 0;
	function additionalData(credentialsHelper, onFinished = () => {}) {
		const hooks = new core.ExecutionLifecycleHooks('manual', '1', looseMock({ id: 'wf-1', nodes: [], settings: {} }));
		hooks.addHandler('workflowExecuteAfter', onFinished);
		return looseMock({
			// Each run gets its own ID, as in n8n (Retry On Fail's memory is per execution).
			executionId: String(++executions),
			hooks,
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			variables: {},
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			restartExecutionId: undefined,
			userId: undefined,
			// n8n 2.x looks these up and must find them absent.
			encryptedRunnerIdentity: undefined,
			evalLlmMockHandler: undefined,
			ssrfBridge: undefined,
			executionContext: undefined,
			credentialsHelper: credentialsHelper || new CredentialsHelper(credentialData({})),
		});
	}

	/** Run data that starts the execution at `node` with the given input items' JSON. */
	function startingAt(node, input) {
		const stack = [{ node, data: { main: [input.map((json) => ({ json }))] }, source: null }];
		if (typeof wf.createRunExecutionData === 'function') {
			return wf.createRunExecutionData({ executionData: { nodeExecutionStack: stack } });
		}
		// n8n 1.x has no createRunExecutionData.
		return {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				nodeExecutionStack: stack,
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		};
	}

	/**
	 * Starts a manual execution of `workflow` at its node `startNode`, as the editor's "Execute
	 * workflow" does. Returns at once: `stop()` is the editor's Stop button (WorkflowExecute's
	 * cancelable run: the execution's cancel signal aborts, the run ends as canceled); `done` gives
	 * the run once the engine has finished, or the error n8n refused to start with (e.g. a parameter
	 * failing its static validation: nothing ran).
	 * @returns {{ stop(): void, done: Promise<{ run?: object, refused?: Error }> }}
	 */
	function startExecution({ workflow, startNode, input = [{}], credentialsHelper }) {
		const runData = startingAt(workflow.getNode(startNode), input);
		const execute = new core.WorkflowExecute(additionalData(credentialsHelper), 'manual', runData);
		let running;
		try {
			running = execute.processRunExecutionData(workflow);
		} catch (refused) {
			return { stop() {}, done: Promise.resolve({ refused }) };
		}
		return { stop: () => running.cancel(), done: Promise.resolve(running).then((run) => ({ run })) };
	}

	/** The output items of a node's first run and its error, from a finished run. */
	function outcomeOf(run, nodeName) {
		const task = run.data.resultData.runData[nodeName]?.[0];
		return {
			items: task?.data?.main?.[0] ?? [],
			error: run.data.resultData.error ?? task?.error,
		};
	}

	return {
		looseMock,
		credentialData,
		CredentialsHelper,
		loadNodeType,
		nodeTypesOf,
		additionalData,
		startExecution,
		outcomeOf,
	};
}

module.exports = { createDriver, looseMock };
