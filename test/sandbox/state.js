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

const { rngFrom, normalizeLocalDateTime } = require('./util');

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

const FIRST_NAMES = [
	'James',
	'Olivia',
	'Liam',
	'Emma',
	'Noah',
	'Ava',
	'Mason',
	'Sophia',
	'Lucas',
	'Mia',
	'Ethan',
	'Isabella',
	'Logan',
	'Amelia',
	'Aiden',
	'Harper',
	'Elijah',
	'Evelyn',
	'Owen',
	'Abigail',
	'Carter',
	'Ella',
	'Jayden',
	'Scarlett',
	'Wyatt',
	'Grace',
	'Julian',
	'Chloe',
	'Levi',
	'Nora',
];
const SURNAMES = [
	'Smith',
	'Johnson',
	'Williams',
	'Brown',
	'Jones',
	'Garcia',
	'Miller',
	'Davis',
	'Rodriguez',
	'Martinez',
	'Hernandez',
	'Lopez',
	'Gonzalez',
	'Wilson',
	'Anderson',
	'Thomas',
	'Taylor',
	'Moore',
	'Jackson',
	'Martin',
	'Lee',
	'Perez',
	'Thompson',
	'White',
	'Harris',
	'Sanchez',
	'Clark',
	'Ramirez',
	'Lewis',
	'Robinson',
];
const AREA_CODES = ['212', '315', '415', '646', '718', '917'];

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

function toMs(value, fallback) {
	if (value === undefined || value === null) return fallback;
	if (typeof value === 'number') return value;
	const t = new Date(value).getTime();
	return Number.isNaN(t) ? fallback : t;
}

/** A text comment ('default') or a file-upload entry ('file'). */
function addComment(state, clock, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const type = opts.type === 'file' ? 'file' : 'default';
	const now = toMs(opts.create_date, clock.now());
	const comment = {
		id: opts.id !== undefined ? Number(opts.id) : ++state.seq.comment,
		locationId: loc.id,
		clientId: Number(clientId),
		type,
		text: type === 'file' ? '' : String(opts.text !== undefined ? opts.text : 'Comment for a client'),
		files: (opts.files || []).map((f, i) => ({
			link: f.link || `https://api.alteg.io/client_files/download/${loc.id}/${f.id || 900000 + i}/`,
			filename: f.filename || f.name || `file-${i + 1}.pdf`,
		})),
		created_at: now,
		updated_at: toMs(opts.update_date, now),
		user:
			opts.user === null
				? null
				: { id: state.user.id, name: state.user.name, avatar: state.user.avatar, ...(opts.user || {}) },
	};
	if (comment.id > state.seq.comment) state.seq.comment = comment.id;
	state.comments.push(comment);
	return comment;
}

const MIME = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	txt: 'text/plain',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A client file. Like a real upload it also writes a 'file' entry into the client's comments,
 * unless `withComment: false`.
 */
function addFile(state, clock, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const id = opts.id !== undefined ? Number(opts.id) : ++state.seq.file;
	if (id > state.seq.file) state.seq.file = id;
	const name = opts.name || `document-${id}.pdf`;
	const extension = (opts.extension || (name.includes('.') ? name.split('.').pop() : 'pdf')).toLowerCase();
	const file = {
		id,
		locationId: loc.id,
		clientId: Number(clientId),
		name,
		description: opts.description !== undefined ? opts.description : '',
		extension,
		mime: opts.mime || MIME[extension] || 'application/octet-stream',
		size_bytes: opts.size !== undefined ? Number(opts.size) : 98970,
		user_name: opts.user_name !== undefined ? opts.user_name : state.user.name,
		user_avatar: opts.user_avatar !== undefined ? opts.user_avatar : state.user.avatar,
		can_edit: opts.can_edit !== undefined ? Boolean(opts.can_edit) : true,
		created_at: toMs(opts.date_create, clock.now()),
	};
	// For downloads: the bytes, a link elsewhere, or a redirect from the API's host to elsewhere.
	if (opts.content !== undefined) file.content = opts.content;
	if (opts.content !== undefined && opts.size === undefined) file.size_bytes = Buffer.byteLength(opts.content);
	if (opts.link !== undefined) file.link = opts.link;
	if (opts.redirectTo !== undefined) file.redirectTo = opts.redirectTo;
	state.files.push(file);
	if (opts.withComment !== false) {
		addComment(state, clock, loc.id, clientId, {
			type: 'file',
			files: [{ link: `https://api.alteg.io/client_files/download/${loc.id}/${id}/`, filename: name }],
			create_date: file.created_at,
		});
	}
	return file;
}

function paymentStatus(costToPay, paid) {
	if (!paid) return 'not_paid';
	if (paid < costToPay) return 'paid_not_full';
	if (paid === costToPay) return 'paid_full';
	return 'paid_over';
}

function resolveStaff(state, locId, staff) {
	const list = state.staff[locId] || [];
	if (staff === undefined || staff === null) return { ...rngFrom(state).pick(list) };
	if (typeof staff === 'number') return { ...(list.find((s) => s.id === staff) || list[0]), id: staff };
	return { ...list[0], ...staff };
}

function normalizeDate(date) {
	const d = normalizeLocalDateTime(date);
	if (!d) throw new Error(`sandbox: bad date ${JSON.stringify(date)} (want 'YYYY-MM-DD HH:MM:SS')`);
	return d;
}

/**
 * A visit record (appointment). `attendance`: -1 no-show, 0 waiting, 1 arrived (default), 2 confirmed.
 * `services`: partial service lines; default one service from the location's catalog, paid in full when arrived.
 */
function addVisit(state, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const rng = rngFrom(state);
	const attendance = opts.attendance !== undefined ? Number(opts.attendance) : 1;
	const srcServices = opts.services || [{}];
	const services = srcServices.map((s) => {
		const cat = s.id ? state.services[loc.id].find((x) => x.id === s.id) || {} : rng.pick(state.services[loc.id]);
		const firstCost = s.first_cost !== undefined ? s.first_cost : s.cost !== undefined ? s.cost : cat.cost || 50;
		const discount = s.discount_percent || 0;
		const costToPay = s.cost_to_pay !== undefined ? s.cost_to_pay : Math.round(firstCost * (100 - discount)) / 100;
		const paid = s.paid_sum !== undefined ? s.paid_sum : attendance === 1 ? costToPay : 0;
		return {
			id: s.id || cat.id,
			title: s.title || cat.title || 'Service',
			first_cost: firstCost,
			discount_percent: discount,
			cost_to_pay: costToPay,
			paid_sum: paid,
			payment_status: s.payment_status || paymentStatus(costToPay, paid),
			consumables: s.consumables || [],
		};
	});
	const id = opts.id !== undefined ? Number(opts.id) : ++state.seq.record;
	if (id > state.seq.record) state.seq.record = id;
	const visitId = opts.visit_id !== undefined ? Number(opts.visit_id) : ++state.seq.visit;
	if (visitId > state.seq.visit) state.seq.visit = visitId;
	const record = {
		id,
		locationId: loc.id,
		clientId: Number(clientId),
		comment: opts.comment || '',
		date: normalizeDate(opts.date),
		visit_id: visitId,
		attendance,
		services,
		staff: resolveStaff(state, loc.id, opts.staff),
		tips: opts.tips || { has_tips: false, sum: null },
	};
	if (opts.comer) record.comer = opts.comer;
	state.records.push(record);
	return record;
}

/** A product sale. `goods`: partial lines; default one catalog item sold (amount -1) and paid. */
function addGoodsTransaction(state, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const rng = rngFrom(state);
	const goods = (opts.goods || [{}]).map((g) => {
		const cat = g.id ? state.goods[loc.id].find((x) => x.id === g.id) || {} : rng.pick(state.goods[loc.id]);
		const amount = g.amount !== undefined ? g.amount : -1;
		const perUnit = g.cost_per_unit !== undefined ? g.cost_per_unit : cat.cost || 10;
		const firstCost = g.first_cost !== undefined ? g.first_cost : Math.abs(amount) * perUnit;
		const discount = g.discount_percent || 0;
		const costToPay = g.cost_to_pay !== undefined ? g.cost_to_pay : Math.round(firstCost * (100 - discount)) / 100;
		const paid = g.paid_sum !== undefined ? g.paid_sum : costToPay;
		return {
			id: g.id || cat.id,
			title: g.title || cat.title || 'Product',
			amount,
			unit: g.unit || cat.unit || 'pcs',
			cost_per_unit: perUnit,
			first_cost: firstCost,
			discount_percent: discount,
			cost_to_pay: costToPay,
			paid_sum: paid,
			payment_status: g.payment_status || paymentStatus(costToPay, paid),
		};
	});
	const id = opts.id !== undefined ? Number(opts.id) : ++state.seq.goodsTransaction;
	if (id > state.seq.goodsTransaction) state.seq.goodsTransaction = id;
	const tx = {
		id,
		locationId: loc.id,
		clientId: Number(clientId),
		comment: opts.comment || '',
		date: normalizeDate(opts.date),
		visit_id: opts.visit_id !== undefined ? Number(opts.visit_id) : 0,
		record_id: opts.record_id !== undefined ? Number(opts.record_id) : 0,
		goods,
		staff: resolveStaff(state, loc.id, opts.staff),
	};
	state.goodsTransactions.push(tx);
	return tx;
}

const DAY = 86400000;

/** The demo data set used by `npm run sandbox` (seed.demo). */
function seedDemo(state, clock, clientsPerMain = 60) {
	const rng = rngFrom(state);
	const now = clock.now();
	const main = state.locations.find((l) => l.manageable) || state.locations[0];
	const second = state.locations.filter((l) => l.manageable)[1];
	const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
	const sources = ['Instagram', 'Walk-in', 'Referral', 'Google'];
	const clients = seedClients(state, clock, main.id, clientsPerMain, (i) => {
		const created = now - (clientsPerMain - i) * 3 * DAY - rng.int(0, 20) * 3600000;
		const o = {
			created_at: created,
			last_change_at: created + (rng.chance(0.3) ? rng.int(1, 40) * DAY : 0),
			gender_id: rng.int(0, 2),
			importance_id: rng.chance(0.3) ? rng.int(1, 3) : 0,
			categories: [1, 2, 3].filter(() => rng.chance(0.3)),
			has_mobile_app: rng.chance(0.25),
		};
		if (o.last_change_at > now) o.last_change_at = now;
		if (rng.chance(0.6)) {
			// Drawn in this order (year, month, day): the seeded data must not change.
			const year = rng.int(60, 99);
			const [month, day] = [rng.int(1, 12), rng.int(1, 28)].map((n) => String(n).padStart(2, '0'));
			o.birth_date = `19${year}-${month}-${day}`;
		}
		if (rng.chance(0.5)) o.custom_fields = { preferred_day: rng.pick(days), source: rng.pick(sources) };
		if (rng.chance(0.2)) o.discount = rng.pick([5, 10, 15]);
		if (rng.chance(0.2)) o.card = String(rng.int(100000, 999999));
		if (rng.chance(0.15)) o.comment = 'Prefers morning appointments';
		if (rng.chance(0.1)) o.email = '';
		return o;
	});
	if (second) seedClients(state, clock, second.id, Math.min(8, clientsPerMain));
	if (!clients.length) return;

	// comments and files
	for (const c of clients.slice(0, 6)) {
		const n = rng.int(1, 3);
		for (let k = 0; k < n; k++) {
			addComment(state, clock, main.id, c.id, {
				text: rng.pick([
					'Allergic to ammonia dyes',
					'Asked for a call back',
					'Likes green tea',
					'Booked via Instagram',
				]),
				create_date: now - rng.int(1, 200) * DAY,
			});
		}
	}
	const fileOwners = clients.slice(0, 2);
	addFile(state, clock, main.id, fileOwners[0].id, {
		name: 'consent-form.pdf',
		size: 98970,
		date_create: now - 30 * DAY,
	});
	addFile(state, clock, main.id, fileOwners[0].id, {
		name: 'before-photo.jpg',
		size: 523001,
		date_create: now - 20 * DAY,
	});
	if (fileOwners[1])
		addFile(state, clock, main.id, fileOwners[1].id, { name: 'notes.txt', size: 812, date_create: now - 10 * DAY });

	// visits and product sales for a few clients (~40 items)
	const plan = [
		[clients[0], 20, 4],
		[clients[1], 9, 2],
		[clients[2], 4, 1],
	];
	for (const [client, nVisits, nGoods] of plan) {
		if (!client) continue;
		const dates = [];
		for (let k = 0; k < nVisits; k++) {
			// one visit every nine days; every fifth date gets a second record the same evening
			const dayMs = now - (k * 9 + 2) * DAY;
			const d = new Date(dayMs);
			const date = d.toISOString().slice(0, 10);
			dates.push(date);
			const attendance = k === 0 ? 2 : rng.pick([1, 1, 1, 1, -1, 0]);
			const rec = addVisit(state, main.id, client.id, {
				date: `${date} ${String(rng.int(9, 18)).padStart(2, '0')}:00:00`,
				attendance,
			});
			if (k % 5 === 1)
				addVisit(state, main.id, client.id, { date: `${date} 19:30:00`, attendance, visit_id: rec.visit_id });
		}
		for (let k = 0; k < nGoods; k++) {
			addGoodsTransaction(state, main.id, client.id, { date: `${dates[(k * 3) % dates.length]} 20:00:00` });
		}
	}
}

module.exports = {
	DEFAULT_LOCATIONS,
	DEFAULT_TAGS,
	createState,
	findLocation,
	findClient,
	phoneDigits,
	phoneTaken,
	clientDefaults,
	addClient,
	seedClients,
	addComment,
	addFile,
	addVisit,
	addGoodsTransaction,
	seedDemo,
};
