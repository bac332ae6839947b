import type { IDataObject } from 'n8n-workflow';

import { throttleTiming } from '../../nodes/Altegio/kernel/budget';
import { RETRY_POLICY, useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import type { RunOptions } from './harness';
import { byId, sandboxSuite, PARTNER, USER } from './harness';

const { sandbox, run, credentials } = sandboxSuite('client');
let clients: IDataObject[] = [];

beforeAll(async () => {
	// Short waits between retries keep the suite fast; the policy itself is what is tested.
	useRetryPolicy({ backoffBaseMs: 20 });
});
beforeEach(() => {
	clients = sandbox.seedClients(101, 3);
});

/** Client > Get of `id` (an ID or an expression), with the credential's `values` and run options `extra`. */
const get = (id: unknown = clients[0].id, values: IDataObject = {}, extra: Omit<RunOptions, 'parameters'> = {}) =>
	run({ operation: 'get', clientId: byId(String(id)) }, { credentials: credentials(values), ...extra });
const create = (phone = '13155559001') => run({ operation: 'create', name: 'Retry', phone });
/** Client > Get of `id` once for each of `items` (empty) items. */
const getEach = (id: unknown, items: number, values: IDataObject) =>
	get(id, values, { input: Array.from({ length: items }, () => ({})) });
const created = (phone: string) => sandbox.state.clients.filter((c: IDataObject) => c.phone === phone);

/** Most requests the sandbox saw in any window of `ms`, counting only requests matching `filter`. */
function busiestWindow(ms: number, filter: (r: (typeof sandbox.requests)[number]) => boolean = () => true) {
	const times = sandbox.requests
		.filter(filter)
		.map((r) => r.at)
		.sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

describe('throttle', () => {
	test('12 items at 5 per second: never more than 5 in any second at the server', async () => {
		const started = Date.now();
		const { items, error } = await get(
			'={{ $json.id }}',
			{ maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 },
			{ input: Array.from({ length: 12 }, (_, i) => ({ id: clients[i % 3].id })) },
		);
		const elapsed = Date.now() - started;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(12);
		expect(sandbox.requests).toHaveLength(12);
		expect(busiestWindow(1000)).toBeLessThanOrEqual(5);
		// 12 requests at 5 per second need at least 2 s; how much longer depends on the machine (the
		// throttle's own pace is tested on a virtual clock in test/unit/throttle.test.ts).
		expect(elapsed).toBeGreaterThanOrEqual(2000);
	});

	test('two executions with the same credential share one limit', async () => {
		const execution = () => getEach(clients[1].id, 4, { maxRequestsPerSecond: 3, maxRequestsPerMinute: 200 });
		const results = await Promise.all([execution(), execution()]);
		expect(results.map((r) => r.items.length)).toEqual([4, 4]);
		expect(busiestWindow(1000)).toBeLessThanOrEqual(3);
	});

	test('the per-minute limit holds too (windows scaled by 0.05: the minute lasts 3 s)', async () => {
		// The node's windows shrink by the same factor as the expectations below (throttleTiming).
		throttleTiming.scale = 0.05;
		let items: unknown[];
		try {
			// Another host name for the same server: a credential of its own, so a throttle of its own.
			({ items } = await getEach(clients[2].id, 4, {
				maxRequestsPerSecond: 100,
				maxRequestsPerMinute: 3,
				baseUrl: sandbox.url.replace('127.0.0.1', 'localhost'),
			}));
		} finally {
			throttleTiming.scale = 1;
		}
		expect(items).toHaveLength(4);
		const times = sandbox.requests.map((r) => r.at);
		expect(times[3] - times[0]).toBeGreaterThanOrEqual(3000);
		expect(busiestWindow(3000)).toBeLessThanOrEqual(3);
	});
});

describe('retries', () => {
	test('429 with Retry-After is waited out and retried, for a read', async () => {
		sandbox.addFault({ kind: '429', retryAfter: 1, times: 1 });
		const started = Date.now();
		const { items, error } = await get();
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(clients[0].id);
		expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	test('429 is retried for a write too (429 means not processed): one client created', async () => {
		sandbox.addFault({ kind: '429', times: 2 });
		const { items, error } = await create('13155559002');
		expect(error).toBeUndefined();
		expect(items[0].json.phone).toBe('13155559002');
		expect(sandbox.requests.map((r) => r.status)).toEqual([429, 429, 201]);
		expect(created('13155559002')).toHaveLength(1);
	});

	test.each(['500', '502', '503', '504'])('HTTP %s on a read is retried', async (status) => {
		sandbox.addFault({ kind: 'status', status: Number(status), times: 2 });
		const { items } = await get();
		expect(items[0].json.id).toBe(clients[0].id);
		expect(sandbox.requests.map((r) => r.status)).toEqual([Number(status), Number(status), 200]);
	});

	test('HTTP 503 on a write is not retried and says so', async () => {
		sandbox.addFault({ kind: 'status', status: 503, times: 1, message: 'Service temporarily unavailable' });
		const { error } = await create('13155559003');
		expect(sandbox.requests).toHaveLength(1);
		expect(error?.message).toContain('Service temporarily unavailable');
		expect(error?.message).toContain('503');
		expect(created('13155559003')).toHaveLength(0);
	});

	test('a reset connection on a read is retried; on a write it is an error, never a second send', async () => {
		sandbox.addFault({ kind: 'reset', method: 'GET', times: 1 });
		const read = await get();
		expect(read.items[0].json.id).toBe(clients[0].id);
		sandbox.clearRequests();
		sandbox.addFault({ kind: 'reset', method: 'POST', times: 1, when: 'after' });
		const write = await create('13155559004');
		expect(write.error?.message).toMatch(/may or may not have been saved/);
		expect(sandbox.requests).toHaveLength(1);
		// The server did store it before the connection dropped: exactly once.
		expect(created('13155559004')).toHaveLength(1);
	});

	test('a truncated or HTML body on a read is retried; on a write it is a clear error', async () => {
		sandbox.addFault({ kind: 'truncated', times: 1, method: 'GET' });
		sandbox.addFault({ kind: 'html', status: 502, times: 1, method: 'GET' });
		const read = await get();
		expect(read.items[0].json.id).toBe(clients[0].id);
		expect(sandbox.requests).toHaveLength(3);
		sandbox.clearRequests();
		sandbox.addFault({ kind: 'truncated', times: 1, method: 'POST', when: 'after' });
		const write = await create('13155559005');
		expect(write.error?.message).toMatch(/not valid JSON/);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a read that keeps failing stops after the bounded number of tries with a clear error', async () => {
		sandbox.addFault({ kind: 'status', status: 500, times: 99, message: 'Internal error' });
		const { error } = await get();
		expect(sandbox.requests).toHaveLength(RETRY_POLICY.table.serverError.read.tries);
		expect(error?.message).toContain('kept failing');
		expect(error?.message).toContain('Internal error');
		expect(error?.description).toContain(`Tried ${RETRY_POLICY.table.serverError.read.tries} times`);
	});

	test("HTTP 200 with success: false is an error with Altegio's message, not retried", async () => {
		sandbox.addFault({ kind: 'successFalse', times: 1, message: 'Something is off' });
		const { error } = await get();
		expect(error?.message).toContain('Something is off');
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('errors', () => {
	test.each([
		[401, 'Authentication needed.', /partner token and the user token/],
		[402, 'It is necessary to renew the license in the branch with id: 101', /licence/],
		[403, 'Access denied.', /rights?/],
		[404, 'Client not found', /IDs/],
		[422, 'An error has occurred.', /values sent/],
	])("HTTP %i shows Altegio's message, the status and a hint", async (status, message, hint) => {
		sandbox.addFault({ kind: 'status', status, times: 1, message });
		const { error } = await get();
		expect(error?.message).toBe(`${message} [HTTP ${status}]`);
		expect(String(error?.httpCode)).toBe(String(status));
		expect(error?.description).toMatch(hint);
	});

	test("a wrong user token is a 401 with Altegio's text", async () => {
		const { error } = await get(clients[0].id, { userToken: 'not-the-token' });
		expect(error?.message).toBe('Authentication needed. [HTTP 401]');
	});

	test('no token or password ever appears in an error, even when the API echoes it', async () => {
		sandbox.addFault({ kind: 'status', status: 400, times: 1, message: `Bad token ${USER} for partner ${PARTNER}` });
		const { error, items } = await get();
		const everything = JSON.stringify({ message: error?.message, description: error?.description, error, items });
		// Altegio's text echoed a credential: withheld whole, so nothing hints at where the secret was.
		expect(error?.message).toBe(
			"Altegio's message was withheld because it contained (part of) a credential [HTTP 400]",
		);
		expect(everything).not.toContain(USER);
		expect(everything).not.toContain(PARTNER);
	});

	test('Continue On Fail: the failing item becomes an error item, the others go on', async () => {
		sandbox.addFault({
			kind: 'status',
			status: 403,
			times: 1,
			message: 'Access denied.',
			path: `/client/101/${clients[1].id}`,
		});
		const { items, error } = await get(
			'={{ $json.id }}',
			{},
			{ input: clients.map((c) => ({ id: c.id })), continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.id).toBe(clients[0].id);
		expect(JSON.stringify(items[1].json)).toContain('Access denied.');
		expect(items[2].json.id).toBe(clients[2].id);
	});
});
