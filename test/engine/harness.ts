/**
 * Runs the Altegio node through the real n8n engine (n8n-core WorkflowExecute → RoutingNode →
 * httpRequestWithAuthentication → axios) against the sandbox over loopback. Only the credential
 * store is ours: it resolves the credential's generic auth and preAuthentication as n8n's CLI does.
 */
import { mock } from 'jest-mock-extended';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
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
		if (!auth || typeof auth === 'function') throw new Error('expected generic authenticate');
		const options = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [outer, entries] of Object.entries(auth.properties)) {
			options[outer] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				options[outer][key] = String(
					workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''),
				);
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable || !this.type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
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
	credentials?: TestCredentialsHelper;
	nodeType?: string;
	extraTypes?: Record<string, INodeType>;
}

/** Executes one Altegio node with the given parameters and input items through WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'altegio-node',
		name: 'Altegio',
		type: options.nodeType ?? NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const, continueOnFail: true } : {}),
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
	const hooks = new ExecutionLifecycleHooks('manual', '1', mock());
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => finished(run));
	const additionalData = (mock as (init: object) => unknown)({
		executionId: '1',
		hooks,
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		restartExecutionId: undefined,
		userId: undefined,
		// n8n 2.x looks these up and must find them absent.
		...({ encryptedRunnerIdentity: undefined, evalLlmMockHandler: undefined, ssrfBridge: undefined, executionContext: undefined } as object),
	}) as IWorkflowExecuteAdditionalData;
	additionalData.credentialsHelper = options.credentials ?? new TestCredentialsHelper(credentialData({}));
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
