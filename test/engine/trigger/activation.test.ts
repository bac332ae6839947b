/** Altegio Trigger: the activation poll, and static data across restarts and locations. */
import type { IDataObject } from 'n8n-workflow';

import { DAY, HOUR, LOCATION, MINUTE, expectWallNear, ids, lcd, triggerSuite, wall } from './suite';

const { sandbox, advance, freshDay, activate, addClient, listRequests, stateOf, credentials, expectFirstReads } =
	triggerSuite('2027-04-01T00:00:00Z');

describe('activation (the first poll)', () => {
	test('emits nothing, starts from the latest change and the newest id, reading the day before now', async () => {
		freshDay();
		const now = sandbox.clock.now();
		const old = addClient({ name: 'Old', last_change_at: now - 3 * DAY, created_at: now - 30 * DAY });
		const recent = addClient({ name: 'Recent', last_change_at: now - 10 * MINUTE, created_at: now - 20 * DAY });
		const newest = addClient({ name: 'Newest', last_change_at: now - 5 * HOUR, created_at: now - 5 * HOUR });

		const trigger = await activate('clientCreatedOrUpdated');

		expect(trigger.activation.error).toBeUndefined();
		expect(trigger.activation.items).toBeNull();
		expect(trigger.activation.staticDataChanged).toBe(true);
		const state = stateOf(trigger);
		expect(state).toMatchObject({
			version: 1,
			locationId: String(LOCATION),
			cursor: lcd(recent.last_change_at as number),
			maxId: newest.id,
		});
		expect(Object.keys(state.seen as IDataObject)).toEqual([String(recent.id)]);
		expect(Object.keys(state.seen as IDataObject)).not.toContain(String(old.id));
		expectFirstReads(3, now - DAY);

		// Nothing changed since: the next poll reads from the cursor (minus the overlap) and emits nothing.
		sandbox.clearRequests();
		advance(MINUTE);
		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(next.items).toBeNull();
		expect(listRequests().map((r) => r.query)).toEqual([
			{ changed_after: wall((recent.last_change_at as number) - 2 * MINUTE), page: '1', count: '300' },
		]);
	});

	test('a location without clients: every later client is reported', async () => {
		freshDay();
		const trigger = await activate('clientCreated');
		expect(trigger.activation.items).toBeNull();
		expect(stateOf(trigger)).toMatchObject({ maxId: 0 });
		// No client to learn the offset from: the day before now, written at UTC-12, starts early
		// enough whatever zone Altegio reads it in.
		const window = listRequests().find((r) => r.query.changed_after);
		expectWallNear(window!.query.changed_after, sandbox.clock.now() - DAY, -12 * 60);

		advance(MINUTE);
		const a = addClient({ name: 'First' });
		const b = addClient({ name: 'Second' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([a.id, b.id]);
		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('a failed activation fails loudly and stores nothing', async () => {
		freshDay();
		await expect(activate('clientCreated', { creds: credentials({ userToken: 'wrong-user-token' }) })).rejects.toThrow(
			/problem activating the workflow/,
		);
		expect(listRequests()[0].status).toBe(401);
	});
});

describe('static data across restarts and locations', () => {
	test('after a restart with the saved static data, the activation poll reports what changed meanwhile', async () => {
		freshDay();
		const first = await activate('clientCreatedOrUpdated');
		const saved = first.staticData();
		await first.deactivate();

		advance(HOUR);
		const created = addClient({ name: 'While down' });
		advance(HOUR);
		const restarted = await activate('clientCreatedOrUpdated', { staticData: saved });
		expect(ids(restarted.activation.items)).toEqual([created.id]);
		advance(MINUTE);
		expect((await restarted.poll()).items).toBeNull();
	});

	test('another location starts over from now', async () => {
		freshDay();
		const first = await activate('clientCreatedOrUpdated');
		const saved = first.staticData();
		advance(MINUTE);
		sandbox.addClient(102, { name: 'Before switching' });
		advance(MINUTE);
		const other = await activate('clientCreatedOrUpdated', { location: 102, staticData: saved });
		expect(other.activation.items).toBeNull();
		expect(stateOf(other)).toMatchObject({ locationId: '102' });
		advance(MINUTE);
		const after = sandbox.addClient(102, { name: 'After switching' });
		advance(MINUTE);
		expect(ids((await other.poll()).items)).toEqual([after.id]);
	});
});
