'use strict';

const { createSandbox } = require('./index');
const { sandboxFor, makeApi } = require('./helpers');
const { sleep } = require('./util');

async function withSandbox(opts, fn) {
	const sb = createSandbox(opts);
	const { url } = await sb.start(0);
	try {
		await fn(sb, makeApi(url));
	} finally {
		await sb.stop();
	}
}

describe('sandbox: rate limit', () => {
	test('no limit by default', async () => {
		await withSandbox({}, async (sb, api) => {
			const res = await Promise.all(Array.from({ length: 30 }, () => api('GET', '/companies?my=1')));
			expect(res.every((r) => r.status === 200)).toBe(true);
		});
	});

	/** The limiter's clock, set by the test: requests arrive when the test says, however slow the machine. */
	const clock = { ms: 0, now: () => clock.ms };
	beforeEach(() => (clock.ms = 0));

	test('per-second window: the 6th request in the window gets 429 without Retry-After; it slides', async () => {
		await withSandbox({ rateLimit: { perSecond: 5, perMinute: 200, now: clock.now } }, async (sb, api) => {
			const statuses = [];
			for (let i = 0; i < 6; i++) statuses.push((await api('GET', '/companies?my=1')).status);
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
			clock.ms = 999;
			const last = await api('GET', '/companies?my=1');
			expect(last.status).toBe(429);
			expect(last.json).toEqual({ success: false, data: null, meta: { message: 'Too many requests' } });
			expect(last.headers['retry-after']).toBeUndefined();
			clock.ms = 1000;
			expect((await api('GET', '/companies?my=1')).status).toBe(200);
			expect(sb.requests.filter((r) => r.status === 429)).toHaveLength(2);
		});
	});

	test('parallel burst: exactly perSecond requests pass', async () => {
		await withSandbox({ rateLimit: { perSecond: 5, perMinute: 200, now: clock.now } }, async (sb, api) => {
			const res = await Promise.all(Array.from({ length: 12 }, () => api('GET', '/companies?my=1')));
			expect(res.filter((r) => r.status === 200)).toHaveLength(5);
			expect(res.filter((r) => r.status === 429)).toHaveLength(7);
		});
	});

	test('per-minute window counts accepted requests only; retryAfter adds the header', async () => {
		// minute window = 60000 * 0.01 = 600 ms
		await withSandbox(
			{ rateLimit: { perSecond: null, perMinute: 3, windowScale: 0.01, retryAfter: 2, now: clock.now } },
			async (sb, api) => {
				for (let i = 0; i < 3; i++) expect((await api('GET', '/companies?my=1')).status).toBe(200);
				clock.ms = 250;
				const limited = await api('GET', '/companies?my=1');
				expect(limited.status).toBe(429);
				expect(limited.headers['retry-after']).toBe('2');
				// 600 ms after the first three: they left the window; the rejected one never entered it
				clock.ms = 600;
				expect((await api('GET', '/companies?my=1')).status).toBe(200);
			},
		);
	});

	test('requests rejected for auth still count (they reached the server)', async () => {
		await withSandbox({ rateLimit: { perSecond: 2, now: clock.now } }, async (sb, api) => {
			const bad = makeApi(sb.url, { partnerToken: 'wrong' });
			expect((await bad('GET', '/client/101/1')).status).toBe(401);
			expect((await bad('GET', '/client/101/1')).status).toBe(401);
			expect((await api('GET', '/companies')).status).toBe(429);
		});
	});

	test('without a clock of its own the limiter counts real time (arrival)', async () => {
		await withSandbox({ rateLimit: { perSecond: 1, windowScale: 0.05 } }, async (sb, api) => {
			expect((await api('GET', '/companies?my=1')).status).toBe(200);
			// 50 ms window: after 60 ms it has slid, however slow the machine (slower only means later).
			await sleep(60);
			expect((await api('GET', '/companies?my=1')).status).toBe(200);
		});
	});
});

describe('sandbox: faults', () => {
	let sb;
	let api;

	sandboxFor((s) => ({ sb, api } = s));

	const create = (phone = '13155550100') => api('POST', '/clients/101', { body: { name: 'F', phone } });

	test("'status' answers the status with the error envelope, once", async () => {
		sb.addFault({ path: '/clients/101', kind: 'status', status: 503 });
		const res = await create();
		expect(res.status).toBe(503);
		expect(res.json).toEqual({ success: false, data: null, meta: { message: 'Service Unavailable' } });
		expect(sb.state.clients).toHaveLength(0);
		expect((await create()).status).toBe(201);
		expect(sb.faults).toHaveLength(0);
	});

	test("'status' with custom body/headers, method and RegExp matching, times", async () => {
		sb.addFault({
			method: 'get',
			path: /^\/client\/101\/\d+$/,
			kind: 'status',
			status: 500,
			body: { custom: true },
			headers: { 'x-test': '1' },
			times: 2,
		});
		expect((await create()).status).toBe(201); // POST does not match
		const a = await api('GET', '/client/101/1');
		const b = await api('GET', '/client/101/1');
		const c = await api('GET', '/client/101/1');
		expect([a.status, b.status, c.status]).toEqual([500, 500, 200]);
		expect(a.json).toEqual({ custom: true });
		expect(a.headers['x-test']).toBe('1');
	});

	test('faults are consumed in order and fire before auth', async () => {
		sb.addFault({ kind: 'status', status: 500 });
		sb.addFault({ kind: 'status', status: 502 });
		const bad = makeApi(sb.url, { partnerToken: 'wrong' });
		expect((await bad('GET', '/client/101/1')).status).toBe(500);
		expect((await api('GET', '/nope')).status).toBe(502);
		expect((await bad('GET', '/client/101/1')).status).toBe(401);
	});

	test("'429' with retryAfter", async () => {
		sb.addFault({ kind: '429', retryAfter: 3 });
		const res = await api('GET', '/companies');
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('3');
		expect(res.json.success).toBe(false);
		sb.addFault({ kind: '429' });
		expect((await api('GET', '/companies')).headers['retry-after']).toBeUndefined();
	});

	test("'reset' destroys the socket without an answer; logged with fault and no status", async () => {
		sb.addFault({ path: '/clients/101', kind: 'reset' });
		await expect(create()).rejects.toThrow();
		expect(sb.state.clients).toHaveLength(0);
		const entry = sb.requests[0];
		expect(entry).toMatchObject({ method: 'POST', path: '/clients/101', fault: 'reset', status: null });
		expect((await create()).status).toBe(201);
	});

	test("'reset' after: the client is created but the answer is lost", async () => {
		sb.addFault({ path: '/clients/101', kind: 'reset', when: 'after' });
		await expect(create()).rejects.toThrow();
		expect(sb.state.clients).toHaveLength(1);
		expect((await create()).json.meta.message).toBe('client with this phone already exists');
	});

	test("'status' after: processed, then a 500", async () => {
		sb.addFault({ method: 'POST', path: '/clients/101', kind: 'status', status: 500, when: 'after' });
		expect((await create()).status).toBe(500);
		expect(sb.state.clients).toHaveLength(1);
	});

	test("'delay' waits, then answers normally (before and after)", async () => {
		sb.addFault({ kind: 'delay', delayMs: 150 });
		let t = Date.now();
		expect((await create()).status).toBe(201);
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		sb.addFault({ kind: 'delay', delayMs: 150, when: 'after' });
		t = Date.now();
		const p = create('13155550101');
		await sleep(60);
		expect(sb.state.clients).toHaveLength(2); // already applied while the answer is held back
		expect((await p).status).toBe(201);
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		expect(sb.requests.map((r) => r.fault)).toEqual(['delay', 'delay']);
	});

	test("'truncated' sends 200 with half a JSON body", async () => {
		sb.addFault({ kind: 'truncated' });
		const res = await api('GET', '/companies');
		expect(res.status).toBe(200);
		expect(res.text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(res.text)).toThrow();
		sb.addFault({ kind: 'truncated', when: 'after' });
		const after = await create();
		expect(after.status).toBe(200);
		expect(after.text.startsWith('{"success":true,"data":{"id":')).toBe(true);
		expect(() => JSON.parse(after.text)).toThrow();
		expect(sb.state.clients).toHaveLength(1);
	});

	test("'html' sends an HTML error page", async () => {
		sb.addFault({ kind: 'html' });
		const res = await api('GET', '/companies');
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toMatch(/^text\/html/);
		expect(res.text).toMatch(/<html>/);
		sb.addFault({ kind: 'html', status: 504 });
		expect((await api('GET', '/companies')).status).toBe(504);
	});

	test("'successFalse' is HTTP 200 with success:false", async () => {
		sb.addFault({ kind: 'successFalse', message: 'Something broke' });
		const res = await api('GET', '/companies');
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ success: false, data: null, meta: { message: 'Something broke' } });
	});

	test("'empty204' is a 204 without a body", async () => {
		sb.addFault({ kind: 'empty204' });
		const res = await api('GET', '/client/101/1');
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
	});

	test("'skip' lets the first matching requests through; 'match' narrows by query or body", async () => {
		sb.seedClients(101, 3);
		const search = (page) => api('POST', '/company/101/clients/search', { body: { page, page_size: 1 } });
		sb.addFault({
			path: '/company/101/clients/search',
			match: (r) => r.body && r.body.page === 2,
			kind: 'status',
			status: 502,
			times: 2,
		});
		expect((await search(1)).status).toBe(200);
		expect((await search(2)).status).toBe(502);
		expect((await search(3)).status).toBe(200);
		expect((await search(2)).status).toBe(502);
		expect((await search(2)).status).toBe(200);
		sb.addFault({ method: 'POST', path: '/clients/101', kind: 'status', status: 500, skip: 2 });
		expect((await create('13155550101')).status).toBe(201);
		expect((await create('13155550102')).status).toBe(201);
		expect((await create('13155550103')).status).toBe(500);
		expect((await create('13155550104')).status).toBe(201);
		sb.addFault({ method: 'GET', path: '/companies', match: (r) => r.query.my === '1', kind: 'status', status: 503 });
		expect((await api('GET', '/companies')).status).toBe(200);
		expect((await api('GET', '/companies?my=1')).status).toBe(503);
		expect(sb.faults).toHaveLength(0);
		expect(sb.requests.map((r) => r.fault || null).filter(Boolean)).toEqual(['status', 'status', 'status', 'status']);
		expect(() => sb.addFault({ kind: 'status', skip: -1 })).toThrow(/skip/);
		expect(() => sb.addFault({ kind: 'status', match: 'page=2' })).toThrow(/match/);
	});

	test('unknown kinds are refused; reset() clears pending faults', async () => {
		expect(() => sb.addFault({ kind: 'explode' })).toThrow(/fault kind/);
		expect(() => sb.addFault({ kind: 'status', when: 'later' })).toThrow();
		sb.addFault({ kind: 'status', status: 500 });
		sb.reset();
		expect((await api('GET', '/companies')).status).toBe(200);
	});
});

describe('sandbox: request log and latency', () => {
	test('every request is logged with method, path, query, headers, body, status and times', async () => {
		await withSandbox({}, async (sb, api) => {
			await api('POST', '/clients/101?x=1', {
				body: { name: 'Log', phone: '13155550100' },
				headers: { 'X-Custom': 'Yes' },
			});
			await api('GET', '/clients/101', { query: { 'id[]': [1, 2], page: 1, phone: ['1', '2'] } });
			await makeApi(sb.url, { userToken: 'wrong' })('GET', '/client/101/1');
			await api('GET', '/nowhere');
			expect(sb.requests).toHaveLength(4);
			const [post, list, unauth, unknown] = sb.requests;
			expect(post).toMatchObject({
				method: 'POST',
				path: '/clients/101',
				query: { x: '1' },
				body: { name: 'Log', phone: '13155550100' },
				status: 201,
			});
			expect(post.headers['x-custom']).toBe('Yes');
			expect(post.headers.accept).toBe('application/vnd.api.v2+json');
			expect(post.headers.authorization).toBe('Bearer partner-token, User user-token');
			expect(typeof post.at).toBe('number');
			expect(post.respondedAt).toBeGreaterThanOrEqual(post.at);
			expect(post.fault).toBeUndefined();
			expect(list.query).toEqual({ 'id[]': ['1', '2'], page: '1', phone: ['1', '2'] });
			expect(list.body).toBeNull();
			expect(unauth.status).toBe(401);
			expect(unknown).toMatchObject({ path: '/nowhere', status: 404 });
			sb.clearRequests();
			expect(sb.requests).toHaveLength(0);
		});
	});

	test('a repeated plain query key keeps only its last value (PHP reading)', async () => {
		await withSandbox({}, async (sb, api) => {
			const a = sb.addClient(101, { name: 'A', phone: '13155550001' });
			const b = sb.addClient(101, { name: 'B', phone: '13155550002' });
			const res = await api('GET', '/clients/101', { query: { id: [a.id, b.id] } });
			expect(res.json.data.map((c) => c.id)).toEqual([b.id]);
		});
	});

	test('latencyMs delays every answer', async () => {
		await withSandbox({ latencyMs: 80 }, async (sb, api) => {
			const t = Date.now();
			await api('GET', '/companies');
			expect(Date.now() - t).toBeGreaterThanOrEqual(75);
		});
	});

	test('stop() and start() again', async () => {
		const sb = createSandbox();
		await sb.start(0);
		await sb.stop();
		const { url } = await sb.start(0);
		expect((await makeApi(url)('GET', '/companies')).status).toBe(200);
		await sb.stop();
		await sb.stop();
	});
});
