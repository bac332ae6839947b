/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The operations catalog (test/catalog.js) is true: it lists exactly the node's operations, and
 * each row's smallest parameters, run through the engine against the sandbox, send exactly the
 * requests the row says, the last one a read or a write as the row says.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { isRead } from '../../nodes/Altegio/kernel/transport';
import { runNode, credentials, sandboxSuite, seedOneOfEach } from './harness';

const { OPERATIONS, pathOf, mainRequest } = require('../catalog');

const { sandbox } = sandboxSuite();

/** `resource.operation` for every operation the node offers. */
function nodeOperations(): string[] {
	const { properties } = new Altegio().description;
	return properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => {
			const resources = (p.displayOptions?.show?.resource ?? []) as string[];
			return resources.flatMap((r) => (p.options as INodePropertyOptions[]).map((o) => `${r}.${String(o.value)}`));
		});
}

test('the catalog lists every operation of the node, once', () => {
	const names = OPERATIONS.map((op: { name: string }) => op.name);
	expect([...names].sort()).toEqual(nodeOperations().sort());
	expect(new Set(names).size).toBe(names.length);
});

describe('each row sends what it says', () => {
	for (const op of OPERATIONS) {
		test(op.name, async () => {
			const ids = seedOneOfEach(sandbox);
			const { error } = await runNode({
				parameters: { resource: op.resource, operation: op.operation, ...op.parameters(ids) },
				credentials: credentials(sandbox),
			});
			expect(error).toBeUndefined();
			const sent = sandbox.requests.map((r) => `${r.method} ${r.path}`);
			const expected = op.requests.map((r: { method: string; path: string }) => `${r.method} ${pathOf(r.path, ids)}`);
			expect(sent).toEqual(expected);
			const main = mainRequest(op, ids);
			expect(isRead(main.method, main.path)).toBe(op.kind === 'read');
		});
	}
});
