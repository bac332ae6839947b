/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The credential test tells apart what can be wrong with a credential: the partner token, the user
 * token (or login and password), the Base URL, the network. It runs as n8n's CLI runs a node-level
 * credential test (`testedBy`, see nodes/Altegio/kernel/session/credentialTest.ts for the steps).
 */
import type { IDataObject } from 'n8n-workflow';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

import { testCredential, credentials, PARTNER, USER } from '../engine/harness';
import { reliabilitySuite } from './support';

let closedPort = 0;
const notAltegio = createHttpServer((_req, res) => {
	res.writeHead(200, { 'content-type': 'text/html' });
	res.end('<html><body>Welcome to our salon!</body></html>');
});
let notAltegioUrl = '';

const { sandbox, table } = reliabilitySuite(
	{
		id: 'credential',
		title: 'Credential test: which part of the credential is wrong',
		intro:
			'The "Test" button of the credential dialog, run as n8n\'s CLI runs a node-level credential test (`testedBy: ' +
			"'altegioApiTest'` on the nodes; the credential has no `test` request, which n8n would use first). It checks " +
			'in steps: (1) `GET /companies?count=1` with the partner token alone (a partner-only endpoint: Base URL and ' +
			'partner token); (2) for login and password, `POST /auth`; (3) `GET /companies?my=1&count=1` with both ' +
			'tokens (the user token); (4) `POST /company/{id}/clients/search` for one client of the first location ' +
			"(the user's right to read clients; the reference leaves open whether step 3 checks the user token at " +
			'all). "Requests" lists what the sandbox received.',
	},
	'',
	{
		login: 'owner@example.com',
		password: 'pw-Secret-1',
		twoFactorLogin: 'twofa@example.com',
	},
);

beforeAll(async () => {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	closedPort = (server.address() as AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await new Promise<void>((resolve) => notAltegio.listen(0, '127.0.0.1', resolve));
	notAltegioUrl = `http://127.0.0.1:${(notAltegio.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => notAltegio.close(() => resolve()));
});

const stable = (text: string) =>
	text.split(`:${closedPort}`).join(':{closed port}').split(notAltegioUrl.replace('/api/v1', '')).join('{web page}');
const requests = () =>
	sandbox.requests.length
		? sandbox.requests
				.map((r) => {
					const auth = String(r.headers.authorization ?? '');
					const who = auth.includes(', User ') ? 'both tokens' : auth ? 'partner token' : 'no token';
					const query = Object.keys(r.query).length
						? `?${new URLSearchParams(r.query as Record<string, string>).toString()}`
						: '';
					return `${r.method} ${r.path}${query} (${who}) → ${r.status}`;
				})
				.join('; ')
		: 'none';
const passwordMode = (values: IDataObject = {}) => ({
	authMethod: 'password',
	userToken: '',
	login: 'owner@example.com',
	password: 'pw-Secret-1',
	...values,
});

/** The messages of the four failures the issue names, to check they differ. */
const distinct: Record<string, string> = {};

interface CredentialCase {
	case: string;
	input: string;
	values?: IDataObject | (() => IDataObject);
	fault?: IDataObject;
	ok?: boolean;
	message?: RegExp;
	requests: string[];
	key?: string;
}

const CASES: CredentialCase[] = [
	{
		case: 'both tokens right',
		input: 'valid partner and user token',
		ok: true,
		requests: ['GET /companies', 'GET /companies', 'POST /company/101/clients/search'],
	},
	{
		case: 'wrong partner token',
		input: 'partner token "wrong-partner"',
		values: { partnerToken: 'wrong-partner' },
		message: /^Altegio rejected the partner token \(HTTP 401: Authentication needed\.\)\. Check the partner token\.$/,
		requests: ['GET /companies'],
		key: 'partner',
	},
	{
		case: 'wrong user token',
		input: 'user token "wrong-user"',
		values: { userToken: 'wrong-user' },
		message: new RegExp(
			'^The partner token is valid, but Altegio rejected the user token ' +
				'\\(HTTP 401: Authentication needed\\.\\)\\. Check the user token\\.$',
		),
		requests: ['GET /companies', 'GET /companies'],
		key: 'user',
	},
	{
		case: 'wrong user token that the location list does not check',
		input: 'user token "wrong-user"; /companies?my=1 answers 200 anyway (the reference leaves this open)',
		values: { userToken: 'wrong-user' },
		fault: {
			path: '/companies',
			match: (r: { query: IDataObject }) => r.query.my === '1',
			kind: 'status',
			status: 200,
			body: { success: true, data: [{ id: 101, title: 'Demo Salon Downtown' }], meta: { total_count: 1 } },
		},
		message: /^The partner token is valid, but Altegio rejected the user token \(HTTP 401: Authentication needed\.\)/,
		requests: ['GET /companies', 'GET /companies', 'POST /company/101/clients/search'],
	},
	{
		case: 'user token empty',
		input: 'no user token',
		values: { userToken: '' },
		message: /^The partner token is valid\. Enter the user token too/,
		requests: ['GET /companies'],
	},
	{
		case: 'wrong Base URL: a path that is not the API',
		input: 'Base URL …/api instead of …/api/v1',
		values: () => ({ baseUrl: sandbox.url.replace('/api/v1', '/api') }),
		message: /^The Base URL does not lead to the Altegio API \(HTTP 404\)\. It should end in \/api\/v1/,
		requests: ['GET /api/companies'],
		key: 'baseUrl',
	},
	{
		case: 'wrong Base URL: a web site, not the API',
		input: 'Base URL of a server answering an HTML page',
		values: () => ({ baseUrl: notAltegioUrl }),
		message: /^The Base URL does not lead to the Altegio API \(HTTP 200, not an Altegio answer\)/,
		requests: [],
	},
	{
		case: 'wrong Base URL: not a URL',
		input: 'Base URL "api.alteg.io/api/v1" (no scheme)',
		values: { baseUrl: 'api.alteg.io/api/v1' },
		message: /^The Base URL is not a valid http\(s\) URL/,
		requests: [],
	},
	{
		case: 'network failure',
		input: 'Base URL on a closed port',
		values: () => ({ baseUrl: `http://127.0.0.1:${closedPort}/api/v1` }),
		message: new RegExp(
			'^Could not connect to 127\\.0\\.0\\.1:\\d+: the connection was refused \\(nothing ' +
				'listens at that address and port\\)\\. Check the Base URL and that n8n can reach it\\.$',
		),
		requests: [],
		key: 'network',
	},
	{
		case: 'the user may not read clients',
		input: 'client search answers 403',
		fault: { path: '/company/101/clients/search', kind: 'status', status: 403, message: 'Access denied.' },
		message: new RegExp(
			'^Both tokens are valid, but this user may not read the clients of ' +
				'Demo Salon Downtown \\(101\\) \\(HTTP 403: Access denied\\.\\)',
		),
		requests: ['GET /companies', 'GET /companies', 'POST /company/101/clients/search'],
	},
	{
		case: 'login and password right',
		input: 'login and password mode',
		values: passwordMode(),
		ok: true,
		requests: ['GET /companies', 'POST /auth', 'GET /companies', 'POST /company/101/clients/search'],
	},
	{
		case: 'login and password: wrong password',
		input: 'password "wrong-password"',
		values: passwordMode({ password: 'wrong-password' }),
		message:
			/^Altegio refused the sign-in \(HTTP 401: Incorrect login or password\)\. Check the login and the password\.$/,
		requests: ['GET /companies', 'POST /auth'],
	},
	{
		case: 'login and password: wrong partner token',
		input: 'password mode, partner token "wrong-partner"',
		values: passwordMode({ partnerToken: 'wrong-partner' }),
		message: /^Altegio rejected the partner token/,
		requests: ['GET /companies'],
	},
	{
		case: 'login and password: two-factor login',
		input: 'a login that needs a second factor',
		values: passwordMode({ login: 'twofa@example.com' }),
		message: /two-factor authentication/,
		requests: ['GET /companies', 'POST /auth'],
	},
	{
		case: 'HTTP 200 with success: false',
		input: 'the first request answers success: false',
		fault: { path: '/companies', kind: 'successFalse', message: 'Partner blocked' },
		message: /^Altegio answered success: false for the partner token \(HTTP 200: Partner blocked\)/,
		requests: ['GET /companies'],
	},
];

describe('credential test', () => {
	for (const c of CASES) {
		table.check(
			{
				section: '',
				case: c.case,
				input: c.input,
				expected: c.ok
					? `OK; requests: ${c.requests.join(', ')}`
					: `Error "${c.message?.source.replace(/^\^|\$$/g, '').replace(/\\/g, '')}"; requests: ` +
						`${c.requests.join(', ') || 'none'}`,
			},
			async () => {
				if (c.fault) sandbox.addFault(c.fault);
				const values = typeof c.values === 'function' ? c.values() : (c.values ?? {});
				const result = await testCredential(credentials(sandbox, values));
				if (c.ok) expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
				else {
					expect(result.status).toBe('Error');
					expect(result.message).toMatch(c.message!);
				}
				expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(c.requests);
				if (c.key) distinct[c.key] = result.message;
				return `${result.status}: "${stable(result.message)}"; requests: ${requests()}`;
			},
		);
	}

	table.check(
		{
			section: '',
			case: 'the four failures the issue names have four different messages',
			input: 'wrong partner token, wrong user token, wrong Base URL, network failure (the rows above)',
			expected: 'four distinct messages, each naming its cause',
		},
		async () => {
			expect(Object.keys(distinct).sort()).toEqual(['baseUrl', 'network', 'partner', 'user']);
			expect(new Set(Object.values(distinct)).size).toBe(4);
			expect(distinct.partner).toMatch(/partner token/);
			expect(distinct.partner).not.toMatch(/user token/);
			expect(distinct.user).toMatch(/partner token is valid.*user token/);
			expect(distinct.baseUrl).toMatch(/Base URL/);
			expect(distinct.network).toMatch(/Could not connect/);
			return Object.entries(distinct)
				.map(([key, message]) => `${key}: "${stable(message).slice(0, 70)}…"`)
				.join('; ');
		},
	);

	table.check(
		{
			section: '',
			case: 'the tokens sent in each step',
			input: 'both tokens right',
			expected: 'step 1 carries the partner token alone; steps 3–4 carry both',
		},
		async () => {
			await testCredential(credentials(sandbox));
			expect(sandbox.requests.map((r) => r.headers.authorization)).toEqual([
				`Bearer ${PARTNER}`,
				`Bearer ${PARTNER}, User ${USER}`,
				`Bearer ${PARTNER}, User ${USER}`,
			]);
			return requests();
		},
	);
});
