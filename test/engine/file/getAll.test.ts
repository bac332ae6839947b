/** File > Get Many: one item per file, newest first, download links made absolute; Limit. */
import { byId } from '../harness';
import { fileSuite } from './suite';

const { sandbox, run, clientId, filesPath, seedFiles, credentials } = fileSuite();

describe('file getAll', () => {
	test('one item per file, newest first, download links absolute against the credential host', async () => {
		const files = seedFiles(3);
		const { items, error } = await run({ operation: 'getAll', returnAll: true, output: 'raw' });
		expect(error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: filesPath(), status: 200 });
		const root = sandbox.url.replace(/\/api\/v1$/, '');
		expect(root).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(items.map((i) => i.json.id)).toEqual([files[2].id, files[1].id, files[0].id]);
		for (const item of items) {
			expect(item.json.link).toBe(`${root}/client_files/download/101/${item.json.id}/`);
			expect(item.json).toMatchObject({
				client_id: clientId(),
				name: expect.stringMatching(/^scan-\d\.pdf$/),
				size: expect.any(String),
			});
		}
	});

	test('the production base URL gives https://api.alteg.io/client_files/... (the API path is dropped)', async () => {
		seedFiles(1);
		// Same sandbox, reached through a base URL with a trailing slash: the root still drops /api/v1.
		const { items, error } = await run(
			{ operation: 'getAll', returnAll: true },
			{ credentials: credentials({ baseUrl: `${sandbox.url}/` }) },
		);
		expect(error).toBeUndefined();
		const root = sandbox.url.replace(/\/api\/v1$/, '');
		expect(items[0].json.link).toBe(`${root}/client_files/download/101/${items[0].json.id}/`);
		const { downloadRoot, absoluteLink } = await import('../../../nodes/Altegio/model/links');
		expect(absoluteLink('/client_files/download/1/2/', downloadRoot('https://api.alteg.io/api/v1'))).toBe(
			'https://api.alteg.io/client_files/download/1/2/',
		);
		expect(absoluteLink('https://cdn.example.com/x/', downloadRoot('https://api.alteg.io/api/v1'))).toBe(
			'https://cdn.example.com/x/',
		);
		// a proxy under a path keeps its prefix; a base URL without /api/v1 falls back to its origin
		expect(downloadRoot('https://proxy.example.com/altegio/api/v1/')).toBe('https://proxy.example.com/altegio');
		expect(downloadRoot('https://api.yclients.com/api/v1')).toBe('https://api.yclients.com');
		expect(downloadRoot('http://localhost:8080/mock')).toBe('http://localhost:8080');
	});

	test('limit is applied locally after one request', async () => {
		const files = seedFiles(5);
		const { items, error } = await run({ operation: 'getAll', returnAll: false, limit: 2 });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual([files[4].id, files[3].id]);
		expect(sandbox.requests).toHaveLength(1);
	});

	test("an unknown client shows Altegio's message and the status", async () => {
		const { error } = await run({ operation: 'getAll', returnAll: true, clientId: byId('999999') });
		expect(error?.message).toContain('Client not found');
		expect(error?.message).toContain('[HTTP 404]');
	});
});
