import { byId, credentials, fromList, listSearch, sandboxSuite } from '../harness';

/** File > Delete: File is a resource locator (the client's files); a plain ID still works. */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('file', LOCATION);

function seed() {
	const client = sandbox.addClient(LOCATION, { name: 'Liam', phone: '13155550456' }) as { id: number };
	const scan = sandbox.addFile(LOCATION, client.id, { name: 'scan.pdf', withComment: false }) as { id: number };
	const photo = sandbox.addFile(LOCATION, client.id, { name: 'photo.jpg', withComment: false }) as { id: number };
	sandbox.clearRequests();
	return { client: client.id, scan: scan.id, photo: photo.id };
}

describe('file delete: the File locator', () => {
	test("From List: the client's files by name, filtered by what is typed", async () => {
		const ids = seed();
		const parameters = {
			resource: 'file',
			operation: 'delete',
			locationId: byId(String(LOCATION)),
			clientId: byId(String(ids.client)),
		};
		const all = await listSearch('searchFiles', { parameters, credentials: credentials(sandbox) });
		expect(all.results.map((r) => r.name).sort()).toEqual([`photo.jpg (ID ${ids.photo})`, `scan.pdf (ID ${ids.scan})`]);
		const some = await listSearch('searchFiles', { parameters, credentials: credentials(sandbox), filter: 'SCAN' });
		expect(some.results).toEqual([{ name: `scan.pdf (ID ${ids.scan})`, value: String(ids.scan) }]);
	});

	test.each([
		['From List', (id: number) => fromList(String(id))],
		['a plain number (older workflow)', (id: number) => id],
	])('%s deletes the file', async (_label, value) => {
		const ids = seed();
		const { items, error } = await run({
			operation: 'delete',
			clientId: byId(String(ids.client)),
			fileId: value(ids.scan) as never,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(sandbox.requests.at(-1)?.path).toBe(`/company/${LOCATION}/clients/files/${ids.client}/${ids.scan}`);
	});
});
