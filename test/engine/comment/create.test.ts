/** Comment > Create. Blank texts: test/reliability/bad-input.test.ts. */
import { clientSuite } from '../harness';

const { sandbox, run, clientId } = clientSuite('comment');
const commentsPath = () => `/clients/101/clients/${clientId()}/comments`;

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
});
