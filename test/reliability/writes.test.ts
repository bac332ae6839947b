/**
 * Writes that are never merged and never lost (issue 23): Retry On Fail's outcome cache against a
 * node run several times in one execution, the per-record queue against IDs written two ways, an
 * ambiguous answer to a write, and a Timeout beyond what timers take.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAYBE_SAVED } from '../../nodes/Altegio/kernel/transport';
import { runBranches } from '../engine/branches';
import { byId, credentials, onClient } from '../engine/harness';
import { itemError, LOCATION, reliabilitySuite, short } from './support';

const { sandbox, run, table } = reliabilitySuite(
	{
		id: 'writes',
		title: 'Writes: never merged across runs, never lost',
		intro:
			'Client writes through the real engine against the sandbox. "Runs" are runs of one node within one ' +
			'execution (a Fork test node with several outputs, all connected to the Altegio node, as two branches ' +
			'into one node or Loop Over Items do).',
	},
	'client',
);

const retrying = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
const puts = () => sandbox.requests.filter((r) => r.method === 'PUT');
const seedOne = () => sandbox.seedClients(LOCATION, 1, { birth_date: '1990-05-17' })[0] as IDataObject & { id: number };

table.check(
	{
		section: 'Runs',
		case: 'Update run three times in one execution: A, B, A (Retry On Fail on)',
		input: 'Fork with 3 outputs (surname A, B, A) → Client > Update of one client, Retry On Fail on',
		expected: "each run sends its PUT (3 PUTs); the client ends with the last run's surname, as the output says",
	},
	async () => {
		const client = seedOne();
		sandbox.clearRequests();
		const { runs } = await runBranches({
			outputs: [{ surname: 'Processing' }, { surname: 'Done' }, { surname: 'Processing' }],
			parameters: onClient('client.update', client.id, { updateFields: { surname: '={{ $json.surname }}' } }),
			credentials: credentials(sandbox),
			nodeSettings: retrying,
		});
		expect(runs).toHaveLength(3);
		const outputs = runs.map((r) => String(r.items[0]?.json.surname));
		const stored = sandbox.getClient(LOCATION, client.id).surname;
		expect(puts()).toHaveLength(3);
		expect(stored).toBe(outputs[2]);
		return `${puts().length} PUTs; outputs ${outputs.join(' → ')}; stored "${stored}"`;
	},
);

table.check(
	{
		section: 'Runs',
		case: 'Create run twice in one execution with equal input (Retry On Fail on)',
		input: 'Fork with 2 equal outputs → Client > Create (name, phone), Retry On Fail on',
		expected:
			'the second run sends its POST too (the sandbox refuses the repeated phone with 422, which Retry On Fail ' +
			'then sends again): what a run is given is sent, never answered from the first run',
	},
	async () => {
		const same = { name: 'Twice', phone: '13155550190' };
		const { runs } = await runBranches({
			outputs: [same, same],
			parameters: {
				resource: 'client',
				operation: 'create',
				locationId: byId(String(LOCATION)),
				name: '={{ $json.name }}',
				phone: '={{ $json.phone }}',
			},
			credentials: credentials(sandbox),
			nodeSettings: { ...retrying, onError: 'continueRegularOutput' },
		});
		const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/clients/${LOCATION}`);
		expect(runs).toHaveLength(2);
		expect(posts.length).toBeGreaterThanOrEqual(2);
		expect(posts[1].status).toBe(422);
		const second = runs[1].items[0] ? itemError(runs[1].items[0]) : runs[1].error?.message;
		return `${posts.length} POSTs; second run: ${second ? short(second, 100) : 'created'}`;
	},
);

table.check(
	{
		section: 'Record queue',
		case: 'two executions edit client 5 written as "5" and "05" at once',
		input:
			'two executions at once: Update client `<id>` (email) and client `0<id>` (surname); each read of the ' +
			'client answered 150 ms late, so unqueued edits would both read the old record',
		expected: 'the edits run one after the other: both changes kept',
	},
	async () => {
		const client = seedOne();
		sandbox.clearRequests();
		sandbox.addFault({
			method: 'GET',
			path: new RegExp(`/client/${LOCATION}/0*${client.id}$`),
			kind: 'delay',
			delayMs: 150,
			times: 4,
		});
		const edit = (id: string, updateFields: IDataObject) =>
			run({ operation: 'update', clientId: byId(id), updateFields });
		const [a, b] = await Promise.all([
			edit(String(client.id), { email: 'queued@example.com' }),
			edit(`0${client.id}`, { surname: 'Queued' }),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		const stored = sandbox.getClient(LOCATION, client.id);
		const order = sandbox.requests.filter((r) => r.method !== 'POST').map((r) => r.method);
		expect(stored.email).toBe('queued@example.com');
		expect(stored.surname).toBe('Queued');
		return `requests in order ${order.join(', ')}; stored email ${stored.email}, surname ${stored.surname}`;
	},
);

table.check(
	{
		section: 'Ambiguous answers',
		case: 'a 303 answer to Create (stored, then redirected)',
		input: 'POST /clients/101 stored by the sandbox, answered 303 See Other; Retry On Fail on (3 tries)',
		expected: `the error says "${MAYBE_SAVED}"; the create is not sent again`,
	},
	async () => {
		sandbox.addFault({
			method: 'POST',
			path: `/clients/${LOCATION}`,
			kind: 'status',
			status: 303,
			when: 'after',
			headers: { location: '/elsewhere' },
		});
		const { error } = await run(
			{ operation: 'create', name: 'Redirected', phone: '13155550191' },
			{ nodeSettings: retrying },
		);
		const posts = sandbox.requests.filter((r) => r.method === 'POST');
		const text = `${error?.message ?? ''} ${error?.description ?? ''}`;
		expect(text).toContain(MAYBE_SAVED);
		expect(posts).toHaveLength(1);
		return `${posts.length} POST; "${short(text, 240)}"`;
	},
);

table.check(
	{
		section: 'Ambiguous answers',
		case: 'Timeout (Request Options) of 3,000,000,000 ms',
		input: "Client > Create with Request Options > Timeout = 3000000000 (above the timers' 2,147,483,647 ms)",
		expected: 'refused before any request with an error naming the Timeout; nothing stored',
	},
	async () => {
		const { error, items } = await run(
			{ operation: 'create', name: 'Timer', phone: '13155550192', requestOptions: { timeout: 3_000_000_000 } },
			{ continueOnFail: true },
		);
		const failure = error?.message ?? (items[0] ? itemError(items[0]) : undefined);
		expect(sandbox.requests).toHaveLength(0);
		expect(failure).toMatch(/Timeout/);
		expect(failure).toMatch(/2,147,483,647/);
		return `no request; "${short(failure, 160)}"`;
	},
);
