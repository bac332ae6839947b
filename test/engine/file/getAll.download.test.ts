/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
import http from 'node:http';
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { byId, otherOrigin, PARTNER, sandboxSuite, USER } from '../harness';

/**
 * File > Get Many with Download Files: each file's bytes in the item's binary data. The tokens go
 * only to the Base URL's own origin: a file storage on another host (here a second loopback server,
 * another port and host name) never sees them, also when the API redirects there. Size cap and the
 * request deadline hold; off by default.
 */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('file', LOCATION);

/** A file storage on another origin: serves bytes, or trickles them and never ends. */
const storage = otherOrigin((req, res) => {
	if (req.url?.startsWith('/slow')) {
		res.writeHead(200, { 'content-type': 'application/pdf' });
		res.write('x');
		return; // never ends: the deadline must
	}
	const body = Buffer.from(`stored:${req.url}`);
	res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
	res.end(body);
});
const { seen } = storage;

let clientId: number;
function seedClient() {
	clientId = sandbox.addClient(LOCATION, { name: 'Liam', phone: '13155550456' }).id as number;
}
const listFiles = (extra: IDataObject = {}, options: IDataObject = {}) =>
	run({ operation: 'getAll', returnAll: true, clientId: byId(String(clientId)), ...extra }, options);
const bytesOf = (binary: IBinaryData) => Buffer.from(binary.data, 'base64');
const downloads = () => sandbox.requests.filter((r) => r.path.startsWith('/client_files/download/'));
const leaked = (headers: http.IncomingHttpHeaders) =>
	JSON.stringify(headers).includes(PARTNER) || JSON.stringify(headers).includes(USER) || 'authorization' in headers;

describe('file getAll: Download Files', () => {
	test('off by default: links only, nothing downloaded', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'consent.pdf', withComment: false });
		const { items, error } = await listFiles();
		expect(error).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
		expect(downloads()).toHaveLength(0);
	});

	test('a file on the API host: its bytes, name and type in binary "data", fetched with the tokens', async () => {
		seedClient();
		const file = sandbox.addFile(LOCATION, clientId, {
			name: 'scan.pdf',
			content: '%PDF-1.7 hello',
			withComment: false,
		});
		const { items, error } = await listFiles({ download: true });
		expect(error).toBeUndefined();
		const binary = items[0].binary!.data;
		expect(bytesOf(binary).toString()).toBe('%PDF-1.7 hello');
		expect(binary).toMatchObject({ fileName: 'scan.pdf', mimeType: 'application/pdf' });
		expect(items[0].json).toMatchObject({ id: file.id, name: 'scan.pdf' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(downloads()).toHaveLength(1);
		expect(downloads()[0].headers.authorization).toBe(`Bearer ${PARTNER}, User ${USER}`);
	});

	test('a file on another host gets no token; the field name is the user’s', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'photo.txt', link: `${storage.url}/files/7`, withComment: false });
		const { items, error } = await listFiles({ download: true, binaryPropertyName: 'file' });
		expect(error).toBeUndefined();
		expect(bytesOf(items[0].binary!.file).toString()).toBe('stored:/files/7');
		expect(seen).toHaveLength(1);
		expect(leaked(seen[0].headers)).toBe(false);
	});

	test('the API host redirecting to a file storage: the tokens stop at the API host', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'a.txt', redirectTo: `${storage.url}/signed/a`, withComment: false });
		const { items, error } = await listFiles({ download: true });
		expect(error).toBeUndefined();
		expect(bytesOf(items[0].binary!.data).toString()).toBe('stored:/signed/a');
		expect(downloads()[0].headers.authorization).toBeDefined();
		expect(seen.map((s) => s.path)).toEqual(['/signed/a']);
		expect(leaked(seen[0].headers)).toBe(false);
	});

	test('a file larger than Max File Size fails the item, naming the file and the setting', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'big.bin', size: 2 * 1024 * 1024 + 1, withComment: false });
		const { error } = await listFiles({ download: true, maxFileSizeMb: 2 });
		expect(error?.message).toMatch(/Could not download file \d+ \(big\.bin\): .*larger than 2 MB \(Max File Size\)/);
	});

	test('a storage that never finishes is ended by the request deadline (Request Options > Timeout)', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'slow.pdf', link: `${storage.url}/slow`, withComment: false });
		const { error } = await listFiles({ download: true, requestOptions: { timeout: 300 } });
		expect(error?.message).toMatch(/Could not download file .*slow\.pdf.*within the timeout/);
	});

	test('a plain http:// link to a host that is not loopback is refused before any request', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'x.pdf', link: 'http://files.example.com/x', withComment: false });
		const { error, items } = await listFiles({ download: true }, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(String(items[0].json.error)).toMatch(/not https/);
		expect(seen).toHaveLength(0);
	});

	test('Output applies to the item JSON while the file rides along', async () => {
		seedClient();
		sandbox.addFile(LOCATION, clientId, { name: 'n.txt', content: 'n', withComment: false });
		const { items } = await listFiles({ download: true, output: 'selectedFields', fields: ['name'] });
		expect(Object.keys(items[0].json).sort()).toEqual(['id', 'name']);
		expect(bytesOf(items[0].binary!.data).toString()).toBe('n');
	});
});
