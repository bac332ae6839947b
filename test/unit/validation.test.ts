import { ParameterError, toDateParts, toId, toJson, toPhoneDigits } from '../../nodes/Altegio/kernel/params';

const fails = (fn: () => unknown, parameter: string, text: RegExp) => {
	let error: unknown;
	try {
		fn();
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(ParameterError);
	expect((error as ParameterError).parameter).toBe(parameter);
	expect((error as ParameterError).message).toMatch(text);
};

describe('toId', () => {
	test.each(['1', '123456789012345', 42])('accepts %p unchanged', (value) => {
		expect(toId(value, 'clientId')).toBe(String(value));
	});
	test.each([undefined, null, '', '  '])('calls %p missing', (value) =>
		fails(() => toId(value, 'clientId'), 'clientId', /is required/),
	);
	test.each([true, {}, [], [1], '0', '00', '-1', '1e3', '1.0', 1.5, -2, 2 ** 60, '12/3', '..', 'a', '1 ', '٣'])(
		'refuses %p as not digits',
		(value) => fails(() => toId(value, 'clientId'), 'clientId', /digits only/),
	);
	test('reads the value of a resource locator', () => {
		expect(toId({ __rl: true, mode: 'id', value: '7' }, 'clientId')).toBe('7');
	});
});

describe('toDateParts', () => {
	test('keeps the date, the local time and the offset as given', () => {
		expect(toDateParts('2026-03-01T10:20:30+03:00', 'from')).toEqual({
			date: '2026-03-01',
			dateTime: '2026-03-01T10:20:30',
			zone: '+03:00',
		});
		expect(toDateParts('2026-03-01', 'from').dateTime).toBe('2026-03-01T00:00:00');
	});
	test.each(['2026-02-30', '2026-13-01', '2026-01-01T24:00:00', '2026-01-01T10:00:00+25:99', 'yesterday', '', 5])(
		'refuses %p',
		(value) => fails(() => toDateParts(value, 'filters.from'), 'filters.from', /date|offset/),
	);
});

describe('toPhoneDigits and toJson', () => {
	test('phones give their digits', () => expect(toPhoneDigits('+1 (315) 555-0101', 'phone')).toBe('13155550101'));
	test.each(['+1 315 CALL', '12345678', '1234567890123456'])('refuses phone %p', (value) =>
		fails(() => toPhoneDigits(value, 'phone'), 'phone', /phone/i),
	);
	test('JSON text is parsed, values from expressions pass as they are', () => {
		expect(toJson('[1]', 'clients')).toEqual([1]);
		expect(toJson([2], 'clients')).toEqual([2]);
		fails(() => toJson('[1,', 'clients'), 'clients', /not valid JSON/);
	});
});
