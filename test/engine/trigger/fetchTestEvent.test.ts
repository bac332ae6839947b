/** Altegio Trigger: the editor's Fetch Test Event (WorkflowExecute in mode 'manual'). */
import { fetchTestEvent, byId } from '../harness';
import { DAY, HOUR, LOCATION, MINUTE, expectWallNear, ids, triggerSuite, sandboxOffsetMinutes } from './suite';

const { sandbox, freshDay, activate, addClient, listRequests, credentials, expectFirstReads } =
	triggerSuite('2027-04-01T00:00:00Z');

describe('Fetch Test Event (manual)', () => {
	test('returns the most recently changed client, not the newest one, and leaves the static data alone', async () => {
		freshDay();
		const now = sandbox.clock.now();
		const edited = addClient({ name: 'Edited last', last_change_at: now - 5 * MINUTE, created_at: now - 40 * DAY });
		const newest = addClient({ name: 'Newest', last_change_at: now - 20 * MINUTE, created_at: now - 20 * MINUTE });
		const trigger = await activate('clientCreatedOrUpdated');
		const saved = trigger.staticData();
		sandbox.clearRequests();

		const result = await fetchTestEvent({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
			credentials: credentials(),
			staticData: saved,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: edited.id, name: 'Edited last' });
		expect(result.items[0].json.id).not.toBe(newest.id);
		expect(result.staticDataChanged).toBe(false);
		expect(result.staticData).toEqual(saved);
		expectFirstReads(2, now - HOUR);
	});

	test('Client Created returns the newest client', async () => {
		freshDay();
		const now = sandbox.clock.now();
		addClient({ name: 'Edited last', last_change_at: now - MINUTE, created_at: now - 40 * DAY });
		const newest = addClient({ name: 'Newest', last_change_at: now - HOUR, created_at: now - HOUR });
		const result = await fetchTestEvent({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreated' },
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(ids(result.items)).toEqual([newest.id]);
		expect(result.items[0].json.phone).toEqual(expect.any(String));
	});

	test('widens the window (hour, day, month) until a change is found', async () => {
		freshDay();
		const now = sandbox.clock.now();
		const changed = addClient({ name: 'Three days ago', last_change_at: now - 3 * DAY, created_at: now - 90 * DAY });
		// The newest client last changed long ago, maybe in the other half of the daylight-saving
		// year: the windows are written in its offset (reading a little more or less is harmless).
		const newest = addClient({
			name: 'Newest, older change',
			last_change_at: now - 60 * DAY,
			created_at: now - 60 * DAY,
		});
		const result = await fetchTestEvent({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
			credentials: credentials(),
		});
		expect(ids(result.items)).toEqual([changed.id]);
		const windows = listRequests()
			.map((r) => r.query.changed_after)
			.filter(Boolean);
		expect(windows).toHaveLength(3);
		const offset = -sandboxOffsetMinutes(newest.last_change_at as number);
		[HOUR, DAY, 31 * DAY].forEach((span, i) => expectWallNear(windows[i], now - span, offset));
	});

	test('a location without clients gives a clear error', async () => {
		freshDay();
		const result = await fetchTestEvent({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(`Location ${LOCATION} has no clients yet`);
	});

	test('a bad location ID from an expression fails before any request, naming the parameter', async () => {
		freshDay();
		const result = await fetchTestEvent({
			parameters: { locationId: byId('={{ "12/../3" }}'), event: 'clientCreated' },
			credentials: credentials(),
		});
		expect(result.error?.message).toMatch(/^Location \(locationId\) must be a positive whole number/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a bad location ID typed in is refused by n8n before the node runs', async () => {
		freshDay();
		const result = await fetchTestEvent({
			parameters: { locationId: byId('12/../3'), event: 'clientCreated' },
			credentials: credentials(),
		});
		expect(result.error?.message).toMatch(/has issues/);
		expect(sandbox.requests).toHaveLength(0);
	});
});
