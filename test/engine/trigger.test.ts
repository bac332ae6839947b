/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Altegio Trigger through n8n-core's ActiveWorkflows (activation poll + the cron's poll function,
 * PollContext in mode 'trigger', one Workflow object and its static data across polls, as in n8n)
 * and WorkflowExecute (Fetch Test Event, mode 'manual'), against the sandbox over loopback.
 *
 * Time: the sandbox clock is frozen per test and the n8n side's Date.now() is shifted to match it,
 * only ever forwards (the credential throttle keeps times: a clock going back would make it wait).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { RETRY_POLICY, useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import type { ActiveTrigger } from './harness';
import { activateTrigger, byId, fetchTestEvent } from './harness';
import { PARTNER, USER, credentials, newSandbox } from './setup';

const { isoNoColon } = require('../sandbox/util');

const sandbox = newSandbox();
const LOCATION = 101;
const TZ = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STATE_KEY = 'node:Altegio Trigger';

const realNow = Date.now.bind(Date);
let shift = 0;
let lastNow = 0;

/** Sets the sandbox clock and the n8n side's Date.now() to `iso` (must not be before the last one). */
function setNow(iso: string) {
	const ms = Date.parse(iso);
	if (ms < lastNow) throw new Error(`test clock must only move forwards: ${iso}`);
	lastNow = ms;
	sandbox.clock.set(ms);
	shift = ms - realNow();
}

function advance(ms: number) {
	lastNow += ms;
	sandbox.clock.advance(ms);
	shift += ms;
}

/** A fresh daytime instant for each test: 15:00 UTC (10:00 or 11:00 in New York) of the next day. */
function freshDay() {
	const start = Math.max(lastNow, Date.parse('2027-04-01T00:00:00Z'));
	setNow(new Date(Math.floor(start / DAY) * DAY + DAY + 15 * HOUR).toISOString());
}

beforeAll(async () => {
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
	useRetryPolicy({ backoffBaseMs: 5 });
	await sandbox.start(0);
});
afterAll(async () => {
	await sandbox.stop();
	jest.restoreAllMocks();
});

const active: ActiveTrigger[] = [];
beforeEach(() => sandbox.reset());
afterEach(async () => {
	for (const trigger of active.splice(0)) await trigger.deactivate();
});

type Event = 'clientCreated' | 'clientCreatedOrUpdated';

async function activate(
	event: Event,
	options: { location?: number; staticData?: IDataObject; creds?: ReturnType<typeof credentials> } = {},
) {
	const trigger = await activateTrigger({
		parameters: { locationId: byId(String(options.location ?? LOCATION)), event },
		credentials: options.creds ?? credentials(sandbox),
		staticData: options.staticData,
	});
	active.push(trigger);
	return trigger;
}

const stateOf = (trigger: ActiveTrigger) => trigger.staticData()[STATE_KEY] as IDataObject;
const lcd = (ms: number) => isoNoColon(ms, TZ) as string;
/** Wall-clock time in New York, as changed_after is sent. */
const wall = (ms: number) => lcd(ms).slice(0, 19);
/** Wall-clock time at a fixed UTC offset (minutes). */
const wallAt = (ms: number, offset: number) => new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
/**
 * For windows the node computes from n8n's own clock, which keeps running during the test: the
 * wall-clock time of `ms` or of one of the few seconds after it.
 */
function expectWallNear(actual: unknown, ms: number, offset = -sandboxOffsetMinutes(ms)) {
	const candidates = Array.from({ length: 10 }, (_, k) => wallAt(ms + k * 1000, offset));
	expect(candidates).toContain(actual);
}
function sandboxOffsetMinutes(ms: number) {
	const text = lcd(ms);
	const sign = text[19] === '-' ? 1 : -1;
	return sign * (Number(text.slice(20, 22)) * 60 + Number(text.slice(22, 24)));
}

function addClient(partial: IDataObject = {}) {
	return sandbox.addClient(LOCATION, partial) as IDataObject & { id: number };
}

function edit(id: number, changes: IDataObject) {
	const client = sandbox.getClient(LOCATION, id);
	Object.assign(client, changes, { last_change_at: sandbox.clock.now() });
	return client;
}

const listRequests = (location = LOCATION) =>
	sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/clients/${location}`);
const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => item.json.id);

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
		const queries = listRequests().map((r) => r.query);
		expect(queries).toEqual([
			{ page: '1', count: '1' },
			{ page: '3', count: '1' },
			{ changed_after: expect.any(String), page: '1', count: '300' },
		]);
		expectWallNear(queries[2].changed_after, now - DAY);

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
		await expect(
			activate('clientCreated', { creds: credentials(sandbox, { userToken: 'wrong-user-token' }) }),
		).rejects.toThrow(/problem activating the workflow/);
		expect(listRequests()[0].status).toBe(401);
	});
});

describe('Client Created', () => {
	test('a created client appears once; edits are not reported', async () => {
		freshDay();
		const existing = addClient({ name: 'Existing', last_change_at: sandbox.clock.now() - HOUR });
		const trigger = await activate('clientCreated');

		advance(5 * MINUTE);
		const created = addClient({ name: 'Maria', surname: 'Lopez', phone: '13155550101' });
		advance(MINUTE);
		const first = await trigger.poll();
		expect(first.items).toHaveLength(1);
		expect(first.items![0].json).toMatchObject({
			id: created.id,
			name: 'Maria',
			surname: 'Lopez',
			phone: '13155550101',
		});
		expect(first.items![0].json.last_change_date).toBe(lcd(created.last_change_at as number));

		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();

		advance(MINUTE);
		edit(created.id, { name: 'Mary' });
		edit(existing.id, { name: 'Changed' });
		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();

		const another = addClient({ name: 'Another' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([another.id]);
	});

	test('a client created and then edited between two polls is reported once, with its latest data', async () => {
		freshDay();
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const created = addClient({ name: 'Draft' });
		advance(30_000);
		edit(created.id, { name: 'Final' });
		advance(MINUTE);
		const { items } = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ id: created.id, name: 'Final' });
	});
});

describe('Client Created or Updated', () => {
	test('a created client appears once, an edited client appears again, an old client edited appears', async () => {
		freshDay();
		const old = addClient({ name: 'Old', last_change_at: sandbox.clock.now() - 2 * DAY });
		const trigger = await activate('clientCreatedOrUpdated');

		advance(MINUTE);
		const created = addClient({ name: 'New' });
		advance(MINUTE);
		const first = await trigger.poll();
		expect(ids(first.items)).toEqual([created.id]);

		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();

		advance(MINUTE);
		edit(created.id, { name: 'New, edited' });
		advance(MINUTE);
		const second = await trigger.poll();
		expect(second.items).toHaveLength(1);
		expect(second.items![0].json).toMatchObject({ id: created.id, name: 'New, edited' });
		expect(second.items![0].json.last_change_date).not.toBe(first.items![0].json.last_change_date);

		advance(MINUTE);
		edit(old.id, { email: 'old@example.com' });
		advance(MINUTE);
		const third = await trigger.poll();
		expect(third.items!.map((i) => [i.json.id, i.json.email])).toEqual([[old.id, 'old@example.com']]);
	});

	test('no duplicates across overlapping polls, including changes in the same second as the last poll', async () => {
		freshDay();
		const base = [addClient(), addClient(), addClient()];
		const trigger = await activate('clientCreatedOrUpdated');
		const emitted: string[] = [];
		const pollAndRecord = async () => {
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			for (const item of items ?? []) emitted.push(`${String(item.json.id)}@${String(item.json.last_change_date)}`);
			return items;
		};
		const expected: string[] = [];
		const change = (id: number) => {
			const client = edit(id, { comment: `at ${sandbox.clock.now()}` });
			expected.push(`${id}@${lcd(client.last_change_at)}`);
		};

		advance(10_000);
		change(base[0].id);
		await pollAndRecord();
		// Same frozen second as that poll: changed_after is inclusive to the second, so the cursor's
		// second is read again; the change already delivered must not come twice, the new one once.
		change(base[1].id);
		await pollAndRecord();
		for (let i = 0; i < 6; i++) {
			advance(10_000); // well inside the two-minute overlap
			if (i % 2 === 0) change(base[i % 3].id);
			await pollAndRecord();
		}
		expect(emitted).toEqual(expected);
		expect(new Set(emitted).size).toBe(emitted.length);
		// Every poll re-read the overlap, so the skipped changes were really seen again.
		expect(listRequests().filter((r) => r.query.changed_after).length).toBeGreaterThanOrEqual(9);
	});

	test('when Altegio answers with more than asked (reads changed_after earlier), nothing old is repeated', async () => {
		freshDay();
		const clients = [addClient(), addClient()];
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		edit(clients[0].id, { name: 'Once' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([clients[0].id]);

		// Hours later, with changes in between that the trigger delivered and no longer keeps in
		// `seen`, Altegio starts reading the plain time as London time (five hours earlier).
		advance(3 * HOUR);
		edit(clients[1].id, { name: 'Twice?' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([clients[1].id]);
		advance(3 * HOUR);
		sandbox.state.locations.find((l: IDataObject) => l.id === LOCATION).timezone_name = 'Europe/London';
		sandbox.clearRequests();
		const response = await trigger.poll();
		expect(response.error).toBeUndefined();
		expect(response.items).toBeNull();
		// The answer did hold both old changes: they were skipped as handled, not missed by the query.
		const asked = listRequests()[0].query.changed_after;
		const answer = await fetch(`${sandbox.url}/clients/${LOCATION}?changed_after=${String(asked)}&count=300`, {
			// Sent by hand, not by the node: the contract check leaves it out.
			headers: {
				Accept: 'application/vnd.api.v2+json',
				Authorization: `Bearer ${PARTNER}, User ${USER}`,
				'x-contract-skip': 'sent by the test',
			},
		}).then((r) => r.json() as Promise<{ data: IDataObject[] }>);
		expect(answer.data.map((c) => c.id).sort()).toEqual(clients.map((c) => c.id).sort());
	});
});

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

describe('overlapping polls', () => {
	test('a poll that starts while the previous one is still running is skipped: each change once', async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		const created = Array.from({ length: 3 }, () => addClient());
		advance(MINUTE);
		sandbox.clearRequests();
		// The first poll's request is answered late; n8n's cron starts the next poll meanwhile.
		sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: 'delay', delayMs: 300 });
		await Promise.all([trigger.poll(), trigger.poll()]);
		expect(trigger.emissions.flat().map((item) => item.json.id)).toEqual(created.map((c) => c.id));
		expect(listRequests()).toHaveLength(1);

		// The skip lasts only while the other poll runs.
		advance(MINUTE);
		const later = addClient();
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([later.id]);
	});
});

describe('paging', () => {
	test('more than one page changed between polls: every page is read, each client once', async () => {
		freshDay();
		const existing = Array.from({ length: 250 }, () => addClient({ last_change_at: sandbox.clock.now() - 3 * DAY }));
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		for (const client of existing) edit(client.id, { comment: 'bulk' });
		const created = Array.from({ length: 400 }, () => addClient());
		advance(MINUTE);
		sandbox.clearRequests();

		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(650);
		expect(new Set(ids(items)).size).toBe(650);
		expect(new Set(ids(items))).toEqual(new Set([...existing, ...created].map((c) => c.id)));
		const queries = listRequests().map((r) => r.query);
		// Read by time windows that each come back in one answer; the one second holding all 650
		// changes (a frozen clock) page by page, each page reporting the same total.
		expect(queries.length).toBeLessThanOrEqual(8);
		const dense = queries.filter((q) => q.changed_before !== undefined && q.changed_before === q.changed_after);
		expect(dense.map((q) => q.page)).toEqual(['1', '2', '3']);
		expect(queries.every((q) => q.count === '300')).toBe(true);

		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('Client Created over several pages reports only the new ones', async () => {
		freshDay();
		const existing = Array.from({ length: 320 }, () => addClient({ last_change_at: sandbox.clock.now() - 3 * DAY }));
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		for (const client of existing) edit(client.id, { comment: 'bulk' });
		const created = Array.from({ length: 5 }, () => addClient());
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual(created.map((c) => c.id));
	});
});

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
			credentials: credentials(sandbox),
			staticData: saved,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: edited.id, name: 'Edited last' });
		expect(result.items[0].json.id).not.toBe(newest.id);
		expect(result.staticDataChanged).toBe(false);
		expect(result.staticData).toEqual(saved);
		const queries = listRequests().map((r) => r.query);
		expect(queries).toEqual([
			{ page: '1', count: '1' },
			{ page: '2', count: '1' },
			{ changed_after: expect.any(String), page: '1', count: '300' },
		]);
		expectWallNear(queries[2].changed_after, now - HOUR);
	});

	test('Client Created returns the newest client', async () => {
		freshDay();
		const now = sandbox.clock.now();
		addClient({ name: 'Edited last', last_change_at: now - MINUTE, created_at: now - 40 * DAY });
		const newest = addClient({ name: 'Newest', last_change_at: now - HOUR, created_at: now - HOUR });
		const result = await fetchTestEvent({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreated' },
			credentials: credentials(sandbox),
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
			credentials: credentials(sandbox),
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
			credentials: credentials(sandbox),
		});
		expect(result.error?.message).toBe(`Location ${LOCATION} has no clients yet`);
	});

	test('a bad location ID from an expression fails before any request, naming the parameter', async () => {
		freshDay();
		const result = await fetchTestEvent({
			parameters: { locationId: byId('={{ "12/../3" }}'), event: 'clientCreated' },
			credentials: credentials(sandbox),
		});
		expect(result.error?.message).toMatch(/^Location \(locationId\) must be a positive whole number/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a bad location ID typed in is refused by n8n before the node runs', async () => {
		freshDay();
		const result = await fetchTestEvent({
			parameters: { locationId: byId('12/../3'), event: 'clientCreated' },
			credentials: credentials(sandbox),
		});
		expect(result.error?.message).toMatch(/has issues/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('static data across restarts and locations', () => {
	test('after a restart with the saved static data, the activation poll reports what changed meanwhile', async () => {
		freshDay();
		const first = await activate('clientCreatedOrUpdated');
		const saved = first.staticData();
		await first.deactivate();
		active.splice(active.indexOf(first), 1);

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

describe('transport', () => {
	test('the action node’s transport and per-credential throttle: auth header, 429 retried, limit kept', async () => {
		freshDay();
		// Another host name for the same server: a credential (and so a throttle) of its own.
		const url = sandbox.url.replace('127.0.0.1', 'localhost');
		const creds = credentials(sandbox, { baseUrl: url, maxRequestsPerSecond: 2 });
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
