import { samePhone, searchForms, nationalKey } from '../../nodes/Altegio/model/client';
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
	expect(searchForms('89123456789')).toEqual(['123456789', '9123456789', '89123456789', '79123456789']);
	expect(searchForms('13155550178')).toEqual(['155550178', '3155550178', '13155550178', '03155550178']);
	expect(nationalKey('447911123456')).toBe('7911123456');
});
