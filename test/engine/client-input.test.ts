/**
 * Client input the way n8n hands it over: birth dates as JS Dates, instants and plain dates in the
 * workflow's time zone; objects and lists from expressions in text fields; and the headers sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { setGlobalState } from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { byId, runNode } from './harness';
import { credentials, newSandbox } from './setup';

const sandbox = newSandbox();
const LOCATION = 101;

beforeAll(async () => {
	await sandbox.start(0);
});
afterAll(async () => {
	setGlobalState({ defaultTimezone: 'America/New_York' });
	await sandbox.stop();
});
beforeEach(() => sandbox.reset());

const create = (additionalFields: IDataObject | string, input?: IDataObject[]) =>
	runNode({
		parameters: {
			resource: 'client',
			operation: 'create',
			locationId: byId(String(LOCATION)),
			name: 'Dana',
			phone: '+1 315 555 0190',
			additionalFields,
		} as IDataObject as never,
		credentials: credentials(sandbox),
		input,
	});

describe('birth date: the date the user meant', () => {
	test.each([
		[
			'Europe/Moscow',
			'a JS Date at midnight in the workflow zone',
			'={{ new Date("1990-04-04T21:00:00Z") }}',
			'1990-04-05',
		],
		['Europe/Moscow', 'a UTC ISO string of that instant', '1990-04-04T21:00:00.000Z', '1990-04-05'],
		['Europe/Moscow', 'a date serialised at midnight UTC', '1990-04-05T00:00:00.000Z', '1990-04-05'],
		['Europe/Moscow', "the picker's value (no zone)", '1990-04-05T00:00:00', '1990-04-05'],
		['Europe/Moscow', 'a plain date', '1990-04-05', '1990-04-05'],
		['Europe/Moscow', 'an offset as written', '1990-04-05T00:00:00+09:00', '1990-04-05'],
		[
			'Europe/Moscow',
			'a Luxon DateTime in another zone',
			'={{ DateTime.fromISO("1990-04-05T00:30:00", { zone: "Asia/Tokyo" }) }}',
			'1990-04-05',
		],
		['America/New_York', 'a JS Date at midnight in New York', '={{ new Date("1990-04-05T04:00:00Z") }}', '1990-04-05'],
		['Asia/Tokyo', 'an item holding a UTC instant', '={{ $json.born }}', '1990-04-05'],
	])('%s, %s', async (zone, _label, birthDate, expected) => {
		setGlobalState({ defaultTimezone: zone });
		const { error } = await create({ birthDate }, [{ born: '1990-04-04T15:00:00.000Z' }]);
		expect(error).toBeUndefined();
		const post = sandbox.requests.find((r) => r.method === 'POST');
		expect(post?.body.birth_date).toBe(expected);
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

	test('an update field given an object fails before any request', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'client',
				operation: 'update',
				locationId: byId(String(LOCATION)),
				clientId: byId('1'),
				updateFields: { card: '={{ { n: 5 } }}' },
			},
			credentials: credentials(sandbox),
		});
		expect(error?.message).toContain('updateFields.card');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('small ones', () => {
	test('GET and DELETE carry Content-Type: application/json, as the docs samples', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1);
		const base = { resource: 'client', locationId: byId(String(LOCATION)), clientId: byId(String(client.id)) };
		await runNode({ parameters: { ...base, operation: 'get' }, credentials: credentials(sandbox) });
		await runNode({ parameters: { ...base, operation: 'delete' }, credentials: credentials(sandbox) });
		expect(sandbox.requests.map((r) => [r.method, r.headers['content-type']])).toEqual([
			['GET', 'application/json'],
			['DELETE', 'application/json'],
		]);
	});

	test('the appointment-count filters say what they count; the name outputs are told apart', () => {
		const properties = new Altegio().description.properties;
		const filters = properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.operation?.includes('getAll'),
		);
		const options = (filters?.options ?? []) as Array<{ name: string; displayName: string; description?: string }>;
		const from = options.find((o) => o.name === 'visitsCountFrom');
		expect(from?.displayName).toBe('Appointments Count From');
		expect(from?.description).toMatch(/any status when none is chosen/);
		expect(options.find((o) => o.name === 'visitsCountTo')?.displayName).toBe('Appointments Count To');
		const operations = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('client'),
		);
		const getAll = (operations?.options as Array<{ value: string; description?: string }>).find(
			(o) => o.value === 'getAll',
		);
		expect(getAll?.description).toMatch(/full name/);
	});
});
