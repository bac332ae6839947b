/** Client > Delete: `{ deleted: true }` and the client gone. Bad IDs: test/reliability/bad-input.test.ts. */
import type { IDataObject } from 'n8n-workflow';

import { byId, sandboxSuite } from '../harness';

const LOCATION = 101;
const { sandbox, run, clientsIn } = sandboxSuite('client', LOCATION);

describe('delete', () => {
	test('delete returns { deleted: true } and removes the client', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const { items } = await run({ operation: 'delete', clientId: byId(String(client.id)) });
		expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(clientsIn().find((c: IDataObject) => c.id === client.id)).toBeUndefined();
	});
});
