/** Altegio Trigger: changed_after in the location's wall-clock time, across day, night and DST switches. */
import { MINUTE, ids, lcd, triggerSuite, wall } from './suite';

const { sandbox, setNow, advance, freshDay, activate, addClient, edit, listRequests, stateOf } =
	triggerSuite('2027-04-01T00:00:00Z');

describe('time', () => {
	test('changed_after is the location wall-clock time of the latest change minus two minutes', async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		const created = addClient();
		advance(MINUTE);
		await trigger.poll();
		expect(stateOf(trigger).cursor).toBe(lcd(created.last_change_at as number));
		sandbox.clearRequests();
		await trigger.poll();
		expect(listRequests()[0].query.changed_after).toBe(wall((created.last_change_at as number) - 2 * MINUTE));
		expect(listRequests()[0].query.changed_after).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
	});

	test('at night the overlap is two hours; a change just after the spring-forward switch is not lost', async () => {
		// New York springs forward on 2028-03-12 at 02:00 EST (07:00 UTC) to 03:00 EDT.
		setNow('2028-03-12T06:40:00Z'); // 01:40 EST
		const a = addClient({ name: 'Before' });
		const trigger = await activate('clientCreatedOrUpdated');
		expect(stateOf(trigger).cursor).toBe('2028-03-12T01:40:00-0500');

		setNow('2028-03-12T07:05:00Z'); // 03:05 EDT
		const b = addClient({ name: 'After' });
		advance(MINUTE);
		sandbox.clearRequests();
		const { items } = await trigger.poll();
		expect(listRequests()[0].query.changed_after).toBe('2028-03-11T23:40:00');
		expect(ids(items)).toEqual([b.id]);
		expect(ids(items)).not.toContain(a.id);
		expect(stateOf(trigger).cursor).toBe('2028-03-12T03:05:00-0400');

		advance(MINUTE);
		sandbox.clearRequests();
		expect((await trigger.poll()).items).toBeNull();
		// 03:05 EDT minus two hours is 00:05 EST, written in the cursor's offset: 01:05.
		expect(listRequests()[0].query.changed_after).toBe('2028-03-12T01:05:00');
	});

	test('across the fall-back switch (01:00-02:00 twice) every change arrives once', async () => {
		// New York falls back on 2028-11-05 at 02:00 EDT (06:00 UTC) to 01:00 EST.
		setNow('2028-11-05T05:20:00Z'); // 01:20 EDT (first 01:20)
		const client = addClient({ name: 'v0' });
		const trigger = await activate('clientCreatedOrUpdated');
		const seen: string[] = [];
		for (const [iso, name] of [
			['2028-11-05T05:50:00Z', 'v1'], // 01:50 EDT
			['2028-11-05T06:10:00Z', 'v2'], // 01:10 EST (second 01:10)
			['2028-11-05T06:30:00Z', 'v3'], // 01:30 EST
			['2028-11-05T07:30:00Z', 'v4'], // 02:30 EST
		]) {
			setNow(iso);
			edit(client.id, { name });
			advance(MINUTE);
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			for (const item of items ?? []) seen.push(String(item.json.name));
			advance(MINUTE);
			expect((await trigger.poll()).items).toBeNull();
		}
		expect(seen).toEqual(['v1', 'v2', 'v3', 'v4']);
	});
});
