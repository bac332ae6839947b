'use strict';

const { sandboxFor, visitBody, addPaidVisits } = require('./helpers');

const PATH = '/company/101/clients/visits/search';

function isoDay(minusDays) {
	const d = new Date(Date.UTC(2026, 0, 31) - minusDays * 86400000);
	return d.toISOString().slice(0, 10);
}

describe('sandbox: visit history search', () => {
	let sb;
	let api;

	sandboxFor((s) => ({ sb, api } = s));

	/**
	 * 60 items over 29 dates, newest first: dates 0..10 hold 2 items each (22 items), date 11 holds
	 * 6 items (positions 22..27, straddling the 25 boundary), the rest 2 each; some are product sales.
	 */
	function seedHistory() {
		const c = sb.addClient(101, { name: 'Hist', phone: '13155550900' });
		const expected = [];
		let made = 0;
		for (let d = 0; made < 60; d++) {
			const n = d === 11 ? 6 : 2;
			for (let k = 0; k < n && made < 60; k++, made++) {
				const date = `${isoDay(d)} ${String(18 - k).padStart(2, '0')}:00:00`;
				if (made % 7 === 3) {
					const g = sb.addGoodsTransaction(101, c.id, { date });
					expected.push(`g${g.id}`);
				} else {
					const r = sb.addVisit(101, c.id, { date, attendance: made % 5 === 0 ? -1 : 1 });
					expected.push(`r${r.id}`);
				}
			}
		}
		return { client: c, expected };
	}

	const keysOf = (data) =>
		[
			...data.records.map((r) => ({ k: `r${r.id}`, date: r.date })),
			...data.goods_transactions.map((g) => ({ k: `g${g.id}`, date: g.date })),
		].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

	test('paging: 25 + rest of the boundary date per page; the pages hold every item once, newest first', async () => {
		const { client, expected } = seedHistory();
		let body = visitBody({ client_id: client.id });
		const pages = [];
		for (let i = 0; i < 10; i++) {
			const res = await api('POST', PATH, { body });
			expect(res.status).toBe(200);
			pages.push(res.json);
			const next = res.json.meta.dateCursor.next;
			if (next.from === null && next.to === null) break;
			body = { ...body, from: next.from, to: next.to };
		}
		const sizes = pages.map((p) => p.meta.dateCursor.current.count);
		expect(sizes).toEqual([28, 26, 6]);
		expect(pages.map((p) => p.data.records.length + p.data.goods_transactions.length)).toEqual(sizes);

		// every item exactly once, newest first across pages
		const all = pages.flatMap((p) => keysOf(p.data));
		expect(all.map((x) => x.k).sort()).toEqual([...expected].sort());
		expect(new Set(all.map((x) => x.k)).size).toBe(60);
		const dates = all.map((x) => x.date);
		expect(dates).toEqual([...dates].sort().reverse());

		// no date is split over two pages
		const dayPages = new Map();
		pages.forEach((p, i) => keysOf(p.data).forEach((x) => dayPages.set(`${x.date.slice(0, 10)}#${i}`, true)));
		const days = [...dayPages.keys()].map((k) => k.split('#')[0]);
		expect(new Set(days).size).toBe(days.length);

		// cursors
		const first = pages[0].meta.dateCursor;
		expect(first.previous).toEqual({ to: null, from: null, count: null });
		expect(first.current).toEqual({ to: '2026-01-31', from: isoDay(11), count: 28 });
		expect(first.next).toEqual({ to: isoDay(12), from: isoDay(24), count: 26 });
		// previous = the items just above the current page (25 + the rest of the 25th item's date, counted upwards)
		const prev = pages[1].meta.dateCursor.previous;
		expect(prev).toEqual({ to: '2026-01-30', from: isoDay(11), count: 26 });
		const back = await api('POST', PATH, { body: { ...body, from: prev.from, to: prev.to } });
		expect(back.json.meta.dateCursor.current).toEqual(prev);
		expect(pages[2].meta.dateCursor.next).toEqual({ to: null, from: null, count: null });
	});

	test('records and sales carry the documented fields', async () => {
		const c = sb.addClient(101, { name: 'F', phone: '13155550901' });
		const r = sb.addVisit(101, c.id, {
			date: '2026-01-31 10:00:00',
			attendance: 1,
			services: [{ title: 'Haircut', first_cost: 1000, cost_to_pay: 1000, paid_sum: 600 }],
			comer: { id: 5, title: 'Rex', slug: 'pet' },
		});
		sb.addGoodsTransaction(101, c.id, { date: '2026-01-30 10:00:00', record_id: r.id, visit_id: r.visit_id });
		const res = await api('POST', PATH, { body: visitBody({ client_id: c.id }) });
		const rec = res.json.data.records[0];
		expect(rec).toMatchObject({
			id: r.id,
			comment: '',
			date: '2026-01-31T10:00:00-05:00',
			visit_id: r.visit_id,
			attendance: 1,
		});
		expect(rec.services[0]).toEqual({
			id: expect.any(Number),
			title: 'Haircut',
			first_cost: 1000,
			discount_percent: 0,
			cost_to_pay: 1000,
			paid_sum: 600,
			payment_status: 'paid_not_full',
			consumables: [],
		});
		expect(Object.keys(rec.staff).sort()).toEqual([
			'avatar',
			'avatar_big',
			'company_id',
			'id',
			'is_paid_staff',
			'name',
			'position',
			'specialization',
		]);
		expect(rec.company).toEqual({ id: 101, title: 'Demo Salon Downtown' });
		expect(rec.tips).toEqual({ has_tips: false, sum: null });
		expect(rec.comer).toEqual({ id: 5, title: 'Rex', slug: 'pet' });
		const g = res.json.data.goods_transactions[0];
		expect(g).toMatchObject({ record_id: r.id, visit_id: r.visit_id, date: '2026-01-30T10:00:00-05:00' });
		expect(g.goods[0].amount).toBe(-1);
		expect(Object.keys(g.goods[0]).sort()).toEqual([
			'amount',
			'cost_per_unit',
			'cost_to_pay',
			'discount_percent',
			'first_cost',
			'id',
			'paid_sum',
			'payment_status',
			'title',
			'unit',
		]);
	});

	test('filters: attendance, payment_statuses, inclusive date window; lookup by phone', async () => {
		const c = sb.addClient(101, { name: 'G', phone: '+1 315 555 0902' });
		addPaidVisits(sb, 101, c.id, [
			['2026-01-10 09:00:00', 1, 10, 10],
			['2026-01-11 23:59:59', -1, 10, 0],
			['2026-01-12 00:00:00', 2, 10, 0],
		]);
		const dates = async (over) => {
			const res = await api('POST', PATH, { body: visitBody({ client_id: c.id, ...over }) });
			expect(res.status).toBe(200);
			return res.json.data.records.map((r) => r.date.slice(0, 10));
		};
		expect(await dates({})).toEqual(['2026-01-12', '2026-01-11', '2026-01-10']);
		expect(await dates({ attendance: -1 })).toEqual(['2026-01-11']);
		expect(await dates({ payment_statuses: ['paid_full'] })).toEqual(['2026-01-10']);
		expect(await dates({ payment_statuses: ['not_paid', 'paid_over'] })).toEqual(['2026-01-12', '2026-01-11']);
		expect(await dates({ from: '2026-01-11', to: '2026-01-11' })).toEqual(['2026-01-11']);
		expect(await dates({ from: '2026-01-11', to: null })).toEqual(['2026-01-12', '2026-01-11']);
		const byPhone = await api('POST', PATH, { body: visitBody({ client_phone: '13155550902' }) });
		expect(byPhone.json.data.records).toHaveLength(3);
	});

	test('validation: all six keys required (422 naming the key), payment_statuses array, client required', async () => {
		const c = sb.addClient(101, { name: 'H', phone: '13155550903' });
		const body = visitBody({ client_id: c.id });
		delete body.attendance;
		const missing = await api('POST', PATH, { body });
		expect(missing.status).toBe(422);
		expect(missing.json.meta.message).toBe('An error has occurred.');
		expect(missing.json.meta.errors.join(' ')).toMatch(/attendance/);
		const notArray = await api('POST', PATH, { body: visitBody({ client_id: c.id, payment_statuses: null }) });
		expect(notArray.status).toBe(422);
		expect(notArray.json.meta.errors.join(' ')).toMatch(/payment_statuses/);
		expect((await api('POST', PATH, { body: visitBody() })).status).toBe(422);
		expect((await api('POST', PATH, { body: visitBody({ client_id: c.id, attendance: 3 }) })).status).toBe(422);
		expect((await api('POST', PATH, { body: visitBody({ client_id: c.id, payment_statuses: ['paid'] }) })).status).toBe(
			422,
		);
		const unknown = await api('POST', PATH, { body: visitBody({ client_id: 999999 }) });
		expect(unknown.status).toBe(404);
		expect((await api('POST', PATH, { body: visitBody({ client_phone: '19999999999' }) })).status).toBe(404);
	});

	test('empty history: empty lists and null cursors', async () => {
		const c = sb.addClient(101, { name: 'I', phone: '13155550904' });
		const res = await api('POST', PATH, { body: visitBody({ client_id: c.id }) });
		expect(res.json.data).toEqual({ records: [], goods_transactions: [] });
		expect(res.json.meta.dateCursor.next).toEqual({ to: null, from: null, count: null });
		expect(res.json.meta.dateCursor.previous).toEqual({ to: null, from: null, count: null });
	});
});
