/** Altegio Trigger: a failed poll loses nothing; the poll shares the action node's transport. */
import type { IDataObject } from 'n8n-workflow';

import { PARTNER, USER } from '../harness';
import { RETRY_POLICY } from '../../../nodes/Altegio/kernel/transport';
import { LOCATION, MINUTE, STATE_KEY, ids, triggerSuite } from './suite';

const { sandbox, advance, freshDay, activate, addClient, listRequests, stateOf, credentials } =
	triggerSuite('2027-04-01T00:00:00Z');

describe('failures', () => {
	test('a failed poll leaves the static data as it was; the next poll delivers everything once', async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		const before = trigger.staticData();
		advance(MINUTE);
		const created = Array.from({ length: 350 }, () => addClient());
		advance(MINUTE);
		// The first answer comes, then the next request keeps failing with 500 (retried as a read, then given up).
		sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: 'delay', delayMs: 0 });
		sandbox.addFault({
			method: 'GET',
			path: `/clients/${LOCATION}`,
			kind: 'status',
			status: 500,
			times: RETRY_POLICY.table.serverError.read.tries,
		});
		sandbox.clearRequests();

		const failed = await trigger.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toContain('HTTP 500');
		expect(failed.staticDataChanged).toBe(false);
		expect(trigger.staticData()).toEqual(before);
		expect(listRequests().map((r) => r.status)).toEqual([
			200,
			...Array.from({ length: RETRY_POLICY.table.serverError.read.tries }, () => 500),
		]);

		advance(MINUTE);
		const retried = await trigger.poll();
		expect(retried.error).toBeUndefined();
		expect(ids(retried.items)).toEqual(created.map((c) => c.id));
		expect(stateOf(trigger).cursor).not.toEqual((before[STATE_KEY] as IDataObject).cursor);
	});

	test('a client without a readable last_change_date stops the poll with a clear error and moves nothing', async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		const before = trigger.staticData();
		advance(MINUTE);
		sandbox.addFault({
			method: 'GET',
			path: `/clients/${LOCATION}`,
			kind: 'status',
			status: 200,
			body: {
				success: true,
				data: [{ id: 999, name: 'Odd', last_change_date: 'yesterday' }],
				meta: { page: 1, total_count: 1 },
			},
		});
		const { items, error } = await trigger.poll();
		expect(items).toBeNull();
		expect(error?.message).toContain('client 999 without a readable last_change_date');
		expect(trigger.staticData()).toEqual(before);
	});
});

describe('transport', () => {
	test('the action node’s transport and per-credential throttle: auth header, 429 retried, limit kept', async () => {
		freshDay();
		// Another host name for the same server: a credential (and so a throttle) of its own.
		const url = sandbox.url.replace('127.0.0.1', 'localhost');
		const creds = credentials({ baseUrl: url, maxRequestsPerSecond: 2 });
		addClient();
		addClient();
		sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: '429', retryAfter: 0 });
		const trigger = await activate('clientCreated', { creds });
		expect(trigger.activation.error).toBeUndefined();
		const requests = listRequests();
		expect(requests.map((r) => r.status)).toEqual([429, 200, 200, 200]);
		expect(requests.every((r) => r.headers.authorization === `Bearer ${PARTNER}, User ${USER}`)).toBe(true);
		// At most two request starts in any second.
		for (let i = 2; i < requests.length; i++) expect(requests[i].at - requests[i - 2].at).toBeGreaterThanOrEqual(950);
	});
});
