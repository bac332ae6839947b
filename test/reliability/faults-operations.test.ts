/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Fault matrix, every operation of the catalog (test/catalog.js): a fault on the request that does
 * the operation's work. A read is sent again and succeeds; a write is sent again only after a 429,
 * and after a 5xx it is one error item that warns the change may have been saved, never a resend.
 */
import type { IDataObject } from 'n8n-workflow';

import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { credentials, sandboxSuite, seedOneOfEach } from '../engine/harness';
import { reliabilityTable } from './collector';
import { aimed, FAULTS, MAYBE_SAVED } from './faults';
import { itemError, run, settle, short } from './support';

const { OPERATIONS, mainRequest, mainRequestsIn } = require('../catalog');

const { sandbox } = sandboxSuite();
const table = reliabilityTable(
	'faults-operations',
	'Fault matrix: every operation',
	'Each operation of the catalog with its smallest parameters, against existing records; the fault strikes the ' +
		'request that does its work (for Client > Update the PUT after the read, for Client > Upsert the create after ' +
		'the lookup). Continue On Fail is on. Retries wait 20 ms × 2ⁿ here.',
);

beforeAll(async () => {
	useRetryPolicy({ backoffBaseMs: 20 });
});

const faultsById = (id: string) => FAULTS.find((fault) => fault.id === id)!;

for (const fault of [faultsById('503'), faultsById('429')]) {
	describe(fault.label, () => {
		for (const op of OPERATIONS) {
			const retried = fault.rateLimited || op.kind === 'read';
			table.check(
				{
					section: fault.label,
					case: `${op.resource} ${op.operation} (${op.kind})`,
					input: `fault × ${fault.times} on ${op.requests.at(-1).method} ${op.requests.at(-1).path}`,
					expected: retried
						? `sent again ${fault.times} time(s); no error item`
						: 'one error item warning that the change may have been saved; sent once',
				},
				async () => {
					const ids = seedOneOfEach(sandbox);
					sandbox.addFault(aimed(fault, mainRequest(op, ids)));
					const { items, error } = await run({
						parameters: { resource: op.resource, operation: op.operation, ...op.parameters(ids) },
						credentials: credentials(sandbox),
						continueOnFail: true,
					});
					await settle(sandbox);
					expect(error).toBeUndefined();
					const main = mainRequestsIn(sandbox.requests, op, ids);
					if (retried) {
						expect(items.every((item) => itemError(item) === undefined)).toBe(true);
						// The faulted answers, then the one that went through.
						expect(main.map((r: IDataObject) => r.fault ?? null)).toEqual([
							...Array(fault.times).fill(fault.fault.kind),
							null,
						]);
						return `${items.length} item(s), no error; requests to it: ${main.length}`;
					}
					expect(items).toHaveLength(1);
					const message = itemError(items[0]);
					expect(message).toMatch(fault.writeError);
					expect(message).toMatch(MAYBE_SAVED);
					expect(main).toHaveLength(1);
					return `error item "${short(message, 160)}"; requests to it: 1`;
				},
			);
		}
	});
}
