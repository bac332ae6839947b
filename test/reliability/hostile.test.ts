/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Hostile servers: redirects that would carry the tokens elsewhere, servers that trickle or stay
 * silent, answers the node cannot use, huge bodies, revoked users and rate-limited sign-ins. Every
 * case runs the node through the real engine against loopback servers that misbehave on purpose
 * (test/sandbox/misbehaving.js, and the sandbox's faults), and counts what reached each server.
 */
import type { IDataObject } from 'n8n-workflow';

import { RETRY_POLICY, useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { byId, fetchTestEvent, listSearch, testCredential, credentials } from '../engine/harness';
import { itemError, reliabilitySuite, run, settle, short } from './support';

const { createHostile, behaviours } = require('../sandbox/misbehaving');

const PARTNER = 'PARTNER-hostile-3c9d71';
const USER = 'USER-hostile-8e2f44';
const PASSWORD = 'PASSWORD-hostile-5a1b';
const LOGIN = 'owner@example.com';

/** Where redirects point: it must never receive anything. */
const elsewhere = createHostile(behaviours.json(200, { success: true, data: [], meta: [] }));
const hostiles: Array<{ stop(): Promise<void> }> = [];

async function hostile(behaviour: unknown) {
	const server = createHostile(behaviour);
	await server.start();
	hostiles.push(server);
	return server as { url: string; port: number; log: IDataObject[]; received(): string };
}

/** The suite's own (distinctive) tokens over the harness's credentials. */
const creds = (values: IDataObject = {}) => credentials(sandbox, { partnerToken: PARTNER, userToken: USER, ...values });
const passwordCreds = (values: IDataObject = {}) =>
	creds({ authMethod: 'password', userToken: '', login: LOGIN, password: PASSWORD, ...values });

const get = { resource: 'client', operation: 'get', locationId: byId('101'), clientId: byId('1') };
const getAll = { resource: 'client', operation: 'getAll', locationId: byId('101'), returnAll: true };
const create = {
	resource: 'client',
	operation: 'create',
	locationId: byId('101'),
	name: 'Hostile',
	phone: '13155550777',
};
const comments = {
	resource: 'comment',
	operation: 'getAll',
	locationId: byId('101'),
	clientId: byId('1'),
	returnAll: true,
};

const { sandbox, table } = reliabilitySuite(
	{
		id: 'hostile',
		title: 'Hostile servers: redirects, trickles, silence, unusable answers, sign-in storms',
		intro:
			'Loopback servers that misbehave on purpose (test/sandbox/misbehaving.js) and the ' +
			'sandbox with faults. Where a redirect is tried, its target is a second loopback ' +
			'server that logs everything it receives: it must receive nothing.',
	},
	'',
	{ partnerToken: PARTNER, userToken: USER, login: LOGIN, password: PASSWORD },
);

table.note(
	'**How long one request can take.** Each try ends at its deadline: Options > Request ' +
		'Options > Timeout when set, else 30 s (n8n fills in 300 s when the field is empty, ' +
		'but its timeout is a socket idle timeout that a server sending a byte now and then ' +
		'never lets fire; the node turns the value into an overall deadline that covers the ' +
		"answer's body too). A read is tried at most 5 times, waiting 1, 2, 4 and 8 s in " +
		'between; a write is sent once (only a 429, which Altegio refused without processing, ' +
		'is sent again). So one read ends within 5 × Timeout + 15 s (2 min 45 s with the ' +
		"default), plus its wait for a slot in the credential's request budget, plus up to " +
		'4 × 120 s only if Altegio keeps answering 429 with a long Retry-After (a longer ' +
		'Retry-After fails at once). A request that first signs in (login and password) adds ' +
		"the sign-in's own 30 s deadline. The credential test answers within 15 s whatever " +
		'the server does. Stop ends every wait at once and aborts the requests in flight.',
);
table.note(
	'**Size cap.** An answer larger than 64 MB is refused with an error naming the cap ' +
		'(the largest real answer, a page of 200 clients, is well under 1 MB).',
);

beforeAll(async () => {
	await elsewhere.start();
	useRetryPolicy({ backoffBaseMs: 5 });
});
afterAll(async () => {
	await Promise.all([elsewhere.stop(), ...hostiles.map((h) => h.stop())]);
});
beforeEach(() => {
	elsewhere.log.length = 0;
});

const nothingElsewhere = () => {
	expect(elsewhere.log).toHaveLength(0);
	return 'the other host received nothing';
};

describe('redirects', () => {
	const target = () => `http://localhost:${elsewhere.port}/api/v1/elsewhere`;
	for (const [status, what, parameters] of [
		[302, 'read (Client > Get)', get],
		[301, 'write (Client > Create)', create],
		[307, 'write (Client > Create)', create],
	] as const) {
		table.check(
			{
				section: 'Redirects',
				case: `HTTP ${status} to another host: ${what}`,
				input: `Location: http://localhost:{other port}/…`,
				expected: 'an error naming the target host and the fix; nothing sent there',
			},
			async () => {
				const server = await hostile(behaviours.redirect(status, target));
				const { error } = await run({ parameters: parameters as never, credentials: creds({ baseUrl: server.url }) });
				expect(error?.message).toContain(`redirect (HTTP ${status}) to http://localhost:${elsewhere.port}`);
				expect(error?.message).toContain("Set the credential's Base URL");
				expect(server.log).toHaveLength(1);
				return (
					`"${short(error?.message?.replace(String(elsewhere.port), '{port}'), 140)}"; ${server.log.length} ` +
					`request; ${nothingElsewhere()}`
				);
			},
		);
	}
	table.check(
		{
			section: 'Redirects',
			case: 'HTTP 307 on the sign-in (POST /auth with the password)',
			input: 'login and password mode; /auth answers 307 to another host',
			expected: 'an error; the password never reaches the other host',
		},
		async () => {
			const server = await hostile(behaviours.redirect(307, target));
			const { error } = await run({
				parameters: get as never,
				credentials: passwordCreds({ baseUrl: server.url }),
			});
			expect(error?.message).toMatch(/redirect \(HTTP 307\)/);
			expect(server.log.map((r) => r.path)).toEqual(['/auth']);
			return `"${short(error?.message?.replace(String(elsewhere.port), '{port}'), 140)}"; ${nothingElsewhere()}`;
		},
	);
	table.check(
		{
			section: 'Redirects',
			case: 'credential test against a redirecting Base URL',
			input: 'GET /companies answers 302 to another host',
			expected: 'Error naming the target; nothing sent there',
		},
		async () => {
			const server = await hostile(behaviours.redirect(302, target));
			const result = await testCredential(creds({ baseUrl: server.url }));
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`to http://localhost:${elsewhere.port}`);
			return `"${short(result.message.replace(String(elsewhere.port), '{port}'), 140)}"; ${nothingElsewhere()}`;
		},
	);
	table.check(
		{
			section: 'Redirects',
			case: 'location list (editor) and trigger test event against a redirecting Base URL',
			input: '302 to another host',
			expected: 'errors; nothing sent there',
		},
		async () => {
			const server = await hostile(behaviours.redirect(302, target));
			const listed = await listSearch('searchLocations', { credentials: creds({ baseUrl: server.url }) }).catch(
				(e: Error) => e,
			);
			expect((listed as Error).message).toMatch(/redirect \(HTTP 302\)/);
			const polled = await fetchTestEvent({
				parameters: { locationId: byId('101'), event: 'clientCreated' },
				credentials: creds({ baseUrl: server.url }),
			});
			expect(polled.error?.message).toMatch(/redirect \(HTTP 302\)/);
			return `both failed with the redirect error; ${nothingElsewhere()}`;
		},
	);
	table.check(
		{
			section: 'Redirects',
			case: 'http:// Base URL on a host that is not loopback',
			input: 'http://api.alteg.io/api/v1',
			expected: 'refused before any request, in executions and in the credential test',
		},
		async () => {
			const baseUrl = 'http://api.alteg.io/api/v1';
			const { error } = await run({ parameters: get as never, credentials: creds({ baseUrl }) });
			expect(error?.message).toMatch(/uses http:\/\/.*Use https:\/\//);
			const result = await testCredential(creds({ baseUrl }));
			expect(result.message).toBe(error?.message?.replace(/ \[HTTP.*$/, ''));
			return `"${short(result.message, 160)}"`;
		},
	);
});

describe('deadlines', () => {
	table.check(
		{
			section: 'Deadlines',
			case: 'server trickles one byte every 200 ms: a read',
			input: 'Client > Get, Request Options > Timeout 1000 ms',
			expected: 'each try ends at its deadline; 5 tries, then an error',
		},
		async () => {
			const server = await hostile(behaviours.trickle(200));
			const started = Date.now();
			const { error } = await run({
				parameters: { ...get, requestOptions: { timeout: 1000 } } as never,
				credentials: creds({ baseUrl: server.url }),
			});
			const elapsed = Date.now() - started;
			expect(error?.message).toContain('no answer within the timeout (1 s for the whole answer');
			expect(server.log).toHaveLength(RETRY_POLICY.table.networkFailure.read.tries);
			// 5 tries of 1 s plus short waits; an idle timeout would never end.
			expect(elapsed).toBeLessThan(30_000);
			return `"${short(error?.message, 140)}"; ${server.log.length} tries`;
		},
		60_000,
	);
	table.check(
		{
			section: 'Deadlines',
			case: 'silent server: a write',
			input: 'Client > Create, Timeout 500 ms',
			expected: 'one try, then "may or may not have been saved"',
		},
		async () => {
			const server = await hostile(behaviours.silent());
			const { error } = await run({
				parameters: { ...create, requestOptions: { timeout: 500 } } as never,
				credentials: creds({ baseUrl: server.url }),
			});
			expect(error?.message).toContain('may or may not have been saved');
			expect(server.log).toHaveLength(1);
			return `"${short(error?.message, 160)}"`;
		},
		30_000,
	);
	for (const [label, behaviour] of [
		['trickles one byte every 200 ms', behaviours.trickle(200)],
		['stays silent', behaviours.silent()],
	] as const) {
		table.check(
			{
				section: 'Deadlines',
				case: `credential test: the server ${label}`,
				input: 'Test in the credential dialog',
				expected: 'an answer within 15 s',
			},
			async () => {
				const server = await hostile(behaviour);
				const started = Date.now();
				const result = await testCredential(creds({ baseUrl: server.url }));
				const elapsed = Date.now() - started;
				expect(result.status).toBe('Error');
				expect(elapsed).toBeLessThan(20_000);
				return `"${short(result.message, 120)}"`;
			},
			40_000,
		);
	}
});

describe('answers the node cannot use', () => {
	for (const [label, parameters, data, expected] of [
		['data: null for a record', get, null, 'with data: null where the record was expected'],
		['data: an object for a list (Client > Get Many)', getAll, { id: 1 }, 'with an object as data where a list'],
		['data: null for a list (Comment > Get Many)', comments, null, 'with data: null where a list'],
	] as const) {
		table.check(
			{
				section: 'Unusable answers',
				case: label,
				input: 'HTTP 200 envelope',
				expected: 'an error naming what arrived',
			},
			async () => {
				const server = await hostile(behaviours.json(200, { success: true, data, meta: { total_count: 1 } }));
				const { error, items } = await run({
					parameters: parameters as never,
					credentials: creds({ baseUrl: server.url }),
				});
				expect(items).toHaveLength(0);
				expect(error?.message).toContain(expected);
				return `"${short(error?.message, 140)}"`;
			},
		);
	}
	for (const declare of [false, true]) {
		table.check(
			{
				section: 'Unusable answers',
				case: `a 70 MB answer${declare ? ' (Content-Length declared)' : ' (chunked)'}`,
				input: 'Client > Get',
				expected: 'an error naming the 64 MB cap, not "network error"',
			},
			async () => {
				const server = await hostile(behaviours.huge(70 * 1024 * 1024, declare));
				const { error } = await run({ parameters: get as never, credentials: creds({ baseUrl: server.url }) });
				expect(error?.message).toContain('larger than 64 MB');
				return `"${short(error?.message, 140)}"`;
			},
			60_000,
		);
	}
});

describe('sign-ins', () => {
	table.check(
		{
			section: 'Sign-ins (login and password)',
			case: 'revoked user, 30 items',
			input: '/auth answers 401 to every sign-in; Continue On Fail',
			expected: 'one sign-in, 30 clear errors',
		},
		async () => {
			sandbox.addFault({ path: '/auth', kind: 'status', status: 401, message: 'User is blocked', times: 99 });
			const { items } = await run({
				parameters: get as never,
				input: Array.from({ length: 30 }, () => ({})),
				credentials: passwordCreds(),
				continueOnFail: true,
			});
			await settle(sandbox);
			const signIns = sandbox.requests.filter((r) => r.path === '/auth').length;
			expect(items.map(itemError).filter(Boolean)).toHaveLength(30);
			expect(signIns).toBeLessThanOrEqual(1);
			return `${signIns} sign-in; "${short(itemError(items[29]), 120)}"`;
		},
	);
	table.check(
		{
			section: 'Sign-ins (login and password)',
			case: 'a 401 right after a fresh sign-in, 10 items',
			input: '/auth issues a token that every other request refuses',
			expected: 'at most two sign-ins; a clear error',
		},
		async () => {
			const server = await hostile(
				behaviours.route({
					'/auth': behaviours.json(201, { success: true, data: { user_token: 'issued-but-refused' }, meta: [] }),
					default: behaviours.json(401, { success: false, data: null, meta: { message: 'Authentication needed.' } }),
				}),
			);
			const { items } = await run({
				parameters: get as never,
				input: Array.from({ length: 10 }, () => ({})),
				credentials: passwordCreds({ baseUrl: server.url }),
				continueOnFail: true,
			});
			const signIns = server.log.filter((r) => r.path === '/auth').length;
			expect(signIns).toBeLessThanOrEqual(2);
			expect(itemError(items[0])).toContain('just issued');
			expect(items.map(itemError).filter(Boolean)).toHaveLength(10);
			const others = server.log.length - signIns;
			return `${signIns} sign-in(s), ${others} other requests; "${short(itemError(items[0]), 140)}"`;
		},
	);
	table.check(
		{
			section: 'Sign-ins (login and password)',
			case: 'HTTP 429 on the sign-in',
			input: '/auth answers 429',
			expected: 'reported as rate limiting, not as bad credentials',
		},
		async () => {
			sandbox.addFault({ path: '/auth', kind: '429', times: 99 });
			const { error } = await run({ parameters: get as never, credentials: passwordCreds() });
			expect(error?.message).toContain('rate limiting');
			expect(error?.message).not.toMatch(/refused|Check the login/);
			const result = await testCredential(passwordCreds());
			expect(result.message).toContain('rate limiting');
			return `execution: "${short(error?.message, 90)}"; credential test: "${short(result.message, 60)}"`;
		},
	);
	table.check(
		{
			section: 'Sign-ins (login and password)',
			case: 'HTTP 429 on the credential test',
			input: 'GET /companies answers 429',
			expected: 'reported as rate limiting',
		},
		async () => {
			sandbox.addFault({ path: '/companies', kind: '429', times: 99 });
			const result = await testCredential(creds());
			expect(result.message).toContain('rate limiting');
			return `"${short(result.message, 120)}"`;
		},
	);
	table.check(
		{
			section: 'Sign-ins (login and password)',
			case: 'stale session, 10 items at 5 per second',
			input: 'the stored session token is refused; n8n signs in and resends',
			expected: 'sign-in and resends within the budget: never more than 5 requests in any second',
		},
		async () => {
			sandbox.seedClients(101, 1);
			const { items, error } = await run({
				parameters: get as never,
				input: Array.from({ length: 10 }, () => ({})),
				credentials: passwordCreds({ sessionToken: 'stale-session', maxRequestsPerSecond: 5 }),
			});
			const times = sandbox.requests.map((r) => r.at).sort((a, b) => a - b);
			let busiest = 0;
			for (let i = 0, j = 0; i < times.length; i++) {
				while (times[i] - times[j] >= 1000) j++;
				busiest = Math.max(busiest, i - j + 1);
			}
			const signIns = sandbox.requests.filter((r) => r.path === '/auth').length;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(10);
			expect(signIns).toBe(1);
			expect(busiest).toBeLessThanOrEqual(5);
			return `${sandbox.requests.length} requests (${signIns} sign-in); busiest second: ${busiest}`;
		},
		30_000,
	);
	table.check(
		{
			section: 'Sign-ins (login and password)',
			case: 'a write resent after signing in again, whose resend loses the connection',
			input: 'stale session; Client > Create; the resend is reset',
			expected: '"may or may not have been saved"',
		},
		async () => {
			sandbox.addFault({ method: 'POST', path: '/clients/101', kind: 'reset', skip: 2 });
			const { error } = await run({
				parameters: create as never,
				credentials: passwordCreds({ sessionToken: 'stale-session' }),
			});
			await settle(sandbox);
			expect(error?.message).toContain('may or may not have been saved');
			return `${sandbox.requests.map((r) => `${r.method} ${r.path}`).join(', ')}; "${short(error?.message, 120)}"`;
		},
	);
});
