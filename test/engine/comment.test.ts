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
	clientId = sandbox.addClient(101, { name: 'Emma', phone: '13155550123' }).id as number;
	sandbox.clearRequests();
});

const commentsPath = () => `/clients/101/clients/${clientId}/comments`;
const run = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runNode({
		parameters: {
			resource: 'comment',
			locationId: byId('101'),
			clientId: byId(String(clientId)),
			...parameters,
		} as never,
		credentials: credentials(sandbox),
		...extra,
	});

describe('comment create', () => {
	test('sends { text } once and returns the created comment', async () => {
		const { items, error } = await run({ operation: 'create', text: 'Prefers evenings' });
		expect(error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: commentsPath(),
			body: { text: 'Prefers evenings' },
			status: 201,
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ type: 'default', text: 'Prefers evenings', id: expect.any(Number) });
		expect(sandbox.state.comments.map((c: { text: string }) => c.text)).toEqual(['Prefers evenings']);
	});

	// Through an expression, so that n8n's own check for an empty required field does not step in first.
	test.each([[''], ['   '], ['\n\t']])('text %j fails before any request, naming the parameter', async (text) => {
		const { items, error } = await run({ operation: 'create', text: '={{ $json.text }}' }, { input: [{ text }] });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/\(text\)/);
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.state.comments).toHaveLength(0);
	});
});

describe('comment getAll', () => {
	test('returns text comments and file-upload entries with their type; file links absolute', async () => {
		sandbox.addComment(101, clientId, { text: 'old', create_date: Date.UTC(2026, 0, 1) });
		sandbox.addFile(101, clientId, { name: 'scan.pdf', date_create: Date.UTC(2026, 0, 2) });
		sandbox.addComment(101, clientId, {
			type: 'file',
			files: [{ link: '/client_files/download/101/77/', filename: 'relative.pdf' }],
			create_date: Date.UTC(2026, 0, 3),
		});
		sandbox.addComment(101, clientId, { text: 'new', create_date: Date.UTC(2026, 0, 4) });
		sandbox.clearRequests();
		const { items, error } = await run({ operation: 'getAll', returnAll: true, output: 'raw' });
		expect(error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: commentsPath() });
		expect(items.map((i) => i.json.type)).toEqual(['default', 'file', 'file', 'default']);
		expect(items.map((i) => i.json.text)).toEqual(['new', '', '', 'old']);
		const root = sandbox.url.replace(/\/api\/v1$/, '');
		expect(items[1].json.files).toEqual([{ link: `${root}/client_files/download/101/77/`, filename: 'relative.pdf' }]);
		// already absolute: unchanged
		expect(items[2].json.files).toEqual([
			{
				link: expect.stringMatching(/^https:\/\/api\.alteg\.io\/client_files\/download\/101\/\d+\/$/),
				filename: 'scan.pdf',
			},
		]);
	});

	test('limit is applied locally after one request', async () => {
		for (let i = 0; i < 5; i++)
			sandbox.addComment(101, clientId, { text: `c${i}`, create_date: Date.UTC(2026, 0, 1 + i) });
		sandbox.clearRequests();
		const { items, error } = await run({ operation: 'getAll', returnAll: false, limit: 2 });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.text)).toEqual(['c4', 'c3']);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].query).toEqual({});
	});

	test("an unknown client shows Altegio's message and the status", async () => {
		const { error } = await run({ operation: 'getAll', returnAll: true, clientId: byId('999999') });
		expect(error?.message).toContain('Client not found');
		expect(error?.message).toContain('404');
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('comment delete', () => {
	test('deletes the comment and returns { deleted: true }', async () => {
		const keep = sandbox.addComment(101, clientId, { text: 'keep' });
		const gone = sandbox.addComment(101, clientId, { text: 'gone' });
		sandbox.clearRequests();
		const { items, error } = await run({ operation: 'delete', commentId: String(gone.id) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'DELETE', path: `${commentsPath()}/${gone.id}`, status: 204 });
		expect(sandbox.state.comments.map((c: { id: number }) => c.id)).toEqual([keep.id]);
	});

	// The description answers 204 yet declares a JSON body for it: a server that sends the body
	// (as 200, since a 204 cannot carry one) must read as a delete too.
	test('the declared JSON body with 200 also gives { deleted: true }', async () => {
		const gone = sandbox.addComment(101, clientId, { text: 'gone' });
		sandbox.addFault({
			method: 'DELETE',
			kind: 'status',
			status: 200,
			body: { success: true, data: null, meta: [] },
			when: 'after',
		});
		const { items, error } = await run({ operation: 'delete', commentId: String(gone.id) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(sandbox.requests.map((r) => r.status)).toEqual([200]);
		expect(sandbox.state.comments.map((c: { id: number }) => c.id)).not.toContain(gone.id);
	});

	test("an unknown comment shows Altegio's 404 message", async () => {
		const { error } = await run({ operation: 'delete', commentId: '424242' });
		expect(error?.message).toContain('Comment not found');
		expect(error?.message).toContain('[HTTP 404]');
	});

	// Bad values arrive through expressions: the editor's own checks cannot catch those.
	test.each([
		['commentId', '12/3'],
		['commentId', '..'],
		['commentId', 'abc'],
		['commentId', ''],
		['clientId', '..'],
		['clientId', '12/3'],
		['locationId', 'abc'],
	])('bad %s %j fails before any request, naming the parameter', async (name, value) => {
		const comment = sandbox.addComment(101, clientId, { text: 'safe' });
		sandbox.clearRequests();
		const good = { commentId: String(comment.id), clientId: String(clientId), locationId: '101', [name]: value };
		const { items, error } = await run(
			{
				operation: 'delete',
				commentId: '={{ $json.commentId }}',
				clientId: byId('={{ $json.clientId }}'),
				locationId: byId('={{ $json.locationId }}'),
			},
			{ input: [good] },
		);
		expect(items).toHaveLength(0);
		expect(error?.message).toContain(`(${name})`);
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.state.comments).toHaveLength(1);
	});
});

test('Continue On Fail: a failing item becomes an error item and the other item goes on', async () => {
	const { items, error } = await run(
		{ operation: 'create', text: '={{ $json.text }}' },
		{ input: [{ text: 'first' }, { text: ' ' }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(items[0].json).toMatchObject({ text: 'first', type: 'default' });
	expect(String(items[1].json.error)).toMatch(/\(text\)/);
	expect(sandbox.requests).toHaveLength(1);
	expect(sandbox.requests[0].body).toEqual({ text: 'first' });
});
