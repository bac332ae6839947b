/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
import { byId, listSearch, runNode, testCredential, credentials, sandboxSuite, PARTNER, USER } from './harness';

const { sandbox } = sandboxSuite('', 101, {
	login: 'owner@example.com',
	password: 'pw-Secret-1',
	twoFactorLogin: 'twofa@example.com',
});

const passwordMode = (values: Record<string, string> = {}) =>
	credentials(sandbox, {
		authMethod: 'password',
		userToken: '',
		login: 'owner@example.com',
		password: 'pw-Secret-1',
		...values,
	});

describe('credential test request', () => {
	test('passes with both right tokens: partner token alone, then both, then one client read', async () => {
		const result = await testCredential(credentials(sandbox));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization, r.status])).toEqual([
			['GET', '/companies', { count: '1' }, `Bearer ${PARTNER}`, 200],
			['GET', '/companies', { my: '1', count: '1' }, `Bearer ${PARTNER}, User ${USER}`, 200],
			['POST', '/company/101/clients/search', {}, `Bearer ${PARTNER}, User ${USER}`, 200],
		]);
	});

	test('fails for a wrong partner token', async () => {
		const result = await testCredential(credentials(sandbox, { partnerToken: 'wrong-partner' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/401/);
	});

	test('fails for a wrong user token', async () => {
		const result = await testCredential(credentials(sandbox, { userToken: 'wrong-user' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/401/);
	});

	test('fails on HTTP 200 with success: false', async () => {
		sandbox.addFault({ path: '/companies', kind: 'successFalse', times: 1 });
		const result = await testCredential(credentials(sandbox));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining('success: false') });
	});

	test('fails for a base URL that does not end in /api/v1', async () => {
		const result = await testCredential(credentials(sandbox, { baseUrl: sandbox.url.replace('/api/v1', '/api') }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Base URL/);
	});

	test('password mode signs in with POST /auth (partner token only) and uses the user token it gets', async () => {
		const creds = passwordMode();
		const result = await testCredential(creds);
		expect(result.status).toBe('OK');
		const auth = sandbox.requests.find((r) => r.path === '/auth')!;
		expect(auth.method).toBe('POST');
		expect(auth.headers.authorization).toBe(`Bearer ${PARTNER}`);
		expect(auth.body).toEqual({ login: 'owner@example.com', password: 'pw-Secret-1' });
		const companies = sandbox.requests.find((r) => r.path === '/companies' && r.query.my === '1')!;
		expect(companies.headers.authorization).toBe(`Bearer ${PARTNER}, User ${USER}`);
	});

	test('password mode: a wrong password fails with a clear message that holds no secret', async () => {
		const result = await testCredential(passwordMode({ password: 'wrong-Password-9' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the sign-in/);
		expect(result.message).not.toContain('wrong-Password-9');
		expect(result.message).not.toContain(PARTNER);
	});

	test('password mode: a login that needs a second factor is explained', async () => {
		const result = await testCredential(passwordMode({ login: 'twofa@example.com' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/two-factor/);
	});
});

describe('password mode in executions', () => {
	test('signs in once, stores the token, and every request carries it', async () => {
		const [client] = sandbox.seedClients(101, 1);
		const creds = passwordMode();
		for (let i = 0; i < 2; i++) {
			const { items, error } = await runNode({
				parameters: {
					resource: 'client',
					operation: 'get',
					locationId: byId('101'),
					clientId: byId(String(client.id)),
				},
				credentials: creds,
			});
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(client.id);
		}
		expect(sandbox.requests.filter((r) => r.path === '/auth')).toHaveLength(1);
		expect(creds.data.sessionToken).toBe(USER);
		for (const r of sandbox.requests.filter((r) => r.path !== '/auth')) {
			expect(r.headers.authorization).toBe(`Bearer ${PARTNER}, User ${USER}`);
		}
	});

	test('a stale stored token (password changed) is replaced after a 401, and the request repeated', async () => {
		const [client] = sandbox.seedClients(101, 1);
		const creds = passwordMode({ sessionToken: 'stale-token' });
		const { items, error } = await runNode({
			parameters: { resource: 'client', operation: 'get', locationId: byId('101'), clientId: byId(String(client.id)) },
			credentials: creds,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(client.id);
		// Our 401, n8n's own resend that triggers its sign-in, the sign-in, the successful resend.
		expect(sandbox.requests.map((r) => [r.path.startsWith('/client/') ? 'get' : r.path, r.status])).toEqual([
			['get', 401],
			['get', 401],
			['/auth', 201],
			['get', 200],
		]);
		expect(creds.data.sessionToken).toBe(USER);
	});
});

describe('location list', () => {
	test('lists the locations the user manages, searchable by name', async () => {
		const all = await listSearch('searchLocations', { credentials: credentials(sandbox) });
		expect(all.results.map((r) => r.value).sort()).toEqual(['101', '102']);
		expect(all.results.every((r) => typeof r.name === 'string' && r.name.length > 0)).toBe(true);
		const request = sandbox.requests[0];
		expect(request.query).toMatchObject({ my: '1', page: '1' });
		const spa = await listSearch('searchLocations', { credentials: credentials(sandbox), filter: 'spa' });
		expect(spa.results.map((r) => r.value)).toEqual(['102']);
	});

	test("a wrong token gives Altegio's message in the list", async () => {
		await expect(
			listSearch('searchLocations', { credentials: credentials(sandbox, { userToken: 'nope' }) }),
		).rejects.toThrow(/Authentication needed/);
	});
});

describe('client list', () => {
	test('searches the chosen location by name or phone and pages on', async () => {
		const clients = sandbox.seedClients(101, 60);
		const parameters = { locationId: byId('101') };
		const first = await listSearch('searchClients', { credentials: credentials(sandbox), parameters });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('searchClients', {
			credentials: credentials(sandbox),
			parameters,
			paginationToken: '2',
		});
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		const found = await listSearch('searchClients', {
			credentials: credentials(sandbox),
			parameters,
			filter: String(clients[5].phone),
		});
		expect(found.results.map((r) => r.value)).toEqual([String(clients[5].id)]);
		expect(found.results[0].name).toContain(String(clients[5].phone));
	});

	test('asks for a location first', async () => {
		await expect(listSearch('searchClients', { credentials: credentials(sandbox), parameters: {} })).rejects.toThrow(
			/location first/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});
