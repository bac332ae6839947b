'use strict';

/**
 * Stop means stop, in a real n8n: a 40-item Client > Create at 5 requests per second, started as
 * the editor's manual run and stopped after about a second through n8n's own route
 * (`POST /rest/executions/{id}/stop`, the same on 1.x and 2.x). After the stop answers, no write
 * may reach the sandbox beyond the ones already in flight.
 *
 * Workflow "E2E stop": Manual Trigger → Edit Fields (40 rows) → Split Out → Altegio (Create, a
 * credential limited to 5 per second, so the run would take 8 s).
 */

const assert = require('node:assert/strict');
const W = require('./lib/workflows');
const { waitFor, sleep } = require('./lib/proc');

const WORKFLOW_ID = 'e2eStop00000001';
const ROWS = 40;
const LOC = '101';
/** A credential of its own: the limit is per credential (and its throttle starts empty). */
const STOP_CREDENTIAL = { id: 'altegioSandbox05', name: 'Altegio sandbox (5 per second)' };

function stopCredential({ baseUrl, partnerToken, userToken }) {
	return {
		...STOP_CREDENTIAL,
		type: W.CREDENTIAL_TYPE,
		data: {
			baseUrl,
			partnerToken,
			authMethod: 'userToken',
			userToken,
			maxRequestsPerSecond: 5,
			maxRequestsPerMinute: 200,
		},
	};
}

function stopWorkflow() {
	const rows = Array.from({ length: ROWS }, (_, n) => ({ n }));
	const nodes = [
		{
			id: W.stableUuid('node:e2e-stop-manual'),
			name: 'Manual',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: W.stableUuid('node:e2e-stop-rows'),
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
		},
		W.splitOutNode('Stop rows', 'rows', [440, 0]),
		{
			id: W.stableUuid('node:e2e-stop-create'),
			name: 'Create 40',
			type: W.NODE_TYPE,
			typeVersion: 1,
			position: [660, 0],
			parameters: {
				resource: 'client',
				operation: 'create',
				locationId: W.rl(LOC),
				name: '={{ "Stop " + $json.n }}',
				phone: '={{ "1315557" + String(1000 + $json.n) }}',
			},
			credentials: { [W.CREDENTIAL_TYPE]: { id: STOP_CREDENTIAL.id, name: STOP_CREDENTIAL.name } },
		},
	];
	return {
		id: WORKFLOW_ID,
		name: 'E2E stop',
		nodes,
		connections: { Manual: W.main('Rows'), Rows: W.main('Stop rows'), 'Stop rows': W.main('Create 40') },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

const isCreate = (r) => r.method === 'POST' && r.path === `/clients/${LOC}`;

/** The check: start, stop after about 1 s, and count the writes the sandbox saw after the stop. */
async function stopCheck(t) {
	const from = t.sb.requests.length;
	const creates = () => t.sb.requests.slice(from).filter(isCreate);
	const executionId = await t.n8n.runManually(WORKFLOW_ID, 'Manual');
	await waitFor('the first write', () => creates().length > 0, { timeoutMs: 30000, intervalMs: 20 });
	await sleep(1000);
	const res = await t.n8n.request('POST', `/rest/executions/${executionId}/stop`);
	const stoppedAt = Date.now();
	assert.equal(
		res.status,
		200,
		`POST /rest/executions/${executionId}/stop answered ${res.status}: ${res.text.slice(0, 300)}`,
	);
	const atStop = creates().length;
	// Long enough for several more writes at 5 per second had the node gone on.
	await sleep(4000);
	const after = creates().filter((r) => r.at > stoppedAt);
	const total = creates().length;
	for (const r of t.sb.requests.slice(from)) t.attributed.add(r);
	// In flight at the stop: at most the requests let go in the last second (5 per second).
	assert.ok(
		after.length <= 1,
		`${after.length} writes reached the sandbox after the stop (${atStop} before it, ${total} in all)`,
	);
	assert.ok(total < ROWS, `all ${ROWS} writes were sent`);
	const stored = await t.n8n.api('GET', `/executions/${executionId}`);
	const status = stored.json && stored.json.status;
	t.log(
		`stop: ${atStop} writes before the stop, ${after.length} after it, ${total} of ${ROWS} in all; execution ${status}`,
	);
}

module.exports = { stopWorkflow, stopCredential, stopCheck, WORKFLOW_ID };
