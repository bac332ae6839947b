/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Fault matrix, reads: Client > Get Many with Return All over three pages, a fault striking page 2
 * (mid-way). Reads are retried; each record must come out exactly once, pages neither repeated past
 * the failure nor skipped, and an unrecoverable failure must stop the walk with a clear error.
 */
import type { IDataObject } from 'n8n-workflow';

import { RETRY_POLICY, useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { byId, credentials } from '../engine/harness';
import { aimed, faultInput, FAULTS } from './faults';
import { itemError, reliabilitySuite, run, settle, short } from './support';

const SERVER_ERROR_TRIES = RETRY_POLICY.table.serverError.read.tries;
const RATE_LIMITED_TRIES = RETRY_POLICY.table.rateLimited.read.tries;

const { operation, mainRequest } = require('../catalog');

const LOCATION = 101;
const TOTAL = 450; // pages of 200: 200 + 200 + 50
let seeded: IDataObject[] = [];

const { sandbox, table } = reliabilitySuite({
	id: 'faults-read',
	title: 'Fault matrix: reads',
	intro:
		`Client > Get Many, Return All, over ${TOTAL} clients: three pages of 200 (the search's largest page). ` +
		`Each fault strikes page 2, after page 1 was read. The node runs with Continue On Fail, so a failure shows ` +
		`as an error item. Retries wait 20 ms × 2ⁿ here (the production base is 1 s); a Retry-After header is ` +
		`honoured as sent.`,
});

beforeAll(async () => {
	useRetryPolicy({ backoffBaseMs: 20 });
});
beforeEach(() => {
	seeded = sandbox.seedClients(LOCATION, TOTAL);
});

const getAll = operation('client.getAll');
const searchPath = mainRequest(getAll, { location: LOCATION }).path;
const pageOf = (r: { body: any }) => Number(r.body?.page);
const onPage2 = (r: { body: any }) => r.body?.page === 2;

async function getAllClients(timeout: number) {
	return await run({
		parameters: {
			resource: 'client',
			operation: 'getAll',
			...getAll.parameters({ location: LOCATION }),
			returnAll: true,
			requestOptions: { timeout },
		},
		credentials: credentials(sandbox),
		continueOnFail: true,
	});
}

function pagesLine() {
	return sandbox.requests
		.map(
			(r) =>
				`p${pageOf(r)} ${r.status === null ? 'dropped' : r.status}` +
				(r.fault && r.fault !== String(r.status) ? ` [${r.fault}]` : ''),
		)
		.join(', ');
}

/** Every seeded client once, in id order; the page walk 1, 2 (× tries), 3. */
function expectAllOnce(items: Array<{ json: IDataObject }>, page2Tries: number) {
	const ids = items.map((i) => i.json.id);
	expect(items.every((i) => itemError(i as never) === undefined)).toBe(true);
	expect(ids).toEqual(seeded.map((c) => c.id));
	expect(new Set(ids).size).toBe(TOTAL);
	const searches = sandbox.requests.filter((r) => r.path === searchPath);
	expect(searches).toHaveLength(sandbox.requests.length);
	expect(searches.map(pageOf)).toEqual([1, ...Array(page2Tries).fill(2), 3]);
	expect(searches.every((r) => r.body.page_size === 200)).toBe(true);
}

describe('each fault on page 2', () => {
	for (const fault of FAULTS) {
		const recovers = fault.id !== 'success-false';
		table.check(
			{
				section: 'Client > Get Many (Return All, 3 pages), fault on page 2',
				case: fault.label,
				input: `${TOTAL} clients; ${faultInput(fault, ' on page 2')}`,
				expected: recovers
					? `retried; ${TOTAL} records, each once, in order; pages 1, 2 (×${fault.times + 1}), 3`
					: "Altegio's refusal is not retried: one error item with its message; page 3 never asked for; no records",
			},
			async () => {
				sandbox.addFault(aimed(fault, { path: searchPath, match: onPage2 }));
				const { items, error } = await getAllClients(fault.timeout);
				await settle(sandbox);
				expect(error).toBeUndefined();
				if (recovers) {
					expectAllOnce(items, fault.times + 1);
					return (
						`${items.length} records, ${new Set(items.map((i) => i.json.id)).size} distinct, in id order; ` +
						`requests: ${pagesLine()}`
					);
				}
				expect(items).toHaveLength(1);
				expect(itemError(items[0])).toBe('An error has occurred. [HTTP 200]');
				expect(sandbox.requests.map(pageOf)).toEqual([1, 2]);
				return `1 error item "${itemError(items[0])}"; requests: ${pagesLine()}`;
			},
		);
	}
});

describe('failures that do not go away', () => {
	/** Page 2 of the search answers `status` (Altegio's "Service unavailable") on every try. */
	const page2Always = (status: number) =>
		sandbox.addFault({
			path: searchPath,
			match: onPage2,
			kind: 'status',
			status,
			message: 'Service unavailable',
			times: 99,
		});

	table.check(
		{
			section: 'Pagination when a page keeps failing',
			case: 'HTTP 503 on every try of page 2',
			input: `${TOTAL} clients; 503 on page 2, always`,
			expected:
				`stops after ${SERVER_ERROR_TRIES} tries of page 2 with a clear error; page 3 never asked for; ` +
				`no partial list`,
		},
		async () => {
			page2Always(503);
			const { items, error } = await getAllClients(10_000);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			const message = itemError(items[0]);
			expect(message).toBe('Altegio kept failing (HTTP 503): Service unavailable [HTTP 503]');
			expect(sandbox.requests.map(pageOf)).toEqual([1, ...Array(SERVER_ERROR_TRIES).fill(2)]);
			const description = String((items[0].error as { description?: string })?.description);
			expect(description).toContain(`Tried ${SERVER_ERROR_TRIES} times`);
			return `1 error item "${message}" (${description}); requests: ${pagesLine()}`;
		},
	);

	table.check(
		{
			section: 'Pagination when a page keeps failing',
			case: 'Without Continue On Fail: the same failure stops the execution',
			input: `${TOTAL} clients; 503 on page 2, always`,
			expected: 'the node fails with the same message; no output items',
		},
		async () => {
			page2Always(503);
			const { items, error } = await run({
				parameters: { resource: 'client', operation: 'getAll', locationId: byId(String(LOCATION)), returnAll: true },
				credentials: credentials(sandbox),
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toBe('Altegio kept failing (HTTP 503): Service unavailable [HTTP 503]');
			expect(sandbox.requests.map(pageOf)).toEqual([1, ...Array(SERVER_ERROR_TRIES).fill(2)]);
			return `execution error "${error?.message}"; ${sandbox.requests.length} requests, none past page 2`;
		},
	);

	table.check(
		{
			section: 'Pagination when a page keeps failing',
			case: 'Get Many (Full Records): the query-string pager, 502 on page 2',
			input: `${TOTAL} clients, deprecated list (pages of 200 via ?page=&count=); 502 × 2 on page 2`,
			expected: `retried; ${TOTAL} records, each once; pages 1, 2, 2, 2, 3`,
		},
		async () => {
			sandbox.addFault({
				method: 'GET',
				path: `/clients/${LOCATION}`,
				match: (r: { query: any }) => r.query?.page === '2',
				kind: 'status',
				status: 502,
				times: 2,
			});
			const { items, error } = await run({
				parameters: {
					resource: 'client',
					operation: 'getAllLegacy',
					locationId: byId(String(LOCATION)),
					returnAll: true,
				},
				credentials: credentials(sandbox),
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			const ids = items.map((i) => i.json.id);
			expect(ids).toEqual(seeded.map((c) => c.id));
			expect(new Set(ids).size).toBe(TOTAL);
			expect(sandbox.requests.map((r) => `${r.query.page}:${r.status}`)).toEqual([
				'1:200',
				'2:502',
				'2:502',
				'2:200',
				'3:200',
			]);
			return (
				`${items.length} records, ${new Set(ids).size} distinct; requests: ` +
				`${sandbox.requests.map((r) => `p${r.query.page} ${r.status}`).join(', ')}`
			);
		},
	);

	table.check(
		{
			section: 'Pagination when a page keeps failing',
			case: 'A 429 storm on page 2 that outlasts the retries',
			input: `${TOTAL} clients; 429 on page 2, always (no Retry-After)`,
			expected: `stops after ${RATE_LIMITED_TRIES} tries with the rate-limit hint; no partial list`,
		},
		async () => {
			sandbox.addFault({ path: searchPath, match: onPage2, kind: '429', times: 99 });
			const { items } = await getAllClients(10_000);
			expect(items).toHaveLength(1);
			expect(itemError(items[0])).toBe('Altegio kept failing (HTTP 429): Too many requests [HTTP 429]');
			const description = String((items[0].error as { description?: string })?.description);
			expect(description).toMatch(/rate limiting/);
			expect(sandbox.requests.map(pageOf)).toEqual([1, ...Array(RATE_LIMITED_TRIES).fill(2)]);
			return `1 error item "${itemError(items[0])}" — ${short(description, 120)}; requests: ${pagesLine()}`;
		},
	);
});
