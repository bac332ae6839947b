/** File > Delete: `{ deleted: true }` on HTTP 202. Bad IDs: test/reliability/bad-input.test.ts. */
import { expectDeleted } from '../harness';
import { fileSuite } from './suite';

const { sandbox, run, filesPath, seedFiles } = fileSuite();

describe('file delete', () => {
	test('deletes the file (HTTP 202) and returns { deleted: true }', async () => {
		const [keep, gone] = seedFiles(2);
		const result = await run({ operation: 'delete', fileId: String(gone.id) });
		expectDeleted(result, sandbox, `${filesPath()}/${gone.id}`, 202);
		expect(sandbox.state.files.map((f: { id: number }) => f.id)).toEqual([keep.id]);
	});

	test("an unknown file shows Altegio's 404 message", async () => {
		const { error } = await run({ operation: 'delete', fileId: '424242' });
		expect(error?.message).toContain('File not found');
		expect(error?.message).toContain('[HTTP 404]');
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
});
