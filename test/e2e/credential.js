'use strict';

/**
 * The credential test ("Test" / "Retry" in the credential dialog) in a real n8n.
 *
 * The credential `altegioApi` has no `test` request; the nodes declare `testedBy: 'altegioApiTest'`
 * and `methods.credentialTest.altegioApiTest` (nodes/Altegio/kernel/session/credentialTest.ts). n8n's
 * CredentialsTester uses a credential's own `test` first, else the function a node names in
 * `testedBy`: these checks call n8n's own route, as the editor does, and assert on n8n's answer and
 * on the sandbox's request log (which requests, with which Authorization header).
 *
 * The route, the same on both lines: `POST /rest/credentials/test` (owner session), body
 * `TestCredentialRequestDto` (@n8n/api-types) = { credentials: { id: string (required), name,
 * type, data? } }. The id must be a saved credential the user may read (else 403), so the checks
 * test the two imported credentials: n8n decrypts the saved data only to put back the values the
 * editor sends redacted (CREDENTIAL_BLANKING_VALUE / CREDENTIAL_EMPTY_VALUE, what
 * `GET /rest/credentials/{id}?includeData=true` shows for every `password` field); every other
 * value is tested as sent, so a dialog with a changed token tests the changed token. The answer
 * is { data: { status: 'OK' | 'Error', message } } with HTTP 200 either way.
 */

const assert = require('node:assert/strict');
const { CREDENTIALS, CREDENTIAL_TYPE } = require('./lib/workflows');
const { freePorts } = require('./lib/proc');
const { ACCEPT, BOTH, LOC, SECRETS } = require('./lib/caseKit');

/** Values the checks type in instead of the right ones: distinctive, so an echo is easy to spot. */
const WRONG = {
	partnerToken: 'e2e-wrong-partner-4d19',
	userToken: 'e2e-wrong-user-8b07',
	password: 'e2e-wrong-Passw0rd-3c2a',
};
/** n8n's placeholders for a redacted value (n8n-workflow constants, the same on both lines). */
const BLANK = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';
const EMPTY = '__n8n_EMPTY_VALUE_7b1af746-3729-4c60-9b9b-e08eb29e58da';

const PARTNER = `Bearer ${SECRETS.partnerToken}`;
const SUCCESS = { status: 'OK', message: 'Connection successful!' };

/** The data the dialog holds for each saved credential (what the import stored). */
function dataFor(t, mode, values = {}) {
	const common = {
		baseUrl: t.sb.url,
		partnerToken: SECRETS.partnerToken,
		maxRequestsPerSecond: 50,
		maxRequestsPerMinute: 3000,
	};
	const data =
		mode === 'password'
			? { ...common, authMethod: 'password', login: SECRETS.login, password: SECRETS.password }
			: { ...common, authMethod: 'userToken', userToken: SECRETS.userToken };
	return { ...data, ...values };
}

/** No right or wrong secret in `text`. */
function noSecretIn(t, text, what) {
	t.noSecrets(text);
	for (const [k, v] of Object.entries(WRONG)) assert.ok(!String(text).includes(v), `the typed ${k} appears in ${what}`);
}

/**
 * POST /rest/credentials/test for the saved credential `mode` with `data`; returns n8n's result
 * ({status, message}) and the sandbox requests made meanwhile.
 */
async function testCredential(t, mode, data) {
	const cred = CREDENTIALS[mode];
	const from = t.sb.requests.length;
	const res = await t.n8n.request('POST', '/rest/credentials/test', {
		credentials: { id: cred.id, name: cred.name, type: CREDENTIAL_TYPE, data },
	});
	const calls = t.sb.requests.slice(from);
	assert.equal(res.status, 200, `POST /rest/credentials/test answered ${res.status}: ${res.text.slice(0, 300)}`);
	noSecretIn(t, res.text, "n8n's answer");
	const result = res.json && res.json.data;
	assert.ok(
		result && typeof result.status === 'string' && typeof result.message === 'string',
		`n8n's answer: ${res.text.slice(0, 300)}`,
	);
	return { result, calls };
}

/** `METHOD /path?query (Authorization) → status` per request, to compare whole lists. */
const summarize = (calls) =>
	calls.map((c) => {
		const q = Object.keys(c.query || {}).length ? `?${new URLSearchParams(c.query)}` : '';
		return `${c.method} ${c.path}${q} (${c.headers.authorization || 'no Authorization'}) → ${c.status}`;
	});

function acceptOk(calls) {
	for (const c of calls)
		assert.ok(String(c.headers.accept).includes(ACCEPT), `Accept of ${c.method} ${c.path}: ${c.headers.accept}`);
}

/** The four requests of a good user-token test (`user` the token sent in steps 3 and 4). */
const goodSteps = (user = SECRETS.userToken) => [
	`GET /companies?count=1 (${PARTNER}) → 200`,
	`GET /companies?my=1&count=1 (${PARTNER}, User ${user}) → 200`,
	`POST /company/${LOC}/clients/search (${PARTNER}, User ${user}) → 200`,
];

function assertError(result, re) {
	assert.equal(result.status, 'Error', `status (message: ${result.message})`);
	assert.match(result.message, re);
}

/**
 * Tests the saved credential `mode` with `values` typed over its data: n8n must answer an Error
 * matching `re`. Returns the result and the sandbox requests the test made.
 */
async function testTyped(t, mode, values, re) {
	const { result, calls } = await testCredential(t, mode, dataFor(t, mode, values));
	assertError(result, re);
	return { result, calls };
}

/**
 * Run in order with one shared `t` = {n8n, sb, line, noSecrets}; each is recorded as its own
 * result. They run after the trigger is deactivated (no poll in their request windows) and before
 * the cases (no fault a case left behind).
 */
const credentialChecks = [
	{
		name: 'credential test: user token right → OK (n8n runs the node-level test)',
		async run(t) {
			const { result, calls } = await testCredential(t, 'token', dataFor(t, 'token'));
			assert.deepEqual(result, SUCCESS);
			// three steps, each with its own Authorization: only altegioApiTest makes these requests
			assert.deepEqual(summarize(calls), goodSteps());
			acceptOk(calls);
			assert.deepEqual(calls[2].body, { page: 1, page_size: 1, fields: ['id'] });
		},
	},
	{
		name: 'credential test: login and password right → OK after POST /auth',
		async run(t) {
			const { result, calls } = await testCredential(t, 'password', dataFor(t, 'password'));
			assert.deepEqual(result, SUCCESS);
			assert.deepEqual(summarize(calls), [
				`GET /companies?count=1 (${PARTNER}) → 200`,
				`POST /auth (${PARTNER}) → 201`,
				// the token POST /auth issued (the sandbox issues the suite's user token)
				...goodSteps().slice(1),
			]);
			acceptOk(calls);
			assert.deepEqual(calls[1].body, { login: SECRETS.login, password: SECRETS.password });
		},
	},
	{
		name: 'credential test: saved credentials as the editor sends them (secrets redacted) → OK',
		async run(t) {
			for (const mode of ['token', 'password']) {
				const cred = CREDENTIALS[mode];
				const got = await t.n8n.request('GET', `/rest/credentials/${cred.id}?includeData=true`);
				assert.equal(
					got.status,
					200,
					`GET /rest/credentials/${cred.id} answered ${got.status}: ${got.text.slice(0, 300)}`,
				);
				noSecretIn(t, got.text, `GET /rest/credentials/${cred.id}`);
				const data = got.json.data.data;
				assert.equal(data.partnerToken, BLANK, `${mode}: the editor gets the partner token redacted`);
				assert.equal(
					mode === 'password' ? data.password : data.userToken,
					BLANK,
					`${mode}: the editor gets the ${mode === 'password' ? 'password' : 'user token'} redacted`,
				);
				assert.equal(data.baseUrl, t.sb.url, `${mode}: the Base URL is shown as saved`);
				const { result, calls } = await testCredential(t, mode, data);
				assert.deepEqual(result, SUCCESS, `${mode}: ${result.message}`);
				// n8n put the saved secrets back in before calling the test
				if (mode === 'token') assert.deepEqual(summarize(calls), goodSteps());
				else {
					assert.deepEqual(
						calls.map((c) => `${c.method} ${c.path}`),
						['GET /companies', 'POST /auth', 'GET /companies', `POST /company/${LOC}/clients/search`],
					);
					assert.deepEqual(calls[1].body, { login: SECRETS.login, password: SECRETS.password });
					assert.equal(calls[2].headers.authorization, BOTH);
				}
			}
			assert.ok(
				![BLANK, EMPTY].some((v) =>
					t.sb.requests.some((r) => JSON.stringify(r.headers).includes(v) || JSON.stringify(r.body).includes(v)),
				),
				'no placeholder reached the sandbox',
			);
		},
	},
	{
		name: 'credential test: wrong partner token → Error naming the partner token',
		async run(t) {
			const { result, calls } = await testTyped(
				t,
				'token',
				{ partnerToken: WRONG.partnerToken },
				/^Altegio rejected the partner token \(HTTP 401: Authentication needed\.\)\. Check the partner token\.$/,
			);
			assert.doesNotMatch(result.message, /user token|Base URL/);
			// stopped after step 1: the user token never went out with a wrong partner token
			assert.deepEqual(summarize(calls), [`GET /companies?count=1 (Bearer ${WRONG.partnerToken}) → 401`]);
		},
	},
	{
		name: 'credential test: wrong user token → Error naming the user token',
		async run(t) {
			const { calls } = await testTyped(
				t,
				'token',
				{ userToken: WRONG.userToken },
				new RegExp(
					'^The partner token is valid, but Altegio rejected the user token ' +
						'\\(HTTP 401: Authentication needed\\.\\)\\. Check the user token\\.$',
				),
			);
			assert.deepEqual(summarize(calls), [
				`GET /companies?count=1 (${PARTNER}) → 200`,
				`GET /companies?my=1&count=1 (${PARTNER}, User ${WRONG.userToken}) → 401`,
			]);
		},
	},
	{
		name: 'credential test: wrong Base URL (…/api) → Error naming the Base URL',
		async run(t) {
			const baseUrl = t.sb.url.replace(/\/api\/v1$/, '/api');
			assert.notEqual(baseUrl, t.sb.url);
			const { calls } = await testTyped(
				t,
				'token',
				{ baseUrl },
				new RegExp(
					'^The Base URL does not lead to the Altegio API \\(HTTP 404\\)\\. It should ' +
						'end in \\/api\\/v1, like https:\\/\\/api\\.alteg\\.io\\/api\\/v1\\.$',
				),
			);
			assert.deepEqual(summarize(calls), [`GET /api/companies?count=1 (${PARTNER}) → 404`]);
		},
	},
	{
		name: 'credential test: closed port → Error naming the connection',
		async run(t) {
			const [port] = await freePorts(1); // free a moment ago: nothing listens there
			const { calls } = await testTyped(
				t,
				'token',
				{ baseUrl: `http://127.0.0.1:${port}/api/v1` },
				new RegExp(
					`^Could not connect to 127\\.0\\.0\\.1:${port}: the connection was refused \\(nothing listens at that ` +
						`address and port\\)\\. Check the Base URL and that n8n can reach it\\.$`,
				),
			);
			assert.deepEqual(summarize(calls), [], 'nothing reached the sandbox');
		},
	},
	{
		name: 'credential test: wrong password → Error without the password',
		async run(t) {
			const { result, calls } = await testTyped(
				t,
				'password',
				{ password: WRONG.password },
				/^Altegio refused the sign-in \(HTTP 401: Incorrect login or password\)\. Check the login and the password\.$/,
			);
			assert.ok(
				!result.message.includes(WRONG.password) && !result.message.includes(SECRETS.password),
				'no password in the message',
			);
			assert.deepEqual(summarize(calls), [
				`GET /companies?count=1 (${PARTNER}) → 200`,
				`POST /auth (${PARTNER}) → 401`,
			]);
			assert.deepEqual(calls[1].body, { login: SECRETS.login, password: WRONG.password });
		},
	},
	{
		name: 'credential test: n8n tests the data as sent (unsaved id refused; no data is not the saved data)',
		async run(t) {
			const post = async (credentials) => {
				const from = t.sb.requests.length;
				const res = await t.n8n.request('POST', '/rest/credentials/test', { credentials });
				noSecretIn(t, res.text, "n8n's answer");
				return { res, calls: summarize(t.sb.requests.slice(from)) };
			};
			const what = (r) => `HTTP ${r.res.status}: ${r.res.text.slice(0, 200)}`;
			// an id that is not a saved credential: 403 on both lines, nothing tested
			const unknown = await post({
				id: 'e2eNotSaved0001',
				name: 'not saved',
				type: CREDENTIAL_TYPE,
				data: dataFor(t, 'token'),
			});
			assert.equal(unknown.res.status, 403, `unknown id: ${what(unknown)}`);
			assert.deepEqual(unknown.calls, []);
			// id '' (a credential never saved): 2.x lets the owner test it (instance-credential
			// path, scope credential:manageInstance), 1.x refuses it
			const fresh = await post({ id: '', name: 'new', type: CREDENTIAL_TYPE, data: dataFor(t, 'token') });
			if (t.n8n.major >= 2) {
				assert.equal(fresh.res.status, 200, `id '': ${what(fresh)}`);
				assert.deepEqual(fresh.res.json.data, SUCCESS);
				assert.deepEqual(fresh.calls, goodSteps());
			} else {
				assert.equal(fresh.res.status, 403, `id '': ${what(fresh)}`);
				assert.deepEqual(fresh.calls, []);
			}
			// a saved id without data: n8n does not fall back to the saved data (the test sees {})
			const bare = await post({ id: CREDENTIALS.token.id, name: CREDENTIALS.token.name, type: CREDENTIAL_TYPE });
			assert.equal(bare.res.status, 200, `no data: ${what(bare)}`);
			assert.equal(bare.res.json.data.status, 'Error');
			assert.match(bare.res.json.data.message, /^The Base URL is not a valid http\(s\) URL/);
			assert.deepEqual(bare.calls, []);
		},
	},
];

module.exports = { credentialChecks, WRONG };
