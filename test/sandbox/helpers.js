'use strict';

/** Test helper: a tiny undici-based client for the sandbox (not a test file itself). */

const { request } = require('undici');
const { httpAnswer } = require('./util');
const { ACCEPT } = require('./server');

/**
 * @param {string} baseUrl e.g. http://127.0.0.1:1234/api/v1
 * @param {{partnerToken?: string, userToken?: string}} [creds]
 */
function makeApi(baseUrl, creds = {}) {
	const partner = creds.partnerToken || 'partner-token';
	const user = creds.userToken || 'user-token';
	/**
	 * @param {string} method
	 * @param {string} path path below /api/v1, may include a query string
	 * @param {{body?: unknown, rawBody?: string, headers?: Record<string, string|null>,
	 *   query?: Record<string, unknown>}} [opts]
	 */
	return async function call(method, path, opts = {}) {
		const headers = { accept: ACCEPT, authorization: `Bearer ${partner}, User ${user}` };
		let body;
		if (opts.rawBody !== undefined) {
			body = opts.rawBody;
			headers['content-type'] = 'application/json';
		} else if (opts.body !== undefined) {
			body = JSON.stringify(opts.body);
			headers['content-type'] = 'application/json';
		}
		for (const [k, v] of Object.entries(opts.headers || {})) {
			if (v === null) delete headers[k];
			else headers[k] = v;
		}
		let qs = '';
		if (opts.query) {
			const sp = new URLSearchParams();
			for (const [k, v] of Object.entries(opts.query)) {
				for (const item of Array.isArray(v) ? v : [v]) sp.append(k, String(item));
			}
			qs = (path.includes('?') ? '&' : '?') + sp.toString();
		}
		const res = await request(baseUrl + path + qs, { method, headers, body });
		return httpAnswer(res.statusCode, res.headers, await res.body.text());
	};
}

/** 2026-03-01 12:00:00 in New York (UTC-5): the clock of the client suites. */
const MARCH_FIRST_NOON = Date.UTC(2026, 2, 1, 17, 0, 0);

/**
 * Visits of a client, one per row `[date, attendance, cost_to_pay, paid_sum]`, each with one service
 * line of those figures; returns the stored records.
 */
function addPaidVisits(sb, locationId, clientId, rows) {
	return rows.map(([date, attendance, costToPay, paid]) =>
		sb.addVisit(locationId, clientId, { date, attendance, services: [{ cost_to_pay: costToPay, paid_sum: paid }] }),
	);
}

/** The six keys the visit search requires, with overrides. */
function visitBody(over = {}) {
	return { client_id: null, client_phone: null, from: null, to: null, payment_statuses: [], attendance: null, ...over };
}

/**
 * One sandbox for the describe block it is called in: created with `options` and started before the
 * block, stopped after it, and before each test reset, its readings back to their defaults and its
 * clock set to `at` (when given). `bind` receives `{ sb, url, api }` once the sandbox runs.
 */
function sandboxFor(bind, { options, at } = {}) {
	const { createSandbox } = require('./index');
	const { defaultReadings } = require('./readings');
	let sb;
	beforeAll(async () => {
		sb = createSandbox(options);
		const { url } = await sb.start(0);
		bind({ sb, url, api: makeApi(url) });
	});
	afterAll(() => sb.stop());
	beforeEach(() => {
		sb.reset();
		sb.options.readings = defaultReadings();
		if (at !== undefined) sb.clock.set(at);
	});
}

module.exports = { makeApi, sandboxFor, visitBody, addPaidVisits, ACCEPT, MARCH_FIRST_NOON };
