import { byId, runNode } from './harness';
import { credentials, newSandbox } from './setup';

const sandbox = newSandbox();
let clientId: number;

beforeAll(async () => {
	await sandbox.start(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	clientId = sandbox.addClient(101, { name: 'Liam', phone: '13155550456' }).id as number;
	sandbox.clearRequests();
});

const filesPath = () => `/company/101/clients/files/${clientId}`;
const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runNode({
		parameters: { resource: 'file', locationId: byId('101'), clientId: byId(String(clientId)), ...parameters } as never,
		credentials: credentials(sandbox),
		...extra,
	});

function seedFiles(n: number) {
	const files = [];
	for (let i = 0; i < n; i++) {
		files.push(
			sandbox.addFile(101, clientId, {
				name: `scan-${i}.pdf`,
				date_create: Date.UTC(2026, 0, 1 + i),
				withComment: false,
			}),
		);
	}
	sandbox.clearRequests();
	return files;
}

describe('file getAll', () => {
	test('one item per file, newest first, download links absolute against the credential host', async () => {
		const files = seedFiles(3);
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: filesPath(), status: 200 });
		const root = sandbox.url.replace(/\/api\/v1$/, '');
		expect(root).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(items.map((i) => i.json.id)).toEqual([files[2].id, files[1].id, files[0].id]);
		for (const item of items) {
			expect(item.json.link).toBe(`${root}/client_files/download/101/${item.json.id}/`);
			expect(item.json).toMatchObject({
				client_id: clientId,
				name: expect.stringMatching(/^scan-\d\.pdf$/),
				size: expect.any(String),
			});
		}
	});

	test('the production base URL gives https://api.alteg.io/client_files/... (the API path is dropped)', async () => {
		seedFiles(1);
		// Same sandbox, reached through a base URL with a trailing slash: the root still drops /api/v1.
		const { items, error } = await runNode({
			parameters: {
				resource: 'file',
				operation: 'getAll',
				returnAll: true,
				locationId: byId('101'),
				clientId: byId(String(clientId)),
			},
			credentials: credentials(sandbox, { baseUrl: `${sandbox.url}/` }),
		});
		expect(error).toBeUndefined();
		const root = sandbox.url.replace(/\/api\/v1$/, '');
		expect(items[0].json.link).toBe(`${root}/client_files/download/101/${items[0].json.id}/`);
		const { downloadRoot, absoluteLink } = await import('../../nodes/Altegio/model/links');
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

describe('file delete', () => {
	test('deletes the file (HTTP 202) and returns { deleted: true }', async () => {
		const [keep, gone] = seedFiles(2);
		const { items, error } = await run({ operation: 'delete', fileId: String(gone.id) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'DELETE', path: `${filesPath()}/${gone.id}`, status: 202 });
		expect(sandbox.state.files.map((f: { id: number }) => f.id)).toEqual([keep.id]);
	});

	test("an unknown file shows Altegio's 404 message", async () => {
		const { error } = await run({ operation: 'delete', fileId: '424242' });
		expect(error?.message).toContain('File not found');
		expect(error?.message).toContain('[HTTP 404]');
	});

	// Bad values arrive through expressions: the editor's own checks cannot catch those.
	test.each([
		['fileId', '12/3'],
		['fileId', '..'],
		['fileId', 'abc'],
		['fileId', '1?x=2'],
		['clientId', '..'],
		['locationId', '12/3'],
	])('bad %s %j fails before any request, naming the parameter', async (name, value) => {
		const [file] = seedFiles(1);
		const good = { fileId: String(file.id), clientId: String(clientId), locationId: '101', [name]: value };
		const { items, error } = await run(
			{
				operation: 'delete',
				fileId: '={{ $json.fileId }}',
				clientId: byId('={{ $json.clientId }}'),
				locationId: byId('={{ $json.locationId }}'),
			},
			{ input: [good] },
		);
		expect(items).toHaveLength(0);
		expect(error?.message).toContain(`(${name})`);
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.state.files).toHaveLength(1);
	});
});

test('Continue On Fail: the failing delete becomes an error item and the other item goes on', async () => {
	const [file] = seedFiles(1);
	const { items, error } = await run(
		{ operation: 'delete', fileId: '={{ $json.fileId }}' },
		{ input: [{ fileId: '424242' }, { fileId: String(file.id) }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(String(items[0].json.error)).toContain('File not found');
	expect(items[1].json).toEqual({ deleted: true });
	expect(sandbox.requests.map((r) => r.status)).toEqual([404, 202]);
	expect(sandbox.state.files).toHaveLength(0);
});
