/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Bad input, property-based (fast-check): generated values through expressions into the parameters
 * that reach a URL or a body. Each property states what must hold for EVERY value: a request goes
 * out only for a valid value, and then carries exactly that value where it belongs (never another
 * path, never a changed body); every other value is refused before any request, naming the
 * parameter. One run of the node takes a batch of values as input items (Continue On Fail), so
 * each generated case is one execution. The seed is fixed (FC_SEED overrides it) so the page is
 * stable; a failure prints the seed and the shrunk counterexample.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { CREATE_KEYS } from '../../nodes/Altegio/model/client';
import { byId, credentials } from '../engine/harness';
import { itemError, reliabilitySuite, run } from './support';

const SEED = Number(process.env.FC_SEED ?? 20_260_601);
const RUNS = Number(process.env.FC_RUNS ?? 40);
const V = '={{ $json.v }}';
const LOCATION = '101';

const { sandbox, table } = reliabilitySuite({
	id: 'bad-input-properties',
	title: 'Bad input: generated values (property-based)',
	intro:
		`Properties checked with fast-check over generated values, each run of the node taking a batch of up to ` +
		`12 values as input items (Continue On Fail). ${RUNS} generated batches per property, seed ${SEED} (set ` +
		`\`FC_SEED\` to explore others; a failure prints the seed and the smallest failing value). "Refused" means ` +
		`an error item naming the parameter and no request for that item.`,
});

const settings = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/**
 * Declares one property: batches of generated values (`maxLength` at most), each checked by `batch`,
 * which returns how many of its values went out; the rest were refused. The row's text is the totals.
 */
function property<T>(
	row: { case: string; input: string; expected: string },
	value: () => fc.Arbitrary<T>,
	batch: (values: T[]) => Promise<number>,
	{ maxLength = 12, numRuns = RUNS } = {},
) {
	table.check({ section: '', ...row }, async () => {
		const t = { runs: 0, values: 0, refused: 0, sent: 0 };
		await fc.assert(
			fc.asyncProperty(fc.array(value(), { minLength: 1, maxLength }), async (values) => {
				const sent = await batch(values);
				t.runs++;
				t.values += values.length;
				t.sent += sent;
				t.refused += values.length - sent;
			}),
			{ ...settings, numRuns },
		);
		return `${t.runs} runs, ${t.values} values: ${t.sent} sent as given, ${t.refused} refused with 0 requests`;
	});
}

/**
 * A property whose values are the input items of one run: the `valid` ones sent (as `check` says),
 * every other one refused with an error item naming `parameter`.
 */
function itemsProperty<T>(
	row: { case: string; input: string; expected: string },
	value: () => fc.Arbitrary<T>,
	spec: { parameters: IDataObject; parameter: string; valid: (v: T) => boolean; check: (sent: T[]) => void },
) {
	property(row, value, async (values) => {
		const items = await runWith(spec.parameters, values);
		expect(items).toHaveLength(values.length);
		const sent = values.filter(spec.valid);
		spec.check(sent);
		values.forEach((v, i) => {
			if (!spec.valid(v)) expect(itemError(items[i])).toContain(`(${spec.parameter})`);
		});
		return sent.length;
	});
}

async function runWith(parameters: IDataObject, values: unknown[]) {
	sandbox.reset();
	const result = await run({
		parameters: parameters as never,
		input: values.map((v) => ({ v }) as IDataObject),
		credentials: credentials(sandbox),
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	return result.items;
}

const isValidId = (v: unknown) =>
	(typeof v === 'string' && /^\d{1,15}$/.test(v) && !/^0+$/.test(v)) ||
	(typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && String(v).length <= 15);

/**
 * IDs: valid digit strings, arbitrary Unicode, strings built from URL-significant characters, numbers of
 * every kind.
 */
const idValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.stringMatching(/^[1-9]\d{0,14}$/),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.string({ unit: fc.constantFrom(...'0123456789/.?#%& +-e_~:@\\'.split('')), minLength: 1, maxLength: 18 }),
	fc.constantFrom('..', '../102', '%2e%2e', '1/../2', '1%2F2', '1?page=2', '1#x', '٣', '１'),
	fc.integer({ min: -1_000_000, max: 1_000_000 }),
	fc.double(),
	fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
	fc.constantFrom(null, true, false, {}, [], [1]),
);

describe('properties', () => {
	itemsProperty(
		{
			case:
				'IDs: a request goes out only for 1–15 ASCII digits (not all zeros), and then to exactly ' +
				'/client/{location}/{those digits}',
			input:
				'Client > Get, `clientId` (ID mode) ← generated: digit strings, any Unicode, strings of / . ? # % & + - e : ' +
				'@ \\ and spaces, integers, doubles, 20-digit bigints, null, booleans, objects, arrays',
			expected: 'valid → one GET to that exact path, no query; anything else → refused naming clientId',
		},
		() => idValue,
		{
			parameters: { resource: 'client', operation: 'get', locationId: byId(LOCATION), clientId: byId(V) },
			parameter: 'clientId',
			valid: isValidId,
			check: (sent) => {
				expect(sandbox.requests.map((r) => r.path)).toEqual(sent.map((v) => `/client/${LOCATION}/${String(v)}`));
				for (const r of sandbox.requests) {
					expect(r.method).toBe('GET');
					expect(r.path).toMatch(/^\/client\/101\/[1-9]\d{0,14}$|^\/client\/101\/0*[1-9]\d*$/);
					expect(r.query).toEqual({});
				}
			},
		},
	);

	itemsProperty(
		{
			case: 'Text: any non-blank text reaches the body unchanged and never the URL; blank text is refused',
			input:
				'Comment > Create, `text` ← generated: any Unicode (lone surrogates included), and strings of / ? # % & .. ' +
				'{{ }} quotes and backslashes',
			expected:
				'non-blank → one POST to /clients/101/clients/5001/comments with body exactly {"text": value}; blank → ' +
				'refused naming text',
		},
		() =>
			fc.oneof(
				fc.string({ unit: 'binary', maxLength: 60 }),
				fc.string({ unit: fc.constantFrom(...'/?#%&.{}"\'\\ \n\tab'.split('')), maxLength: 30 }),
				fc.constantFrom('', ' ', '\n\t ', '../../companies', '?my=1', '{{ $json }}', '</script>'),
			),
		{
			parameters: {
				resource: 'comment',
				operation: 'create',
				locationId: byId(LOCATION),
				clientId: byId('5001'),
				text: V,
			},
			parameter: 'text',
			valid: (v) => v.trim() !== '',
			check: (sent) => {
				expect(sandbox.requests.map((r) => r.body)).toEqual(sent.map((v) => ({ text: v })));
				for (const r of sandbox.requests) {
					expect([r.method, r.path, r.query]).toEqual(['POST', '/clients/101/clients/5001/comments', {}]);
				}
			},
		},
	);

	property(
		{
			case: 'JSON: rows are sent only for a non-empty array of objects, and then every row exactly once, unchanged',
			input:
				'Client > Create Many, `clients` ← generated JSON values (as values and as JSON text), text that does not ' +
				'parse, and arrays of client-like objects',
			expected:
				"non-empty array of objects with only create's keys → bulk requests whose rows, together, are exactly the " +
				'rows given; anything else (a key create does not take included) → refused naming clients',
		},
		() => {
			const row = fc.record(
				{ name: fc.string({ maxLength: 8 }), phone: fc.stringMatching(/^1\d{10}$/) },
				{ requiredKeys: [] },
			);
			const rows = fc.array(
				fc.oneof(row, fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })),
				{ minLength: 1, maxLength: 6 },
			);
			return fc.oneof(
				rows,
				rows.map((r) => JSON.stringify(r)),
				fc.jsonValue({ maxDepth: 2 }),
				fc.jsonValue({ maxDepth: 2 }).map((j) => JSON.stringify(j)),
				fc.string({ maxLength: 20 }),
				fc.constantFrom('[', '{"name":"x"', '[{"name":"x"},]', 'undefined', 'NaN'),
			) as fc.Arbitrary<unknown>;
		},
		async (values) => {
			const parse = (v: unknown) => {
				if (typeof v !== 'string') return v;
				try {
					return JSON.parse(v);
				} catch {
					return undefined;
				}
			};
			// Closed to the keys create takes (the official description's list): another key is refused.
			const isRows = (v: unknown) =>
				Array.isArray(v) &&
				v.length > 0 &&
				v.every(
					(x) =>
						x !== null &&
						typeof x === 'object' &&
						!Array.isArray(x) &&
						Object.keys(x).every((key) => CREATE_KEYS.includes(key)),
				);
			let sent = 0;
			for (const v of values) {
				// One execution per value: the bodies of one item's requests must add up to its rows.
				const items = await runWith(
					{ resource: 'client', operation: 'createMany', locationId: byId(LOCATION), rowsFrom: 'json', clients: V },
					[v],
				);
				const parsed = parse(v);
				const sentRows = sandbox.requests.flatMap((r) => (Array.isArray(r.body) ? r.body : [r.body]));
				if (isRows(parsed)) {
					expect(sandbox.requests.every((r) => r.method === 'POST' && r.path === '/clients/101/bulk')).toBe(true);
					const key = (x: unknown) => JSON.stringify(x);
					expect(sentRows.map(key).sort()).toEqual((parsed as unknown[]).map(key).sort());
					expect(items).toHaveLength((parsed as unknown[]).length);
					sent++;
				} else {
					expect(sandbox.requests).toHaveLength(0);
					expect(items).toHaveLength(1);
					expect(itemError(items[0])).toContain('(clients)');
				}
			}
			return sent;
		},
		{ maxLength: 6, numRuns: Math.ceil(RUNS / 2) },
	);

	property(
		{
			case: 'Dates: only real calendar dates and times are sent, unchanged; impossible ones are refused',
			input:
				'Client > Get Many (Full Records), `filters.changedAfter` ← generated "YYYY-MM-DDTHH:MM:SS" with month ' +
				'0–13, day 0–32, hour 0–25, minute and second 0–61, plus random text',
			expected:
				'a real date-time → changed_after is exactly that text; anything else → refused naming filters.changedAfter',
		},
		() => {
			const pad = (n: number, w = 2) => String(n).padStart(w, '0');
			const parts = fc.tuple(
				fc.integer({ min: 1990, max: 2040 }),
				fc.integer({ min: 0, max: 13 }),
				fc.integer({ min: 0, max: 32 }),
				fc.integer({ min: 0, max: 25 }),
				fc.integer({ min: 0, max: 61 }),
				fc.integer({ min: 0, max: 61 }),
			);
			const isReal = ([y, m, d, h, mi, s]: number[]) => {
				const date = new Date(Date.UTC(y, m - 1, d));
				return (
					m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59
				);
			};
			return fc.oneof(
				{
					arbitrary: parts.map((p) => ({
						text: `${p[0]}-${pad(p[1])}-${pad(p[2])}T${pad(p[3])}:${pad(p[4])}:${pad(p[5])}`,
						real: isReal(p),
					})),
					weight: 4,
				},
				{
					arbitrary: fc
						.string({ minLength: 1, maxLength: 20 })
						.filter((s) => !/^\d{4}-\d{2}-\d{2}/.test(s))
						.map((text) => ({ text, real: false })),
					weight: 1,
				},
			);
		},
		async (values) => {
			const items = await runWith(
				{
					resource: 'client',
					operation: 'getAllLegacy',
					locationId: byId(LOCATION),
					returnAll: false,
					limit: 1,
					filters: { changedAfter: V },
				},
				values.map((v) => v.text),
			);
			const real = values.filter((v) => v.real).map((v) => v.text);
			expect(sandbox.requests.map((r) => r.query.changed_after)).toEqual(real);
			// The sandbox has no clients: valid values give no items, each refused one an error item.
			const errors = items.map((item) => itemError(item));
			expect(errors).toHaveLength(values.length - real.length);
			for (const error of errors) expect(error).toContain('(filters.changedAfter)');
			return real.length;
		},
	);

	itemsProperty(
		{
			case: 'Phones: a phone with a letter (or any other symbol) is never sent; a valid one is sent as its digits only',
			input:
				'Client > Create, `phone` ← generated 9–15 digits with separators (space + - ( ) .), some with a letter or ' +
				'symbol inserted anywhere, some with too few or too many digits',
			expected: 'valid → body.phone is exactly the digits; otherwise → refused naming phone',
		},
		() => {
			const separated = fc
				.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', '', '', ' ', '-', '(', ')', '.', '+')), {
					minLength: 5,
					maxLength: 18,
				})
				.map((pairs) => pairs.map(([d, s]) => `${s}${d}`).join(''));
			const withIntruder = fc
				.tuple(separated, fc.constantFrom(...'aZxйЖ/#?,;:*_@!$'.split(''), '٣', '１'), fc.nat())
				.map(([p, c, n]) => p.slice(0, n % (p.length + 1)) + c + p.slice(n % (p.length + 1)));
			return fc.oneof(separated, withIntruder);
		},
		{
			parameters: { resource: 'client', operation: 'create', locationId: byId(LOCATION), name: 'P', phone: V },
			parameter: 'phone',
			valid: validPhone,
			check: (sent) => expect(sandbox.requests.map((r) => r.body.phone)).toEqual(sent.map((p) => p.replace(/\D/g, ''))),
		},
	);
});

function validPhone(p: string) {
	return (
		/^[\d\s+\-().]+$/.test(p) &&
		/^[^A-Za-zА-Яа-яЁё]*$/.test(p) &&
		p.replace(/\D/g, '').length >= 9 &&
		p.replace(/\D/g, '').length <= 15
	);
}
