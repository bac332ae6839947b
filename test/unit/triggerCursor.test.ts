import { formatLocalTime, parseLocalTime, wallClock } from '../../nodes/AltegioTrigger/localTime';
import { MAX_SEEN, prune, readState, windowFor } from '../../nodes/AltegioTrigger/pollClients';

const at = (text: string) => parseLocalTime(text)!;

describe('last_change_date', () => {
	test.each([
		['2026-03-01T12:00:00-0500', Date.parse('2026-03-01T17:00:00Z'), -300],
		['2026-03-01T12:00:00-05:00', Date.parse('2026-03-01T17:00:00Z'), -300],
		['2026-07-01T12:00:00+0530', Date.parse('2026-07-01T06:30:00Z'), 330],
		['2026-03-01T12:00:00Z', Date.parse('2026-03-01T12:00:00Z'), 0],
		['2026-03-01 12:00:00', Date.parse('2026-03-01T12:00:00Z'), 0],
		['2026-03-01T12:00:00.123-0500', Date.parse('2026-03-01T17:00:00Z'), -300],
	])('%s is read with its offset', (text, ms, offset) => {
		expect(parseLocalTime(text)).toEqual({ ms, offset });
	});

	test.each([[''], ['yesterday'], ['2026-13-01T00:00:00'], ['2026-03-01'], [null], [1772384400]])(
		'%p is not a time',
		(value) => {
			expect(parseLocalTime(value)).toBeUndefined();
		},
	);

	test('wall-clock and Altegio spelling keep the offset', () => {
		const time = at('2026-03-01T12:00:00-0500');
		expect(wallClock(time)).toBe('2026-03-01T12:00:00');
		expect(formatLocalTime(time)).toBe('2026-03-01T12:00:00-0500');
		expect(formatLocalTime(at('2026-07-01T00:15:00+0545'))).toBe('2026-07-01T00:15:00+0545');
		expect(wallClock({ ms: time.ms - 120_000, offset: time.offset })).toBe('2026-03-01T11:58:00');
	});
});

describe('windowFor', () => {
	test('by day: two minutes before the cursor, in its offset', () => {
		const { start, since } = windowFor(at('2026-03-01T12:00:00-0500'), -300);
		expect(wallClock(start)).toBe('2026-03-01T11:58:00');
		expect(since).toBe(start.ms);
	});

	test.each([
		['2026-03-01T21:00:00-0500', '2026-03-01T19:00:00'],
		['2026-03-01T02:30:00-0500', '2026-03-01T00:30:00'],
		['2026-03-01T04:59:59-0500', '2026-03-01T02:59:59'],
		['2026-03-01T05:01:00-0500', '2026-03-01T03:01:00'], // two minutes back is still night
	])('at night (%s) two hours before', (cursor, start) => {
		expect(wallClock(windowFor(at(cursor), -300).start)).toBe(start);
	});

	test.each([['2026-03-01T05:02:00-0500'], ['2026-03-01T20:59:59-0500']])('%s is day', (cursor) => {
		expect(at(cursor).ms - windowFor(at(cursor), -300).start.ms).toBe(120_000);
	});
});

describe('windowFor: the zone changed_after is written in', () => {
	test.each([
		['2026-03-01T12:00:00-0500', -300, '2026-03-01T11:58:00'], // west: the location's wall clock
		['2026-03-01T12:00:00+0300', 180, '2026-03-01T08:58:00'], // east: UTC
		['2026-03-01T12:00:00+1400', 840, '2026-02-28T21:58:00'],
		['2026-03-01T12:00:00+0000', 0, '2026-03-01T11:58:00'],
	])('cursor %s (location offset %i): %s', (cursor, offset, start) => {
		expect(wallClock(windowFor(at(cursor), offset).start)).toBe(start);
	});

	test('before any client was seen: UTC-12, early enough for every zone', () => {
		const { start, since } = windowFor(at('2026-03-01T12:00:00Z'), undefined);
		expect(start.offset).toBe(-720);
		expect(wallClock(start)).toBe('2026-02-28T23:58:00');
		expect(since).toBe(at('2026-03-01T11:58:00Z').ms);
	});
});

describe('prune', () => {
	test('keeps the changes at or after since', () => {
		expect(prune({ 1: 100, 2: 200, 3: 300 }, 200_000)).toEqual({ seen: { 2: 200, 3: 300 }, since: 200 });
	});

	test(`keeps at most ${MAX_SEEN}, moving since past the dropped ones`, () => {
		const seen: Record<string, number> = {};
		for (let i = 0; i < MAX_SEEN + 5; i++) seen[i] = 1000 + i;
		const pruned = prune(seen, 0);
		expect(Object.keys(pruned.seen)).toHaveLength(MAX_SEEN);
		expect(pruned.since).toBe(1000 + 5);
		expect(Math.min(...Object.values(pruned.seen))).toBe(pruned.since);
	});

	test('ties with the newest dropped change are dropped too', () => {
		const seen: Record<string, number> = {};
		for (let i = 0; i < MAX_SEEN + 2; i++) seen[i] = i < 10 ? 500 : 1000 + i;
		const pruned = prune(seen, 0);
		expect(pruned.since).toBe(501);
		expect(Object.keys(pruned.seen)).toHaveLength(MAX_SEEN - 8);
	});
});

describe('readState', () => {
	const good = { version: 1, locationId: '101', cursor: '2026-03-01T12:00:00-0500', since: 1, maxId: 5, seen: {} };

	test('accepts its own state for the same location (saved before the offset was kept: the cursor has it)', () => {
		expect(readState({ ...good }, '101')).toEqual({ ...good, locationOffset: -300 });
		expect(readState({ ...good, locationOffset: 330 }, '101')).toEqual({ ...good, locationOffset: 330 });
		expect(readState({ ...good, locationOffset: null }, '101')).toEqual(good);
	});

	test.each([
		['another location', { ...good, locationId: '102' }],
		['no state', {}],
		['another version', { ...good, version: 2 }],
		['a broken cursor', { ...good, cursor: 'now' }],
		['seen as a list', { ...good, seen: [] }],
	])('starts over on %s', (_, data) => {
		expect(readState(data, '101')).toBeUndefined();
	});
});
