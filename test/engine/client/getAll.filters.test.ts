import type { IDataObject } from 'n8n-workflow';
import { byId, credentials, loadOptions, sandboxSuite } from '../harness';

/**
 * Client > Get Many: "clients of staff member X", "clients who had service Y or a service of
 * category Z", and the appointments' sold amount; the Staff, Service and Service Category pickers
 * from the location's v1 lists. Record filters as the official description's example nests them.
 */

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

const STAFF = { alex: 10101, jamie: 10102 };
const SERVICE = { haircut: 101001, coloring: 101002, manicure: 101003 };
const CATEGORY = { hair: 101901, nails: 101902 };

const searchBody = () =>
	sandbox.requests.filter((r) => r.path === `/company/${LOCATION}/clients/search`).at(-1)?.body as IDataObject;
const withLocation = { locationId: byId(String(LOCATION)) };

/** Three clients: one had a haircut with Alex, one a manicure with Jamie, one nothing. */
function seedVisits() {
	const [cut, nails, none] = sandbox.seedClients(LOCATION, 3) as Array<{ id: number }>;
	sandbox.addVisit(LOCATION, cut.id, {
		date: '2026-01-10 10:00:00',
		staff: STAFF.alex,
		services: [{ id: SERVICE.haircut, cost: 60 }],
	});
	sandbox.addVisit(LOCATION, nails.id, {
		date: '2026-01-11 10:00:00',
		staff: STAFF.jamie,
		services: [{ id: SERVICE.manicure, cost: 35 }],
	});
	sandbox.clearRequests();
	return { cut: cut.id, nails: nails.id, none: none.id };
}

describe('pickers of the client search', () => {
	test('Staff Names or IDs: the location’s staff by name, ID as value, from GET /staff/{location}', async () => {
		const options = await loadOptions('getStaff', { parameters: withLocation, credentials: credentials(sandbox) });
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Alex Morgan', String(STAFF.alex)],
			['Jamie Rivera', String(STAFF.jamie)],
			['Taylor Brooks', '10103'],
		]);
		expect(options[0].description).toBe(`ID ${STAFF.alex}, Stylist`);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /staff/${LOCATION}`]);
	});

	test('Service Names or IDs and Service Category Names or IDs: titles, sorted', async () => {
		const services = await loadOptions('getServices', { parameters: withLocation, credentials: credentials(sandbox) });
		expect(services.map((o) => o.name)).toEqual(['Hair coloring', 'Haircut', 'Manicure', 'Massage 60 min']);
		const categories = await loadOptions('getServiceCategories', {
			parameters: withLocation,
			credentials: credentials(sandbox),
		});
		expect(categories.map((o) => [o.name, o.value])).toEqual([
			['Hair', String(CATEGORY.hair)],
			['Nails and body', String(CATEGORY.nails)],
		]);
		expect(sandbox.requests.map((r) => r.path)).toEqual([
			`/services/${LOCATION}`,
			`/company/${LOCATION}/service_categories`,
		]);
	});

	test('without a location the picker says to choose one; a failed list says how to go on', async () => {
		await expect(loadOptions('getStaff', { credentials: credentials(sandbox) })).rejects.toThrow(
			/Choose a location first/,
		);
		sandbox.addFault({ kind: 'status', status: 403, path: `/services/${LOCATION}`, times: 5 });
		await expect(
			loadOptions('getServices', { parameters: withLocation, credentials: credentials(sandbox) }),
		).rejects.toThrow(/Could not load the location's services/);
	});
});

describe('search by what a client had', () => {
	test('staff member: only the clients with an appointment with them', async () => {
		const ids = seedVisits();
		const { items, error } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { staffIds: [String(STAFF.alex)] },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual([ids.cut]);
		expect(searchBody().filters).toEqual([{ type: 'record', state: { staff: { value: [STAFF.alex] } } }]);
	});

	test('service, service category and sold amount, nested in one record filter', async () => {
		const ids = seedVisits();
		const byService = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { serviceIds: [String(SERVICE.manicure)] },
		});
		expect(byService.items.map((i) => i.json.id)).toEqual([ids.nails]);
		const byCategory = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { serviceCategoryIds: [String(CATEGORY.hair)], recordSoldAmountFrom: 50, visitStatus: [3] },
		});
		expect(byCategory.items.map((i) => i.json.id)).toEqual([ids.cut]);
		expect(searchBody().filters).toEqual([
			{
				type: 'record',
				state: {
					status: { value: [3] },
					service_category: { value: [CATEGORY.hair] },
					sold_amount: { from: 50 },
				},
			},
		]);
	});

	test('IDs by expression: a number, a comma-separated text or a list', async () => {
		seedVisits();
		await run(
			{ operation: 'getAll', filters: { staffIds: '={{ $json.staff }}', serviceIds: '={{ $json.services }}' } },
			{ input: [{ staff: STAFF.jamie, services: `${SERVICE.haircut}, ${SERVICE.coloring}` }] },
		);
		expect(searchBody().filters).toEqual([
			{
				type: 'record',
				state: { staff: { value: [STAFF.jamie] }, service: { value: [SERVICE.haircut, SERVICE.coloring] } },
			},
		]);
	});

	test('an ID that is not a number fails naming the filter, before any request', async () => {
		const { error } = await run({ operation: 'getAll', filters: { serviceCategoryIds: '={{ "Hair" }}' } });
		expect(error?.message).toContain('filters.serviceCategoryIds');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('number filters added but left empty send nothing (no misleading 0)', async () => {
		sandbox.seedClients(LOCATION, 2);
		const { items } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { soldAmountTo: '', recordSoldAmountTo: '', visitsCountTo: '' },
		});
		expect(items).toHaveLength(2);
		expect(searchBody().filters).toEqual([]);
	});
});
