/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Paging tables shared by the list operations' files (client/getAll, client/getAllLegacy,
 * client/upsert's candidate lookup): under every reading of the page-size maximum
 * (test/sandbox/readings.js), at list sizes on every page edge, every record exactly once and in
 * order with the fewest requests the reading allows; under a hostile server, the same or an error
 * (and Create or Update then writes nothing). The reliability suites (test/reliability/lists.test.ts,
 * history-cursor.test.ts) record the hostile cases' rows.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunResult, Sandbox } from './harness';

const { READINGS } = require('../sandbox/readings');
const hostile = require('../sandbox/hostile');

export const SIZES = [0, 1, 99, 100, 101, 199, 200, 201, 299, 300, 301, 450];
const LOCATION = 101;
const LEGACY = `/clients/${LOCATION}`;

type Run = (parameters: IDataObject) => Promise<RunResult>;

/** One list operation: its main request's path and the reading that sets its page-size maximum. */
export interface ListOperation {
	operation: string;
	path: string;
	reading: 'searchPageSize' | 'legacyPageSize';
}

/** The rows per page a reading serves when asked for `asked`. */
export const served = (reading: string, asked: number) => Math.min(asked, Number(/\d+$/.exec(reading)![0]));

/** Every reading of `key` with every list size. */
export const readingCases = (key: string) =>
	(READINGS[key] as string[]).flatMap((reading) => SIZES.map((n) => [reading, n] as [string, number]));

/** Sets one reading for the current test (sandboxSuite restores the defaults before the next). */
export const useReading = (sandbox: Sandbox, key: string, reading: string) =>
	Object.assign(sandbox.options.readings as IDataObject, { [key]: reading });

/** Return All and Limit under every reading, and the hostile servers, for a Get Many operation. */
export function pagingTables(sandbox: Sandbox, run: Run, list: ListOperation) {
	const { operation, path, reading: key } = list;
	const requests = () => sandbox.requests.filter((r) => r.path === path);
	const sizes = () => requests().map((r) => Number(r.body?.page_size ?? r.query.count));

	describe('Return All under every page-size reading', () => {
		test.each(readingCases(key))('%s over %i clients: each once, in id order, fewest requests', async (reading, n) => {
			useReading(sandbox, key, reading);
			const seeded = sandbox.seedClients(LOCATION, n);
			const { items, error } = await run({ operation, returnAll: true });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(seeded.map((c) => c.id));
			const perPage = served(reading, 200);
			expect(requests()).toHaveLength(Math.max(1, Math.ceil(n / perPage)));
			expect(requests().map((r) => Number(r.body?.page ?? r.query.page))).toEqual(requests().map((_r, i) => i + 1));
			expect(sizes()).toEqual(sizes().map((_s, i) => (i === 0 ? 200 : perPage)));
		});
	});

	describe('Limit under every page-size reading', () => {
		const limits = [1, 99, 100, 101, 150, 250, 301, 450];
		test.each((READINGS[key] as string[]).flatMap((reading) => limits.map((limit) => [reading, limit])))(
			'%s, limit %i over 450: exactly the limit, in order, never more pages than needed',
			async (reading, limit) => {
				useReading(sandbox, key, reading as string);
				const seeded = sandbox.seedClients(LOCATION, 450);
				const { items, error } = await run({ operation, returnAll: false, limit });
				expect(error).toBeUndefined();
				expect(items.map((i) => i.json.id)).toEqual(seeded.slice(0, limit as number).map((c) => c.id));
				expect(requests()).toHaveLength(Math.ceil((limit as number) / served(reading as string, sizes()[0])));
				// No reading could do with fewer: the largest page it serves is min(200, its cap).
				expect(requests().length).toBeLessThanOrEqual(Math.ceil((limit as number) / served(reading as string, 200)));
			},
		);
	});

	hostileServers(sandbox, run, list);
}

/** Hostile servers under every reading: the whole list, or an error (and nothing written). */
export function hostileServers(sandbox: Sandbox, run: Run, { operation, path, reading: key }: ListOperation) {
	const HOSTILE: Array<[string, (path: string) => IDataObject, (n: number, e: number) => boolean]> = [
		['pages that never end (total grows)', (p) => hostile.neverEnding(p, 'grows'), () => true],
		['pages without total_count', (p) => hostile.neverEnding(p, 'absent'), () => true],
		['page 2 repeating page 1', (p) => hostile.repeatsFirstPage(p, 2), (n, e) => n > e],
		['page 2 cut to 50 rows', (p) => hostile.shortPage(p, 2, 50), (n, e) => Math.min(e, n - e) > 50],
	];
	const rows = (READINGS[key] as string[]).flatMap((reading) =>
		HOSTILE.flatMap(([label, fault, fails]) => [101, 201, 301].map((n) => [reading, label, n, fault, fails] as const)),
	);
	describe('hostile servers under every reading: the whole list, or an error', () => {
		test.each(rows)('%s, %s, %i records', async (reading, _label, n, fault, fails) => {
			useReading(sandbox, key, reading);
			const phone = '3155550100';
			const upsert = operation === 'upsert';
			const seeded = sandbox.seedClients(LOCATION, n, upsert ? (i: number) => ({ phone: `${phone}${pad(i)}` }) : {});
			// Create or Update reads the list with GET and creates with POST on the same path.
			sandbox.addFault(upsert ? { ...fault(path), method: 'GET' } : fault(path));
			const { items, error } = await run(upsert ? { operation, name: 'New', phone } : { operation, returnAll: true });
			const wrote = sandbox.requests.filter((r) => r.method === 'PUT' || (r.method === 'POST' && r.path === LEGACY));
			const requests = sandbox.requests.filter((r) => r.path === path);
			if (fails(n, served(reading, 200))) {
				expect(error?.message).toMatch(/Altegio/);
				expect(wrote).toHaveLength(0);
				expect(requests.length).toBeLessThanOrEqual(Math.ceil(n / served(reading, 200)) + 3);
			} else if (upsert) {
				expect(error).toBeUndefined();
				expect(items[0].json).toMatchObject({ action: 'created' });
			} else {
				expect(error).toBeUndefined();
				expect(items.map((i) => i.json.id)).toEqual(seeded.map((c) => c.id));
			}
		});
	});
}

const pad = (i: number) => String(i).padStart(3, '0');
