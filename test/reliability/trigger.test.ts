/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Altegio Trigger under a misbehaving server, clock and data (issue #14): the trigger activated with
 * n8n-core's ActiveWorkflows and polled through the function n8n's cron calls (see
 * test/engine/harness.ts), against the sandbox over loopback. Every change must be reported once,
 * none lost.
 *
 * Time: the sandbox clock is frozen per case and the n8n side's Date.now() is shifted to match it,
 * only ever forwards (the credential throttle keeps times).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import * as pollModule from '../../nodes/AltegioTrigger/pollClients';
import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import type { ActiveTrigger } from '../engine/harness';
import { activateTrigger, byId, runNode } from '../engine/harness';
import { credentials, newSandbox } from '../engine/setup';
import { reliabilityTable } from './collector';

const { READINGS } = require('../sandbox/readings');
const { isoNoColon } = require('../sandbox/util');

/** Absent before the deadline existed: then the stuck-poll case shows the old behaviour (it hangs). */
const pollTiming = (pollModule as unknown as { pollTiming?: { deadlineMs: number } }).pollTiming;

const sandbox = newSandbox();
const LOCATION = 101;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STATE_KEY = 'node:Altegio Trigger';
const DEADLINE_MS = 1500;

const table = reliabilityTable(
	'trigger',
	'Altegio Trigger: no change lost',
	"Each row activates the Altegio Trigger with n8n-core's ActiveWorkflows (the activation " +
		"poll, then the poll function n8n's cron calls, one Workflow object and its static " +
		'data across polls) against the sandbox, whose clock is frozen and moved by the test. ' +
		'"Reported" means an item of an execution n8n would start. The trigger reads the ' +
		'deprecated list `GET /clients/{location_id}` with `changed_after`; see nodes/AltegioTrigger ' +
		'for the cursor.',
);

const realNow = Date.now.bind(Date);
let shift = 0;
let lastNow = 0;

function setNow(ms: number) {
	if (ms < lastNow) throw new Error('test clock must only move forwards');
	lastNow = ms;
	sandbox.clock.set(ms);
	shift = ms - realNow();
}
function advance(ms: number) {
	lastNow += ms;
	sandbox.clock.advance(ms);
	shift += ms;
}
/** 15:00 UTC of the day after the last time used. */
function freshDay() {
	const start = Math.max(lastNow, Date.parse('2027-06-01T00:00:00Z'));
	setNow(Math.floor(start / DAY) * DAY + DAY + 15 * HOUR);
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
const DEFAULT_DEADLINE = pollTiming?.deadlineMs;
beforeEach(() => {
	sandbox.reset();
	Object.assign(sandbox.options.readings as IDataObject, { changedAfterZone: 'location' });
	setZone('America/New_York');
});
afterEach(async () => {
	for (const trigger of active.splice(0)) await trigger.deactivate();
	if (pollTiming && DEFAULT_DEADLINE) pollTiming.deadlineMs = DEFAULT_DEADLINE;
});

function setZone(zone: string) {
	sandbox.state.locations.find((l: IDataObject) => l.id === LOCATION).timezone_name = zone;
}

async function activate(
	event: 'clientCreated' | 'clientCreatedOrUpdated',
	creds = credentials(sandbox),
	staticData?: IDataObject,
) {
	const trigger = await activateTrigger({
		parameters: { locationId: byId(String(LOCATION)), event },
		credentials: creds,
		staticData,
	});
	active.push(trigger);
	if (trigger.activation.error) throw trigger.activation.error;
	return trigger;
}

const addClient = (partial: IDataObject = {}) =>
	sandbox.addClient(LOCATION, partial) as IDataObject & { id: number; last_change_at: number };
function edit(id: number, changes: IDataObject, at = sandbox.clock.now()) {
	const client = sandbox.getClient(LOCATION, id);
	Object.assign(client, changes, { last_change_at: at });
	return client;
}
function remove(id: number) {
	const index = sandbox.state.clients.findIndex((c: IDataObject) => c.id === id && c.locationId === LOCATION);
	sandbox.state.clients.splice(index, 1);
}
const listRequests = () => sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/clients/${LOCATION}`);
/** `id@last_change_date` of every reported item. */
const reported = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((item) => `${String(item.json.id)}@${String(item.json.last_change_date)}`);
/** `id@last_change_date` of a client as the API prints it now. */
function changeKey(id: number) {
	const client = sandbox.getClient(LOCATION, id);
	const loc = sandbox.state.locations.find((l: IDataObject) => l.id === LOCATION);
	return `${id}@${String(isoNoColon(client.last_change_at, loc.timezone_name))}`;
}
function duplicates(keys: string[]) {
	return keys.filter((key, i) => keys.indexOf(key) !== i);
}

table.note(
	'How `changed_after` is written: the docs give only the plain form (`2000-01-01T00:00:00`) ' +
		'and do not say in which zone Altegio reads it. A plain time read in a zone east ' +
		'of the one it was written in names an earlier instant (more read), west of it a ' +
		'later one (changes lost). The trigger writes the start of each window at the westernmost ' +
		"of the location's offset (from `last_change_date`) and UTC, UTC-12 before any client " +
		'was seen, so under every reading the sandbox can take (and any zone east of both) ' +
		'the query starts at the window or before; what comes back from before the window ' +
		'is skipped as already handled, and changes in the window by id + `last_change_date`. ' +
		'Each window of the walk comes back in one answer (a window holding more than a page ' +
		'is split by time), so a client deleted or edited while a poll reads cannot shift ' +
		'another one out of the pages.',
);

table.check(
	{
		section: 'A stuck poll',
		case: 'A server that trickles bytes never ends a poll; the next poll starts fresh',
		input:
			'The list answers with headers, then one byte every 100 ms for ever (an idle timeout ' +
			'never fires); the poll deadline is shortened to 1.5 s for the test (5 min in use). ' +
			'A second poll is started while the first hangs, a third after it failed.',
		expected:
			'The stuck poll fails with an error n8n shows for the trigger, its request cancelled, ' +
			'the static data untouched; the poll started meanwhile is skipped; the next one delivers ' +
			'every client created meanwhile, once',
	},
	async () => {
		freshDay();
		if (pollTiming) pollTiming.deadlineMs = DEADLINE_MS;
		const trigger = await activate('clientCreatedOrUpdated');
		const before = trigger.staticData();
		advance(MINUTE);
		const created = [addClient(), addClient()];
		advance(MINUTE);
		sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: 'trickle', intervalMs: 100 });
		const started = realNow();
		const stuck = trigger.poll();
		const meanwhile = await trigger.poll();
		expect(meanwhile.items).toBeNull();
		expect(meanwhile.error).toBeUndefined();
		const failed = await stuck;
		const took = realNow() - started;
		expect(failed.error?.message).toMatch(/did not answer the trigger's poll within 2 s/);
		expect(failed.items).toBeNull();
		expect(trigger.staticData()).toEqual(before);
		// Generous: the deadline is what is tested, not the machine's speed.
		expect(took).toBeLessThan(30_000);
		const trickled = listRequests().filter((r) => r.fault === 'trickle');
		expect(trickled).toHaveLength(1);
		advance(MINUTE);
		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(reported(next.items)).toEqual(created.map((c) => changeKey(c.id)));
		return (
			`stuck poll failed after ${(took / 1000).toFixed(1)} s: "${failed.error!.message}"; ` +
			`the poll started meanwhile was skipped (no items, no error); static data unchanged; ` +
			`the next poll reported ${next.items!.length} of ${created.length} clients, once`
		);
	},
	60_000,
);

/** 700 changed clients spread over the last ten minutes, ids rising with time, as a busy import would leave them. */
function sevenHundredChanges(trigger: ActiveTrigger, spreadMs: number) {
	void trigger;
	const now = sandbox.clock.now();
	const clients = Array.from({ length: 700 }, (_, i) =>
		addClient({ last_change_at: now - spreadMs + Math.floor((i * spreadMs) / 700) }),
	);
	return clients;
}

table.check(
	{
		section: 'Concurrent deletes and edits',
		case: '700 changed clients; deletions and edits injected between the requests of one poll',
		input:
			'After activation 700 clients change over 10 minutes (ids rising with time). While ' +
			'the poll reads, before its 2nd and 4th list requests, the client with the lowest ' +
			'id still listed is deleted and another one edited (offset pages would shift by one). ' +
			'Two polls, a minute apart.',
		expected:
			'Every client still there is reported with its latest change, each change once; deleted ' +
			'clients need not be reported',
	},
	async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		const clients = sevenHundredChanges(trigger, 10 * MINUTE);
		let requestNo = 0;
		const deleted: number[] = [];
		const edited: number[] = [];
		sandbox.addFault({
			method: 'GET',
			path: `/clients/${LOCATION}`,
			kind: 'delay',
			delayMs: 0,
			times: Infinity,
			match: () => {
				requestNo++;
				if (requestNo === 2 || requestNo === 4) {
					const alive = clients.filter((c) => !deleted.includes(c.id));
					deleted.push(alive[0].id);
					remove(alive[0].id);
					const victim = alive[350 + requestNo];
					edit(victim.id, { comment: `edited during request ${requestNo}` });
					edited.push(victim.id);
				}
				return false;
			},
		});
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		(sandbox as unknown as { clearFaults(): void }).clearFaults();
		advance(MINUTE);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		const all = [...reported(first.items), ...reported(second.items)];
		expect(duplicates(all)).toEqual([]);
		const survivors = clients.filter((c) => !deleted.includes(c.id));
		const missing = survivors.map((c) => changeKey(c.id)).filter((key) => !all.includes(key));
		expect(missing).toEqual([]);
		return (
			`${requestNo} list requests in the first poll; ${deleted.length} deleted, ${edited.length} ` +
			`edited during it; ${first.items?.length ?? 0} + ${second.items?.length ?? 0} reported ` +
			`over two polls, all ${survivors.length} surviving clients with their latest change, ` +
			`no change twice`
		);
	},
	60_000,
);

table.check(
	{
		section: 'Concurrent deletes and edits',
		case: '700 clients changed in the same second; a deletion between its pages',
		input:
			'700 clients imported in one second (more than a page in a window that cannot be ' +
			'split); before the 2nd page of that second is read, a client of the first page is ' +
			'deleted.',
		expected:
			'The shift is noticed (the total changes between pages) and the second read again; ' +
			'every surviving client reported once',
	},
	async () => {
		freshDay();
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const clients = Array.from({ length: 700 }, () => addClient());
		advance(MINUTE);
		let deletedId: number | undefined;
		sandbox.addFault({
			method: 'GET',
			path: `/clients/${LOCATION}`,
			kind: 'delay',
			delayMs: 0,
			match: (r: { query: IDataObject }) => {
				if (deletedId === undefined && r.query.page === '2') {
					deletedId = clients[5].id;
					remove(deletedId);
				}
				return false;
			},
		});
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		const ids = (poll.items ?? []).map((item) => item.json.id);
		expect(deletedId).toBeDefined();
		expect(new Set(ids).size).toBe(ids.length);
		const survivors = clients.filter((c) => c.id !== deletedId).map((c) => c.id);
		expect(survivors.filter((id) => !ids.includes(id))).toEqual([]);
		const pages = listRequests().filter((r) => r.query.changed_before !== undefined && r.query.page !== '1');
		return (
			`client ${deletedId} deleted before page 2; ${pages.length} later pages read (the ` +
			`second read again); ${ids.length} reported, all ${survivors.length} survivors, none ` +
			`twice`
		);
	},
	60_000,
);

table.check(
	{
		section: 'Concurrent deletes and edits',
		case: '700 changes where Altegio reads UTC for a location at UTC+14',
		input:
			'Reading "utc", location at +14:00 (its printed times are 14 hours ahead of the frame ' +
			'the bounds are read in); 700 clients changed over 10 minutes',
		expected: 'All 700 reported once, in a bounded number of requests (the split still halves each window)',
	},
	async () => {
		freshDay();
		setZone('Pacific/Kiritimati');
		(sandbox.options.readings as IDataObject).changedAfterZone = 'utc';
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const clients = sevenHundredChanges(trigger, 10 * MINUTE);
		advance(MINUTE);
		sandbox.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(reported(poll.items).sort()).toEqual(clients.map((c) => changeKey(c.id)).sort());
		expect(listRequests().length).toBeLessThanOrEqual(60);
		return `${poll.items!.length} reported once in ${listRequests().length} list requests`;
	},
	60_000,
);

table.check(
	{
		section: 'The clock',
		case: 'A record dated six hours in the future',
		input:
			'After activation, one client is stored with a last_change_date six hours ahead (a ' +
			'bad import, a skewed server). Then, over three polls, a client is created and two ' +
			'others edited.',
		expected:
			"The future-dated client is reported once; the cursor never passes Altegio's own " +
			'"now" (the Date of its answers); every later change is reported once',
	},
	async () => {
		freshDay();
		const old = [addClient({ last_change_at: sandbox.clock.now() - 2 * DAY }), addClient()];
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		const future = addClient({ name: 'Future', last_change_at: sandbox.clock.now() + 6 * HOUR });
		advance(MINUTE);
		const keys = reported((await trigger.poll()).items);
		expect(keys).toEqual([changeKey(future.id)]);
		const cursor = String((trigger.staticData()[STATE_KEY] as IDataObject).cursor);
		expect(Date.parse(cursor.replace(/(\d\d)(\d\d)$/, '$1:$2'))).toBeLessThanOrEqual(sandbox.clock.now());
		const expected: string[] = [];
		for (const step of [0, 1, 2]) {
			advance(MINUTE);
			if (step === 0) expected.push(changeKey(addClient({ name: 'After' }).id));
			else expected.push(changeKey(edit(old[step - 1].id, { name: `Edited ${step}` }).id));
			advance(MINUTE);
			const poll = await trigger.poll();
			expect(poll.error).toBeUndefined();
			keys.push(...reported(poll.items));
		}
		expect(keys).toEqual([changeKey(future.id), ...expected]);
		return (
			`the future-dated client reported once; cursor after that poll ${cursor} (Altegio's ` +
			`now, not six hours ahead); the 3 later changes reported once each`
		);
	},
);

table.check(
	{
		section: 'The clock',
		case: 'A cursor saved six hours ahead (by a version without the bound) recovers',
		input:
			'Static data as an earlier version left it after a future-dated record: cursor and ' +
			'`since` six hours ahead of Altegio. n8n restarts with it; a client is created and ' +
			'another edited, then one more poll.',
		expected: "Both changes reported once at the first poll; the cursor back at Altegio's now; nothing repeated after",
	},
	async () => {
		freshDay();
		const old = addClient({ last_change_at: sandbox.clock.now() - DAY });
		const ahead = sandbox.clock.now() + 6 * HOUR;
		const cursor = String(isoNoColon(ahead, 'America/New_York'));
		const saved = {
			[STATE_KEY]: {
				version: 1,
				locationId: String(LOCATION),
				cursor,
				since: ahead / 1000 - 120,
				maxId: old.id,
				seen: {},
			},
		};
		advance(MINUTE);
		const created = addClient();
		const edited = edit(old.id, { name: 'Edited while blinded' });
		advance(MINUTE);
		const trigger = await activate('clientCreatedOrUpdated', credentials(sandbox), saved);
		const keys = reported(trigger.activation.items);
		expect(keys).toEqual([changeKey(created.id), changeKey(edited.id)].sort((a, b) => (a < b ? -1 : 1)));
		advance(MINUTE);
		const next = await trigger.poll();
		expect(next.items).toBeNull();
		const now = String((trigger.staticData()[STATE_KEY] as IDataObject).cursor);
		return (
			`reported ${keys.length} of 2 at the activation poll; cursor ${cursor} → ${now}; ` +
			`the next poll reported nothing`
		);
	},
);

/** Fixed-offset zones from UTC-12 to UTC+14 (no daylight saving: the offset is the thing varied). */
const ZONES: Array<[string, string]> = [
	['-12:00', 'Etc/GMT+12'],
	['-05:00', 'Etc/GMT+5'],
	['+00:00', 'UTC'],
	['+03:00', 'Europe/Moscow'],
	['+05:30', 'Asia/Kolkata'],
	['+14:00', 'Pacific/Kiritimati'],
];

/** Creates and edits around polls: in the poll's own second, just after it, and long before the next one. */
async function changesAcrossPolls(trigger: ActiveTrigger, clients: Array<{ id: number }>) {
	const expected: string[] = [];
	const keys: string[] = [];
	const poll = async () => {
		const outcome = await trigger.poll();
		expect(outcome.error).toBeUndefined();
		keys.push(...reported(outcome.items));
	};
	advance(MINUTE);
	expected.push(changeKey(addClient().id));
	await poll();
	expected.push(changeKey(edit(clients[0].id, { name: 'same second' }).id));
	await poll();
	advance(1000);
	expected.push(changeKey(edit(clients[1].id, { name: 'a second later' }).id));
	advance(50 * MINUTE);
	expected.push(changeKey(edit(clients[0].id, { name: 'fifty minutes later' }).id));
	advance(9 * MINUTE);
	await poll();
	advance(3 * HOUR);
	expected.push(changeKey(edit(clients[2].id, { name: 'three hours later' }).id));
	advance(10 * MINUTE);
	await poll();
	return { keys, expected };
}

const READING_TEXT: Record<string, string> = {
	location: "a plain time in the location's zone, an offset honoured",
	utc: 'a plain time in UTC, an offset honoured',
	locationDigits: "the digits in the location's zone, an offset ignored",
	utcDigits: 'the digits in UTC, an offset ignored',
};

for (const reading of READINGS.changedAfterZone as string[]) {
	table.check(
		{
			section: 'Every reading of changed_after',
			case: `Reading "${reading}": ${READING_TEXT[reading] ?? reading}`,
			input:
				`Location offsets ${ZONES.map(([o]) => o).join(', ')}; per offset: activation, then ` +
				`a client created, an edit in the same second as a poll, one a second after it, one ` +
				`50 minutes later, one after three hours, over four polls`,
			expected: 'Under every offset: each change reported exactly once, none lost',
		},
		async () => {
			const lines: string[] = [];
			for (const [offset, zone] of ZONES) {
				freshDay();
				sandbox.reset();
				setZone(zone);
				(sandbox.options.readings as IDataObject).changedAfterZone = reading;
				const clients = [addClient(), addClient(), addClient()];
				const trigger = await activate('clientCreatedOrUpdated');
				const { keys, expected } = await changesAcrossPolls(trigger, clients);
				expect({ offset, keys }).toEqual({ offset, keys: expected });
				lines.push(`${offset}: ${keys.length}/${expected.length}`);
				await trigger.deactivate();
				active.splice(active.indexOf(trigger), 1);
			}
			return `reported once, none lost: ${lines.join('; ')}`;
		},
		60_000,
	);
}

table.check(
	{
		section: 'Every reading of changed_after',
		case: 'A location without clients at activation, under every reading and offset',
		input:
			`Readings ${(READINGS.changedAfterZone as string[]).join(', ')} × ` +
			`offsets ${ZONES.map(([o]) => o).join(', ')}; ` +
			`no client at activation (the offset unknown); polls find nothing for three days, ` +
			`then a client is created, then edited`,
		expected: 'Both changes reported once under every combination',
	},
	async () => {
		let combos = 0;
		for (const reading of READINGS.changedAfterZone as string[]) {
			for (const [offset, zone] of ZONES) {
				freshDay();
				sandbox.reset();
				setZone(zone);
				(sandbox.options.readings as IDataObject).changedAfterZone = reading;
				const trigger = await activate('clientCreatedOrUpdated');
				// Polls meanwhile find nothing; the cursor stays where activation put it.
				for (let day = 0; day < 3; day++) {
					advance(DAY);
					expect((await trigger.poll()).items).toBeNull();
				}
				const keys: string[] = [];
				const expected = [changeKey(addClient().id)];
				advance(MINUTE);
				keys.push(...reported((await trigger.poll()).items));
				advance(MINUTE);
				expected.push(changeKey(edit(Number(expected[0].split('@')[0]), { name: 'Edited' }).id));
				advance(MINUTE);
				keys.push(...reported((await trigger.poll()).items));
				expect({ reading, offset, keys }).toEqual({ reading, offset, keys: expected });
				combos++;
				await trigger.deactivate();
				active.splice(active.indexOf(trigger), 1);
			}
		}
		return `${combos} combinations, each change reported once`;
	},
	60_000,
);

table.check(
	{
		section: 'Shared budget and sign-in',
		case: 'Password mode, an expired session: one sign-in per poll',
		input:
			'Credential in login/password mode whose saved session token Altegio no longer accepts; ' +
			'a poll reading 700 changed clients (several requests)',
		expected: 'Exactly one POST /auth in the poll; every client reported',
	},
	async () => {
		freshDay();
		const creds = credentials(sandbox, {
			authMethod: 'password',
			userToken: '',
			login: sandbox.options.login as string,
			password: sandbox.options.password as string,
		});
		const trigger = await activate('clientCreated', creds);
		advance(MINUTE);
		const clients = sevenHundredChanges(trigger, 5 * MINUTE);
		creds.data = { ...creds.data, sessionToken: 'expired-session' };
		sandbox.clearRequests();
		advance(MINUTE);
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items).toHaveLength(clients.length);
		const signIns = sandbox.requests.filter((r) => r.path === '/auth');
		expect(signIns).toHaveLength(1);
		return `${listRequests().length} list requests, ${signIns.length} sign-in; ${poll.items!.length} clients reported`;
	},
	60_000,
);

table.check(
	{
		section: 'Shared budget and sign-in',
		case: 'A poll and an action on one credential share its request budget',
		input:
			'Credential limited to 3 requests per second; a poll reading 700 changed clients ' +
			'while an Altegio node lists all clients (Get Many (Full Records), 700 rows) with ' +
			'the same credential; arrivals counted at the sandbox',
		expected: 'Never more than 3 requests in any second at the sandbox; both finish complete',
	},
	async () => {
		freshDay();
		const creds = credentials(sandbox, { maxRequestsPerSecond: 3 });
		const trigger = await activate('clientCreated', creds);
		advance(MINUTE);
		sevenHundredChanges(trigger, 5 * MINUTE);
		advance(MINUTE);
		sandbox.clearRequests();
		const [poll, list] = await Promise.all([
			trigger.poll(),
			runNode({
				parameters: {
					resource: 'client',
					operation: 'getAllLegacy',
					locationId: byId(String(LOCATION)),
					returnAll: true,
				},
				credentials: creds,
			}),
		]);
		expect(poll.error).toBeUndefined();
		expect(poll.items).toHaveLength(700);
		expect(list.error).toBeUndefined();
		expect(list.items).toHaveLength(700);
		const times = sandbox.requests.map((r) => r.at).sort((a, b) => a - b);
		let busiest = 0;
		for (let i = 0, j = 0; i < times.length; i++) {
			while (times[i] - times[j] >= 950) j++;
			busiest = Math.max(busiest, i - j + 1);
		}
		expect(busiest).toBeLessThanOrEqual(3);
		expect(sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
		return `${sandbox.requests.length} requests in all, at most ${busiest} in any 950 ms; no 429`;
	},
	60_000,
);
