/**
 * Runs the Altegio node through the real n8n engine (n8n-core WorkflowExecute → RoutingNode →
 * httpRequestWithAuthentication → axios) against the sandbox over loopback. Only the credential
 * store is ours: it resolves the credential's generic auth and preAuthentication as n8n's CLI does.
 */
import { mock } from 'jest-mock-extended';
import { DirectoryLoader, ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow, createRunExecutionData } from 'n8n-workflow';

import { AltegioApi } from '../../credentials/AltegioApi.credentials';
import { Altegio } from '../../nodes/Altegio/Altegio.node';

export const NODE_TYPE = 'n8n-nodes-altegio.altegio';

/** Credential values with the credential type's defaults applied, as n8n stores them. */
export function credentialData(values: IDataObject): ICredentialDataDecryptedObject {
	const data: ICredentialDataDecryptedObject = {};
	for (const property of new AltegioApi().properties) data[property.name] = property.default as never;
	return { ...data, ...values } as ICredentialDataDecryptedObject;
}

/** What the CLI's CredentialsHelper does for this package: generic auth and preAuthentication. */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly type: ICredentialType = new AltegioApi();

	/** How often preAuthentication ran and whether n8n persisted its result. */
	preAuthCalls = 0;

	constructor(public data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const auth = this.type.authenticate;
		if (!auth) return requestOptions;
		// As the CLI's CredentialsHelper: a function is called as it is, the generic form resolved.
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const options = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [outer, entries] of Object.entries(auth.properties)) {
			options[outer] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				options[outer][key] = String(
					workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					),
				);
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable || !this.type.preAuthentication) return undefined;
		// The CLI recognises its credential-test node this way and always signs in afresh for it.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		this.preAuthCalls++;
		const output = await this.type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.data = { ...this.data, ...output } as ICredentialDataDecryptedObject;
		return Object.assign(credentials, output);
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(_c: INodeCredentialsDetails, _t: string, data: ICredentialDataDecryptedObject) {
		this.data = { ...data };
	}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.type.properties;
	}
}

const altegio = new Altegio();
// As n8n's node loader does for every declarative node: adds Options > Request Options.
DirectoryLoader.applyDeclarativeNodeOptionParameters(altegio);

/** Each run gets its own execution ID, as in n8n (Retry On Fail's memory is per execution). */
let executions = 0;

/** What WorkflowExecute needs besides the workflow: hooks, URLs and our credential store. */
function executionData(credentials: TestCredentialsHelper | undefined, onFinished: (run: IRun) => void) {
	const hooks = new ExecutionLifecycleHooks('manual', '1', mock());
	hooks.addHandler('workflowExecuteAfter', onFinished);
	const additionalData = (mock as (init: object) => unknown)({
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
		...({
			encryptedRunnerIdentity: undefined,
			evalLlmMockHandler: undefined,
			ssrfBridge: undefined,
			executionContext: undefined,
		} as object),
	}) as IWorkflowExecuteAdditionalData;
	additionalData.credentialsHelper = credentials ?? new TestCredentialsHelper(credentialData({}));
	return additionalData;
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
	method: 'searchLocations' | 'searchClients',
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

export function nodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const types: Record<string, INodeType> = { [NODE_TYPE]: altegio, ...extra };
	return {
		getByName: (name: string) => types[name],
		getByNameAndVersion: (name: string) => types[name],
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
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

/** Executes one Altegio node with the given parameters and input items through WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
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
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	const additionalData = executionData(options.credentials, (run) => finished(run));
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode('Altegio')!, data: { main: [input] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData);
	try {
		await execution.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refused to start (e.g. a parameter failing its static validation): nothing ran.
		return { items: [], error: error as RunResult['error'], run: undefined as unknown as IRun };
	}
	const run = await done;
	const taskData = run.data.resultData.runData.Altegio?.[0];
	return {
		items: (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[],
		error: (run.data.resultData.error ?? taskData?.error) as RunResult['error'],
		run,
	};
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
		const { DirectoryLoader } = await import('n8n-core');
		const { AltegioTrigger } = await import('../../nodes/AltegioTrigger/AltegioTrigger.node');
		const type = new AltegioTrigger();
		(
			DirectoryLoader.prototype as unknown as { applySpecialNodeParameters(type: INodeType): void }
		).applySpecialNodeParameters(type);
		loadedTrigger = type;
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
		const { mkdtempSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-engine-'));
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
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	const additionalData = executionData(options.credentials, (run) => finished(run));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(TRIGGER_NAME)!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	try {
		await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	} catch (error) {
		// n8n refused to start (e.g. a parameter failing its static validation): nothing ran.
		return {
			items: [],
			error: error as RunResult['error'],
			run: undefined as unknown as IRun,
			staticData: savedStaticData(workflow),
			staticDataChanged: false,
		};
	}
	const run = await done;
	const taskData = run.data.resultData.runData[TRIGGER_NAME]?.[0];
	return {
		items: (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[],
		error: (run.data.resultData.error ?? taskData?.error) as RunResult['error'],
		run,
		staticData: savedStaticData(workflow),
		staticDataChanged: (workflow.staticData as IDataObject).__dataChanged === true,
	};
}
