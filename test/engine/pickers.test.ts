/** Tag and custom-field pickers, and the stored shapes they and older workflows leave. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, credentials, loadOptions, PARTNER, sandboxSuite, USER } from './harness';

const LOCATION = 101;
const { sandbox, run, requestsTo } = sandboxSuite('client', LOCATION);

const withLocation = { locationId: byId(String(LOCATION)) };
/** The options a picker (`method`) lists in the editor, for the node's `parameters`. */
const pick = (method: Parameters<typeof loadOptions>[0], parameters: INodeParameters = withLocation) =>
	loadOptions(method, { parameters, credentials: credentials(sandbox) });

describe('pickers', () => {
	test('Tag Names or IDs lists the location’s client tags by title, sorted, the ID as value', async () => {
		const options = await pick('getClientTags');
		expect(options).toEqual([
			{ name: 'New', value: '2', description: 'ID 2' },
			{ name: 'Regular', value: '3', description: 'ID 3' },
			{ name: 'VIP', value: '1', description: 'ID 1' },
		]);
		expect(requestsTo(/^\/labels\/101\/client$/, 'GET')).toHaveLength(1);
	});

	test('the custom field picker lists fields by title, with the field code as value and description', async () => {
		const options = await pick('getClientCustomFields');
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Favourite master', 'favourite_master'],
			['Preferred day', 'preferred_day'],
			['Source', 'source'],
		]);
		expect(options[1].description).toContain('Code: preferred_day');
		expect(requestsTo(/^\/custom_fields\/client\/101$/, 'GET')).toHaveLength(1);
	});

	test('the location in list mode (a resource locator) works too', async () => {
		const options = await pick('getClientTags', { locationId: { __rl: true, mode: 'list', value: '102' } });
		expect(options).toHaveLength(3);
		expect(requestsTo(/^\/labels\/102\/client$/)).toHaveLength(1);
	});

	test.each(['getClientTags', 'getClientCustomFields'] as const)(
		'%s without a location asks for one and sends nothing',
		async (method) => {
			await expect(pick(method, {})).rejects.toThrow(/Choose a location first/);
			expect(sandbox.requests).toHaveLength(0);
		},
	);

	test.each([
		['getClientTags', '/labels/101/client', /Could not load the location's client tags \(GET \/labels\/101\/client\)/],
		[
			'getClientCustomFields',
			'/custom_fields/client/101',
			/Could not load the location's client custom fields \(GET \/custom_fields\/client\/101\)/,
		],
	] as const)('%s: a failing list says what failed, without the tokens', async (method, path, message) => {
		sandbox.addFault({ path, kind: 'status', status: 403, message: 'Access denied.', times: 5 });
		const failure = await pick(method).catch((error: Error & { description?: string }) => error);
		expect(failure).toBeInstanceOf(Error);
		const { message: text, description } = failure as Error & { description?: string };
		expect(text).toMatch(message);
		expect(text).toMatch(/403|Access denied|permission/i);
		expect(description).toMatch(/expression/);
		expect(`${text} ${description}`).not.toContain(PARTNER);
		expect(`${text} ${description}`).not.toContain(USER);
	});

	test('odd list answers: deleted tags left out, string IDs kept, fields without a code left out', async () => {
		const tags = [
			{ id: '7', title: 'Gone', deleted: '1' },
			{ id: '8', title: '  ', deleted: '0' },
			{ id: 9, title: 'Kept', deleted: false },
		];
		sandbox.addFault({ path: '/labels/101/client', kind: 'status', status: 200, body: { success: true, data: tags } });
		const fields = [
			{ id: 1, custom_field: { id: 1, code: '', title: 'No code' } },
			{ id: 2, custom_field: { id: 2, code: 'vip_note', title: '', type: { code: 'text' } } },
			{ id: 3, title: 'Bare', code: 'bare_field' },
		];
		sandbox.addFault({
			path: '/custom_fields/client/101',
			kind: 'status',
			status: 200,
			body: { success: true, data: fields },
		});
		const tagOptions = await pick('getClientTags');
		expect(tagOptions.map((o) => [o.name, o.value])).toEqual([
			['Kept', '9'],
			['Tag 8', '8'],
		]);
		const fieldOptions = await pick('getClientCustomFields');
		expect(fieldOptions.map((o) => [o.name, o.value, o.description])).toEqual([
			['Bare', 'bare_field', 'Code: bare_field'],
			['vip_note', 'vip_note', 'Code: vip_note (text)'],
		]);
	});

	test('a list answer that is not a list gives an empty picker, not a crash', async () => {
		sandbox.addFault({ path: '/labels/101/client', kind: 'status', status: 200, body: { success: true, data: {} } });
		const options = await pick('getClientTags');
		expect(options).toEqual([]);
	});
});

describe('stored shapes of Tag Names or IDs and custom field keys', () => {
	// What saved workflows hold: the old comma-separated string, a number from an expression, the
	// picker's array of strings, an expression's array of numbers.
	test.each([
		['1,3', [1, 3]],
		[' 1 , 3 ', [1, 3]],
		[3, [3]],
		[
			['1', '3'],
			[1, 3],
		],
		[
			[1, 3],
			[1, 3],
		],
		[[], []],
	])('create with categoryIds %p sends categories %p', async (categoryIds, categories) => {
		const { error } = await run({
			operation: 'create',
			name: 'Ana',
			phone: '+13155550111',
			additionalFields: { categoryIds },
		});
		expect(error).toBeUndefined();
		const [request] = requestsTo(/^\/clients\/101$/, 'POST');
		expect(request.body.categories).toEqual(categories);
	});

	test('categoryIds from an expression (a list) reach the body', async () => {
		const { error } = await run(
			{
				operation: 'create',
				name: 'Ana',
				phone: '+13155550112',
				additionalFields: { categoryIds: '={{ $json.tags }}' },
			},
			{ input: [{ tags: [2, 3] }] },
		);
		expect(error).toBeUndefined();
		expect(requestsTo(/^\/clients\/101$/, 'POST')[0].body.categories).toEqual([2, 3]);
	});

	test('a bad tag ID names the parameter and sends nothing', async () => {
		const { error } = await run({
			operation: 'create',
			name: 'Ana',
			phone: '+13155550113',
			additionalFields: { categoryIds: ['1', 'VIP'] },
		});
		expect(error?.message).toContain('additionalFields.categoryIds');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('update with the picker’s array replaces the tags (labels and categories)', async () => {
		const [client] = sandbox.seedClients(LOCATION, 1, { categories: [1], birth_date: '1990-04-05' });
		const { error, items } = await run({
			operation: 'update',
			clientId: byId(String(client.id)),
			updateFields: { categoryIds: ['2', '3'] },
			output: 'raw',
		});
		expect(error).toBeUndefined();
		const [put] = requestsTo(new RegExp(`^/client/101/${String(client.id)}$`), 'PUT');
		expect(put.body.labels).toEqual([2, 3]);
		expect((items[0].json.categories as IDataObject[]).map((t) => t.id)).toEqual([2, 3]);
	});

	test('custom field keys from the picker and typed or computed keys all reach the body', async () => {
		const { error } = await run(
			{
				operation: 'create',
				name: 'Ana',
				phone: '+13155550114',
				additionalFields: {
					customFields: {
						field: [
							{ key: 'preferred_day', value: 'Monday' },
							{ key: 'not_in_the_list', value: 'x' },
							{ key: '={{ $json.key }}', value: 'y' },
						],
					},
				},
			},
			{ input: [{ key: 'computed_key' }] },
		);
		expect(error).toBeUndefined();
		expect(requestsTo(/^\/clients\/101$/, 'POST')[0].body.custom_fields).toEqual({
			preferred_day: 'Monday',
			not_in_the_list: 'x',
			computed_key: 'y',
		});
	});

	test.each([
		['1,2', [1, 2]],
		[
			['1', '2'],
			[1, 2],
		],
		[[3], [3]],
		[2, [2]],
	])('the Tag filter %p of Get Many searches categories %p', async (tagIds, value) => {
		const { error } = await run({ operation: 'getAll', returnAll: true, filters: { tagIds } });
		expect(error).toBeUndefined();
		const [search] = requestsTo(/^\/company\/101\/clients\/search$/, 'POST');
		expect(search.body.filters).toEqual([{ type: 'category', state: { value } }]);
	});

	test('an empty Tag filter (the picker with nothing chosen) filters nothing', async () => {
		sandbox.seedClients(LOCATION, 2);
		const { error, items } = await run({ operation: 'getAll', returnAll: true, filters: { tagIds: [] } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(requestsTo(/^\/company\/101\/clients\/search$/, 'POST')[0].body.filters).toEqual([]);
	});
});
