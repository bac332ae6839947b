/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Stop means stop: after the editor's Stop, no new request starts. The waits (budget slot, retry,
 * Retry-After), page loops, bulk chunks and the read-then-write of Update all end on the execution's
 * cancel signal, and the request in flight is aborted. Counted at the sandbox, not timed.
 */
import type { IDataObject } from 'n8n-workflow';

import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { byId, sandboxSuite, type StartedNode } from './harness';

const { sandbox, start, credentials } = sandboxSuite('client');
beforeAll(async () => {
	useRetryPolicy({ backoffBaseMs: 20 });
});
afterEach(() => jest.restoreAllMocks());

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
async function until(condition: () => boolean) {
	while (!condition()) await tick();
}
const after = (at: number, path: RegExp, method?: string) =>
	sandbox.requests.filter((r) => r.at > at && path.test(r.path) && (!method || r.method === method));

/** The delays (ms) of the timers set through `spy` that are still pending and hold the process. */
function pendingTimers(spy: jest.SpyInstance) {
	const pending = (t: NodeJS.Timeout & { _destroyed?: boolean }) => t.hasRef() && !t._destroyed;
	return spy.mock.calls.filter((_, i) => pending(spy.mock.results[i].value)).map((call) => call[1] as number);
}

/** Presses Stop once `condition` holds; `endedAfterMs`: from Stop to the end of the run. */
async function stopWhen(started: StartedNode, condition: () => boolean) {
	await until(condition);
	started.stop();
	const stoppedAt = Date.now();
	const result = await started.result;
	const endedAfterMs = Date.now() - stoppedAt;
	// Time for anything the node would still send to arrive.
	await new Promise((resolve) => setTimeout(resolve, 1500));
	return { ...result, stoppedAt, endedAfterMs };
}

describe('Stop', () => {
	test('40 creates at 1 per second: nothing sent after Stop, and the queue does not hold the run', async () => {
		const started = start(
			{ operation: 'create', name: '={{ "Stop " + $json.n }}', phone: '={{ "1315557" + String(1000 + $json.n) }}' },
			{
				input: Array.from({ length: 40 }, (_, n) => ({ n })),
				credentials: credentials({ maxRequestsPerSecond: 1, maxRequestsPerMinute: 200 }),
			},
		);
		const { run, stoppedAt, endedAfterMs } = await stopWhen(started, () => sandbox.requests.length >= 2);
		expect(run.status).toBe('canceled');
		expect(after(stoppedAt, /^\/clients\/101$/, 'POST').length).toBeLessThanOrEqual(1);
		expect(sandbox.requests.length).toBeLessThan(10);
		// The 38 items still waiting for a slot give up at once; waiting their turn would take 38 s.
		expect(endedAfterMs).toBeLessThan(15_000);
	});

	test('a Retry-After wait ends on Stop, no retry is sent, and no timer of the wait is left', async () => {
		sandbox.seedClients(101, 1);
		sandbox.addFault({ kind: '429', retryAfter: 60, times: 1 });
		const timersSet = jest.spyOn(global, 'setTimeout');
		const started = start(
			{ operation: 'get', clientId: byId('1') },
			// Its own budget (another host name): the 429 pauses the credential's budget for 60 s.
			{ credentials: credentials({ baseUrl: sandbox.url.replace('127.0.0.1', 'localhost') }) },
		);
		// Stop once the node waits (a timer of a second or more), not while the 429 is on its way.
		const waiting = () => timersSet.mock.calls.some((call) => (call[1] ?? 0) >= 1000);
		const { run, endedAfterMs } = await stopWhen(started, waiting);
		expect(run.status).toBe('canceled');
		expect(sandbox.requests).toHaveLength(1);
		// Not after the 60 s Altegio asked for.
		expect(endedAfterMs).toBeLessThan(15_000);
		// Nor does a 60 s timer stay behind in n8n's process (it held jest's worker open at the end).
		expect(pendingTimers(timersSet)).toEqual([]);
	});

	test("a wait for the credential's minute to free ends on Stop, and leaves no timer behind", async () => {
		sandbox.seedClients(101, 1);
		const timersSet = jest.spyOn(global, 'setTimeout');
		const started = start(
			{ operation: 'get', clientId: byId('1') },
			{ input: [{}, {}, {}, {}], credentials: credentials({ maxRequestsPerSecond: 5, maxRequestsPerMinute: 2 }) },
		);
		const { run } = await stopWhen(started, () => timersSet.mock.calls.some((call) => (call[1] ?? 0) >= 1000));
		expect(run.status).toBe('canceled');
		expect(sandbox.requests.length).toBeLessThanOrEqual(2);
		// The budget's wake-up for the next slot (up to a minute away) is not left running.
		expect(pendingTimers(timersSet)).toEqual([]);
	});

	test('Return All: the page loop stops, the page in flight is aborted', async () => {
		sandbox.seedClients(101, 450);
		sandbox.addFault({ path: '/company/101/clients/search', kind: 'delay', delayMs: 5000, skip: 1 });
		const started = start({ operation: 'getAll', returnAll: true });
		const { run } = await stopWhen(started, () => sandbox.requests.length >= 2);
		expect(run.status).toBe('canceled');
		expect(sandbox.requests).toHaveLength(2);
		expect((sandbox.requests[1] as IDataObject).respondedAt ?? null).toBeNull();
	});

	test('Update: Stop during the read sends no write', async () => {
		const [client] = sandbox.seedClients(101, 1);
		sandbox.addFault({ method: 'GET', kind: 'delay', delayMs: 5000 });
		const started = start({
			operation: 'update',
			clientId: byId(String(client.id)),
			updateFields: { email: 'stopped@example.com' },
		});
		const { run } = await stopWhen(started, () => sandbox.requests.length >= 1);
		expect(run.status).toBe('canceled');
		expect(sandbox.requests.map((r) => r.method)).toEqual(['GET']);
	});

	test('Create Many: no chunk after Stop', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => ({ name: `Row ${i}`, phone: `1415555${String(1000 + i)}` }));
		sandbox.addFault({ path: '/clients/101/bulk', kind: 'delay', delayMs: 5000 });
		const started = start({ operation: 'createMany', rowsFrom: 'json', clients: JSON.stringify(rows) });
		const { run } = await stopWhen(started, () => sandbox.requests.length >= 1);
		expect(run.status).toBe('canceled');
		expect(sandbox.requests).toHaveLength(1);
	});
});
