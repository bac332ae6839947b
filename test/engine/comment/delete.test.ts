/** Comment > Delete: `{ deleted: true }` (as 204 or 200). Bad IDs: test/reliability/bad-input.test.ts. */
import { clientSuite, expectDeleted } from '../harness';

const { sandbox, run, clientId } = clientSuite('comment');
const commentsPath = () => `/clients/101/clients/${clientId()}/comments`;

describe('comment delete', () => {
	test('deletes the comment and returns { deleted: true }', async () => {
		const keep = sandbox.addComment(101, clientId(), { text: 'keep' });
		const gone = sandbox.addComment(101, clientId(), { text: 'gone' });
		sandbox.clearRequests();
		const result = await run({ operation: 'delete', commentId: String(gone.id) });
		expectDeleted(result, sandbox, `${commentsPath()}/${gone.id}`, 204);
		expect(sandbox.state.comments.map((c: { id: number }) => c.id)).toEqual([keep.id]);
	});

	// The description answers 204 yet declares a JSON body for it: a server that sends the body
	// (as 200, since a 204 cannot carry one) must read as a delete too.
	test('the declared JSON body with 200 also gives { deleted: true }', async () => {
		const gone = sandbox.addComment(101, clientId(), { text: 'gone' });
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
});
