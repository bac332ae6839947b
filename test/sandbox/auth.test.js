'use strict';

const { request } = require('undici');
const { createSandbox } = require('./index');
const { makeApi, sandboxFor, ACCEPT } = require('./helpers');

describe('sandbox: transport, auth, locations, /auth, /companies', () => {
	let sb;
	let url;
	let api;

	sandboxFor((s) => ({ sb, url, api } = s), { options: { seed: { clients: 3 } } });

	test('start() gives the credential base URL', () => {
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
		expect(sb.url).toBe(url);
		expect(typeof sb.port).toBe('number');
	});

	test('correct partner + user token is accepted', async () => {
		const res = await api('GET', '/client/101/1');
		expect(res.status).toBe(200);
		expect(res.json.success).toBe(true);
	});

	test.each([
		['wrong partner token', 'Bearer nope, User user-token'],
		['wrong user token', 'Bearer partner-token, User nope'],
		['partner token only', 'Bearer partner-token'],
		['no space after comma', 'Bearer partner-token,User user-token'],
		['two spaces', 'Bearer partner-token,  User user-token'],
		['lowercase bearer', 'bearer partner-token, User user-token'],
		['two spaces after Bearer', 'Bearer  partner-token, User user-token'],
		['tokens swapped', 'Bearer user-token, User partner-token'],
	])('client endpoint rejects %s with 401', async (_label, authorization) => {
		const res = await api('GET', '/client/101/1', { headers: { authorization } });
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ success: false, data: null, meta: { message: 'Authentication needed.' } });
	});

	test('missing Authorization header → 401', async () => {
		const res = await api('GET', '/client/101/1', { headers: { authorization: null } });
		expect(res.status).toBe(401);
	});

	test('missing or wrong Accept header → 400; charset suffix and lists are fine', async () => {
		const missing = await api('GET', '/client/101/1', { headers: { accept: null } });
		expect(missing.status).toBe(400);
		expect(missing.json).toEqual({
			success: false,
			data: null,
			meta: { message: 'Accept header application/vnd.api.v2+json is required' },
		});
		const json = await api('GET', '/client/101/1', { headers: { accept: 'application/json' } });
		expect(json.status).toBe(400);
		const yclients = await api('GET', '/client/101/1', { headers: { accept: 'application/vnd.yclients.v2+json' } });
		expect(yclients.status).toBe(400);
		const charset = await api('GET', '/client/101/1', { headers: { accept: `${ACCEPT}; charset=utf-8` } });
		expect(charset.status).toBe(200);
		const list = await api('GET', '/client/101/1', { headers: { accept: `application/json, ${ACCEPT}` } });
		expect(list.status).toBe(200);
	});

	test('location checks: 103 → 403 Access denied., unknown → 404', async () => {
		const denied = await api('GET', '/clients/103');
		expect(denied.status).toBe(403);
		expect(denied.json).toEqual({ success: false, data: null, meta: { message: 'Access denied.' } });
		const unknown = await api('POST', '/company/999/clients/search', { body: {} });
		expect(unknown.status).toBe(404);
		expect(unknown.json.success).toBe(false);
		expect(typeof unknown.json.meta.message).toBe('string');
	});

	test('unknown routes, non-numeric ids, paths outside /api/v1 → 404 Not found', async () => {
		for (const path of [
			'/nope',
			'/client/101/abc',
			'/client/abc/1',
			'/client/101/1/',
			'/clients/101/clients/1/comments/x',
		]) {
			const res = await api('GET', path);
			expect(res.status).toBe(404);
			expect(res.json).toEqual({ success: false, data: null, meta: { message: 'Not found' } });
		}
		const wrongMethod = await api('PATCH', '/client/101/1', { body: { name: 'x' } });
		expect(wrongMethod.status).toBe(404);
		const res = await request(url.replace('/api/v1', '/api/v2/client/101/1'), { headers: { accept: ACCEPT } });
		expect(res.statusCode).toBe(404);
		await res.body.text();
	});

	test('malformed JSON body → 400 (and logged raw)', async () => {
		const res = await api('POST', '/clients/101', { rawBody: '{"name": "x", ' });
		expect(res.status).toBe(400);
		expect(res.json.success).toBe(false);
		const entry = sb.requests[sb.requests.length - 1];
		expect(entry.body).toBe('{"name": "x", ');
		expect(entry.status).toBe(400);
	});

	describe('POST /auth', () => {
		const partnerOnly = { authorization: 'Bearer partner-token' };

		test('right login/password → 201 with user_token, meta []', async () => {
			const res = await api('POST', '/auth', {
				headers: partnerOnly,
				body: { login: 'owner@example.com', password: 'secret-password' },
			});
			expect(res.status).toBe(201);
			expect(res.json.meta).toEqual([]);
			expect(res.json.data).toMatchObject({
				user_token: 'user-token',
				login: 'owner@example.com',
				is_approved: true,
				is_email_confirmed: false,
			});
			expect(typeof res.json.data.id).toBe('number');
		});

		test('a ", User x" suffix on the partner header is tolerated', async () => {
			const res = await api('POST', '/auth', {
				headers: { authorization: 'Bearer partner-token, User whatever' },
				body: { login: 'owner@example.com', password: 'secret-password' },
			});
			expect(res.status).toBe(201);
		});

		test('wrong partner token → 401 Authentication needed.', async () => {
			const res = await api('POST', '/auth', {
				headers: { authorization: 'Bearer wrong' },
				body: { login: 'owner@example.com', password: 'secret-password' },
			});
			expect(res.status).toBe(401);
			expect(res.json.meta.message).toBe('Authentication needed.');
		});

		test('wrong password / unknown login → 401 with a message', async () => {
			for (const body of [
				{ login: 'owner@example.com', password: 'nope' },
				{ login: 'someone@example.com', password: 'secret-password' },
				{ login: 'twofa@example.com', password: 'nope' },
			]) {
				const res = await api('POST', '/auth', { headers: partnerOnly, body });
				expect(res.status).toBe(401);
				expect(res.json).toEqual({ success: false, data: null, meta: { message: 'Incorrect login or password' } });
			}
		});

		test('missing fields → 422', async () => {
			const res = await api('POST', '/auth', { headers: partnerOnly, body: { login: 'owner@example.com' } });
			expect(res.status).toBe(422);
			expect(res.json.meta.errors).toEqual(['password is required']);
		});

		test('two-factor login → 200 with uuid and no user_token', async () => {
			const res = await api('POST', '/auth', {
				headers: partnerOnly,
				body: { login: 'twofa@example.com', password: 'secret-password' },
			});
			expect(res.status).toBe(200);
			expect(res.json.success).toBe(true);
			expect(typeof res.json.data.uuid).toBe('string');
			expect(res.json.data.user_token).toBeUndefined();
			expect(res.json.meta).toEqual([]);
		});
	});

	describe('GET /companies', () => {
		test('partner token alone lists every location, ids are numbers', async () => {
			const res = await api('GET', '/companies', { headers: { authorization: 'Bearer partner-token' } });
			expect(res.status).toBe(200);
			expect(res.json.data.map((l) => l.id)).toEqual([101, 102, 103]);
			// The description's schema and example: meta is an empty array, no total count.
			expect(res.json.meta).toEqual([]);
			const loc = res.json.data[0];
			expect(loc).toMatchObject({
				id: 101,
				title: 'Demo Salon Downtown',
				active: 1,
				timezone_name: 'America/New_York',
			});
			for (const k of ['public_title', 'city', 'address', 'phone']) expect(loc).toHaveProperty(k);
			expect(loc).not.toHaveProperty('manageable');
		});

		test('without my=1 a wrong user token is ignored', async () => {
			const res = await api('GET', '/companies', { headers: { authorization: 'Bearer partner-token, User wrong' } });
			expect(res.status).toBe(200);
		});

		test('my=1 needs the right user token and lists only manageable locations', async () => {
			const both = await api('GET', '/companies?my=1');
			expect(both.status).toBe(200);
			expect(both.json.data.map((l) => l.id)).toEqual([101, 102]);
			expect(both.json.meta).toEqual([]);
			const noUser = await api('GET', '/companies?my=1', { headers: { authorization: 'Bearer partner-token' } });
			expect(noUser.status).toBe(401);
			const wrongUser = await api('GET', '/companies?my=1', {
				headers: { authorization: 'Bearer partner-token, User wrong' },
			});
			expect(wrongUser.status).toBe(401);
			const wrongPartner = await api('GET', '/companies', { headers: { authorization: 'Bearer wrong' } });
			expect(wrongPartner.status).toBe(401);
		});

		test('count/page paging (1-based), count over 300 rejected', async () => {
			const p1 = await api('GET', '/companies?count=2&page=1');
			const p2 = await api('GET', '/companies?count=2&page=2');
			expect(p1.json.data.map((l) => l.id)).toEqual([101, 102]);
			expect(p2.json.data.map((l) => l.id)).toEqual([103]);
			expect(p2.json.meta).toEqual([]);
			const big = await api('GET', '/companies?count=301');
			expect(big.status).toBe(422);
			expect(big.json.meta.message).toMatch(/count/);
		});
	});

	test('custom tokens and custom locations', async () => {
		const other = createSandbox({
			partnerToken: 'P',
			userToken: 'U',
			seed: {
				locations: [
					{ id: 500, title: 'Solo' },
					{ id: 501, title: 'Foreign', manageable: false },
				],
			},
		});
		const { url: u2 } = await other.start(0);
		try {
			const call = makeApi(u2, { partnerToken: 'P', userToken: 'U' });
			const res = await call('GET', '/companies?my=1');
			expect(res.json.data.map((l) => l.id)).toEqual([500]);
			expect((await call('GET', '/clients/501')).status).toBe(403);
			expect((await call('GET', '/clients/101')).status).toBe(404);
			expect((await makeApi(u2)('GET', '/clients/500')).status).toBe(401);
		} finally {
			await other.stop();
		}
	});
});
