/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Altegio Trigger under a misbehaving clock, every reading of changed_after and a shared budget
 * (issue #14): the trigger activated with n8n-core's ActiveWorkflows and polled through the function
 * n8n's cron calls (test/engine/trigger/suite.ts), against the sandbox over loopback. Every change
 * must be reported once, none lost.
 *
 * Time: the sandbox clock is frozen per case and the n8n side's Date.now() is shifted to match it,
 * only ever forwards (the credential throttle keeps times).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ActiveTrigger } from '../engine/harness';
import { byId, runNode } from '../engine/harness';
import { DAY, HOUR, MINUTE, LOCATION, STATE_KEY } from '../engine/trigger/suite';
import { reported, reliabilityTriggerSuite, triggerTable } from './trigger-support';

const { READINGS } = require('../sandbox/readings');
const { isoNoColon } = require('../sandbox/util');

const suite = reliabilityTriggerSuite();
const { sandbox, advance, freshDay, activate, addClient } = suite;
const { edit, listRequests, setZone, changeKey, credentials, sevenHundredChanges } = suite;

const table = triggerTable('trigger-clock', 'Altegio Trigger: no change lost to the clock or the budget');

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
		const trigger = await activate('clientCreatedOrUpdated', credentials(), saved);
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
		const creds = credentials({
			authMethod: 'password',
			userToken: '',
			login: sandbox.options.login as string,
			password: sandbox.options.password as string,
		});
		const trigger = await activate('clientCreated', creds);
		advance(MINUTE);
		const clients = sevenHundredChanges(5 * MINUTE);
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
		const creds = credentials({ maxRequestsPerSecond: 3 });
		const trigger = await activate('clientCreated', creds);
		advance(MINUTE);
		sevenHundredChanges(5 * MINUTE);
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
