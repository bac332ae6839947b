/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The request budget across credentials and executions (issue 23), through the real engine against
 * the sandbox in real time: each credential held to its own limits and only to them, waiting
 * requests served in turn (one per credential and execution), interactive work (pickers, list
 * searches, the credential test) ahead of bulk runs. Figures are counts of requests at the sandbox
 * (who went before whom, how many in the busiest second), not durations.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, credentials, listSearch, passwordLogin, startNode, testCredential } from '../engine/harness';
import { LOCATION, reliabilitySuite, run } from './support';

// Most requests in any window of `ms`, as the queue suite counts them.
const { busiest } = require('../queue/figures');

// A third account (its own user token): a case that fills a minute starts from an empty one.
const { sandbox, table } = reliabilitySuite(
	{
		id: 'budget',
		title: 'Request budget: each credential at its own limits, in turn',
		intro:
			'Two credentials for one API host: the same sandbox account by user token and by login and password ' +
			'(two accounts to the node: each has its own budget). The rule: each credential is held to its own ' +
			'Max Requests per Second/Minute and only to them; the host budget runs at the highest limits asked ' +
			'for in the last 5 minutes and is cut on a 429 (then climbs back); waiting requests are served round ' +
			'robin, one per credential and execution; pickers, list searches and the credential test go first; a ' +
			"run that has filled most of a minute keeps off its last 40th, for other executions' requests. " +
			'Real time; figures are request counts at the sandbox.',
	},
	'',
	{ extraUserTokens: ['budget-user-c'] },
);

const byToken = (limits: IDataObject) => credentials(sandbox, limits);
const byPassword = (limits: IDataObject) => credentials(sandbox, passwordLogin('secret-password', limits));
const getParameters = { resource: 'client', operation: 'get', locationId: byId(String(LOCATION)) };

table.check(
	{
		section: 'Interactive first',
		case: "the credential test when the credential's minute is used up",
		input:
			'credential at 3 requests per minute; 3 Client > Get use up the minute; then Test (its deadline ' +
			'shortened to 1.5 s)',
		expected: 'the test fails by its deadline saying it waited for its turn in the budget, not "check the Base URL"',
	},
	async () => {
		const creds = byToken({ maxRequestsPerSecond: 5, maxRequestsPerMinute: 3 });
		const [client] = sandbox.seedClients(LOCATION, 1);
		const used = await run({
			parameters: { ...getParameters, clientId: byId('={{ $json.id }}') },
			input: [{ id: client.id }, { id: client.id }, { id: client.id }],
			credentials: creds,
		});
		expect(used.error).toBeUndefined();
		const { credentialTestTiming } = require('../../nodes/Altegio/kernel/session');
		credentialTestTiming.timeoutMs = 1500;
		try {
			const result = await testCredential(creds);
			expect(result.status).toBe('Error');
			expect(result.message).not.toMatch(/Base URL/);
			expect(result.message).toMatch(/turn|budget|Max Requests/i);
			return `"${result.message}"`;
		} finally {
			credentialTestTiming.timeoutMs = 15_000;
		}
	},
	60_000,
);

table.check(
	{
		section: 'Own limits',
		case: 'a 100/s credential right after a 5/s one',
		input:
			'credential B (100/s, 6000/min, the other account) signs in with one read; credential A (5/s, ' +
			'200/min) reads one client; at once B reads 30 clients (Client > Get, 30 items)',
		expected: "B's requests are not held to A's 5/s: more than 5 of them in its busiest second",
	},
	async () => {
		const clients = sandbox.seedClients(LOCATION, 30);
		const fast = byPassword({ maxRequestsPerSecond: 100, maxRequestsPerMinute: 6000 });
		// B signs in first: the items of a run that finds no session go one at a time until it has one.
		const warm = await run({
			parameters: { ...getParameters, clientId: byId(String(clients[0].id)) },
			credentials: fast,
		});
		expect(warm.error).toBeUndefined();
		const a = await run({
			parameters: { ...getParameters, clientId: byId(String(clients[0].id)) },
			credentials: byToken({ maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 }),
		});
		expect(a.error).toBeUndefined();
		sandbox.clearRequests();
		const b = await run({
			parameters: { ...getParameters, clientId: byId('={{ $json.id }}') },
			input: clients.map((client) => ({ id: client.id })),
			credentials: fast,
		});
		expect(b.error).toBeUndefined();
		expect(b.items).toHaveLength(30);
		const reads = sandbox.requests.filter((r) => r.path !== '/auth');
		const times = reads.map((r) => (r as unknown as { perfAt: number }).perfAt);
		const inSecond = busiest(times, 1000);
		const span = (times[times.length - 1] - times[0]) / 1000;
		expect(reads.length).toBeGreaterThanOrEqual(30);
		expect(inSecond).toBeGreaterThan(5);
		return `B: ${reads.length} requests, busiest second ${inSecond} (A's limit 5), first to last ${span.toFixed(2)} s`;
	},
	60_000,
);

let bulkClient = 0;

/** Starts a bulk run of `items` Client > Get with `creds`; resolves once the sandbox saw `seen` of its requests. */
async function bulkRun(creds: ReturnType<typeof byToken>, items: number, seen = 3) {
	const clients = sandbox.seedClients(LOCATION, 3);
	const started = startNode({
		parameters: { ...getParameters, clientId: byId('={{ $json.id }}') },
		input: Array.from({ length: items }, () => ({ id: clients[0].id })),
		credentials: creds,
		continueOnFail: true,
	});
	bulkClient = clients[0].id as number;
	while (sandbox.requests.length < seen) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return { started, clients };
}

/** Bulk requests that reached the sandbox after position `from` and before the first request matching `mine`. */
function aheadOf(from: number, mine: (r: (typeof sandbox.requests)[number]) => boolean) {
	const later = sandbox.requests.slice(from);
	const at = later.findIndex(mine);
	expect(at).toBeGreaterThanOrEqual(0);
	return later.slice(0, at).filter((r) => r.method === 'GET' && r.path.endsWith(`/${String(bulkClient)}`)).length;
}

table.check(
	{
		section: 'In turn',
		case: "another credential's single Get during a 60-item run",
		input: 'credential A (5/s) runs 60 × Client > Get; once it is under way, credential B (5/s) reads one client',
		expected:
			"B's requests go within A's next second (round robin), not after A's whole run: at most 10 of A's " +
			"before B's read",
	},
	async () => {
		const { started, clients } = await bulkRun(byToken({ maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 }), 60);
		const from = sandbox.requests.length;
		const single = await run({
			parameters: { ...getParameters, clientId: byId(String(clients[1].id)) },
			credentials: byPassword({ maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 }),
		});
		expect(single.error).toBeUndefined();
		const ahead = aheadOf(from, (r) => r.method === 'GET' && r.path.endsWith(`/${String(clients[1].id)}`));
		started.stop();
		await started.result;
		expect(ahead).toBeLessThanOrEqual(10);
		return `${ahead} of A's requests reached the sandbox between B's start and B's read (A had about ${60 - 3} queued)`;
	},
	60_000,
);

table.check(
	{
		section: 'Interactive first',
		case: 'the client picker during a 60-item run of the same credential',
		input: 'credential A (5/s) runs 60 × Client > Get; once under way, the editor searches clients with A',
		expected: "the search goes ahead of the run's queue: at most 5 of the run's requests before it (one window)",
	},
	async () => {
		const creds = byToken({ maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 });
		const { started } = await bulkRun(creds, 60);
		const from = sandbox.requests.length;
		const found = await listSearch('searchClients', { parameters: getParameters, credentials: creds });
		expect(found.results.length).toBeGreaterThan(0);
		const ahead = aheadOf(from, (r) => r.method === 'POST' && /clients\/search$/.test(r.path));
		started.stop();
		await started.result;
		expect(ahead).toBeLessThanOrEqual(5);
		return `${ahead} of the run's requests went before the search (about 57 were queued)`;
	},
	60_000,
);

table.check(
	{
		section: 'In turn',
		case: "another execution's single Get after a run has filled the credential's minute",
		input:
			'credential A (20/s, 40/min) runs 60 × Client > Get; once the run waits for its minute, another ' +
			'execution reads one client with A',
		expected:
			"the run keeps off the minute's last place (a 40th of the limit): the single read goes before the " +
			"run's 40th request, not after the minute has passed",
	},
	async () => {
		const creds = byToken({ userToken: 'budget-user-c', maxRequestsPerSecond: 20, maxRequestsPerMinute: 40 });
		const { started, clients } = await bulkRun(creds, 60, 39);
		const from = sandbox.requests.length;
		const single = await run({
			parameters: { ...getParameters, clientId: byId(String(clients[1].id)) },
			credentials: creds,
		});
		expect(single.error).toBeUndefined();
		const ahead = aheadOf(from, (r) => r.method === 'GET' && r.path.endsWith(`/${String(clients[1].id)}`));
		const runBefore = from + ahead;
		started.stop();
		await started.result;
		expect(runBefore).toBe(39);
		return `the run sent ${runBefore} of its 60 requests in the minute, then the single read went`;
	},
	60_000,
);
