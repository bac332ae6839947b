/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Lists under every reading of the page-size maximum (test/sandbox/readings.js): Get Many, Get Many
 * (Full Records), the upsert's candidate lookup and Visit History, at list sizes on every page edge.
 * Every record exactly once and in order, with the fewest requests the reading allows; under a
 * hostile server, the same or an error (and Create or Update then writes nothing). The reliability
 * suites (test/reliability/lists.test.ts, history-cursor.test.ts) record the hostile cases' rows.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, runNode } from './harness';
import { credentials, newSandbox } from './setup';

const { READINGS, defaultReadings } = require('../sandbox/readings');
const hostile = require('../sandbox/hostile');

const sandbox = newSandbox();
const LOCATION = 101;
const SIZES = [0, 1, 99, 100, 101, 199, 200, 201, 299, 300, 301, 450];
const SEARCH = `/company/${LOCATION}/clients/search`;
const LEGACY = `/clients/${LOCATION}`;

beforeAll(async () => {
	await sandbox.start(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	sandbox.options.readings = defaultReadings();
});

const run = (parameters: IDataObject) =>
	runNode({
		parameters: { resource: 'client', locationId: byId(String(LOCATION)), ...parameters },
		credentials: credentials(sandbox),
	});

/** The rows per page a reading serves when asked for `asked`. */
const served = (reading: string, asked: number) => Math.min(asked, Number(/\d+$/.exec(reading)![0]));
const requests = (path: string) => sandbox.requests.filter((r) => r.path === path);
const sizesOf = (path: string) => requests(path).map((r) => Number(r.body?.page_size ?? r.query.count));

const cases = (key: string) =>
	(READINGS[key] as string[]).flatMap((reading) => SIZES.map((n) => [reading, n] as [string, number]));

describe.each([
	['Get Many (search)', 'getAll', SEARCH, 'searchPageSize'],
	['Get Many (Full Records)', 'getAllLegacy', LEGACY, 'legacyPageSize'],
])('%s, Return All', (_name, operation, path, key) => {
	test.each(cases(key))('%s over %i clients: each once, in id order, fewest requests', async (reading, n) => {
		sandbox.options.readings = { ...(sandbox.options.readings as IDataObject), [key]: reading };
		const seeded = sandbox.seedClients(LOCATION, n);
		const { items, error } = await run({ operation, returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(seeded.map((c) => c.id));
		const perPage = served(reading, 200);
		expect(requests(path)).toHaveLength(Math.max(1, Math.ceil(n / perPage)));
		expect(requests(path).map((r) => Number(r.body?.page ?? r.query.page))).toEqual(
			requests(path).map((_r, i) => i + 1),
		);
		expect(sizesOf(path)).toEqual(sizesOf(path).map((_s, i) => (i === 0 ? 200 : perPage)));
	});
});

describe.each([
	['Get Many (search)', 'getAll', SEARCH, 'searchPageSize'],
	['Get Many (Full Records)', 'getAllLegacy', LEGACY, 'legacyPageSize'],
])('%s, Limit', (_name, operation, path, key) => {
	const limits = [1, 99, 100, 101, 150, 250, 301, 450];
	test.each((READINGS[key] as string[]).flatMap((reading) => limits.map((limit) => [reading, limit])))(
		'%s, limit %i over 450: exactly the limit, in order, never more pages than needed',
		async (reading, limit) => {
			sandbox.options.readings = { ...(sandbox.options.readings as IDataObject), [key]: reading };
			const seeded = sandbox.seedClients(LOCATION, 450);
			const { items, error } = await run({ operation, returnAll: false, limit });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(seeded.slice(0, limit as number).map((c) => c.id));
			const asked = sizesOf(path)[0];
			expect(requests(path)).toHaveLength(Math.ceil((limit as number) / served(reading as string, asked)));
			// No reading could do with fewer: the largest page it serves is min(200, its cap).
			expect(requests(path).length).toBeLessThanOrEqual(Math.ceil((limit as number) / served(reading as string, 200)));
		},
	);
});

describe('Create or Update: the candidate lookup reads every page', () => {
	const TARGET = '3155550100';
	test.each(cases('searchPageSize'))(
		'%s, %i candidates before the exact match: it is found on the last page and updated',
		async (reading, n) => {
			sandbox.options.readings = { ...(sandbox.options.readings as IDataObject), searchPageSize: reading };
			sandbox.seedClients(LOCATION, n, (i: number) => ({ phone: `${TARGET}${String(i).padStart(3, '0')}` }));
			const [target] = sandbox.seedClients(LOCATION, 1, { name: 'Exact', phone: TARGET, birth_date: '1990-01-01' });
			const { items, error } = await run({ operation: 'upsert', name: 'Renamed', phone: TARGET });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ action: 'updated', id: target.id, name: 'Renamed' });
			expect(requests(SEARCH)).toHaveLength(Math.max(1, Math.ceil((n + 1) / served(reading, 200))));
			expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path === LEGACY)).toHaveLength(0);
		},
	);
});

describe('hostile servers under every reading: the whole list, or an error', () => {
	const HOSTILE: Array<[string, (path: string) => IDataObject, (n: number, e: number) => boolean]> = [
		['pages that never end (total grows)', (path) => hostile.neverEnding(path, 'grows'), () => true],
		['pages without total_count', (path) => hostile.neverEnding(path, 'absent'), () => true],
		['page 2 repeating page 1', (path) => hostile.repeatsFirstPage(path, 2), (n, e) => n > e],
		['page 2 cut to 50 rows', (path) => hostile.shortPage(path, 2, 50), (n, e) => Math.min(e, n - e) > 50],
	];
	const OPERATIONS: Array<[string, string, string]> = [
		['getAll', SEARCH, 'searchPageSize'],
		['getAllLegacy', LEGACY, 'legacyPageSize'],
		['upsert', SEARCH, 'searchPageSize'],
	];
	const rows = OPERATIONS.flatMap(([operation, path, key]) =>
		(READINGS[key] as string[]).flatMap((reading) =>
			HOSTILE.flatMap(([label, fault, fails]) =>
				[101, 201, 301].map((n) => [operation, reading, label, n, path, key, fault, fails] as const),
			),
		),
	);
	test.each(rows)('%s, %s, %s, %i records', async (operation, reading, _label, n, path, key, fault, fails) => {
		sandbox.options.readings = { ...(sandbox.options.readings as IDataObject), [key]: reading };
		const phone = '3155550100';
		const candidates =
			operation === 'upsert' ? (i: number) => ({ phone: `${phone}${String(i).padStart(3, '0')}` }) : {};
		const seeded = sandbox.seedClients(LOCATION, n, candidates);
		sandbox.addFault(fault(path));
		const { items, error } = await run(
			operation === 'upsert' ? { operation, name: 'New', phone } : { operation, returnAll: true },
		);
		const wrote = sandbox.requests.filter((r) => r.method === 'PUT' || (r.method === 'POST' && r.path === LEGACY));
		if (fails(n, served(reading, 200))) {
			expect(error?.message).toMatch(/Altegio/);
			expect(wrote).toHaveLength(0);
			expect(requests(path).length).toBeLessThanOrEqual(Math.ceil(n / served(reading, 200)) + 3);
		} else if (operation === 'upsert') {
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ action: 'created' });
		} else {
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(seeded.map((c) => c.id));
		}
	});
});

describe('Visit History: the date cursor over page edges', () => {
	const HISTORY = `/company/${LOCATION}/clients/visits/search`;
	const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

	// One visit a day (pages of 25), or three (a page runs on to the end of the 25th item's day).
	test.each(SIZES.flatMap((n) => [1, 3].map((perDay) => [n, perDay])))(
		'%i visits, %i a day: each once, newest first, one request per page',
		async (n, perDay) => {
			const client = sandbox.addClient(LOCATION, { name: 'Hist', phone: '13155550999' });
			const ids: number[] = [];
			for (let i = 0; i < n; i++) {
				const date = `${day(Math.floor(i / perDay))} ${String(9 + (i % perDay)).padStart(2, '0')}:00:00`;
				ids.push(sandbox.addVisit(LOCATION, client.id as number, { date }).id as number);
			}
			const { items, error } = await runNode({
				parameters: {
					resource: 'history',
					operation: 'getAll',
					locationId: byId(String(LOCATION)),
					clientId: byId(String(client.id)),
					returnAll: true,
					filters: {},
				},
				credentials: credentials(sandbox),
			});
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual([...ids].reverse());
			const pageSize = perDay === 1 ? 25 : 27; // 25 items end mid-day with 3 a day: 27 close the day
			expect(requests(HISTORY)).toHaveLength(Math.max(1, Math.ceil(n / pageSize)));
		},
	);
});
