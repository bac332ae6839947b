/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Every wait ends (issue 23): the trigger's poll deadline stops its requests, Stop ends a queued
 * edit and a sign-in in flight, the credential test reads through the package's own transport
 * (deadline, size cap, connection closed), and a Retry-After that is a date or a Unix time is read
 * sanely. Figures are request counts and which request was still unanswered when a wait ended.
 */
import type { IDataObject } from 'n8n-workflow';

import * as pollModule from '../../nodes/AltegioTrigger/pollClients';
import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { activateTrigger, byId, passwordLogin, testCredential } from '../engine/harness';
import { LOCATION, reliabilitySuite, settle, short } from './support';

const { sandbox, run, start, credentials, table } = reliabilitySuite(
	{
		id: 'waits',
		title: 'Every wait ends',
		intro:
			"Through the real engine (the trigger through ActiveWorkflows, Stop through WorkflowExecute's cancel) against " +
			'the sandbox. "Unanswered" means the sandbox was still holding the request another wait depended on when ' +
			'the wait ended: the wait did not sit it out.',
	},
	'client',
);

afterEach(() => {
	useRetryPolicy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const client = () => sandbox.seedClients(LOCATION, 1, { birth_date: '1990-05-17' })[0] as IDataObject & { id: number };

table.check(
	{
		section: 'Trigger',
		case: "the poll's deadline stops its requests",
		input:
			'active trigger; every list read answers 503; backoff 150 ms (tries at 0, 150, 450, 1050, 2250 ms); ' +
			'poll deadline 300 ms',
		expected: 'the poll fails at its deadline and no request of it reaches the sandbox afterwards',
	},
	async () => {
		const pollTiming = (pollModule as unknown as { pollTiming: { deadlineMs: number } }).pollTiming;
		const trigger = await activateTrigger({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
			credentials: credentials(),
		});
		const deadline = pollTiming.deadlineMs;
		try {
			expect(trigger.activation.error).toBeUndefined();
			sandbox.clearRequests();
			useRetryPolicy({ backoffBaseMs: 150 });
			pollTiming.deadlineMs = 300;
			sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: 'status', status: 503, times: 50 });
			const outcome = await trigger.poll();
			const atFailure = sandbox.requests.length;
			await sleep(2500);
			const later = sandbox.requests.length - atFailure;
			expect(outcome.error?.message).toMatch(/within/);
			expect(later).toBe(0);
			return `${atFailure} requests until the deadline, ${later} after it (in the next 2.5 s)`;
		} finally {
			pollTiming.deadlineMs = deadline;
			await trigger.deactivate();
		}
	},
	20_000,
);

table.check(
	{
		section: 'Stop',
		case: "a queued edit waiting for another execution's edit of the same client",
		input:
			'execution 1 edits client X (its read held 3 s by the sandbox); execution 2 edits X and waits its turn; ' +
			'Stop on execution 2',
		expected: "execution 2 ends at once (execution 1's read still unanswered) and sends nothing",
	},
	async () => {
		const record = client();
		sandbox.clearRequests();
		sandbox.addFault({ method: 'GET', path: `/client/${LOCATION}/${record.id}`, kind: 'delay', delayMs: 3000 });
		const edit = (surname: string) =>
			start({ operation: 'update', clientId: byId(String(record.id)), updateFields: { surname } });
		const first = edit('First');
		while (sandbox.requests.length < 1) await sleep(10);
		const second = edit('Second');
		await sleep(200);
		second.stop();
		const stopped = await second.result;
		const unanswered = sandbox.requests[0].respondedAt == null;
		const sent = sandbox.requests.length;
		await first.result;
		expect(stopped.error?.message ?? '').toMatch(/Stop|cancel/i);
		expect(unanswered).toBe(true);
		expect(sent).toBe(1);
		return (
			`execution 2 ended with "${short(stopped.error?.message, 80)}" while execution 1's read was ` +
			`unanswered; it sent ${sent - 1} requests`
		);
	},
	20_000,
);

table.check(
	{
		section: 'Stop',
		case: 'a sign-in in flight',
		input: 'login and password credential, no session yet; POST /auth held 3 s by the sandbox; Stop after it arrived',
		expected: 'the execution ends at once (the sign-in still unanswered); nothing else is sent',
	},
	async () => {
		const record = client();
		sandbox.clearRequests();
		sandbox.addFault({ method: 'POST', path: '/auth', kind: 'delay', delayMs: 3000 });
		const started = start(
			{ operation: 'get', clientId: byId(String(record.id)) },
			{ credentials: credentials(passwordLogin()) },
		);
		while (!sandbox.requests.some((r) => r.path === '/auth')) await sleep(10);
		started.stop();
		const stopped = await started.result;
		const unanswered = sandbox.requests.find((r) => r.path === '/auth')!.respondedAt == null;
		await settle(sandbox);
		await sleep(300);
		const after = sandbox.requests.filter((r) => r.path !== '/auth').length;
		expect(stopped.error?.message ?? '').toMatch(/Stop|cancel/i);
		expect(unanswered).toBe(true);
		expect(after).toBe(0);
		const message = short(stopped.error?.message, 80);
		return `ended with "${message}" while the sign-in was unanswered; ${after} further requests`;
	},
	20_000,
);

const huge = () =>
	JSON.stringify({ success: true, data: [{ id: 101, title: 'x'.repeat(65 * 1024 * 1024) }], meta: [] });

table.check(
	{
		section: 'Credential test',
		case: 'a server that trickles one byte every 100 ms',
		input: "GET /companies answers headers, then a byte every 100 ms for ever; the test's deadline shortened to 1 s",
		expected: 'the test fails by its deadline and the connection is closed right after (the sandbox sees the hang-up)',
	},
	async () => {
		const { credentialTestTiming } = require('../../nodes/Altegio/kernel/session');
		sandbox.addFault({ method: 'GET', path: '/companies', kind: 'trickle', intervalMs: 100 });
		credentialTestTiming.timeoutMs = 1000;
		try {
			const result = await testCredential(credentials());
			await sleep(500);
			const open = sandbox.requests.filter((r) => r.respondedAt == null).length;
			expect(result.status).toBe('Error');
			expect(open).toBe(0);
			return `"${short(result.message, 120)}"; connections still open 0.5 s later: ${open}`;
		} finally {
			credentialTestTiming.timeoutMs = 15_000;
		}
	},
	20_000,
);

table.check(
	{
		section: 'Credential test',
		case: 'a 65 MB answer',
		input: 'GET /companies answers 200 with a 65 MB JSON body',
		expected: 'the test fails saying the answer was larger than the 64 MB the node accepts (no "OK")',
	},
	async () => {
		sandbox.addFault({ method: 'GET', path: '/companies', kind: 'status', status: 200, body: huge() });
		const result = await testCredential(credentials());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/64 MB/);
		return `"${short(result.message, 140)}"`;
	},
	30_000,
);

/** Client > Get of a fresh client whose read is answered 429 once with this Retry-After. */
async function getAfter429(retryAfter: string) {
	const record = client();
	sandbox.clearRequests();
	sandbox.addFault({ method: 'GET', path: `/client/${LOCATION}/${record.id}`, kind: '429', retryAfter });
	return { record, ...(await run({ operation: 'get', clientId: byId(String(record.id)) })) };
}

for (const [name, retryAfter] of [
	['an HTTP date a year ahead', () => new Date(Date.now() + 365 * 86_400_000).toUTCString()],
	['a Unix time (2299707003)', () => '2299707003'],
] as const) {
	table.check(
		{
			section: 'Retry-After',
			case: name,
			input: `Client > Get answered 429 with Retry-After: ${name}`,
			expected: 'fails at once with a wait in words (days or years), never "wait 2299707003 s"; one request',
		},
		async () => {
			const { error } = await getAfter429(retryAfter());
			expect(error?.message ?? '').toMatch(/Retry-After/);
			expect(error?.message ?? '').not.toMatch(/\d{6,} s/);
			expect(sandbox.requests).toHaveLength(1);
			return `"${short(error?.message, 200)}"`;
		},
	);
}

table.check(
	{
		section: 'Retry-After',
		case: 'an HTTP date one second ahead',
		input: 'Client > Get answered 429 once with Retry-After: a date 1 s ahead',
		expected: 'waited and read again: the item succeeds, 2 requests',
	},
	async () => {
		const { error, items, record } = await getAfter429(new Date(Date.now() + 1000).toUTCString());
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(record.id);
		expect(sandbox.requests).toHaveLength(2);
		return `${sandbox.requests.length} requests; the item read`;
	},
	20_000,
);

table.check(
	{
		section: 'Trigger',
		case: "Altegio's Date an hour behind n8n's clock",
		input:
			'active trigger (Client Created or Updated); client A changed 30 min ago (history), client B created 1 min ' +
			"ago and reported; then every answer's Date is an hour behind; one more poll",
		expected: 'nothing reported again (A stays history) and the cursor does not move back',
	},
	async () => {
		const now = Date.now();
		sandbox.clock.set(now);
		const older = sandbox.addClient(LOCATION, { name: 'Older', last_change_at: now - 30 * 60_000 });
		const trigger = await activateTrigger({
			parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
			credentials: credentials(),
		});
		try {
			expect(trigger.activation.error).toBeUndefined();
			const newer = sandbox.addClient(LOCATION, { name: 'Newer', last_change_at: now - 60_000 });
			const second = await trigger.poll();
			expect((second.items ?? []).map((item) => item.json.id)).toEqual([newer.id]);
			const cursor = trigger.staticData()['node:Altegio Trigger'] as IDataObject;
			sandbox.clock.set(now - 60 * 60_000);
			const third = await trigger.poll();
			const after = trigger.staticData()['node:Altegio Trigger'] as IDataObject;
			const again = (third.items ?? []).map((item) => item.json.id);
			expect(third.error).toBeUndefined();
			expect(again).toEqual([]);
			expect(after.cursor).toBe(cursor.cursor);
			return (
				`reported again: ${again.length ? again.join(', ') : 'none'} (A is ${String(older.id)}); ` +
				`cursor ${String(after.cursor)} (was ${String(cursor.cursor)})`
			);
		} finally {
			sandbox.clock.real();
			await trigger.deactivate();
		}
	},
	20_000,
);
