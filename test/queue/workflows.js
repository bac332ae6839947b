'use strict';

/** The two workflows of the queue-mode suite: bulk creates behind a webhook, and the trigger. */

const W = require('../e2e/lib/workflows');

const CREATE_WORKFLOW = 'queueCreate0001';
const TRIGGER_WORKFLOW = 'queueTrigger001';
const CREATE_PATH = 'queue-client-create';
const CREATE_LOC = 101;
const TRIGGER_LOC = 102;
const TRIGGER_NODE = 'Altegio Trigger';
const POLL_SECONDS = 3;

/** Webhook (rows in the body) → Split Out → Client > Create, one item per row; errors stay in the items. */
function createWorkflow() {
	const hook = W.webhookNode('Rows in', CREATE_PATH, [0, 0]);
	const split = W.splitOutNode('One item per row', 'body.rows', [220, 0]);
	const create = W.altegioNode(
		'Create client',
		{
			resource: 'client',
			operation: 'create',
			locationId: W.rl(CREATE_LOC),
			name: '={{ $json.name }}',
			phone: '={{ $json.phone }}',
			additionalFields: {},
		},
		[440, 0],
		{ continueOnFail: true },
	);
	return {
		id: CREATE_WORKFLOW,
		name: 'Queue: create clients',
		nodes: [hook, split, create],
		connections: { [hook.name]: W.main(split.name), [split.name]: W.main(create.name) },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** The Altegio Trigger alone (client created), polling every POLL_SECONDS through fixed-second crons. */
function triggerWorkflow() {
	const item = [];
	for (let s = 0; s < 60; s += POLL_SECONDS) item.push({ mode: 'custom', cronExpression: `${s} * * * * *` });
	const cred = W.CREDENTIALS.token;
	return {
		id: TRIGGER_WORKFLOW,
		name: 'Queue: client created',
		nodes: [
			{
				id: W.stableUuid('node:queue-altegio-trigger'),
				name: TRIGGER_NODE,
				type: W.TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { locationId: W.rl(TRIGGER_LOC), event: 'clientCreated', pollTimes: { item } },
				credentials: { [W.CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** The items the trigger node put out in an execution (`json` only). */
function triggerItems(execution) {
	const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	const run = runs && runs[TRIGGER_NODE] && runs[TRIGGER_NODE][0];
	const main = run && run.data && run.data.main && run.data.main[0];
	return (main || []).map((i) => i.json);
}

module.exports = {
	createWorkflow,
	triggerWorkflow,
	triggerItems,
	CREATE_WORKFLOW,
	TRIGGER_WORKFLOW,
	CREATE_PATH,
	CREATE_LOC,
	TRIGGER_LOC,
	TRIGGER_NODE,
	POLL_SECONDS,
};
