'use strict';

/**
 * In-memory Altegio B2B API v1 emulator ("sandbox") for tests, e2e runs and manual play.
 * See README.md in this folder for the API; the behaviour follows docs/altegio-api.md (Altegio's
 * official description where it speaks, the readings chosen where it does not) and keeps the real
 * API's quirks.
 */

const { createClock } = require('./util');
const { createHttpServer, createLimiter, normalizeFault, PREFIX } = require('./server');
const store = {
	...require('./state'),
	...require('./activity'),
	...require('./demo'),
};
const { defaultReadings } = require('./readings');

const DEFAULTS = {
	partnerToken: 'partner-token',
	userToken: 'user-token',
	login: 'owner@example.com',
	password: 'secret-password',
	twoFactorLogin: 'twofa@example.com',
	rateLimit: null,
	latencyMs: 0,
	bulkMaxItems: null,
};

/**
 * @param {object} [opts]
 * @param {string} [opts.partnerToken]
 * @param {string} [opts.userToken]
 * @param {string[]} [opts.extraUserTokens] further user tokens accepted with the partner token (other accounts)
 * @param {string} [opts.login]
 * @param {string} [opts.password]
 * @param {string} [opts.twoFactorLogin]
 * @param {{perSecond?: number, perMinute?: number, windowScale?: number, retryAfter?: number, now?: () => number}
 *   | null} [opts.rateLimit] `now`: the limiter's clock in ms (default: the arrival time, performance.now())
 * @param {number} [opts.latencyMs]
 * @param {number | null} [opts.bulkMaxItems]
 * @param {{locations?: object[], clients?: number, random?: number, demo?: boolean | number}} [opts.seed]
 * @param {Record<string, string>} [opts.readings] the readings of open questions (readings.js)
 */
function createSandbox(opts = {}) {
	const options = {
		...DEFAULTS,
		...opts,
		seed: { ...(opts.seed || {}) },
		readings: { ...defaultReadings(), ...(opts.readings || {}) },
	};
	const clock = createClock();
	const state = store.createState(options.seed);
	const perLocation = Number(options.seed.clients) || 0;
	if (perLocation > 0) {
		for (const loc of state.locations.filter((l) => l.manageable)) store.seedClients(state, clock, loc.id, perLocation);
	}
	if (options.seed.demo) {
		store.seedDemo(state, clock, typeof options.seed.demo === 'number' ? options.seed.demo : 60);
	}
	let snapshot = structuredClone(state);

	const requests = [];
	const faults = [];
	const ctx = {
		options,
		clock,
		requests,
		faults,
		get state() {
			return state;
		},
		limiter: null,
	};
	ctx.limiter = createLimiter(() => options.rateLimit);

	let server = null;
	let address = null;

	const sb = {
		options,
		clock,
		requests,
		get state() {
			return state;
		},
		get faults() {
			return faults;
		},
		get url() {
			return address ? address.url : null;
		},
		get port() {
			return address ? address.port : null;
		},

		/** Listen on `port` (0 = random) at `host` (default 127.0.0.1). */
		start(port = 0, host = '127.0.0.1') {
			if (server) return Promise.resolve(address);
			server = createHttpServer(ctx);
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					const p = server.address().port;
					const h = host.includes(':') ? `[${host}]` : host;
					address = { url: `${options.tls ? 'https' : 'http'}://${h}:${p}${PREFIX}`, port: p };
					resolve(address);
				});
			});
		},

		stop() {
			if (!server) return Promise.resolve();
			const s = server;
			server = null;
			address = null;
			return new Promise((resolve) => {
				s.close(() => resolve());
				s.closeAllConnections();
			});
		},

		clearRequests() {
			requests.length = 0;
		},

		/** Back to the seeded state (or the last snapshot()); clears requests, faults and the rate-limit history. */
		reset() {
			for (const k of Object.keys(state)) delete state[k];
			Object.assign(state, structuredClone(snapshot));
			requests.length = 0;
			faults.length = 0;
			ctx.limiter.reset();
		},

		/** Extension: make the current data the state that reset() returns to. */
		snapshot() {
			snapshot = structuredClone(state);
		},

		addFault(fault) {
			const f = normalizeFault(fault);
			faults.push(f);
			return f;
		},

		clearFaults() {
			faults.length = 0;
		},

		seedClients(locationId, n, overrides) {
			return store.seedClients(state, clock, locationId, n, overrides);
		},
		addClient(locationId, partial) {
			return store.addClient(state, clock, locationId, partial);
		},
		addComment(locationId, clientId, comment) {
			return store.addComment(state, clock, locationId, clientId, comment);
		},
		addFile(locationId, clientId, file) {
			return store.addFile(state, clock, locationId, clientId, file);
		},
		addVisit(locationId, clientId, visit) {
			return store.addVisit(state, locationId, clientId, visit);
		},
		addGoodsTransaction(locationId, clientId, tx) {
			return store.addGoodsTransaction(state, locationId, clientId, tx);
		},
		/** Extension: look a client up (internal record, phone as a digit string). */
		getClient(locationId, clientId) {
			return store.findClient(state, locationId, clientId);
		},
	};
	return sb;
}

module.exports = { createSandbox };
