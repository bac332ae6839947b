/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Secrets: every failure path runs with recognisable token, password and session values, the API
 * echoing them back where it can (error texts, HTML pages, broken bodies), and nothing the node
 * produces may contain them: error message and description, the whole error object (cause chain
 * included), output items, the execution data n8n would store, the credential test's message, and
 * everything logged through n8n's LoggerProxy, n8n-core's DI Logger and the console.
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';
import { createServer, type AddressInfo } from 'node:net';

import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { byId, listSearch, testCredential, credentials, passwordLogin } from '../engine/harness';
import { deepText, reliabilitySuite, run, settle, short } from './support';

const PARTNER = 'PARTNER-7f3a9c-SECRET';
const USER = 'USER-b41d2e-SECRET';
const PASSWORD = 'PASSWORD-9e8d-SECRET';
const WRONG_USER = 'WRONGUSER-55aa-SECRET';
const WRONG_PARTNER = 'WRONGPARTNER-66bb-SECRET';
const WRONG_PASSWORD = 'WRONGPASSWORD-77cc-SECRET';
const STALE_SESSION = 'STALESESSION-88dd-SECRET';
const SECRETS = [PARTNER, USER, PASSWORD, WRONG_USER, WRONG_PARTNER, WRONG_PASSWORD, STALE_SESSION];
/** What must not appear: each secret, its distinctive middle (a partial leak), its start and its URL form. */
const NEEDLES = [
	...SECRETS,
	...SECRETS.map((s) => s.split('-')[1]),
	...SECRETS.map((s) => s.slice(0, 6)),
	...SECRETS.map(encodeURIComponent),
];
const ECHO = `token ${USER} rejected for partner ${PARTNER} (Authorization: Bearer ${PARTNER}, User ${USER})`;

let closedPort = 0;

/** Everything logged during a case. */
const logs: unknown[] = [];
const capture = {
	error: (...args: unknown[]) => logs.push(['error', ...args]),
	warn: (...args: unknown[]) => logs.push(['warn', ...args]),
	info: (...args: unknown[]) => logs.push(['info', ...args]),
	debug: (...args: unknown[]) => logs.push(['debug', ...args]),
	verbose: (...args: unknown[]) => logs.push(['verbose', ...args]),
	scoped: () => capture,
};

const { sandbox, table } = reliabilitySuite(
	{
		id: 'secrets',
		title: 'Secrets: no token, password or session token escapes',
		intro:
			`Each case runs a failure path with recognisable secrets (partner token, user token, password, a stale session ` +
			`token, and wrong tokens, which are secrets too), the sandbox echoing them back wherever an API could (error ` +
			`messages, validation details, an HTML page quoting the Authorization header, a broken body). Searched for: ` +
			`${SECRETS.length} secret values, their distinctive middle part (a partial leak) and their URL-encoded ` +
			`form, in the error's message and description, the whole error object with its cause chain, the output ` +
			`items, the execution data n8n would store, the credential test's message, and everything logged ` +
			`through n8n's LoggerProxy, n8n-core's DI Logger and console.*.`,
	},
	'',
	{
		partnerToken: PARTNER,
		userToken: USER,
		login: 'owner@example.com',
		password: PASSWORD,
	},
);

let consoleSpies: jest.SpyInstance[] = [];

beforeAll(async () => {
	useRetryPolicy({ backoffBaseMs: 5 });
	LoggerProxy.init(capture as never);
	Container.set(Logger, capture as never);
	// A port nothing listens on: bind one, note it, close it.
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	closedPort = (server.address() as AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
	logs.length = 0;
	consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
		jest.spyOn(console, m).mockImplementation((...args) => logs.push([`console.${m}`, ...args])),
	);
});
afterEach(() => consoleSpies.forEach((s) => s.mockRestore()));

/** The suite's own (distinctive) tokens over the harness's credentials. */
const creds = (values: IDataObject = {}) => credentials(sandbox, { partnerToken: PARTNER, userToken: USER, ...values });

/** A Base URL on the port nothing listens on. */
const closedUrl = () => `http://127.0.0.1:${closedPort}/api/v1`;
/** Credential values with `baseUrl: 'closed'` pointed at that port. */
const withClosed = (values: IDataObject) =>
	values.baseUrl === 'closed' ? { ...values, baseUrl: closedUrl() } : values;

/** The closed port changes every run: keep the page stable. */
const stable = (text: string) => text.split(`:${closedPort}`).join(':{closed port}');

/** Fails naming the place where a secret turned up. */
function assertClean(places: Record<string, string>): string {
	let bytes = 0;
	for (const [place, text] of Object.entries(places)) {
		bytes += text.length;
		for (const needle of NEEDLES) {
			if (text.includes(needle))
				throw new Error(
					`secret ${needle} found in ${place}: ` +
						`…${text.slice(Math.max(0, text.indexOf(needle) - 80), text.indexOf(needle) + 40)}…`,
				);
		}
	}
	return (
		`${Object.keys(places).length} places (${logs.length} log entries), ` +
		`~${Math.max(1, Math.round(bytes / 1024))} KB searched, 0 secrets`
	);
}

/** Runs the node and searches everything it produced. */
async function runAndScan(options: Parameters<typeof run>[0]): Promise<{ shown: string; scan: string }> {
	const result = await run(options);
	await settle(sandbox as never);
	const message =
		result.error?.message ?? result.items.map((i) => i.error?.message ?? (i.json as IDataObject).error).find(Boolean);
	const scan = assertClean({
		'error message': String(result.error?.message ?? ''),
		'error description': String(result.error?.description ?? ''),
		'error object': deepText(result.error),
		'output items': deepText(result.items),
		'execution data': deepText(result.run?.data),
		logs: deepText(logs),
	});
	expect(message ?? result.items.length).toBeTruthy();
	return { shown: String(message ?? `${result.items.length} items`), scan };
}

const get = { resource: 'client', operation: 'get', locationId: byId('101'), clientId: byId('1') };
const create = {
	resource: 'client',
	operation: 'create',
	locationId: byId('101'),
	name: 'Secret Keeper',
	phone: '13155550999',
};

const ECHO_FAULTS: Array<{ label: string; fault: IDataObject }> = [
	{
		label: 'HTTP 400 whose message and details echo both tokens',
		fault: {
			kind: 'status',
			status: 400,
			body: {
				success: false,
				data: null,
				meta: { message: ECHO, errors: { token: [USER, PARTNER], auth: { message: ECHO } } },
			},
		},
	},
	{ label: 'HTTP 401 echoing the tokens', fault: { kind: 'status', status: 401, message: ECHO } },
	{
		label: 'HTTP 500 echoing the tokens (retried, then reported)',
		fault: { kind: 'status', status: 500, message: ECHO, times: 99 },
	},
	{ label: '429 storm echoing the tokens', fault: { kind: '429', message: ECHO, times: 99 } },
	{
		label: 'HTML error page quoting the Authorization header',
		fault: { kind: 'html', status: 502, body: `<html><body><pre>${ECHO}</pre></body></html>`, times: 99 },
	},
	{
		label: 'truncated body that held the tokens',
		fault: { kind: 'truncated', body: { success: true, data: { note: ECHO, more: ECHO }, meta: [] }, times: 99 },
	},
	{ label: 'HTTP 200 success: false echoing the tokens', fault: { kind: 'successFalse', message: ECHO } },
	{ label: 'connection reset', fault: { kind: 'reset', times: 99 } },
	{ label: 'empty 204', fault: { kind: 'empty204', times: 99 } },
];

describe('execution failures', () => {
	for (const { label, fault } of ECHO_FAULTS) {
		for (const [what, parameters] of [
			['read (Client > Get)', get],
			['write (Client > Create)', create],
		] as const) {
			for (const continueOnFail of [false, true]) {
				table.check(
					{
						section: 'Node executions: API faults that echo the secrets',
						case: `${label}: ${what}${continueOnFail ? ', Continue On Fail' : ''}`,
						input: `fault ${String(fault.kind)}${fault.status ? ` ${String(fault.status)}` : ''}`,
						expected: 'a clear error; no secret anywhere',
					},
					async () => {
						sandbox.seedClients(101, 1);
						sandbox.addFault(fault);
						const { shown, scan } = await runAndScan({
							parameters: parameters as never,
							credentials: creds(),
							continueOnFail,
						});
						return `"${short(shown, 150)}"; ${scan}`;
					},
				);
			}
		}
	}
});

describe('credentials and network', () => {
	const cases: Array<{ case: string; input: string; go: () => Promise<{ shown: string; scan: string }> }> = [
		{
			case: 'wrong user token (401)',
			input: `userToken ${WRONG_USER.slice(0, 9)}…`,
			go: () => runAndScan({ parameters: get as never, credentials: creds({ userToken: WRONG_USER }) }),
		},
		{
			case: 'wrong partner token (401), the API echoing it',
			input: `partnerToken ${WRONG_PARTNER.slice(0, 12)}…`,
			go: async () => {
				sandbox.addFault({ kind: 'status', status: 401, message: `Unknown partner ${WRONG_PARTNER}` });
				return await runAndScan({ parameters: get as never, credentials: creds({ partnerToken: WRONG_PARTNER }) });
			},
		},
		...(
			[
				['read, retried', get],
				['write', create],
			] as const
		).map(([what, parameters]) => ({
			case: `network failure: connection refused (${what})`,
			input: 'Base URL on a closed port',
			go: () => runAndScan({ parameters: parameters as never, credentials: creds({ baseUrl: closedUrl() }) }),
		})),
		{
			case: 'timeout (write)',
			input: 'server waits 1 s, timeout 200 ms',
			go: async () => {
				sandbox.addFault({ kind: 'delay', delayMs: 1000 });
				return await runAndScan({
					parameters: { ...create, requestOptions: { timeout: 200 } } as never,
					credentials: creds(),
				});
			},
		},
		{
			case: 'login and password: wrong password, the sign-in answer echoing it',
			input: `password ${WRONG_PASSWORD.slice(0, 13)}…`,
			go: async () => {
				sandbox.addFault({
					path: '/auth',
					kind: 'status',
					status: 401,
					message: `Incorrect password ${WRONG_PASSWORD} (partner ${PARTNER})`,
				});
				return await runAndScan({
					parameters: get as never,
					credentials: creds(passwordLogin(WRONG_PASSWORD)),
				});
			},
		},
		{
			case: 'login and password: stale session token, refreshed after a 401 (n8n re-sends with its own error handling)',
			input: `sessionToken ${STALE_SESSION.slice(0, 12)}…, then a failing sign-in that echoes the password`,
			go: async () => {
				sandbox.addFault({ path: '/auth', kind: 'status', status: 500, message: `Sign-in broke for ${PASSWORD}` });
				return await runAndScan({
					parameters: get as never,
					credentials: creds(passwordLogin(PASSWORD, { sessionToken: STALE_SESSION })),
				});
			},
		},
	];
	for (const c of cases) {
		table.check(
			{
				section: 'Node executions: credentials and network',
				case: c.case,
				input: c.input,
				expected: 'a clear error; no secret anywhere',
			},
			async () => {
				const { shown, scan } = await c.go();
				return `"${short(stable(shown), 150)}"; ${scan}`;
			},
		);
	}
});

describe('credential test and lists', () => {
	const credentialCases: Array<{ case: string; values: IDataObject; fault?: IDataObject }> = [
		{
			case: 'wrong partner token, echoed',
			values: { partnerToken: WRONG_PARTNER },
			fault: { path: '/companies', kind: 'status', status: 401, message: `Unknown partner ${WRONG_PARTNER}` },
		},
		{
			case: 'wrong user token, echoed',
			values: { userToken: WRONG_USER },
			fault: {
				path: '/companies',
				match: (r: { query: IDataObject }) => r.query.my === '1',
				kind: 'status',
				status: 401,
				message: `Unknown user ${WRONG_USER} of ${PARTNER}`,
			},
		},
		{
			case: 'wrong password, echoed',
			values: passwordLogin(WRONG_PASSWORD),
			fault: { path: '/auth', kind: 'status', status: 401, message: `Incorrect password ${WRONG_PASSWORD}` },
		},
		{
			case: 'no rights on the client base, echoed',
			values: {},
			fault: { path: '/company/101/clients/search', kind: 'status', status: 403, message: `Access denied for ${USER}` },
		},
		{ case: 'network failure (closed port)', values: { baseUrl: 'closed' } },
		{
			case: 'HTTP 200 success: false, echoed',
			values: {},
			fault: { path: '/companies', kind: 'successFalse', message: ECHO },
		},
	];
	for (const c of credentialCases) {
		table.check(
			{
				section: 'Credential test ("Test" in the credential dialog)',
				case: c.case,
				input: c.fault ? `fault ${String(c.fault.kind)} on ${String(c.fault.path)}` : 'Base URL on a closed port',
				expected: 'an error message; no secret in it or in any log',
			},
			async () => {
				if (c.fault) sandbox.addFault(c.fault);
				const result = await testCredential(creds(withClosed(c.values)));
				expect(result.status).toBe('Error');
				const scan = assertClean({ message: result.message, logs: deepText(logs) });
				return `"${short(stable(result.message), 150)}"; ${scan}`;
			},
		);
	}

	const listCases: Array<{
		case: string;
		method: 'searchLocations' | 'searchClients';
		values: IDataObject;
		fault?: IDataObject;
	}> = [
		{
			case: 'location list, wrong user token echoed',
			method: 'searchLocations',
			values: { userToken: WRONG_USER },
			fault: { path: '/companies', kind: 'status', status: 401, message: `Unknown user ${WRONG_USER}` },
		},
		{ case: 'location list, network failure', method: 'searchLocations', values: { baseUrl: 'closed' } },
		{
			case: 'client list, HTTP 500 echoing the tokens',
			method: 'searchClients',
			values: {},
			fault: { kind: 'status', status: 500, message: ECHO, times: 99 },
		},
	];
	for (const c of listCases) {
		table.check(
			{
				section: 'Lists in the editor (resource locators)',
				case: c.case,
				input: c.fault ? `fault ${String(c.fault.kind)} ${String(c.fault.status)}` : 'Base URL on a closed port',
				expected: 'an error; no secret in it or in any log',
			},
			async () => {
				if (c.fault) sandbox.addFault(c.fault);
				let caught: unknown;
				try {
					await listSearch(c.method, {
						credentials: creds(withClosed(c.values)),
						parameters: { locationId: byId('101') },
					});
				} catch (error) {
					caught = error;
				}
				expect(caught).toBeDefined();
				const scan = assertClean({ error: deepText(caught), logs: deepText(logs) });
				return `"${short(stable((caught as Error).message), 150)}"; ${scan}`;
			},
		);
	}
});

describe('echoed parts, short passwords and ordinary words', () => {
	/** Whether `word` appears as a whole word in `text`. */
	const hasWord = (text: string, word: string) => new RegExp(`(^|[^A-Za-z0-9])${word}($|[^A-Za-z0-9])`).test(text);
	table.check(
		{
			section: 'Echoed parts of secrets, short passwords, ordinary words',
			case: 'Altegio echoes the first 8 characters of the user token',
			input: `HTTP 401 "Token ${USER.slice(0, 8)}… is not valid"`,
			expected: "Altegio's text withheld; no 6-character start of a secret anywhere",
		},
		async () => {
			sandbox.seedClients(101, 1);
			sandbox.addFault({ kind: 'status', status: 401, message: `Token ${USER.slice(0, 8)}... is not valid` });
			const { shown, scan } = await runAndScan({ parameters: get as never, credentials: creds() });
			expect(shown).toContain('withheld');
			return `"${short(shown, 120)}"; ${scan}`;
		},
	);
	for (const [label, password, message] of [
		['a 3-character password', 'abc', 'Wrong password abc for this login'],
		['a password that is an ordinary word', 'found', 'Client not found'],
	] as const) {
		table.check(
			{
				section: 'Echoed parts of secrets, short passwords, ordinary words',
				case: `${label}, in Altegio's text`,
				input: `password "${password}"; HTTP 404 "${message}"`,
				expected: 'the text withheld whole: no [redacted] marking where the password was, the word nowhere',
			},
			async () => {
				sandbox.seedClients(101, 1);
				sandbox.addFault({ kind: 'status', status: 404, message });
				// A session already stored: no sign-in, the password only has to stay out of the messages.
				const result = await run({
					parameters: get as never,
					credentials: creds(passwordLogin(password, { sessionToken: USER })),
				});
				const text = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
				expect(result.error?.message).toContain('withheld');
				expect(text).not.toContain('[redacted]');
				expect(hasWord(text, password)).toBe(false);
				expect(hasWord(deepText(result.error), password)).toBe(false);
				return `"${short(result.error?.message, 120)}"`;
			},
		);
	}
});
