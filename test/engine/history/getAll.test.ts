/**
 * Visit History > Get Many: by client or phone, the date cursor over page edges, Limit, the filters
 * in the body exactly. Bad values of each parameter: test/reliability/bad-input.test.ts.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Altegio } from '../../../nodes/Altegio/Altegio.node';
import { byId, sandboxSuite, type RunOptions } from '../harness';
import { SIZES } from '../paging';

const suite = sandboxSuite('history');
const { sandbox } = suite;
const PATH = '/company/101/clients/visits/search';
const PHONE = '13155550900';

interface Seeded {
	key: string;
	kind: 'visit' | 'goodsTransaction';
	id: number;
	date: string;
	attendance: number | null;
	paymentStatuses: string[];
}

let clientId: number;
let seeded: Seeded[];

/**
 * 30 dates (2025-06-01..30), two visits a date, but six on 2025-06-18, plus three product sales
 * (one on 06-18). Newest first, 06-30..06-19 hold items 0..23 and 06-18 holds items 24..30: the
 * date straddles the 25-item page edge, so the first page has 31 items, the second 27, the third 9.
 */
function seedHistory() {
	const client = sandbox.addClient(101, { name: 'Hist', phone: PHONE });
	const list: Seeded[] = [];
	let n = 0;
	for (let d = 1; d <= 30; d++) {
		const date = `2025-06-${String(d).padStart(2, '0')}`;
		const visits = d === 18 ? 6 : 2;
		for (let k = 0; k < visits; k++, n++) {
			const attendance = n % 8 === 3 ? -1 : n % 8 === 5 ? 0 : n % 8 === 6 ? 2 : 1;
			const r = sandbox.addVisit(101, client.id as number, {
				date: `${date} ${String(9 + k).padStart(2, '0')}:00:00`,
				attendance,
			});
			list.push({
				key: `visit:${r.id}`,
				kind: 'visit',
				id: r.id as number,
				date: r.date as string,
				attendance,
				paymentStatuses: (r.services as IDataObject[]).map((s) => s.payment_status as string),
			});
		}
		if (d === 18 || d === 5 || d === 2) {
			const g = sandbox.addGoodsTransaction(101, client.id as number, { date: `${date} 12:30:00` });
			list.push({
				key: `goodsTransaction:${g.id}`,
				kind: 'goodsTransaction',
				id: g.id as number,
				date: g.date as string,
				attendance: null,
				paymentStatuses: (g.goods as IDataObject[]).map((x) => x.payment_status as string),
			});
		}
	}
	list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
	return { clientId: client.id as number, seeded: list };
}

// Seeded once; every test starts from it (sandboxSuite's reset returns to the snapshot).
beforeAll(() => {
	({ clientId, seeded } = seedHistory());
	sandbox.snapshot();
});

const run = (parameters: IDataObject, extra: Omit<RunOptions, 'parameters'> = {}) =>
	suite.run({ operation: 'getAll', searchBy: 'clientId', clientId: byId(String(clientId)), ...parameters }, extra);

const keys = (items: Array<{ json: IDataObject }>) => items.map((i) => `${i.json.kind}:${i.json.id}`);
const EMPTY_BODY = {
	client_id: null,
	client_phone: null,
	from: null,
	to: null,
	payment_statuses: [],
	attendance: null,
};

describe('history getAll: paging', () => {
	test('the seed is what the paging test needs: 67 items, 06-18 straddling item 25', () => {
		expect(seeded).toHaveLength(67);
		expect(seeded.filter((s) => s.kind === 'visit')).toHaveLength(64);
		expect(seeded.slice(23, 32).map((s) => s.date.slice(0, 10))).toEqual([
			'2025-06-19',
			...Array(7).fill('2025-06-18'),
			'2025-06-17',
		]);
	});

	test('Return All follows the date cursor: every visit and sale exactly once, newest first, labelled', async () => {
		const { items, error } = await run({ returnAll: true });
		expect(error).toBeUndefined();
		expect(keys(items)).toEqual(seeded.map((s) => s.key));
		expect(new Set(keys(items)).size).toBe(67);
		const dates = items.map((i) => String(i.json.date));
		expect(dates).toEqual([...dates].sort().reverse());
		const sale = items.find((i) => i.json.kind === 'goodsTransaction')!;
		expect(sale.json).toMatchObject({ goods: expect.any(Array), record_id: expect.any(Number) });
		expect(sale.json.services).toBeUndefined();
		const visit = items.find((i) => i.json.kind === 'visit')!;
		expect(visit.json).toMatchObject({
			services: expect.any(Array),
			attendance: expect.any(Number),
			visit_id: expect.any(Number),
		});
		expect(Object.keys(visit.json)[0]).toBe('kind');
		// three pages: 25 + the rest of 06-18 (31), then 27, then 9; the cursor windows are sent back as given
		expect(sandbox.requests).toHaveLength(3);
		expect(sandbox.requests.map((r) => r.path)).toEqual([PATH, PATH, PATH]);
		expect(sandbox.requests[0].body).toEqual({ ...EMPTY_BODY, client_id: clientId });
		expect(sandbox.requests[1].body).toEqual({
			...EMPTY_BODY,
			client_id: clientId,
			from: '2025-06-05',
			to: '2025-06-17',
		});
		expect(sandbox.requests[2].body).toEqual({
			...EMPTY_BODY,
			client_id: clientId,
			from: '2025-06-01',
			to: '2025-06-04',
		});
	});

	test('by phone: only the digits are sent, client_id null, same history', async () => {
		const { items, error } = await run({ searchBy: 'clientPhone', clientPhone: '+1 (315) 555-0900', returnAll: true });
		expect(error).toBeUndefined();
		expect(keys(items)).toEqual(seeded.map((s) => s.key));
		expect(sandbox.requests[0].body).toEqual({ ...EMPTY_BODY, client_phone: PHONE });
		expect(Object.keys(sandbox.requests[0].body).sort()).toEqual(Object.keys(EMPTY_BODY).sort());
	});

	test('Limit smaller than a page: exactly one request', async () => {
		const { items, error } = await run({ returnAll: false, limit: 10 });
		expect(error).toBeUndefined();
		expect(keys(items)).toEqual(seeded.slice(0, 10).map((s) => s.key));
		expect(sandbox.requests).toHaveLength(1);
	});

	test('Limit spanning two pages: two requests and exactly `limit` items', async () => {
		const { items, error } = await run({ returnAll: false, limit: 40 });
		expect(error).toBeUndefined();
		expect(keys(items)).toEqual(seeded.slice(0, 40).map((s) => s.key));
		expect(sandbox.requests).toHaveLength(2);
	});

	test('Limit equal to the first page (31): one request', async () => {
		const { items } = await run({ returnAll: false, limit: 31 });
		expect(items).toHaveLength(31);
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('history getAll: filters reach the body exactly', () => {
	test('from/to as YYYY-MM-DD, attendance, payment statuses; results inside the window only', async () => {
		const { items, error } = await run({
			returnAll: true,
			filters: {
				from: '2025-06-10T00:00:00',
				to: '2025-06-20T18:30:00',
				attendance: 1,
				paymentStatuses: ['paid_full', 'paid_over'],
			},
		});
		expect(error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({
			client_id: clientId,
			client_phone: null,
			from: '2025-06-10',
			to: '2025-06-20',
			payment_statuses: ['paid_full', 'paid_over'],
			attendance: 1,
		});
		const expected = seeded.filter(
			(s) =>
				s.kind === 'visit' &&
				s.attendance === 1 &&
				s.date.slice(0, 10) >= '2025-06-10' &&
				s.date.slice(0, 10) <= '2025-06-20' &&
				s.paymentStatuses.some((p) => ['paid_full', 'paid_over'].includes(p)),
		);
		expect(expected.length).toBeGreaterThan(5);
		expect(keys(items)).toEqual(expected.map((s) => s.key));
		// never asks for history older than From
		for (const request of sandbox.requests) expect(request.body.from >= '2025-06-10').toBe(true);
	});

	test.each([
		['No-Show', -1],
		['Waiting', 0],
		['Arrived', 1],
		['Confirmed', 2],
	])('attendance %s is sent as %i (the visit numbering, not the search 1–4)', async (name, value) => {
		const filters = new Altegio().description.properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.includes('history'),
		) as INodeProperties;
		const option = (filters.options as INodeProperties[]).find((o) => o.name === 'attendance')!;
		expect(option.options).toContainEqual(expect.objectContaining({ name, value }));

		const { items, error } = await run({ returnAll: true, filters: { attendance: value } });
		expect(error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({ ...EMPTY_BODY, client_id: clientId, attendance: value });
		const expected = seeded.filter((s) => s.kind === 'visit' && s.attendance === value);
		expect(expected.length).toBeGreaterThan(0);
		expect(keys(items)).toEqual(expected.map((s) => s.key));
	});

	test('payment statuses alone; none given sends []', async () => {
		const { items } = await run({ returnAll: true, filters: { paymentStatuses: ['not_paid'] } });
		expect(sandbox.requests[0].body).toEqual({ ...EMPTY_BODY, client_id: clientId, payment_statuses: ['not_paid'] });
		expect(keys(items)).toEqual(seeded.filter((s) => s.paymentStatuses.includes('not_paid')).map((s) => s.key));
		sandbox.clearRequests();
		await run({ returnAll: false, limit: 1, filters: {} });
		expect(sandbox.requests[0].body).toEqual({ ...EMPTY_BODY, client_id: clientId });
	});
});

describe('history getAll: errors', () => {
	test("an unknown client shows Altegio's message and the status", async () => {
		const { error } = await run({ returnAll: true, clientId: byId('999999') });
		expect(error?.message).toContain('Client not found');
		expect(error?.message).toContain('[HTTP 404]');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('Continue On Fail: a bad phone gives one error item, the other item its history', async () => {
		const { items, error } = await run(
			{ searchBy: 'clientPhone', clientPhone: '={{ $json.phone }}', returnAll: false, limit: 3 },
			{ input: [{ phone: 'not-a-phone' }, { phone: PHONE }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(String(items[0].json.error)).toContain('(clientPhone)');
		expect(keys(items.slice(1))).toEqual(seeded.slice(0, 3).map((s) => s.key));
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('Visit History: the date cursor over page edges', () => {
	const HISTORY = `/company/${101}/clients/visits/search`;
	const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

	// One visit a day (pages of 25), or three (a page runs on to the end of the 25th item's day).
	test.each(SIZES.flatMap((n) => [1, 3].map((perDay) => [n, perDay])))(
		'%i visits, %i a day: each once, newest first, one request per page',
		async (n, perDay) => {
			const client = sandbox.addClient(101, { name: 'Hist', phone: '13155550999' });
			const ids: number[] = [];
			for (let i = 0; i < n; i++) {
				const date = `${day(Math.floor(i / perDay))} ${String(9 + (i % perDay)).padStart(2, '0')}:00:00`;
				ids.push(sandbox.addVisit(101, client.id as number, { date }).id as number);
			}
			const { items, error } = await run({ clientId: byId(String(client.id)), returnAll: true, filters: {} });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual([...ids].reverse());
			const pageSize = perDay === 1 ? 25 : 27; // 25 items end mid-day with 3 a day: 27 close the day
			expect(sandbox.requests.filter((r) => r.path === HISTORY)).toHaveLength(Math.max(1, Math.ceil(n / pageSize)));
		},
	);
});
