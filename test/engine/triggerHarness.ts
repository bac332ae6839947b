/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The Altegio Trigger through n8n-core's own ActiveWorkflows (activation and the scheduled polls)
 * and WorkflowExecute (the editor's "Fetch Test Event", mode 'manual').
 */
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { driver, executionData, loadNodeType, nodeTypes, type RunResult, type TestCredentialsHelper } from './execute';
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

/** A workflow holding only the trigger, with a fresh ID and a copy of `staticData` (as n8n loads it). */
async function triggerWorkflow(parameters: INodeParameters, active: boolean, staticData?: IDataObject) {
	return new Workflow({
		id: `trigger-wf-${++workflowCounter}`,
		nodes: [triggerNode(parameters)],
		connections: {},
		nodeTypes: nodeTypes({ [TRIGGER_TYPE]: await triggerType() }),
		active,
		settings: {},
		staticData: staticData ? (JSON.parse(JSON.stringify(staticData)) as IDataObject) : undefined,
	});
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
	const workflow = await triggerWorkflow(options.parameters, true, options.staticData);
	const workflowId = workflow.id;
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
	const workflow = await triggerWorkflow(options.parameters, false, options.staticData);
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
