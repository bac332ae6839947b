import { byId, credentials, fromList, listSearch, sandboxSuite } from '../harness';

/**
 * Comment > Delete: Comment is a resource locator. From List shows the chosen client's comments;
 * By ID takes digits; a plain string or number (older workflows, expressions) still works.
 */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('comment', LOCATION);

function seed() {
	const client = sandbox.addClient(LOCATION, { name: 'Liam', phone: '13155550456' }) as { id: number };
	const note = sandbox.addComment(LOCATION, client.id, { text: 'Prefers  evenings\nafter work' }) as { id: number };
	const upload = sandbox.addFile(LOCATION, client.id, { name: 'consent.pdf' }) as { id: number };
	sandbox.clearRequests();
	return { client: client.id, note: note.id, upload: upload.id };
}
// The editor hands over every parameter of the node, resource and operation included.
const where = (client: number) => ({
	resource: 'comment',
	operation: 'delete',
	locationId: byId(String(LOCATION)),
	clientId: byId(String(client)),
});

describe('comment delete: the Comment locator', () => {
	test("From List: the client's comments by text (an upload by its file name), filtered by what is typed", async () => {
		const ids = seed();
		const all = await listSearch('searchComments', {
			parameters: where(ids.client),
			credentials: credentials(sandbox),
		});
		expect(all.results).toEqual(
			expect.arrayContaining([
				{ name: expect.stringMatching(/Prefers evenings after work \(ID \d+\)$/), value: String(ids.note) },
				{ name: expect.stringMatching(/File: consent\.pdf \(ID \d+\)$/), value: expect.any(String) },
			]),
		);
		const some = await listSearch('searchComments', {
			parameters: where(ids.client),
			credentials: credentials(sandbox),
			filter: 'EVENINGS',
		});
		expect(some.results.map((r) => r.value)).toEqual([String(ids.note)]);
		expect(sandbox.requests.map((r) => r.path)).toEqual([
			`/clients/${LOCATION}/clients/${ids.client}/comments`,
			`/clients/${LOCATION}/clients/${ids.client}/comments`,
		]);
	});

	test('without a client the list says to choose one first', async () => {
		await expect(
			listSearch('searchComments', {
				parameters: { resource: 'comment', operation: 'delete', locationId: byId('101') },
				credentials: credentials(sandbox),
			}),
		).rejects.toThrow(/Choose a client first/);
	});

	test.each([
		['From List', (id: number) => fromList(String(id))],
		['By ID', (id: number) => byId(String(id))],
		['a plain string (older workflow)', (id: number) => String(id)],
		['a number from an expression', () => '={{ $json.id }}'],
	])('%s deletes the comment', async (_label, value) => {
		const ids = seed();
		const { items, error } = await run(
			{ operation: 'delete', clientId: byId(String(ids.client)), commentId: value(ids.note) as never },
			{ input: [{ id: ids.note }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(sandbox.requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/clients/${LOCATION}/clients/${ids.client}/comments/${ids.note}`,
		});
	});

	test('an ID that is not digits fails naming Comment before any request', async () => {
		const ids = seed();
		const { error } = await run({
			operation: 'delete',
			clientId: byId(String(ids.client)),
			commentId: byId('={{ "1/2" }}'),
		});
		expect(error?.message).toContain('Comment (commentId)');
		expect(sandbox.requests).toHaveLength(0);
	});
});
