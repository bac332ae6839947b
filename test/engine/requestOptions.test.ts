/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Options > Request Options, which n8n gives every declarative node: Proxy and Ignore SSL Issues
 * reach every request an operation sends (reads, pages, the read-then-write of an update), not
 * only the first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { byId, runNode, credentials, sandboxSuite } from './harness';

const { createCountingProxy } = require('../sandbox/proxy');

const LOCATION = 101;
const tlsDir = join(__dirname, '..', 'sandbox', 'tls');

describe('Proxy', () => {
	const { sandbox } = sandboxSuite();
	const proxy = createCountingProxy();
	beforeAll(async () => {
		await proxy.start();
	});
	afterAll(async () => {
		await proxy.stop();
	});

	test('every request of Update (read, then write) goes through the proxy', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const { items, error } = await runNode({
			parameters: {
				resource: 'client',
				operation: 'update',
				locationId: byId(String(LOCATION)),
				clientId: byId(String(client.id)),
				updateFields: { comment: 'through the proxy' },
				output: 'raw',
				requestOptions: { proxy: proxy.url },
			} as never,
			credentials: credentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.comment).toBe('through the proxy');
		const clientPath = `/api/v1/client/${LOCATION}/${client.id}`;
		expect(proxy.seen.map((r: { method: string; url: string }) => [r.method, new URL(r.url).pathname])).toEqual([
			['GET', clientPath],
			['PUT', clientPath],
		]);
		expect(sandbox.requests).toHaveLength(2);
	});

	test('without the option nothing goes through the proxy', async () => {
		proxy.seen.length = 0;
		const { error } = await runNode({
			parameters: { resource: 'client', operation: 'getAll', locationId: byId(String(LOCATION)), limit: 1 } as never,
			credentials: credentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(proxy.seen).toHaveLength(0);
	});
});

describe('Ignore SSL Issues', () => {
	const { sandbox } = sandboxSuite('', 101, {
		tls: { key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) },
	});
	beforeEach(() => sandbox.clearRequests());

	const getMany = (requestOptions: Record<string, unknown>) =>
		runNode({
			parameters: {
				resource: 'client',
				operation: 'getAll',
				locationId: byId(String(LOCATION)),
				returnAll: true,
				requestOptions,
			} as never,
			credentials: credentials(sandbox),
		});

	test('a self-signed certificate is refused by default, before anything is read', async () => {
		expect(sandbox.url).toMatch(/^https:/);
		const { error } = await getMany({});
		expect(error?.message).toBeTruthy();
		expect(sandbox.requests).toHaveLength(0);
	});

	test('with Ignore SSL Issues every page is read from the self-signed server', async () => {
		sandbox.seedClients(LOCATION, 450);
		const { items, error } = await getMany({ allowUnauthorizedCerts: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(450);
		expect(sandbox.requests.length).toBeGreaterThanOrEqual(3);
	});
});
