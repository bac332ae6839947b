'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { makeApi } = require('./helpers');

describe('sandbox: npm run sandbox (cli.js)', () => {
	test('starts with demo data and env overrides, prints the credentials, stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--host', '127.0.0.1'], {
			env: {
				...process.env,
				PORT: '0',
				SANDBOX_PARTNER_TOKEN: 'cli-partner',
				SANDBOX_USER_TOKEN: 'cli-user',
				SANDBOX_CLIENTS: '12',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
		});
		const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		try {
			// Waits for the banner (or the exit), however long a busy machine takes to start Node.
			await new Promise((resolve) => {
				const check = () => /Base URL\s+(\S+)/.test(out) && resolve();
				child.stdout.on('data', check);
				child.on('exit', resolve);
				check();
			});
			const url = /Base URL\s+(\S+)/.exec(out)[1];
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
			expect(out).toContain('cli-partner');
			expect(out).toContain('cli-user');
			expect(out).toContain('owner@example.com');
			const api = makeApi(url, { partnerToken: 'cli-partner', userToken: 'cli-user' });
			const list = await api('GET', '/clients/101?count=100');
			expect(list.status).toBe(200);
			expect(list.json.meta.total_count).toBe(12);
			const visits = await api('POST', '/company/101/clients/visits/search', {
				body: {
					client_id: list.json.data[0].id,
					client_phone: null,
					from: null,
					to: null,
					payment_statuses: [],
					attendance: null,
				},
			});
			expect(visits.json.data.records.length).toBeGreaterThan(0);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	});
});
