import { byId, sandboxSuite } from '../harness';

/** Comment > Get Many with Output: the author by name, file uploads as their links. */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('comment', LOCATION);

test('comment getAll: Simplified by default, Raw as Altegio sent it', async () => {
	const client = sandbox.addClient(LOCATION, { name: 'Liam', phone: '13155550456' }) as { id: number };
	sandbox.addComment(LOCATION, client.id, { text: 'Prefers evenings' });
	sandbox.addFile(LOCATION, client.id, { name: 'consent.pdf' });
	const params = { operation: 'getAll', returnAll: true, clientId: byId(String(client.id)) };
	const simple = await run(params);
	const raw = await run({ ...params, output: 'raw' });
	expect(simple.error).toBeUndefined();
	const upload = simple.items.find((i) => i.json.type === 'file')!.json;
	const text = simple.items.find((i) => i.json.type === 'default')!.json;
	expect(upload.files).toEqual([expect.stringMatching(/\/client_files\/download\/101\/\d+\/$/)]);
	expect(typeof text.user).toBe('string');
	expect(raw.items.find((i) => i.json.type === 'default')!.json.user).toMatchObject({ name: expect.any(String) });
	for (const { json } of simple.items) expect(Object.keys(json).length).toBeLessThanOrEqual(10);
});
