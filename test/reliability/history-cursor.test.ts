/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Visit History's date cursor against hostile servers (test/sandbox/hostile.js), Return All: the
 * walk ends where the history or the period ends, or stops with an error that says what happened;
 * never a silent short list, never a walk that does not move back in time.
 */
import { byId, runNode, credentials } from '../engine/harness';
import { reliabilitySuite, short } from './support';

const hostile = require('../sandbox/hostile');

const LOCATION = 101;
const HISTORY = `/company/${LOCATION}/clients/visits/search`;

const { sandbox, table } = reliabilitySuite({
	id: 'history-cursor',
	title: 'Lists: Visit History cursor',
	intro:
		'Visit History, Return All, over 60 visits on 60 days (pages of 25, newest first). The sandbox ' +
		'rewrites meta.dateCursor as a hostile server would.',
});

describe('Visit History', () => {
	const day = (i: number) => new Date(Date.UTC(2020, 2, 1) - i * 86_400_000).toISOString().slice(0, 10);
	let clientId: number;
	let visitIds: number[];
	beforeEach(() => {
		clientId = sandbox.addClient(LOCATION, { name: 'Hist', phone: '13155550998' }).id as number;
		// newest first: day(0) is the latest
		visitIds = Array.from(
			{ length: 60 },
			(_, i) => sandbox.addVisit(LOCATION, clientId, { date: `${day(i)} 10:00:00` }).id as number,
		);
	});
	const history = (filters: Record<string, string> = {}) =>
		runNode({
			parameters: {
				resource: 'history',
				operation: 'getAll',
				locationId: byId(String(LOCATION)),
				clientId: byId(String(clientId)),
				returnAll: true,
				filters,
			},
			credentials: credentials(sandbox),
		});
	const windows = () =>
		sandbox.requests
			.filter((r) => r.path === HISTORY)
			.map((r) => `${r.body.from ?? '…'}..${r.body.to ?? '…'}`)
			.join(', ');
	const section = 'Visit History (Return All): hostile cursors';
	const input = '60 visits, one a day, 2020-01-02..2020-03-01';

	table.check(
		{ section, case: 'an honest cursor', input, expected: 'all 60 once, newest first, 3 pages' },
		async () => {
			const { items, error } = await history();
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(visitIds);
			expect(sandbox.requests.filter((r) => r.path === HISTORY)).toHaveLength(3);
			return `${items.length} visits, each once, newest first; windows ${windows()}`;
		},
	);
	table.check(
		{
			section,
			case: 'From given: the cursor runs on before From',
			input: `${input}; From ${day(29)}`,
			expected: 'the 30 visits from From on, 2 pages, then the walk ends',
		},
		async () => {
			const { items, error } = await history({ from: day(29) });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(visitIds.slice(0, 30));
			expect(sandbox.requests.filter((r) => r.path === HISTORY)).toHaveLength(2);
			return `${items.length} visits; windows ${windows()}`;
		},
	);
	table.check(
		{
			section,
			case: 'cursor dates as date-times (2020-02-05 00:00:00)',
			input,
			expected: 'read as their days: all 60 once',
		},
		async () => {
			sandbox.addFault(hostile.cursorDates(HISTORY));
			const { items, error } = await history();
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(visitIds);
			return `${items.length} visits, each once, newest first; windows ${windows()}`;
		},
	);
	const cases: Array<[string, string, Record<string, string>, () => void, RegExp]> = [
		[
			'the cursor points back to the window just read',
			input,
			{},
			() => sandbox.addFault(hostile.cursorStandsStill(HISTORY)),
			/did not move back in time/,
		],
		[
			'the cursor jumps forward in time',
			input,
			{},
			() => sandbox.addFault(hostile.cursorStepsForward(HISTORY)),
			/did not move back in time/,
		],
		[
			'the first cursor points after the period asked for',
			`${input}; To ${day(10)}`,
			{ to: day(10) },
			() => sandbox.addFault(hostile.cursorLeavesPeriod(HISTORY)),
			/did not move back in time: after the window ending 2020-02-20/,
		],
		[
			'cursor dates that are not dates (05/02/2020)',
			input,
			{},
			() => sandbox.addFault(hostile.cursorDates(HISTORY, (d: string) => d.split('-').reverse().join('/'))),
			/malformed window/,
		],
		[
			'every page repeats the first page, the cursor moving back a year each time',
			input,
			{},
			() => sandbox.addFault(hostile.historyRepeats(HISTORY)),
			/page 2 held no item not already read/,
		],
	];
	for (const [label, given, filters, arm, text] of cases) {
		table.check(
			{ section, case: label, input: given, expected: 'an error saying so, after 2 pages at most' },
			async () => {
				arm();
				const { error } = await history(filters);
				expect(error?.message).toMatch(text);
				expect(sandbox.requests.filter((r) => r.path === HISTORY).length).toBeLessThanOrEqual(2);
				return `error after windows ${windows()}: "${short(error?.message, 200)}"`;
			},
		);
	}
});
