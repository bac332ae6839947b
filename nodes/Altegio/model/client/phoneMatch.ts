/**
 * One phone number written in its usual forms: international (`+7 912 345-67-89`, `+44 7911 123456`),
 * national with a trunk prefix (`8 (912) 345-67-89`, `07911 123456`) or bare national
 * (`912 345 67 89`). Altegio stores what it was sent, so one person may be stored in any of them.
 */

/** The shortest national number the node trusts for a match; shorter suffixes match too much. */
const MIN_NATIONAL = 9;

/** Russia and Kazakhstan (country code 7) write 11-digit national numbers with a trunk 8. */
const isRussianTrunk = (digits: string) => digits.length === 11 && digits.startsWith('8');

/** The national number without a trunk prefix, and which trunk it had. */
function national(digits: string): { number: string; trunk: '' | '0' | '8' } {
	if (digits.startsWith('0')) return { number: digits.slice(1), trunk: '0' };
	if (isRussianTrunk(digits)) return { number: digits.slice(1), trunk: '8' };
	return { number: digits, trunk: '' };
}

/**
 * Whether two phones (digits only) are one number: equal, equal without their trunk prefixes, or
 * one international (a country code of 1 to 3 digits) and the other its national form. A trunk 8
 * pairs only with country code 7. Two international numbers are one only when equal.
 */
export function samePhone(a: string, b: string): boolean {
	if (!a || !b) return false;
	if (a === b) return true;
	const x = national(a);
	const y = national(b);
	if (x.number === y.number) return x.number.length >= MIN_NATIONAL;
	if (x.trunk !== '' && y.trunk !== '') return false;
	const [local, international] = x.number.length <= y.number.length ? [x, y] : [y, x];
	// A national number has 9 or 10 digits here; an 11-digit one already carries a country code.
	if (international.trunk !== '' || local.number.length < MIN_NATIONAL || local.number.length > 10) return false;
	if (!international.number.endsWith(local.number)) return false;
	const countryCode = international.number.slice(0, international.number.length - local.number.length);
	if (countryCode.length < 1 || countryCode.length > 3) return false;
	return local.trunk !== '8' || countryCode === '7';
}

/** The national number a phone's forms share (its last ten digits when it looks international). */
export function nationalKey(digits: string): string {
	const { number, trunk } = national(digits);
	if (trunk !== '' || number.length <= 10) return number;
	return number.slice(-10);
}

/**
 * What to filter the client list's `phone` ("part of the number") by so that every stored form of
 * this number matches: its last nine digits, which the national number (at least nine) ends with.
 */
export function phoneFilter(digits: string): string {
	return digits.slice(-MIN_NATIONAL);
}
