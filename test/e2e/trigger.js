'use strict';

/**
 * The Altegio Trigger (a polling node) in a real n8n.
 *
 * One workflow, "E2E trigger": the trigger alone (client created, location 101), polling every
 * POLL_SECONDS through one cron per second-of-the-minute (`0 * * * * *`, `3 * * * * *`, ...):
 * n8n 2.x refuses any poll time whose seconds field is not a single number ("The polling interval
 * is too short. It has to be at least a minute.", n8n-workflow `isSubMinuteCron`), 1.x any with a
 * `*` there, so a list like `0,10,20 * * * * *` fails on 2.x, while twenty fixed-second crons pass
 * on both and poll every 3 s. It is activated before `n8n start`
 * like the others: the activation runs the first poll (the baseline), so a broken build or a
 * baseline that throws fails the activation and `n8n start` logs it.
 *
 * The checks run first, in order, sharing `t.state`, while no other case touches the sandbox;
 * then the workflow is deactivated through the public API, so that no poll lands in another
 * case's request window (they assert on exact request lists) or uses up a fault meant for one.
 * A last check, after every other case, asserts that the polls did stop.
 *
 * The executions are read with the public API (`GET /api/v1/executions?includeData=true`); the
 * manual run ("Fetch Test Event") goes through the editor's REST route, see N8n.runManually.
 * An execution counts as done only once its data holds the result too, see isDone.
 */

const assert = require('node:assert/strict');
const { stableUuid, rl, CREDENTIALS, CREDENTIAL_TYPE, TRIGGER_TYPE } = require('./lib/workflows');
const { waitFor, sleep } = require('./lib/proc');
const { authHeaderOk, LOC } = require('./lib/caseKit');

const WORKFLOW_ID = 'e2eTrigger00001';
const NODE = 'Altegio Trigger';
const POLL_SECONDS = 3;
/** How long a new client may take to show up as an execution: a poll period plus slack. */
const EMIT_TIMEOUT_MS = 25000;

/** Poll times that n8n 1.x and 2.x both accept: one cron per fixed second, every `every` s. */
function pollTimes(every) {
	const item = [];
	for (let s = 0; s < 60; s += every) item.push({ mode: 'custom', cronExpression: `${s} * * * * *` });
	return { item };
}

function triggerWorkflow() {
	const cred = CREDENTIALS.token;
	return {
		id: WORKFLOW_ID,
		name: 'E2E trigger',
		nodes: [
			{
				id: stableUuid('node:e2e-altegio-trigger'),
				name: NODE,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { locationId: rl(LOC), event: 'clientCreated', pollTimes: pollTimes(POLL_SECONDS) },
				credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

// ------------------------------------------------------------------ reading n8n and the sandbox

const isListCall = (r) => r.method === 'GET' && r.path === `/clients/${LOC}`;
/** The trigger's change queries (baseline and every later poll). */
const pollCalls = (requests) => requests.filter((r) => isListCall(r) && r.query && r.query.changed_after !== undefined);

/** The items the trigger node output in an execution (`json` only). */
function triggerItems(execution) {
	const runs = execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	const run = runs && runs[NODE] && runs[NODE][0];
	const main = run && run.data && run.data.main && run.data.main[0];
	return (main || []).map((i) => i.json);
}

/**
 * Whether a stored execution is over AND its result is stored. The status alone is not enough on
 * n8n 1.x: on its default SQLite (the legacy driver, DB_SQLITE_POOL_SIZE=0) the end of an execution
 * is saved by two writes outside a transaction (@n8n/db ExecutionRepository.updateExistingExecution:
 * first the execution row with status/finished/stoppedAt, then the execution_data row). In between,
 * for a few to ~30 ms, the public API shows `status: 'success', finished: true` with the data the
 * execution was created with: none for a manual run, for a poll the trigger's input without any
 * runData. 2.x saves both rows in one transaction.
 */
function isDone(execution) {
	if (!execution) return false;
	const over =
		execution.finished === true || (execution.status && !['new', 'running', 'waiting'].includes(execution.status));
	const result = execution.data && execution.data.resultData;
	const stored = !!result && (Object.keys(result.runData || {}).length > 0 || result.error !== undefined);
	return Boolean(over && stored);
}

/** Every stored execution of the trigger workflow, with data; `t.noSecrets` runs on the answer. */
async function executions(t) {
	const res = await t.n8n.api('GET', `/executions?workflowId=${WORKFLOW_ID}&includeData=true&limit=250`);
	assert.equal(res.status, 200, `GET /api/v1/executions answered ${res.status}: ${res.text.slice(0, 300)}`);
	t.noSecrets(res.text);
	return res.json.data;
}

/** The finished trigger (not manual) executions whose result is stored (isDone). */
async function pollExecutions(t) {
	return (await executions(t)).filter((e) => e.mode === 'trigger' && isDone(e));
}

const holding = (list, client) => list.filter((e) => triggerItems(e).some((c) => c.id === client.id));

function describeAll(list) {
	return JSON.stringify(
		list.map((e) => ({ id: e.id, mode: e.mode, status: e.status, clients: triggerItems(e).map((c) => c.id) })),
	);
}

/** Wait until a finished poll execution holds the client; returns it (asserting it is alone). */
async function waitForEmission(t, client) {
	let last = [];
	await waitFor(
		`an execution of "${NODE}" holding client ${client.id}`,
		async () => {
			last = await pollExecutions(t);
			return holding(last, client).length > 0;
		},
		{ timeoutMs: EMIT_TIMEOUT_MS, intervalMs: 500 },
	).catch((err) => {
		throw new Error(
			`${err.message}; executions so far: ${describeAll(last)}; polls seen: ${pollCalls(t.sb.requests).length}`,
		);
	});
	const found = holding(last, client);
	assert.equal(found.length, 1, `one execution holds client ${client.id}: ${describeAll(last)}`);
	return { execution: found[0], all: last };
}

/** Wait until `n` more poll requests arrived after `from` (index in sb.requests). */
async function waitForPolls(t, from, n) {
	await waitFor(`${n} more polls`, () => pollCalls(t.sb.requests.slice(from)).length >= n, {
		timeoutMs: (n + 2) * POLL_SECONDS * 1000,
		intervalMs: 250,
	});
}

function assertOnlyClient(items, client, what) {
	assert.equal(items.length, 1, `${what}: one item, got ${JSON.stringify(items.map((c) => c.id))}`);
	assert.equal(items[0].id, client.id, `${what}: client id`);
	assert.equal(items[0].name, client.name, `${what}: client name`);
	assert.equal(items[0].surname, client.surname, `${what}: client surname`);
}

/** The workflow's static data as the public API shows it (the trigger keeps its cursor under `node:<name>`). */
async function staticData(t) {
	const res = await t.n8n.api('GET', `/workflows/${WORKFLOW_ID}`);
	assert.equal(
		res.status,
		200,
		`GET /api/v1/workflows/${WORKFLOW_ID} answered ${res.status}: ${res.text.slice(0, 300)}`,
	);
	return res.json.staticData;
}

const nodeState = (data) => (data && typeof data === 'object' ? data[`node:${NODE}`] : undefined);

function need(t, key) {
	if (!t.state[key]) throw new Error(`needs the result of an earlier trigger check (${key}), which failed`);
	return t.state[key];
}

// ------------------------------------------------------------------ the checks

/**
 * Run in order with one shared `t` = {n8n, sb, line, state: {}, noSecrets}. Each is recorded as
 * its own result; a later one that needs an earlier one's result says so when that one failed.
 */
const triggerChecks = [
	{
		name: 'trigger: activation polls a baseline and emits nothing',
		async run(t) {
			// the baseline ran during activation (before n8n said the editor is accessible)
			const list = t.sb.requests.filter(isListCall);
			assert.ok(list.length >= 2, `the baseline read GET /clients/${LOC} (${list.length} calls)`);
			for (const call of list) {
				authHeaderOk(call);
				assert.equal(
					call.status,
					200,
					`GET /clients/${LOC}?${new URLSearchParams(call.query)} answered ${call.status}`,
				);
			}
			const polls = pollCalls(t.sb.requests);
			for (const call of polls)
				assert.match(
					String(call.query.changed_after),
					/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/,
					'changed_after is a date and time',
				);
			assert.ok(polls.length >= 1, 'the baseline read the changes with changed_after');
			assert.ok(
				list.some((c) => c.query.count === '1' && c.query.changed_after === undefined),
				'the baseline looked up the newest client',
			);
			const all = await executions(t);
			assert.deepEqual(
				all.map((e) => e.id),
				[],
				`no execution before any client was added: ${describeAll(all)}`,
			);
		},
	},
	{
		name: 'trigger: a new client starts exactly one execution',
		async run(t) {
			const from = t.sb.requests.length;
			const client = t.sb.addClient(LOC, { name: `Trigger ${t.line}`, surname: 'Created', phone: '13155554201' });
			const { execution, all } = await waitForEmission(t, client);
			// the polls between the baseline and this one found nothing new: no execution
			assert.deepEqual(
				all.map((e) => e.id),
				[execution.id],
				`the only execution so far: ${describeAll(all)}`,
			);
			assert.equal(execution.status, 'success', `execution ${execution.id} status`);
			assertOnlyClient(triggerItems(execution), client, `execution ${execution.id}`);
			const polls = pollCalls(t.sb.requests.slice(from));
			assert.ok(polls.length >= 1, 'the trigger polled with changed_after');
			assert.ok(pollCalls(t.sb.requests).length >= 2, 'the baseline and the poll that found the client');
			for (const call of polls) authHeaderOk(call);
			t.state.created = { id: client.id, name: client.name, surname: client.surname };
		},
	},
	{
		name: 'trigger: manual test fetch returns the newest client and leaves the cursor alone',
		async run(t) {
			const created = need(t, 'created');
			const before = await staticData(t);
			const saved = nodeState(before);
			assert.ok(
				saved && typeof saved.cursor === 'string',
				`n8n stored the trigger's cursor in the workflow's static data: ${JSON.stringify(before).slice(0, 300)}`,
			);
			assert.equal(saved.maxId, created.id, 'the stored cursor knows the client just emitted');
			const from = t.sb.requests.length;
			const id = await t.n8n.runManually(WORKFLOW_ID, NODE);
			let execution;
			await waitFor(
				`manual execution ${id} to finish with its result stored`,
				async () => {
					const res = await t.n8n.api('GET', `/executions/${id}?includeData=true`);
					if (res.status !== 200) return false;
					execution = res.json;
					return isDone(execution);
				},
				{ timeoutMs: 20000, intervalMs: 200 },
			).catch((err) => {
				const seen = execution && {
					status: execution.status,
					finished: execution.finished,
					stoppedAt: execution.stoppedAt,
					hasData: execution.data !== undefined,
				};
				throw new Error(`${err.message}; last seen: ${JSON.stringify(seen)}`);
			});
			t.noSecrets(JSON.stringify(execution));
			assert.equal(execution.mode, 'manual', 'a manual execution');
			assert.equal(
				execution.status,
				'success',
				`manual execution ${id}: ` +
					`${JSON.stringify(execution.data && execution.data.resultData && execution.data.resultData.error)}`,
			);
			assertOnlyClient(triggerItems(execution), created, `manual execution ${id}`);
			const lookups = t.sb.requests.slice(from).filter((r) => isListCall(r) && r.query.changed_after === undefined);
			assert.ok(lookups.length >= 1, 'the test fetch looked up the newest client');
			for (const call of lookups) authHeaderOk(call);
			const after = await staticData(t);
			assert.deepEqual(after, before, 'the static data (the cursor) is the same after the manual run');
		},
	},
	{
		name: 'trigger: later polls emit each new client once (an edit is not a new client)',
		async run(t) {
			const created = need(t, 'created');
			// the client created above is edited (its change date moves): "Client Created" must not report it again
			const stored = t.sb.getClient(LOC, created.id);
			stored.surname = 'Edited';
			stored.last_change_at = Math.max(t.sb.clock.now(), stored.last_change_at + 1000);
			const second = t.sb.addClient(LOC, {
				name: `Trigger ${t.line} second`,
				surname: 'Created',
				phone: '13155554202',
			});
			const { execution } = await waitForEmission(t, second);
			assert.equal(execution.status, 'success');
			assertOnlyClient(triggerItems(execution), second, `execution ${execution.id}`);
			// two more poll periods: a duplicate would show up by now
			await waitForPolls(t, t.sb.requests.length, 2);
			await sleep(1000);
			const list = await pollExecutions(t);
			for (const e of list) assert.equal(e.status, 'success', `execution ${e.id} status`);
			assert.equal(
				holding(list, created).length,
				1,
				`client ${created.id} is in exactly one execution: ${describeAll(list)}`,
			);
			assert.equal(
				holding(list, second).length,
				1,
				`client ${second.id} is in exactly one execution: ${describeAll(list)}`,
			);
			const ids = list.flatMap((e) => triggerItems(e).map((c) => c.id));
			assert.deepEqual(
				ids.sort((a, b) => a - b),
				[created.id, second.id].sort((a, b) => a - b),
				`every emitted client: ${describeAll(list)}`,
			);
			const state = nodeState(await staticData(t));
			assert.ok(state, 'the static data still holds the trigger state');
			assert.equal(
				state.maxId,
				second.id,
				`the stored cursor knows the newest client: ${JSON.stringify(state).slice(0, 300)}`,
			);
		},
	},
];

/** Deactivate through the public API (2.x and 1.x: POST /workflows/{id}/deactivate). */
async function deactivate(t) {
	const res = await t.n8n.api('POST', `/workflows/${WORKFLOW_ID}/deactivate`);
	assert.equal(
		res.status,
		200,
		`POST /api/v1/workflows/${WORKFLOW_ID}/deactivate answered ${res.status}: ${res.text.slice(0, 300)}`,
	);
	assert.equal(res.json.active, false, 'the workflow is inactive');
	await sleep(300); // a poll already started finishes its request
	t.state.deactivatedAt = t.sb.requests.length;
	t.state.deactivatedTime = Date.now();
}

/**
 * After every other case: no poll reached the sandbox since the deactivation. `attributed` is the
 * set of sandbox requests made inside a case or example (the nightly export also reads the list
 * with changed_after).
 */
async function assertStopped(t, attributed) {
	if (t.state.deactivatedAt === undefined) throw new Error('the trigger workflow was not deactivated');
	const wait = t.state.deactivatedTime + (POLL_SECONDS + 1) * 1000 - Date.now();
	if (wait > 0) await sleep(wait); // at least one poll period, also when no case ran
	const stray = pollCalls(t.sb.requests.slice(t.state.deactivatedAt)).filter((r) => !attributed.has(r));
	assert.deepEqual(
		stray.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`),
		[],
		'no poll after the deactivation',
	);
}

module.exports = { triggerWorkflow, triggerChecks, deactivate, assertStopped, WORKFLOW_ID, NODE, POLL_SECONDS };
