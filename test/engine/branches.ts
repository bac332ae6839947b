/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * One Altegio node reached several times in one execution, as two branches into it or Loop Over
 * Items do: a "Fork" node (a test node type) sends its input out of N outputs, output k carrying
 * `outputs[k]` as each item's JSON, and every output is connected to the Altegio node. The engine
 * then runs the Altegio node once per output, each run with its own run index.
 */
import * as core from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, INodeType, IRun } from 'n8n-workflow';
import * as workflowModule from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AltegioApi } from '../../credentials/AltegioApi.credentials';
import type { TestCredentialsHelper } from './harness';
import { altegioNode, nodeTypes } from './harness';

const { createDriver } = require('./driver');

const driver = createDriver({ core, workflow: workflowModule, credentialType: new AltegioApi() });
const FORK_TYPE = 'test.fork';

function forkType(outputs: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Fork',
			name: FORK_TYPE,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: outputs.map(() => 'main'),
			properties: [],
		},
		async execute() {
			return outputs.map((json) => [{ json }]);
		},
	} as unknown as INodeType;
}

export interface BranchRuns {
	/** Each run of the Altegio node, in the order the engine ran them: its items and error. */
	runs: Array<{ items: INodeExecutionData[]; error?: Error }>;
	run: IRun;
}

/** Runs Fork → Altegio (every output into the Altegio node) with `parameters` and node settings. */
export async function runBranches(options: {
	outputs: IDataObject[];
	parameters: INodeParameters;
	credentials: TestCredentialsHelper;
	nodeSettings?: Partial<INode>;
}): Promise<BranchRuns> {
	const fork: INode = {
		id: 'fork',
		name: 'Fork',
		type: FORK_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const altegio: INode = { ...altegioNode(options.parameters), position: [200, 0], ...options.nodeSettings };
	const workflow = new Workflow({
		id: 'wf-branches',
		nodes: [fork, altegio],
		connections: {
			Fork: { main: options.outputs.map(() => [{ node: 'Altegio', type: 'main', index: 0 }]) },
		},
		nodeTypes: nodeTypes({ [FORK_TYPE]: forkType(options.outputs) }),
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const { run, refused } = await driver.startExecution({
		workflow,
		startNode: 'Fork',
		credentialsHelper: options.credentials,
	}).done;
	if (!run) throw refused;
	const tasks = (run as IRun).data.resultData.runData.Altegio ?? [];
	return {
		run,
		runs: tasks.map((task) => ({ items: task.data?.main?.[0] ?? [], error: task.error as Error | undefined })),
	};
}
