/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Runs the Altegio node through the real n8n engine (n8n-core WorkflowExecute → RoutingNode →
 * httpRequestWithAuthentication → axios) against the sandbox over loopback, with the node types
 * loaded as n8n's CLI loads them. The engine driver itself (test/engine/driver.js) is plain
 * JavaScript, shared with the benchmark; this file gives it types and the suites' helpers.
 */
import * as core from 'n8n-core';
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import * as workflowModule from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';

import { AltegioApi } from '../../credentials/AltegioApi.credentials';
import { Altegio } from '../../nodes/Altegio/Altegio.node';

const { createDriver } = require('./driver') as { createDriver(modules: object): EngineDriver };

export const NODE_TYPE = 'n8n-nodes-altegio.altegio';

/** The credential store n8n's CLI would be: authentication and preAuthentication of altegioApi. */
export interface TestCredentialsHelper extends ICredentialsHelper {
	/** The stored (decrypted) credential; preAuthentication writes the new session into it. */
	data: ICredentialDataDecryptedObject;
	/** How often preAuthentication ran and returned a new session (n8n then persists it). */
	preAuthCalls: number;
	/** The stored credential as n8n decrypts it (no arguments needed: there is one credential). */
	getDecrypted(): Promise<ICredentialDataDecryptedObject>;
}

/** A manual execution under way: `stop()` presses the editor's Stop button. */
export interface RunningExecution {
	stop(): void;
	done: Promise<{ run?: IRun; refused?: Error }>;
}

/** test/engine/driver.js, typed. */
interface EngineDriver {
	credentialData(values: IDataObject): ICredentialDataDecryptedObject;
	CredentialsHelper: new (data: ICredentialDataDecryptedObject) => TestCredentialsHelper;
	loadNodeType<T extends INodeType>(nodeType: T): T;
	nodeTypesOf(types: Record<string, INodeType>): INodeTypes;
	additionalData(credentials?: TestCredentialsHelper, onFinished?: (run: IRun) => void): IWorkflowExecuteAdditionalData;
	startExecution(options: {
		workflow: Workflow;
		startNode: string;
		input?: IDataObject[];
		credentialsHelper?: TestCredentialsHelper;
	}): RunningExecution;
	outcomeOf(run: IRun, nodeName: string): { items: INodeExecutionData[]; error?: RunResult['error'] };
}

// n8n-core gives every execution context an SSH-tunnel manager (Container.get(SSHClientsManager)) whose
// constructor starts a minute's interval timer; n8n's CLI stops it at shutdown. Each test file has its
// own module registry, hence its own manager: stopped after the file, or its timer keeps the jest worker
// alive ("A worker process has failed to exit gracefully").
afterAll(() => {
	const { Container } = require('@n8n/di');
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});

export const driver = createDriver({ core, workflow: workflowModule, credentialType: new AltegioApi() });

/** Credential values with the credential type's defaults applied, as n8n stores them. */
export const credentialData = (values: IDataObject) => driver.credentialData(values);

export const TestCredentialsHelper = driver.CredentialsHelper;

/** A node type as n8n's loader prepares it (Request Options for declarative nodes, Poll Times for pollers). */
export const loadNodeType = <T extends INodeType>(nodeType: T): T => driver.loadNodeType(nodeType);

const altegio = loadNodeType(new Altegio());

/** What WorkflowExecute needs besides the workflow: hooks, URLs and our credential store. */
export function executionData(
	credentials: TestCredentialsHelper | undefined,
	onFinished: (run: IRun) => void = () => {},
) {
	return driver.additionalData(credentials, onFinished);
}

/** The Altegio node as a workflow holds it, with the test credential. */
export function altegioNode(parameters: INodeParameters, type = NODE_TYPE): INode {
	return {
		id: 'altegio-node',
		name: 'Altegio',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
	};
}

/** The context the editor gives a list method: the node's parameters, at `path` (the parameter asking). */
function editorContext(parameters: INodeParameters = {}, credentials: TestCredentialsHelper, path: string) {
	const node = altegioNode(parameters);
	const workflow = new Workflow({
		id: 'wf-1',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes(),
		active: false,
		settings: {},
	});
	const additionalData = executionData(credentials, () => {});
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}

/** Calls a listSearch method the way the editor does, through n8n-core's LoadOptionsContext. */
export async function listSearch(
	method: 'searchLocations' | 'searchClients' | 'searchComments' | 'searchFiles',
	options: {
		parameters?: INodeParameters;
		credentials: TestCredentialsHelper;
		filter?: string;
		paginationToken?: string;
	},
): Promise<INodeListSearchResult> {
	const context = editorContext(options.parameters, options.credentials, 'parameters.clientId');
	return await altegio.methods.listSearch[method].call(context, options.filter, options.paginationToken);
}

/** Calls a loadOptions method (a picker's list) the way the editor does, through LoadOptionsContext. */
export async function loadOptions(
	method: 'getClientTags' | 'getClientCustomFields' | 'getStaff' | 'getServices' | 'getServiceCategories',
	options: { parameters?: INodeParameters; credentials: TestCredentialsHelper; path?: string },
): Promise<INodePropertyOptions[]> {
	const context = editorContext(options.parameters, options.credentials, options.path ?? 'parameters.additionalFields');
	return await altegio.methods.loadOptions[method].call(context);
}

/** The CLI's NodeTypes over the Altegio node and `extra` types (loaded by the caller). */
export function nodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	return driver.nodeTypesOf({ [NODE_TYPE]: altegio, ...extra });
}

export interface RunResult {
	/** Output items of the node (error items included when Continue On Fail is on). */
	items: INodeExecutionData[];
	/** The node's error when the run failed. */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
	run: IRun;
}

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items' JSON (default: one empty item). */
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** Node settings such as Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`). */
	nodeSettings?: Partial<INode>;
	credentials?: TestCredentialsHelper;
	nodeType?: string;
	extraTypes?: Record<string, INodeType>;
}

/** A started execution of one Altegio node: `stop()` is the editor's Stop, `result` its outcome. */
export interface StartedNode {
	stop(): void;
	result: Promise<RunResult>;
}

/**
 * Starts one Altegio node with the given parameters and input items through WorkflowExecute, as a
 * manual execution; returns at once so that a test can press Stop while the node runs.
 */
export function startNode(options: RunOptions): StartedNode {
	const node: INode = {
		...altegioNode(options.parameters, options.nodeType),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const, continueOnFail: true } : {}),
		...options.nodeSettings,
	};
	const workflow = new Workflow({
		id: 'wf-1',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes(options.extraTypes),
		active: false,
		settings: {},
	});
	const execution = driver.startExecution({
		workflow,
		startNode: node.name,
		input: options.input,
		credentialsHelper: options.credentials,
	});
	const result = execution.done.then(({ run, refused }): RunResult => {
		// n8n refused to start (e.g. a parameter failing its static validation): nothing ran.
		if (!run) return { items: [], error: refused as RunResult['error'], run: undefined as unknown as IRun };
		return { ...driver.outcomeOf(run, node.name), run };
	});
	return { stop: execution.stop, result };
}

/** Executes one Altegio node with the given parameters and input items through WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	return await startNode(options).result;
}

/** Resource locator values as saved workflows store them. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value });
