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
	ICredentialType,
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
import { ICredentialsHelper, Workflow, createRunExecutionData } from 'n8n-workflow';

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

const driver = createDriver({ core, workflow: workflowModule, credentialType: new AltegioApi() });

/** Credential values with the credential type's defaults applied, as n8n stores them. */
export const credentialData = (values: IDataObject) => driver.credentialData(values);

export const TestCredentialsHelper = driver.CredentialsHelper;

/** A node type as n8n's loader prepares it (Request Options for declarative nodes, Poll Times for pollers). */
export const loadNodeType = <T extends INodeType>(nodeType: T): T => driver.loadNodeType(nodeType);

const altegio = loadNodeType(new Altegio());

/** What WorkflowExecute needs besides the workflow: hooks, URLs and our credential store. */
function executionData(credentials: TestCredentialsHelper | undefined, onFinished: (run: IRun) => void = () => {}) {
	return driver.additionalData(credentials, onFinished);
}

function altegioNode(parameters: INodeParameters, type = NODE_TYPE): INode {
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
	const node = altegioNode(options.parameters ?? {});
	const workflow = new Workflow({
		id: 'wf-1',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes(),
		active: false,
		settings: {},
	});
	const additionalData = executionData(options.credentials, () => {});
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.clientId');
	return await altegio.methods.listSearch[method].call(context, options.filter, options.paginationToken);
}

/** Calls a loadOptions method (a picker's list) the way the editor does, through LoadOptionsContext. */
export async function loadOptions(
	method: 'getClientTags' | 'getClientCustomFields' | 'getStaff' | 'getServices' | 'getServiceCategories',
	options: { parameters?: INodeParameters; credentials: TestCredentialsHelper; path?: string },
): Promise<INodePropertyOptions[]> {
	const node = altegioNode(options.parameters ?? {});
	const workflow = new Workflow({
		id: 'wf-1',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes(),
		active: false,
		settings: {},
	});
	const additionalData = executionData(options.credentials, () => {});
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters.additionalFields');
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

/**
 * The credential test as n8n's CLI runs it (CredentialsTester): a temporary node whose only
 * property routes `test.request`, executed by the real RoutingNode with the decrypted credential,
 * then the status checks and `rules`.
 */
export async function testCredential(
	credentials: TestCredentialsHelper,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const type: ICredentialType = new AltegioApi();
	// As the CLI: the credential's own `test` first, else the function a node names in `testedBy`.
	if (!type.test)
		return (await import('./credential-tester')).testCredentialByNode(credentials) as Promise<{
			status: 'OK' | 'Error';
			message: string;
		}>;
	const testRequest = type.test;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
	};
	const tempType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'altegioApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	} as unknown as INodeType;
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypes({ 'n8n-nodes-base.noOp': tempType }),
	});
	const additionalData = executionData(credentials, () => {});
	const { ExecuteContext, RoutingNode } = await import('n8n-core');
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = {
		id: 'cred-1',
		name: 'Altegio account',
		type: 'altegioApi',
		data: await credentials.getDecrypted(),
	};
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, tempType, decrypted).runNode();
	} catch (error) {
		const raw = error as {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
			errorResponse?: { response?: { status: number; statusText?: string }; code?: string };
			message: string;
		};
		// The CLI reads the status from the axios error in `cause`; under jest that object does not
		// survive n8n's wrapping, so the status comes from the NodeApiError's httpCode instead.
		const cause = raw.cause ?? raw.errorResponse;
		const statusCode = cause?.response?.status ?? (Number((error as { httpCode?: string }).httpCode) || undefined);
		if (statusCode !== undefined) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: cause?.response?.statusText || `Received HTTP status code: ${statusCode}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String(raw.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response![0][0].json as IDataObject;
			if (json[rule.properties.key] === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/* ----------------------------------------------------------------------------------------------
 * Polling trigger: the Altegio Trigger through n8n-core's own ActiveWorkflows (activation and the
 * scheduled polls) and WorkflowExecute (the editor's "Fetch Test Event", mode 'manual').
 * -------------------------------------------------------------------------------------------- */

export const TRIGGER_TYPE = 'n8n-nodes-altegio.altegioTrigger';
const TRIGGER_NAME = 'Altegio Trigger';
let workflowCounter = 0;
let loadedTrigger: INodeType | undefined;

/** The trigger's node type as n8n's loader prepares it (it adds `pollTimes` to polling nodes). */
async function triggerType(): Promise<INodeType> {
	if (!loadedTrigger) {
		const { AltegioTrigger } = await import('../../nodes/AltegioTrigger/AltegioTrigger.node');
		loadedTrigger = loadNodeType(new AltegioTrigger());
	}
	return loadedTrigger;
}

function triggerNode(parameters: INodeParameters): INode {
	return {
		id: 'altegio-trigger-node',
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		// n8n adds `pollTimes` to every polling node; ActiveWorkflows reads it to schedule the polls.
		parameters: { pollTimes: { item: [{ mode: 'everyHour' }] }, ...parameters },
		credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
	};
}

/** Static data as n8n saves it to the database: plain JSON, without the change marker. */
function savedStaticData(workflow: Workflow): IDataObject {
	return JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
}

export interface PollOutcome {
	/** What the poll emitted (the items n8n would start an execution with); null when it emitted nothing. */
	items: INodeExecutionData[] | null;
	/** The error the poll handed to n8n (`__emitError`: an error execution, the workflow stays active). */
	error?: Error & { description?: string; httpCode?: string | null };
	/** Whether the poll changed the workflow's static data (n8n's `__dataChanged`, which makes it save). */
	staticDataChanged: boolean;
}

export interface ActiveTrigger {
	/** What the activation poll did (n8n polls once right away when a workflow is activated). */
	activation: PollOutcome;
	/** Every emission since activation, in order (one entry per execution n8n would start). */
	emissions: INodeExecutionData[][];
	/** One scheduled poll, exactly as n8n's cron runs it (ActiveWorkflows' poll function). */
	poll(): Promise<PollOutcome>;
	/** The workflow's static data as n8n would save it now. */
	staticData(): IDataObject;
	deactivate(): Promise<void>;
}

/**
 * Activates a workflow holding only the Altegio Trigger with n8n-core's ActiveWorkflows, the class
 * n8n's CLI uses: the poll context is a real PollContext in mode 'trigger', the first poll runs at
 * activation (an error there fails the activation, thrown here as n8n's WorkflowActivationError),
 * later polls run through the same function n8n's cron calls. One Workflow object lives across
 * polls, as in n8n; pass `staticData` (from `staticData()`) to start as n8n does after a restart.
 */
export async function activateTrigger(options: {
	parameters: INodeParameters;
	credentials: TestCredentialsHelper;
	staticData?: IDataObject;
}): Promise<ActiveTrigger> {
	const { Container } = await import('@n8n/di');
	const { ActiveWorkflows, PollContext } = await import('n8n-core');
	const workflowId = `trigger-wf-${++workflowCounter}`;
	const node = triggerNode(options.parameters);
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes({ [TRIGGER_TYPE]: await triggerType() }),
		active: true,
		settings: {},
		staticData: options.staticData ? (JSON.parse(JSON.stringify(options.staticData)) as IDataObject) : undefined,
	});
	const additionalData = executionData(options.credentials, () => {});
	let outcome: PollOutcome = { items: null, staticDataChanged: false };
	const emissions: INodeExecutionData[][] = [];
	let pollFunctions: InstanceType<typeof PollContext> | undefined;
	const getPollFunctions = (
		wf: Workflow,
		n: INode,
		data: IWorkflowExecuteAdditionalData,
		mode: 'trigger',
		activation: 'activate',
	) => {
		pollFunctions = new PollContext(
			wf,
			n,
			data,
			mode,
			activation,
			(emitted: INodeExecutionData[][]) => {
				emissions.push(emitted[0] ?? []);
				outcome.items = emitted[0] ?? [];
			},
			(error: Error) => (outcome.error = error as PollOutcome['error']),
		);
		return pollFunctions;
	};
	const begin = () => {
		outcome = { items: null, staticDataChanged: false };
		(workflow.staticData as IDataObject).__dataChanged = false;
	};
	const end = () => {
		outcome.staticDataChanged = (workflow.staticData as IDataObject).__dataChanged === true;
		return outcome;
	};
	// Read once, when the container first builds n8n's services: its logger would print every cron
	// change, and its instance settings write a config file into the user folder (home by default).
	process.env.N8N_LOG_LEVEL ??= 'warn';
	if (!process.env.N8N_USER_FOLDER) {
		const { mkdtempSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-engine-'));
		process.env.N8N_USER_FOLDER = userFolder;
		// Removed when the jest worker ends, so runs leave no folders behind.
		process.once('exit', () => rmSync(userFolder, { recursive: true, force: true }));
	}
	const activeWorkflows = Container.get(ActiveWorkflows);
	begin();
	await activeWorkflows.add(
		workflowId,
		workflow,
		additionalData,
		'trigger',
		'activate',
		(() => {
			throw new Error('the workflow has no trigger nodes, only a poller');
		}) as never,
		getPollFunctions as never,
	);
	const activation = end();
	const scheduledPoll = (
		activeWorkflows as unknown as {
			createPollExecuteFn(
				workflow: Workflow,
				node: INode,
				pollFunctions: unknown,
			): (testingTrigger?: boolean) => Promise<void>;
		}
	).createPollExecuteFn(workflow, workflow.getNode(TRIGGER_NAME)!, pollFunctions);
	return {
		activation,
		emissions,
		async poll() {
			begin();
			await scheduledPoll();
			return end();
		},
		staticData: () => savedStaticData(workflow),
		deactivate: async () => {
			await activeWorkflows.remove(workflowId);
		},
	};
}

/**
 * The editor's "Fetch Test Event": the workflow run in mode 'manual' from the trigger, which
 * WorkflowExecute hands to the node's poll() in a PollContext of mode 'manual'.
 */
export async function fetchTestEvent(options: {
	parameters: INodeParameters;
	credentials: TestCredentialsHelper;
	staticData?: IDataObject;
}): Promise<RunResult & { staticData: IDataObject; staticDataChanged: boolean }> {
	const node = triggerNode(options.parameters);
	const workflow = new Workflow({
		id: `trigger-wf-${++workflowCounter}`,
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypes({ [TRIGGER_TYPE]: await triggerType() }),
		active: false,
		settings: {},
		staticData: options.staticData ? (JSON.parse(JSON.stringify(options.staticData)) as IDataObject) : undefined,
	});
	const { run, refused } = await driver.startExecution({
		workflow,
		startNode: TRIGGER_NAME,
		credentialsHelper: options.credentials,
	}).done;
	if (!run) {
		// n8n refused to start (e.g. a parameter failing its static validation): nothing ran.
		return {
			items: [],
			error: refused as RunResult['error'],
			run: undefined as unknown as IRun,
			staticData: savedStaticData(workflow),
			staticDataChanged: false,
		};
	}
	return {
		...driver.outcomeOf(run, TRIGGER_NAME),
		run,
		staticData: savedStaticData(workflow),
		staticDataChanged: (workflow.staticData as IDataObject).__dataChanged === true,
	};
}
