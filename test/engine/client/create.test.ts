/**
 * Client > Create: the body in API form, the output, Altegio's own refusals; birth dates the way n8n
 * hands them over (JS Dates, instants and plain dates in the workflow's time zone) and objects or
 * lists from expressions in text fields. Bad values of each parameter: test/reliability/bad-input.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { setGlobalState } from 'n8n-workflow';

import { sandboxSuite } from '../harness';

const LOCATION = 101;
const { sandbox, run, requestsTo, clientsIn } = sandboxSuite('client', LOCATION);

afterAll(() => setGlobalState({ defaultTimezone: 'America/New_York' }));

const create = (additionalFields: IDataObject | string, input?: IDataObject[]) =>
	run({ operation: 'create', name: 'Dana', phone: '+1 315 555 0190', additionalFields }, { input });

describe('create', () => {
	test('sends name, phone digits and every additional field in API form; outputs the client', async () => {
		const { items, error } = await run({
			operation: 'create',
			name: 'Maria',
			phone: '+1 (315) 555-0101',
			additionalFields: {
				surname: 'Lopez',
				middleName: 'Ann',
				email: 'maria@example.com',
				genderId: 2,
				importanceId: 3,
				discount: 10,
				card: '5558',
				birthDate: '1990-04-05T00:00:00',
				comment: 'prefers mornings',
				smsCheck: true,
				smsNot: false,
				spent: 100,
				balance: 5,
				categoryIds: '1, 2',
				customFields: { field: [{ key: 'favourite_master', value: 'Anna' }] },
			},
		});
		expect(error).toBeUndefined();
		const [request] = requestsTo(/^\/clients\/101$/, 'POST');
		expect(request.body).toEqual({
			name: 'Maria',
			phone: '13155550101',
			surname: 'Lopez',
			middle_name: 'Ann',
			email: 'maria@example.com',
			gender_id: 2,
			importance_id: 3,
			discount: 10,
			card: '5558',
			birth_date: '1990-04-05',
			comment: 'prefers mornings',
			sms_check: 1,
			sms_not: 0,
			spent: 100,
			balance: 5,
			categories: [1, 2],
			custom_fields: { favourite_master: 'Anna' },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ name: 'Maria', phone: '13155550101', email: 'maria@example.com' });
		expect(typeof items[0].json.id).toBe('number');
		expect(clientsIn().some((c: IDataObject) => c.id === items[0].json.id)).toBe(true);
	});

	test("a duplicate phone shows Altegio's own message and the status", async () => {
		const [existing] = sandbox.seedClients(LOCATION, 1);
		const { error } = await run({ operation: 'create', name: 'Twin', phone: String(existing.phone) });
		expect(error?.message).toContain('client with this phone already exists');
		expect(error?.message).toContain('422');
	});
});

describe('birth date: the date the user meant', () => {
	// Every row means 5 April 1990 in its zone; how the value was written differs.
	const MEANT = '1990-04-05';
	const inMoscow: Array<[string, string]> = [
		['a JS Date at midnight in the workflow zone', '={{ new Date("1990-04-04T21:00:00Z") }}'],
		['a UTC ISO string of that instant', '1990-04-04T21:00:00.000Z'],
		['a date serialised at midnight UTC', '1990-04-05T00:00:00.000Z'],
		["the picker's value (no zone)", '1990-04-05T00:00:00'],
		['a plain date', '1990-04-05'],
		['an offset as written', '1990-04-05T00:00:00+09:00'],
		['a Luxon DateTime in another zone', '={{ DateTime.fromISO("1990-04-05T00:30:00", { zone: "Asia/Tokyo" }) }}'],
	];
	test.each([
		...inMoscow.map(([label, value]) => ['Europe/Moscow', label, value]),
		['America/New_York', 'a JS Date at midnight in New York', '={{ new Date("1990-04-05T04:00:00Z") }}'],
		['Asia/Tokyo', 'an item holding a UTC instant', '={{ $json.born }}'],
	])('%s, %s', async (zone, _label, birthDate) => {
		setGlobalState({ defaultTimezone: zone });
		const { error } = await create({ birthDate }, [{ born: '1990-04-04T15:00:00.000Z' }]);
		expect(error).toBeUndefined();
		const post = sandbox.requests.find((r) => r.method === 'POST');
		expect(post?.body.birth_date).toBe(MEANT);
	});

	test('an impossible date is refused before any request', async () => {
		const { error } = await create({ birthDate: '1990-02-30T10:00:00Z' });
		expect(error?.message).toContain('additionalFields.birthDate');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('objects and lists from expressions', () => {
	test.each([
		['surname', '={{ {} }}', 'additionalFields.surname'],
		['comment', '={{ ["a", "b"] }}', 'additionalFields.comment'],
		['email', '={{ { a: 1 } }}', 'additionalFields.email'],
		['smsCheck', '={{ {} }}', 'additionalFields.smsCheck'],
		['customFields', { field: [{ key: 'k', value: '={{ { x: 1 } }}' }] }, 'additionalFields.customFields'],
	])('%s given an object or a list fails before any request, naming the field', async (field, value, named) => {
		const { error } = await create({ [field]: value });
		expect(error?.message).toContain(named);
		expect(sandbox.requests).toHaveLength(0);
	});
});
