/** Comment > Get Many: text comments and file-upload entries, links made absolute, Limit. */
import { byId, clientSuite } from '../harness';

const { sandbox, run, clientId } = clientSuite('comment');
const commentsPath = () => `/clients/101/clients/${clientId()}/comments`;

describe('comment getAll', () => {
	test('returns text comments and file-upload entries with their type; file links absolute', async () => {
		sandbox.addComment(101, clientId(), { text: 'old', create_date: Date.UTC(2026, 0, 1) });
		sandbox.addFile(101, clientId(), { name: 'scan.pdf', date_create: Date.UTC(2026, 0, 2) });
		sandbox.addComment(101, clientId(), {
			type: 'file',
			files: [{ link: '/client_files/download/101/77/', filename: 'relative.pdf' }],
			create_date: Date.UTC(2026, 0, 3),
		});
		sandbox.addComment(101, clientId(), { text: 'new', create_date: Date.UTC(2026, 0, 4) });
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
			sandbox.addComment(101, clientId(), { text: `c${i}`, create_date: Date.UTC(2026, 0, 1 + i) });
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
