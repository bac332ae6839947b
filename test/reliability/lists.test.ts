/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Lists that must not end early or run away: every page-size reading of the sandbox, and hostile
 * servers (test/sandbox/hostile.js) against Client > Get Many and Get Many (Full Records), Return
 * All (Visit History: history-cursor.test.ts). Each list comes out whole, each record once, or the
 * node stops with an error that says what happened: never a silent short list, never a runaway.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, runNode, credentials } from '../engine/harness';
import { reliabilitySuite, short } from './support';

const hostile = require('../sandbox/hostile');
const { READINGS, defaultReadings } = require('../sandbox/readings');

const LOCATION = 101;
const TOTAL = 450;
const SEARCH = `/company/${LOCATION}/clients/search`;
const LEGACY = `/clients/${LOCATION}`;
let seeded: IDataObject[] = [];

const { sandbox, table } = reliabilitySuite({
	id: 'lists',
	title: 'Lists: page sizes and hostile servers',
	intro:
		`Return All over ${TOTAL} clients; Get Many and Get Many (Full Records) both ask 200 per page. ` +
		'The sandbox serves each reading of the undocumented page-size maximum, or rewrites its answers ' +
		'as a hostile server would.',
});

table.note(
	'Get Many (Full Records) asks 200 per page although one source gives 300: 300 is unproven, and a ' +
		'server that refuses it would fail every read, while 200 costs ceil(N/200) requests instead of ' +
		'ceil(N/300). A server that caps below what was asked is recognised on page 1 and followed, so a ' +
		'cap of 100 costs ceil(N/100), the least it allows. test/engine/lists.test.ts runs every reading at ' +
		'0, 1, 99, 100, 101, 199, 200, 201, 299, 300, 301 and 450 records, with limits, the Create or ' +
		'Update candidate lookup and Visit History.',
);

beforeEach(() => {
	sandbox.reset();
	sandbox.options.readings = defaultReadings();
	seeded = sandbox.seedClients(LOCATION, TOTAL);
});

const listClients = (operation: string) =>
	runNode({
		parameters: { resource: 'client', operation, locationId: byId(String(LOCATION)), returnAll: true },
		credentials: credentials(sandbox),
	});

const pagesLine = (path: string) =>
	sandbox.requests
		.filter((r) => r.path === path)
		.map((r) => `p${r.body?.page ?? r.query.page}×${r.body?.page_size ?? r.query.count ?? ''}`)
		.join(', ');

async function expectWhole(operation: string, path: string): Promise<string> {
	const { items, error } = await listClients(operation);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.id)).toEqual(seeded.map((c) => c.id));
	return `${items.length} clients, each once, in order; requests ${pagesLine(path)}`;
}

async function expectError(operation: string, path: string, text: RegExp, maxRequests: number): Promise<string> {
	const { error } = await listClients(operation);
	expect(error?.message).toMatch(text);
	const count = sandbox.requests.filter((r) => r.path === path).length;
	expect(count).toBeLessThanOrEqual(maxRequests);
	return `error after ${count} request${count === 1 ? '' : 's'} (${pagesLine(path)}): "${short(error?.message, 200)}"`;
}

for (const [name, operation, path, key] of [
	['Get Many (search)', 'getAll', SEARCH, 'searchPageSize'],
	['Get Many (Full Records)', 'getAllLegacy', LEGACY, 'legacyPageSize'],
] as const) {
	for (const reading of READINGS[key] as string[]) {
		table.check(
			{
				section: `Client > ${name}: page-size readings`,
				case: `${key} = ${reading}`,
				input: `${TOTAL} clients, Return All`,
				expected: 'every client once, in order; page 1 at 200, then the size the server served',
			},
			async () => {
				sandbox.options.readings = { ...(sandbox.options.readings as IDataObject), [key]: reading };
				return await expectWhole(operation, path);
			},
		);
	}

	const section = `Client > ${name}: hostile servers`;
	const cases: Array<[string, string, () => void, RegExp, number]> = [
		[
			'every page full of new clients, total always one page more',
			'an error once the pages exceed what the first total implies (+2)',
			() => sandbox.addFault(hostile.neverEnding(path, 'grows')),
			/beyond the 4 that a total of 400/,
			4,
		],
		[
			'every page full of new clients, no total_count',
			'an error on the first page: completeness cannot be told',
			() => sandbox.addFault(hostile.neverEnding(path, 'absent')),
			/no usable meta\.total_count/,
			1,
		],
		[
			'every page full of new clients, the true total_count',
			'an error once more clients came than the total says',
			() => sandbox.addFault(hostile.neverEnding(path, 'kept')),
			/said there are 450 clients but the pages held 600 different ones/,
			3,
		],
		[
			'page 2 repeats page 1',
			'an error: no progress',
			() => sandbox.addFault(hostile.repeatsFirstPage(path, 2)),
			/page 2 of clients held only clients already read/,
			2,
		],
		[
			'page 2 holds 100 of 200 rows, total_count still 450',
			'the walk goes on; then an error naming the shortfall and the short page',
			() => sandbox.addFault(hostile.shortPage(path, 2, 100)),
			/said there are 450 clients but the pages held 350 \(short pages: page 2: 100 of 200\)/,
			4,
		],
		[
			'a client already read is deleted after page 1 (total 450 → 449)',
			'an error: offsets moved, a client may have been skipped',
			() =>
				sandbox.addFault(
					hostile.changesAfterPage(path, 1, () =>
						sandbox.state.clients.splice(sandbox.state.clients.indexOf(seeded[0]), 1),
					),
				),
			/fell from 450 to 449/,
			2,
		],
	];
	for (const [label, expected, arm, text, maxRequests] of cases) {
		table.check({ section, case: label, input: `${TOTAL} clients, Return All`, expected }, async () => {
			arm();
			return await expectError(operation, path, text, maxRequests);
		});
	}
	table.check(
		{
			section,
			case: 'page 1 holds 100 of 200 rows (cut short, offsets still at 200 a page)',
			input: `${TOTAL} clients, Return All`,
			expected: 'read as a cap of 100: pages of 100 from page 2 on, every client once',
		},
		async () => {
			sandbox.addFault(hostile.shortPage(path, 1, 100));
			return await expectWhole(operation, path);
		},
	);
	table.check(
		{
			section,
			case: 'a client is added after page 1 (total 450 → 451)',
			input: `${TOTAL} clients, Return All`,
			expected: 'all 451 once (the new one is last by id)',
		},
		async () => {
			let added: IDataObject | undefined;
			sandbox.addFault(
				hostile.changesAfterPage(path, 1, () => (added = sandbox.addClient(LOCATION, { name: 'Late' }))),
			);
			const { items, error } = await listClients(operation);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual([...seeded, added!].map((c) => c.id));
			return `${items.length} clients, each once, in order; requests ${pagesLine(path)}`;
		},
	);
}
