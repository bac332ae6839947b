/** Every operation of the package driven once through the real n8n engine against a sandbox. */
import type { IDataObject } from 'n8n-workflow';

import {
	activateTrigger,
	byId,
	credentials,
	listSearch,
	loadOptions,
	runNode,
	testCredential,
	type Sandbox,
} from '../engine/harness';
import type { Exchange } from './contract';

export const LOCATION = 101;

/** Every operation through the node, each once at least; returns the log. */
export async function driveEveryOperation(sandbox: Sandbox): Promise<Exchange[]> {
	const run = (parameters: IDataObject, values: IDataObject = {}) =>
		runNode({
			parameters: { locationId: byId(String(LOCATION)), ...parameters },
			credentials: credentials(sandbox, values),
		});
	const [client, other] = sandbox.seedClients(LOCATION, 2) as Array<{ id: number }>;
	const comment = sandbox.addComment(LOCATION, client.id, { text: 'note' }) as { id: number };
	const file = sandbox.addFile(LOCATION, client.id, { name: 'consent.pdf' }) as { id: number };
	sandbox.addVisit(LOCATION, client.id, { date: '2026-01-10T10:00:00' });
	const outcomes = [
		await testCredential(
			credentials(sandbox, {
				authMethod: 'password',
				userToken: '',
				login: 'owner@example.com',
				password: 'pw-Secret-1',
			}),
		),
		await listSearch('searchLocations', { credentials: credentials(sandbox) }),
		// The search's Staff, Service and Service Category pickers.
		...(await Promise.all(
			(['getStaff', 'getServices', 'getServiceCategories'] as const).map((method) =>
				loadOptions(method, { parameters: { locationId: byId(String(LOCATION)) }, credentials: credentials(sandbox) }),
			),
		)),
		await run({ resource: 'client', operation: 'create', name: 'Maria', phone: '+1 315 555 0101' }),
		await run({
			resource: 'client',
			operation: 'createMany',
			rowsFrom: 'json',
			clients: JSON.stringify([{ name: 'Ann', phone: '+13155550102' }, { name: 'No phone' }]),
		}),
		await run({ resource: 'client', operation: 'get', clientId: byId(String(client.id)) }),
		await run({ resource: 'client', operation: 'getAll', returnAll: true, filters: { quickSearch: 'a' } }),
		await run({ resource: 'client', operation: 'getAllLegacy', returnAll: true }),
		await run({
			resource: 'client',
			operation: 'update',
			clientId: byId(String(client.id)),
			updateFields: { email: 'new@example.com' },
		}),
		await run({ resource: 'client', operation: 'upsert', name: 'Maria L', phone: '+1 315 555 0101' }),
		await run({ resource: 'client', operation: 'delete', clientId: byId(String(other.id)) }),
		await run({ resource: 'comment', operation: 'getAll', returnAll: true, clientId: byId(String(client.id)) }),
		await run({
			resource: 'comment',
			operation: 'create',
			text: 'Prefers evenings',
			clientId: byId(String(client.id)),
		}),
		await run({
			resource: 'comment',
			operation: 'delete',
			commentId: String(comment.id),
			clientId: byId(String(client.id)),
		}),
		await run({ resource: 'file', operation: 'getAll', returnAll: true, clientId: byId(String(client.id)) }),
		await run({ resource: 'file', operation: 'delete', fileId: String(file.id), clientId: byId(String(client.id)) }),
		await run({ resource: 'history', operation: 'getAll', searchBy: 'clientId', clientId: byId(String(client.id)) }),
	];
	for (const outcome of outcomes) expect((outcome as { error?: Error }).error).toBeUndefined();
	const trigger = await activateTrigger({
		parameters: { locationId: byId(String(LOCATION)), event: 'clientCreatedOrUpdated' },
		credentials: credentials(sandbox),
	});
	expect((await trigger.poll()).error).toBeUndefined();
	await trigger.deactivate();
	return sandbox.requests as unknown as Exchange[];
}
