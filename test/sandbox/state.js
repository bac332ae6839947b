'use strict';

/**
 * In-memory data of the sandbox and the helpers that create it.
 *
 * Everything lives in one plain object (`state`) so that it can be snapshotted with
 * structuredClone() and restored by sb.reset(). The pseudo-random generator's state is part
 * of it (`state.rng`), so seeding after a reset produces the same data again.
 *
 * Internal records use the API's field names where one exists. Differences:
 *   client.phone            digits-only STRING (serialised as a JSON number)
 *   client.categories       array of tag ids (serialised as {id,title,color} objects)
 *   client.locationId, created_at, last_change_at (ms)   internal only
 *   client.has_mobile_app   internal flag used by the search filter
 *   client.visits / spent   base values; visit records add to them when serialised
 */

const { rngFrom } = require('./util');
const { FIRST_NAMES, SURNAMES, AREA_CODES } = require('./names');

const DEFAULT_LOCATIONS = [
	{
		id: 101,
		title: 'Demo Salon Downtown',
		city: 'New York',
		address: '120 Broadway, New York, NY 10271',
		timezone_name: 'America/New_York',
		timezone: -5,
		phone: '+12125550101',
		manageable: true,
	},
	{
		id: 102,
		title: 'Demo Spa Uptown',
		city: 'New York',
		address: '1200 Madison Ave, New York, NY 10128',
		timezone_name: 'America/New_York',
		timezone: -5,
		phone: '+12125550102',
		manageable: true,
	},
	{
		// Exists, but the default user may not manage it: client endpoints answer 403.
		id: 103,
		title: 'Partner Barbershop Midtown',
		city: 'New York',
		address: '350 5th Ave, New York, NY 10118',
		timezone_name: 'America/New_York',
		timezone: -5,
		phone: '+12125550103',
		manageable: false,
	},
];

const DEFAULT_TAGS = [
	{ id: 1, title: 'VIP', color: '#e8d313' },
	{ id: 2, title: 'New', color: '#4caf50' },
	{ id: 3, title: 'Regular', color: '#2196f3' },
];

const DEFAULT_USER = {
	id: 7001,
	name: 'Demo Owner',
	phone: '+13155550100',
	email: 'owner@example.com',
	avatar: 'https://api.alteg.io/images/no-master-sm.png',
};

function locationDefaults(loc) {
	const id = loc.id;
	const title = loc.title || `Location ${id}`;
	return {
		id,
		title,
		public_title: loc.public_title || title,
		short_descr: loc.short_descr || 'Beauty salon',
		logo: loc.logo || `https://api.alteg.io/images/logo/${id}.png`,
		active: 1,
		phone: loc.phone || `+1212555${String(id).padStart(4, '0').slice(-4)}`,
		phones: loc.phones || [loc.phone || `+1212555${String(id).padStart(4, '0').slice(-4)}`],
		email: loc.email || `location${id}@example.com`,
		country_id: loc.country_id || 1,
		country: loc.country || 'United States',
		city_id: loc.city_id || 1,
		city: loc.city || 'New York',
		timezone: loc.timezone !== undefined ? loc.timezone : -5,
		timezone_name: loc.timezone_name || 'America/New_York',
		schedule: loc.schedule || 'Mon-Sun 09:00-21:00',
		address: loc.address || `${id} Main St`,
		coordinate_lat: loc.coordinate_lat !== undefined ? loc.coordinate_lat : 40.7128,
		coordinate_lon: loc.coordinate_lon !== undefined ? loc.coordinate_lon : -74.006,
		currency_short_title: loc.currency_short_title || '$',
		business_type_id: loc.business_type_id || 1,
		site: loc.site || `https://location${id}.example.com`,
		// The rest of the keys the official example of GET /companies shows (docs/altegio-api.md).
		phone_confirmation: loc.phone_confirmation !== undefined ? loc.phone_confirmation : true,
		active_staff_count: loc.active_staff_count !== undefined ? loc.active_staff_count : 3,
		next_slot: loc.next_slot || '2026-01-05T09:00:00-05:00',
		app_ios: loc.app_ios || '',
		app_android: loc.app_android || '',
		reminds_sms_disabled: loc.reminds_sms_disabled === true,
		reminds_sms_default: loc.reminds_sms_default !== undefined ? loc.reminds_sms_default : 1,
		group_priority: loc.group_priority || 0,
		bookform_group_priority: loc.bookform_group_priority || 0,
		description: loc.description || '',
		photos: loc.photos || [],
		booking_widget_promo: loc.booking_widget_promo || null,
		// internal
		manageable: loc.manageable !== false,
	};
}

function catalogFor(locId) {
	const staff = [
		{
			id: locId * 100 + 1,
			name: 'Alex Morgan',
			specialization: 'Stylist',
			position: { id: 1, title: 'Senior stylist' },
			is_paid_staff: true,
		},
		{
			id: locId * 100 + 2,
			name: 'Jamie Rivera',
			specialization: 'Colorist',
			position: { id: 2, title: 'Colorist' },
			is_paid_staff: true,
		},
		{
			id: locId * 100 + 3,
			name: 'Taylor Brooks',
			specialization: 'Nail technician',
			position: null,
			is_paid_staff: false,
		},
	];
	const serviceCategories = [
		{ id: locId * 1000 + 901, title: 'Hair' },
		{ id: locId * 1000 + 902, title: 'Nails and body' },
	];
	const [hair, body] = serviceCategories.map((c) => c.id);
	const services = [
		{ id: locId * 1000 + 1, title: 'Haircut', cost: 60, category_id: hair },
		{ id: locId * 1000 + 2, title: 'Hair coloring', cost: 150, category_id: hair },
		{ id: locId * 1000 + 3, title: 'Manicure', cost: 35, category_id: body },
		{ id: locId * 1000 + 4, title: 'Massage 60 min', cost: 90, category_id: body },
	];
	const goods = [
		{ id: locId * 10000 + 1, title: 'Shampoo', unit: 'pcs', cost: 25 },
		{ id: locId * 10000 + 2, title: 'Hair mask', unit: 'pcs', cost: 32 },
		{ id: locId * 10000 + 3, title: 'Nail oil', unit: 'ml', cost: 0.5 },
	];
	return { staff, services, serviceCategories, goods };
}

/**
 * Build the initial state (without clients; seeding happens in createSandbox so the clock is known).
 * @param {object} seed createSandbox's `seed` option
 */
function createState(seed = {}) {
	const locs = (Array.isArray(seed.locations) && seed.locations.length ? seed.locations : DEFAULT_LOCATIONS).map(
		locationDefaults,
	);
	const state = {
		rng: (seed.random === undefined ? 42 : Number(seed.random)) >>> 0,
		user: { ...DEFAULT_USER },
		locations: locs,
		tags: {},
		staff: {},
		services: {},
		serviceCategories: {},
		goods: {},
		clients: [],
		comments: [],
		files: [],
		records: [],
		goodsTransactions: [],
		seq: { client: 0, comment: 0, file: 0, record: 0, visit: 0, goodsTransaction: 0 },
	};
	for (const loc of locs) {
		const src = (Array.isArray(seed.locations) ? seed.locations : DEFAULT_LOCATIONS).find((l) => l.id === loc.id) || {};
		state.tags[loc.id] = (src.tags || DEFAULT_TAGS).map((t) => ({ ...t }));
		const cat = catalogFor(loc.id);
		state.staff[loc.id] = cat.staff;
		state.services[loc.id] = cat.services;
		state.serviceCategories[loc.id] = cat.serviceCategories;
		state.goods[loc.id] = cat.goods;
	}
	return state;
}

function findLocation(state, id) {
	return state.locations.find((l) => l.id === Number(id)) || null;
}

function requireLocation(state, id) {
	const loc = findLocation(state, id);
	if (!loc) throw new Error(`sandbox: unknown location ${id}`);
	return loc;
}

function findClient(state, locationId, clientId) {
	const lid = Number(locationId);
	const cid = Number(clientId);
	return state.clients.find((c) => c.locationId === lid && c.id === cid) || null;
}

function requireClient(state, locationId, clientId) {
	const c = findClient(state, locationId, clientId);
	if (!c) throw new Error(`sandbox: unknown client ${clientId} in location ${locationId}`);
	return c;
}

const phoneDigits = (p) => (p === null || p === undefined ? '' : String(p).replace(/\D/g, ''));

function phoneTaken(state, locationId, digits, exceptId) {
	return state.clients.some((c) => c.locationId === locationId && c.phone === digits && c.id !== exceptId);
}

/** The phones (digit strings) of a location's clients. */
function takenPhones(state, locationId) {
	const taken = new Set();
	for (const c of state.clients) if (c.locationId === locationId) taken.add(c.phone);
	return taken;
}

/**
 * A phone no client of the location has. Draws from the 555 exchange of six area codes (60,000
 * numbers); once draws keep colliding (a location with tens of thousands of clients, e.g. the
 * benchmark's 100,000), the exchange is drawn as well. `taken` lets a caller adding many clients
 * keep one index instead of a scan per client.
 */
function uniquePhone(state, locationId, taken = takenPhones(state, locationId)) {
	const rng = rngFrom(state);
	for (let attempt = 0; ; attempt++) {
		const exchange = attempt < 32 ? '555' : String(rng.int(200, 999));
		const digits = `1${rng.pick(AREA_CODES)}${exchange}${String(rng.int(0, 9999)).padStart(4, '0')}`;
		if (!taken.has(digits)) return digits;
	}
}

function clientDefaults() {
	return {
		name: '',
		surname: '',
		middle_name: '',
		phone: '',
		email: '',
		categories: [],
		gender_id: 0,
		importance_id: 0,
		discount: 0,
		card: '',
		birth_date: null,
		comment: '',
		sms_check: 0,
		sms_not: 0,
		spent: 0,
		balance: 0,
		visits: 0,
		custom_fields: {},
		has_mobile_app: false,
	};
}

/**
 * Insert a client without API validation (test seeding). Missing name/phone are generated.
 * `taken` (internal): the location's phone index while seeding many clients; kept up to date.
 */
function addClient(state, clock, locationId, partial = {}, taken = undefined) {
	const loc = requireLocation(state, locationId);
	const rng = rngFrom(state);
	const now = clock.now();
	// A fresh literal, not a spread copy: on Node 20 each spread copy that then gains a property gets
	// a map of its own, and scanning 100,000 such clients per search became 100 times slower.
	const client = clientDefaults();
	for (const [k, v] of Object.entries(partial)) {
		if (v !== undefined) client[k] = v;
	}
	client.id = partial.id !== undefined ? Number(partial.id) : ++state.seq.client;
	if (client.id > state.seq.client) state.seq.client = client.id;
	client.locationId = loc.id;
	if (!partial.name) client.name = rng.pick(FIRST_NAMES);
	client.phone =
		partial.phone !== undefined && partial.phone !== null && partial.phone !== ''
			? phoneDigits(partial.phone)
			: uniquePhone(state, loc.id, taken);
	if (taken) taken.add(client.phone);
	client.categories = (partial.categories || []).map((t) => Number(typeof t === 'object' ? t.id : t));
	client.custom_fields =
		partial.custom_fields && typeof partial.custom_fields === 'object' && !Array.isArray(partial.custom_fields)
			? { ...partial.custom_fields }
			: {};
	client.created_at = partial.created_at !== undefined ? partial.created_at : now;
	client.last_change_at = partial.last_change_at !== undefined ? partial.last_change_at : client.created_at;
	state.clients.push(client);
	return client;
}

/**
 * n clients with deterministic names, surnames, e-mails and unique phones. `overrides` may be a function
 * (i) => object.
 */
function seedClients(state, clock, locationId, n, overrides) {
	const rng = rngFrom(state);
	const out = [];
	const taken = n > 0 ? takenPhones(state, requireLocation(state, locationId).id) : undefined;
	for (let i = 0; i < n; i++) {
		const name = rng.pick(FIRST_NAMES);
		const surname = rng.pick(SURNAMES);
		const extra = typeof overrides === 'function' ? overrides(i) : overrides;
		out.push(
			addClient(
				state,
				clock,
				locationId,
				{
					name,
					surname,
					email: `${name}.${surname}${rng.int(1, 999)}@example.com`.toLowerCase(),
					...(extra || {}),
				},
				taken,
			),
		);
	}
	return out;
}

module.exports = {
	DEFAULT_LOCATIONS,
	DEFAULT_TAGS,
	createState,
	findLocation,
	requireLocation,
	findClient,
	requireClient,
	phoneDigits,
	phoneTaken,
	clientDefaults,
	addClient,
	seedClients,
};
