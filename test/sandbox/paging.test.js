'use strict';

const { sandboxFor } = require('./helpers');
const hostile = require('./hostile');

describe('sandbox: page-size readings and hostile list servers', () => {
	let sb;
	let api;
	const search = (page, size) => api('POST', '/company/101/clients/search', { body: { page, page_size: size } });
	const legacy = (page, count) => api('GET', '/clients/101', { query: { page, count } });
	const ids = (res) => res.json.data.map((c) => c.id);
	const inLocation = () =>
		sb.state.clients
			.filter((c) => c.locationId === 101)
			.map((c) => c.id)
			.sort((a, b) => a - b);

	sandboxFor((s) => ({ sb, api } = s), { options: { seed: { clients: 450 } } });

	test('search: 201 refused with 400 by default; clamp200, clamp100 serve that many, offsets following', async () => {
		expect((await search(1, 201)).status).toBe(400);
		expect(ids(await search(1, 200))).toHaveLength(200);
		sb.options.readings.searchPageSize = 'clamp200';
		expect(ids(await search(2, 300))).toEqual(ids(await search(3, 100)).concat(ids(await search(4, 100))));
		sb.options.readings.searchPageSize = 'clamp100';
		const page2 = await search(2, 200);
		expect(ids(page2)).toEqual(ids(await search(3, 50)).concat(ids(await search(4, 50))));
		expect(page2.json.meta.total_count).toBe(450);
	});

	test('deprecated list: 301 refused with 422 by default; clamp300/200/100 serve that many', async () => {
		expect((await legacy(1, 301)).status).toBe(422);
		expect(ids(await legacy(1, 300))).toHaveLength(300);
		for (const [reading, served] of [
			['clamp300', 300],
			['clamp200', 200],
			['clamp100', 100],
		]) {
			sb.options.readings.legacyPageSize = reading;
			const page2 = await legacy(2, 400);
			expect(ids(page2)).toHaveLength(Math.min(served, 450 - served));
			expect(ids(page2)[0]).toBe(inLocation()[served]);
		}
	});

	test('an unknown reading is a loud sandbox error, not a quiet default', async () => {
		sb.options.readings.searchPageSize = 'clampLots';
		const res = await search(1, 10);
		expect(res.status).toBe(500);
		expect(res.json.meta.message).toMatch(/unknown searchPageSize reading/);
	});

	test('rewrite faults: a short page keeps the total; repeated and never-ending pages', async () => {
		sb.addFault(hostile.shortPage('/company/101/clients/search', 2, 10));
		const short = await search(2, 200);
		expect(ids(short)).toHaveLength(10);
		expect(short.json.meta.total_count).toBe(450);
		sb.clearFaults();
		sb.addFault(hostile.repeatsFirstPage('/clients/101', 2));
		const first = ids(await legacy(1, 200));
		expect(ids(await legacy(2, 200))).toEqual(first);
		expect(ids(await legacy(3, 200))).toEqual(inLocation().slice(400));
		sb.clearFaults();
		sb.addFault(hostile.neverEnding('/clients/101', 'absent'));
		const endless = await legacy(7, 5);
		expect(ids(endless)).toEqual([1_000_030, 1_000_031, 1_000_032, 1_000_033, 1_000_034]);
		expect(endless.json.meta.total_count).toBeUndefined();
	});

	test('a rewrite fault must strike after the answer was computed', () => {
		expect(() => sb.addFault({ kind: 'rewrite', rewrite: (b) => b })).toThrow(/when: 'after'/);
		expect(() => sb.addFault({ kind: 'rewrite', when: 'after' })).toThrow(/rewrite\(body, request\)/);
	});
});
