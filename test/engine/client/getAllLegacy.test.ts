/**
 * Client > Get Many (Full Records), the deprecated list: full records, paging and Limit under every
 * reading of the page-size maximum, Changed After/Before in the documented form, the text filters.
 */
import { getGlobalState } from 'n8n-workflow';

import { sandboxSuite } from '../harness';
import { pagingTables } from '../paging';

const LOCATION = 101;
const { sandbox, run, requestsTo } = sandboxSuite('client', LOCATION);

describe('getAllLegacy (deprecated list)', () => {
	const listRequests = () => requestsTo(/^\/clients\/101$/, 'GET');

	// 200 per page: both sources allow it (300 is unproven); a server capping lower is followed (lists.test.ts).
	test.each([0, 1, 200, 201, 450])('Return All over %i clients: full records, ceil(N/200) requests', async (n) => {
		sandbox.seedClients(LOCATION, n, (i: number) => (i === 0 ? { categories: [1], custom_fields: { code: 'x' } } : {}));
		const { items } = await run({ operation: 'getAllLegacy', returnAll: true, output: 'raw' });
		expect(items).toHaveLength(n);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(n);
		expect(listRequests()).toHaveLength(Math.max(1, Math.ceil(n / 200)));
		for (const request of listRequests()) expect(Number(request.query.count)).toBe(200);
		if (n > 0) {
			expect(items[0].json.categories).toEqual([expect.objectContaining({ id: 1 })]);
			expect(items[0].json.custom_fields).toEqual({ code: 'x' });
			expect(typeof items[0].json.phone).toBe('string');
		}
	});

	test.each([
		[20, [20]],
		[200, [200]],
		[300, [150, 150]],
		[301, [151, 151]],
	])('limit %i over 450: page sizes %j', async (limit, sizes) => {
		sandbox.seedClients(LOCATION, 450);
		const { items } = await run({ operation: 'getAllLegacy', returnAll: false, limit });
		expect(items).toHaveLength(limit);
		expect(listRequests().map((r) => Number(r.query.count))).toEqual(sizes);
	});

	test('changedAfter and the text filters reach the query', async () => {
		sandbox.seedClients(LOCATION, 2);
		await run({
			operation: 'getAllLegacy',
			returnAll: true,
			filters: { changedAfter: '2026-01-31T10:00:00', fullname: 'Ann', email: 'example', phone: '315' },
		});
		expect(listRequests()[0].query).toMatchObject({
			changed_after: '2026-01-31T10:00:00',
			fullname: 'Ann',
			email: 'example',
			phone: '315',
		});
	});

	test('Changed After/Before go out in the documented form, without offset or Z', async () => {
		// The workflow's time zone as n8n-core reads it (the workflow sets none: n8n's default).
		const zone = getGlobalState().defaultTimezone;
		const wallIn = (ms: number) => new Date(ms + tzOffsetMs(ms, zone)).toISOString().slice(0, 19);
		sandbox.seedClients(LOCATION, 1);
		const cases: Array<[unknown, string]> = [
			['2026-01-31T10:00:00', '2026-01-31T10:00:00'],
			['2026-01-31 10:00', '2026-01-31T10:00:00'],
			['2026-01-31', '2026-01-31T00:00:00'],
			// An instant (offset or Z) is written as the wall clock of the workflow's time zone.
			['2026-01-31T15:00:00Z', wallIn(Date.parse('2026-01-31T15:00:00Z'))],
			['2026-07-31T10:00:00+05:30', wallIn(Date.parse('2026-07-31T04:30:00Z'))],
			['2026-07-31T10:00:00.000-0400', wallIn(Date.parse('2026-07-31T14:00:00Z'))],
		];
		for (const [value, sent] of cases) {
			sandbox.clearRequests();
			const { error } = await run({
				operation: 'getAllLegacy',
				returnAll: true,
				filters: { changedAfter: value, changedBefore: value },
			});
			expect(error).toBeUndefined();
			expect(listRequests()[0].query).toMatchObject({ changed_after: sent, changed_before: sent });
			expect(String(listRequests()[0].query.changed_after)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		}
	});

	test('changedAfter returns only clients changed since then', async () => {
		sandbox.clock.set(Date.parse('2026-01-01T00:00:00Z'));
		sandbox.seedClients(LOCATION, 3);
		sandbox.clock.set(Date.parse('2026-03-01T00:00:00Z'));
		const recent = sandbox.seedClients(LOCATION, 2);
		const { items } = await run({
			operation: 'getAllLegacy',
			returnAll: true,
			filters: { changedAfter: '2026-02-01T00:00:00' },
		});
		expect(items.map((i) => i.json.id).sort()).toEqual(recent.map((c) => c.id).sort());
	});
});

/** Offset of `zone` from UTC at `ms`, in ms (from Intl, independently of the node's code). */
function tzOffsetMs(ms: number, zone: string) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		})
			.formatToParts(new Date(ms))
			.map((p) => [p.type, Number(p.value)]),
	);
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - ms;
}

pagingTables(sandbox, run, { operation: 'getAllLegacy', path: `/clients/${LOCATION}`, reading: 'legacyPageSize' });
