import { phoneFilter, samePhone, nationalKey } from '../../nodes/Altegio/model/client';
test('one number in its national and international forms; different numbers stay apart', () => {
	const eq = [
		['89123456789', '79123456789'],
		['79123456789', '89123456789'],
		['447911123456', '07911123456'],
		['13155550178', '3155550178'],
		['03155550178', '3155550178'],
		['9123456789', '79123456789'],
	];
	const ne = [
		['19123456789', '89123456789'],
		['79123456789', '19123456789'],
		['13155550178', '13155550179'],
		['55550178', '13155550178'],
		['0123', '123'],
		['16465550001', '116465550001'],
	];
	for (const [a, b] of eq) expect([a, b, samePhone(a, b)]).toEqual([a, b, true]);
	for (const [a, b] of ne) expect([a, b, samePhone(a, b)]).toEqual([a, b, false]);
	// Create or Update filters the list by "part of the number": every form samePhone takes for one
	// number contains the filter of every other form, so one read finds them all.
	for (const [a, b] of eq)
		expect([a, b, a.includes(phoneFilter(b)), b.includes(phoneFilter(a))]).toEqual([a, b, true, true]);
	expect(phoneFilter('89123456789')).toBe('123456789');
	expect(phoneFilter('13155550178')).toBe('155550178');
	expect(nationalKey('447911123456')).toBe('7911123456');
});

test('every pair samePhone takes for one number is found by one list filter (generated forms)', () => {
	let seed = 7;
	const digit = () => String((seed = (seed * 48271) % 2147483647) % 10);
	const digits = (n: number) => Array.from({ length: n }, digit).join('');
	let pairs = 0;
	for (let i = 0; i < 500; i++) {
		const national = `${1 + (Number(digit()) % 9)}${digits(8 + (i % 2))}`;
		const forms = [national, `0${national}`, `8${national}`, `7${national}`, `44${national}`, `380${national}`];
		for (const a of forms)
			for (const b of forms) {
				if (!samePhone(a, b)) continue;
				pairs++;
				expect([a, b, a.includes(phoneFilter(b))]).toEqual([a, b, true]);
			}
	}
	expect(pairs).toBeGreaterThan(5000);
});
