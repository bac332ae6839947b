/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Red-team of File > Get Many with Download Files and of Create Many from input items: where the
 * tokens may go, what bounds a download, and what one bad row does to a batch of items.
 */
import http from 'node:http';
import type { IDataObject } from 'n8n-workflow';

import { byId, credentials, otherOrigin, PARTNER, runNode, USER } from '../engine/harness';
import { LOCATION, reliabilitySuite } from './support';

/** A file storage on another origin: bytes, redirects, errors, an endless trickle or a chunked flood. */
function serveStorage(req: http.IncomingMessage, res: http.ServerResponse): void {
	const url = new URL(req.url ?? '/', 'http://storage.invalid');
	if (url.pathname === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
	if (url.pathname === '/back') return void res.writeHead(302, { location: url.searchParams.get('to')! }).end();
	if (url.pathname === '/denied') return void res.writeHead(403).end('no');
	if (url.pathname === '/trickle') {
		res.writeHead(200, { 'content-type': 'application/pdf' });
		return void res.write('x');
	}
	if (url.pathname === '/flood') {
		// No Content-Length: only counting the bytes can stop it.
		res.writeHead(200, { 'content-type': 'application/octet-stream' });
		const chunk = Buffer.alloc(64 * 1024, 1);
		let sent = 0;
		const pump = (): void => {
			while (sent < 8 * 1024 * 1024) {
				sent += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
			res.end();
		};
		return pump();
	}
	res.writeHead(200, { 'content-type': 'text/plain' }).end(`stored:${url.pathname}`);
	return undefined;
}

const storage = otherOrigin(serveStorage);
const { seen } = storage;

const { sandbox, table } = reliabilitySuite({
	id: 'downloads',
	title: 'Files as binary and rows from input items',
	intro:
		'File > Get Many with Download Files against a second loopback server (another origin: `localhost` and ' +
		'another port than the sandbox at `127.0.0.1`); Client > Create Many with Rows From = Input Items. ' +
		'"Token" means the partner or user token anywhere in the request headers the other host received.',
});

const tokenIn = (headers: http.IncomingHttpHeaders) => {
	const text = JSON.stringify(headers);
	return text.includes(PARTNER) || text.includes(USER) || 'authorization' in headers;
};

async function download(file: IDataObject, extra: IDataObject = {}) {
	const client = sandbox.addClient(LOCATION, { name: 'Liam', phone: '13155550456' }) as { id: number };
	sandbox.addFile(LOCATION, client.id, { name: 'f.txt', withComment: false, ...file });
	sandbox.clearRequests();
	return await runNode({
		parameters: {
			resource: 'file',
			operation: 'getAll',
			returnAll: true,
			download: true,
			locationId: byId(String(LOCATION)),
			clientId: byId(String(client.id)),
			...extra,
		} as never,
		credentials: credentials(sandbox),
	});
}

const toSandbox = () => sandbox.requests.filter((r) => r.path.startsWith('/client_files/'));

const cases: Array<{ case: string; input: () => IDataObject; extra?: IDataObject; expected: string; ok: RegExp }> = [
	{
		case: 'file on another host',
		input: () => ({ link: `${storage.url}/files/1` }),
		expected: 'downloaded; no token at the other host',
		ok: /^stored:/,
	},
	{
		case: 'the API host redirects to another host (a signed storage URL)',
		input: () => ({ redirectTo: `${storage.url}/signed/2?X-Signature=s3cr3t` }),
		expected: 'downloaded; tokens to the API host only',
		ok: /^stored:/,
	},
	{
		case: 'another host redirects to the API host',
		input: () => ({ link: `${storage.url}/back?to=${encodeURIComponent(`${sandbox.url.replace(/\/api\/v1$/, '')}`)}` }),
		expected: 'the API host may get the tokens again (it is the API); the other host never',
		ok: /./,
	},
	{
		case: 'a redirect loop',
		input: () => ({ link: `${storage.url}/loop` }),
		expected: 'error after 5 redirects',
		ok: /more than 5 redirects/,
	},
	{
		case: 'a 403 for a signed URL with a secret in its query',
		input: () => ({ link: `${storage.url}/denied?X-Signature=s3cr3t` }),
		expected: 'error naming the host and status, not the query',
		ok: /answered HTTP 403/,
	},
	{
		case: '8 MB streamed without Content-Length, Max File Size 1 MB',
		input: () => ({ link: `${storage.url}/flood` }),
		extra: { maxFileSizeMb: 1 },
		expected: 'error naming Max File Size; the read stops at the cap',
		ok: /larger than 1 MB \(Max File Size\)/,
	},
	{
		case: 'a storage that sends one byte and never ends, Timeout 300 ms',
		input: () => ({ link: `${storage.url}/trickle` }),
		extra: { requestOptions: { timeout: 300 } },
		expected: 'error: no complete answer within the timeout',
		ok: /within the timeout/,
	},
	{
		case: 'a plain http:// link to a host that is not loopback',
		input: () => ({ link: 'http://files.example.com/x' }),
		expected: 'refused before any request',
		ok: /not https/,
	},
	{
		case: 'a file: link',
		input: () => ({ link: 'file:///etc/passwd' }),
		expected: 'refused before any request',
		ok: /not https/,
	},
];

for (const c of cases) {
	table.check({ section: 'Downloads', case: c.case, input: 'Download Files on', expected: c.expected }, async () => {
		const { items, error } = await download(c.input(), c.extra);
		const text = error ? error.message : Buffer.from(String(items[0].binary?.data?.data ?? ''), 'base64').toString();
		expect(text).toMatch(c.ok);
		expect(text).not.toContain('s3cr3t');
		const leaks = seen.filter((s) => tokenIn(s.headers)).length;
		expect(leaks).toBe(0);
		const api = toSandbox();
		for (const r of api) expect(r.headers.authorization).toBe(`Bearer ${PARTNER}, User ${USER}`);
		const stable = (message: string) => message.replace(/file \d+/, 'file {id}').replace(/:\d{2,5}\b/g, ':{port}');
		const outcome = error ? `error "${stable(error.message)}"` : `downloaded "${text}"`;
		return `${outcome}; other host: ${seen.length} request(s), ${leaks} with a token; API host: ${api.length}`;
	});
}

const rows = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ first: `R${i}`, tel: `+1 315 555 ${String(2000 + i)}` }));
const fromItems = (input: IDataObject[], continueOnFail = false) =>
	runNode({
		parameters: {
			resource: 'client',
			operation: 'createMany',
			locationId: byId(String(LOCATION)),
			name: '={{ $json.first }}',
			phone: '={{ $json.tel }}',
		} as never,
		credentials: credentials(sandbox),
		input,
		continueOnFail,
	});
/** 60 rows, item 31's phone "12". */
function withBadPhone() {
	const input = rows(60);
	input[30].tel = '12';
	return input;
}
const bulk = () => sandbox.requests.filter((r) => r.method === 'POST' && /\/bulk$/.test(r.path));

table.check(
	{ section: 'Rows from items', case: '120 input items', input: '120 rows', expected: '3 bulk requests, 120 items' },
	async () => {
		const { items, error } = await fromItems(rows(120));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(120);
		expect(bulk().map((r) => (r.body as unknown[]).length)).toEqual([50, 50, 20]);
		return `${bulk().length} bulk requests (${bulk()
			.map((r) => (r.body as unknown[]).length)
			.join(', ')} rows), ${items.length} items, each linked to its input item`;
	},
);

table.check(
	{
		section: 'Rows from items',
		case: 'one bad phone among 60 items',
		input: 'item 31 phone "12"',
		expected: 'no request; the error names Phone and the item',
	},
	async () => {
		const { error } = await fromItems(withBadPhone());
		expect(error?.message).toMatch(/input item 31 .*Phone \(phone\)/);
		expect(sandbox.requests).toHaveLength(0);
		return `error "${error!.message.slice(0, 110)}…"; ${sandbox.requests.length} requests`;
	},
);

table.check(
	{
		section: 'Rows from items',
		case: 'the same with Continue On Fail',
		input: 'item 31 phone "12"',
		expected: 'item 31 an error item, the 59 others created in 2 bulk requests',
	},
	async () => {
		const { items } = await fromItems(withBadPhone(), true);
		expect(items).toHaveLength(60);
		expect(items[30].json.error).toMatch(/Phone \(phone\)/);
		expect(items.filter((i) => i.json.success === true)).toHaveLength(59);
		return `${items.filter((i) => i.json.success).length} created, 1 error item; ${bulk().length} bulk requests`;
	},
);
