'use strict';

/**
 * HTTP layer of the sandbox: request log, rate limit, fault injection, Accept and Authorization
 * checks, routing, location checks, JSON envelopes.
 *
 * Order of checks for one request (sandbox choice, the real order is unknown):
 *   rate limit (429) → fault 'before' → route (404) → Accept (400) → Authorization (401)
 *   → malformed JSON body (400) → location exists (404) / may be managed (403) → handler
 */

const http = require('node:http');
const https = require('node:https');
const { performance } = require('node:perf_hooks');
const { ApiError, errorBody, sleep, parseQuery } = require('./util');
const { defaultReadings } = require('./readings');
const { errorAnswer } = require('./observedShapes');

const PREFIX = '/api/v1';
const ACCEPT = 'application/vnd.api.v2+json';

const routes = [
	...require('./clients').routes,
	...require('./comments').routes,
	...require('./files').routes,
	...require('./visits').routes,
	...require('./companies').routes,
	...require('./auth').routes,
	...require('./labels').routes,
	...require('./catalog').routes,
];
// Outside the API's prefix, on the API's host: what a file's download link points at.
const downloads = require('./files').downloadRoutes;

const FAULT_KINDS = [
	'status',
	'429',
	'reset',
	'delay',
	'truncated',
	'html',
	'successFalse',
	'empty204',
	'rewrite',
	'trickle',
];

const HTML_PAGE = (status) =>
	`<html>\r\n<head><title>${status} ` +
	`${http.STATUS_CODES[status] || 'Error'}</title></head>\r\n<body>\r\n<center><h1>${status} ${
		http.STATUS_CODES[status] || 'Error'
	}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

// ---------------------------------------------------------------- rate limit

/** Sliding windows over accepted requests; the config is read on every call so tests may change it. */
function createLimiter(getConfig) {
	const hits = [];
	return {
		accept(arrivedAt) {
			const cfg = getConfig();
			if (!cfg) return true;
			// A test may drive the windows with a clock of its own (no dependence on the machine's speed).
			const now = typeof cfg.now === 'function' ? cfg.now() : arrivedAt;
			const scale = cfg.windowScale !== undefined && cfg.windowScale !== null ? cfg.windowScale : 1;
			const secWindow = 1000 * scale;
			const minWindow = 60000 * scale;
			while (hits.length && hits[0] <= now - minWindow) hits.shift();
			if (cfg.perMinute !== undefined && cfg.perMinute !== null && hits.length >= cfg.perMinute) return false;
			if (cfg.perSecond !== undefined && cfg.perSecond !== null) {
				let inSecond = 0;
				for (let i = hits.length - 1; i >= 0 && hits[i] > now - secWindow; i--) inSecond++;
				if (inSecond >= cfg.perSecond) return false;
			}
			hits.push(now);
			return true;
		},
		reset() {
			hits.length = 0;
		},
	};
}

// ---------------------------------------------------------------- faults

function normalizeFault(f) {
	if (!f || !FAULT_KINDS.includes(f.kind))
		throw new Error(`sandbox: unknown fault kind ${f && f.kind}; use one of ${FAULT_KINDS.join(', ')}`);
	const when = f.when || 'before';
	if (when !== 'before' && when !== 'after') throw new Error(`sandbox: fault.when must be 'before' or 'after'`);
	if (f.match !== undefined && typeof f.match !== 'function')
		throw new Error('sandbox: fault.match must be a function');
	if (f.kind === 'rewrite' && (when !== 'after' || typeof f.rewrite !== 'function'))
		throw new Error("sandbox: a 'rewrite' fault needs when: 'after' and rewrite(body, request)");
	const skip = f.skip === undefined ? 0 : Number(f.skip);
	if (!Number.isInteger(skip) || skip < 0) throw new Error('sandbox: fault.skip must be a whole number');
	return {
		...f,
		method: f.method ? String(f.method).toUpperCase() : undefined,
		times: f.times === undefined ? 1 : f.times,
		when,
		skip,
	};
}

/**
 * The first fault matching the request (method, path, `match({method, path, query, body})`) fires;
 * a fault with `skip: n` first lets n matching requests through.
 */
function takeFault(faults, method, path, query, body) {
	for (let i = 0; i < faults.length; i++) {
		const f = faults[i];
		if (f.method && f.method !== method) continue;
		if (f.path !== undefined) {
			if (f.path instanceof RegExp) {
				f.path.lastIndex = 0;
				if (!f.path.test(path)) continue;
			} else if (f.path !== path) continue;
		}
		if (f.match && !f.match({ method, path, query, body })) continue;
		if (f.skip > 0) {
			f.skip -= 1;
			continue;
		}
		f.times -= 1;
		if (f.times <= 0) faults.splice(i, 1);
		return f;
	}
	return null;
}

// ---------------------------------------------------------------- checks

function acceptOk(value) {
	if (typeof value !== 'string') return false;
	return value.split(',').some((part) => part.split(';')[0].trim().toLowerCase() === ACCEPT);
}

function authOk(route, authorization, query, options) {
	const a = typeof authorization === 'string' ? authorization : '';
	// More users of one partner (options.extraUserTokens), e.g. two credentials against one host.
	const users = [options.userToken, ...(options.extraUserTokens || [])];
	const both = users.some((user) => a === `Bearer ${options.partnerToken}, User ${user}`);
	const partnerOnly = a === `Bearer ${options.partnerToken}` || a.startsWith(`Bearer ${options.partnerToken}, User `);
	switch (route.auth) {
		case 'user':
			return both;
		case 'partner':
			return partnerOnly;
		case 'companies':
			// my=1 needs the user too; without it the user part is not looked at
			return query.my === '1' || query.my === 'true' ? both : partnerOnly;
		default:
			return false;
	}
}

function matchDownload(method, path) {
	return matchRoute(method, path, downloads);
}

function matchRoute(method, path, list = routes) {
	for (const r of list) {
		if (r.method !== method) continue;
		const m = r.pattern.exec(path);
		if (!m) continue;
		const params = {};
		r.keys.forEach((k, i) => {
			params[k] = m[i + 1];
		});
		return { route: r, params };
	}
	return null;
}

// ---------------------------------------------------------------- server

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', () => resolve(Buffer.concat(chunks)));
		req.on('aborted', () => resolve(Buffer.concat(chunks)));
	});
}

/**
 * @param {object} sb internal context: { options, state (getter), clock, requests, faults, limiter }
 */
function createHttpServer(sb) {
	const notFound = () => ({ status: 404, body: errorBody('Not found') });

	function dispatch(method, path, hasPrefix, php, headers, body, malformed) {
		const m = hasPrefix ? matchRoute(method, path) : matchDownload(method, path);
		if (!m) return notFound();
		// What the real API does without this Accept header is undocumented; rejecting with 400 is the sandbox's choice.
		if (!m.route.anyAccept && !acceptOk(headers.accept)) {
			return { status: 400, body: errorBody(`Accept header ${ACCEPT} is required`) };
		}
		if (!authOk(m.route, headers.authorization, php, sb.options)) {
			return { status: 401, body: errorBody('Authentication needed.') };
		}
		if ((method === 'POST' || method === 'PUT') && malformed) {
			return { status: 400, body: errorBody('Malformed JSON in request body') };
		}
		const state = sb.state;
		let location = null;
		if (m.params.locationId !== undefined) {
			location = state.locations.find((l) => l.id === Number(m.params.locationId));
			if (!location) return { status: 404, body: errorBody('Location not found') };
			if (!location.manageable) return { status: 403, body: errorBody('Access denied.') };
		}
		try {
			return m.route.handler({
				state,
				clock: sb.clock,
				options: sb.options,
				location,
				params: m.params,
				query: php,
				body,
			});
		} catch (err) {
			if (err instanceof ApiError) return { status: err.status, body: errorBody(err.message, err.errors) };
			throw err;
		}
	}

	function send(res, entry, status, payload, extraHeaders = {}) {
		entry.status = status;
		entry.respondedAt = Date.now();
		// What the client got, for the contract check: the parsed JSON, the raw text, or null (no body).
		entry.response = payload === undefined || payload === null || status === 204 || status === 304 ? null : payload;
		// The API's own "now" comes from the sandbox clock (a frozen or shifted clock shows in Date).
		const headers = { date: new Date(sb.clock.now()).toUTCString(), ...extraHeaders };
		if (payload === undefined || payload === null || status === 204 || status === 304) {
			res.writeHead(status, headers);
			res.end();
			return;
		}
		if (Buffer.isBuffer(payload)) {
			res.writeHead(status, { ...headers, 'content-length': payload.length });
			res.end(payload);
			return;
		}
		const isText = typeof payload === 'string';
		const text = isText ? payload : JSON.stringify(payload);
		const hdrs = {
			'content-type': 'application/json; charset=utf-8',
			...headers,
			'content-length': Buffer.byteLength(text),
		};
		res.writeHead(status, hdrs);
		res.end(text);
	}

	function sendFault(fault, req, res, entry, result) {
		const extra = { ...(fault.headers || {}) };
		switch (fault.kind) {
			case 'status': {
				const status = fault.status || 500;
				const body =
					fault.body !== undefined ? fault.body : errorBody(fault.message || http.STATUS_CODES[status] || 'Error');
				return send(res, entry, status, body, extra);
			}
			case '429': {
				if (fault.retryAfter !== undefined && fault.retryAfter !== null)
					extra['retry-after'] = String(fault.retryAfter);
				const body = fault.body !== undefined ? fault.body : errorBody(fault.message || 'Too many requests');
				return send(res, entry, 429, body, extra);
			}
			case 'reset':
				entry.status = null;
				entry.respondedAt = Date.now();
				req.socket.destroy();
				return undefined;
			case 'truncated': {
				let full;
				if (fault.body !== undefined) full = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
				else if (result && result.body !== undefined) full = JSON.stringify(result.body);
				else full = JSON.stringify({ success: true, data: { id: 1, name: 'James', phone: 13155550178 }, meta: [] });
				return send(res, entry, 200, full.slice(0, Math.floor(full.length / 2)), {
					'content-type': 'application/json; charset=utf-8',
					...extra,
				});
			}
			case 'html': {
				const status = fault.status || 502;
				const body = typeof fault.body === 'string' ? fault.body : HTML_PAGE(status);
				return send(res, entry, status, body, { 'content-type': 'text/html', ...extra });
			}
			case 'successFalse': {
				const body = fault.body !== undefined ? fault.body : errorBody(fault.message || 'An error has occurred.');
				return send(res, entry, 200, body, extra);
			}
			case 'empty204':
				return send(res, entry, 204, undefined, extra);
			case 'rewrite': {
				// A hostile server: the answer as computed, changed by the test (test/sandbox/hostile.js).
				const request = { method: entry.method, path: entry.path, query: entry.query, body: entry.body };
				return send(res, entry, result.status, fault.rewrite(result.body, request), result.headers);
			}
			case 'trickle': {
				// A server that never finishes: headers, then one byte every `intervalMs` (default 100)
				// until the client gives up. Every byte resets an idle timeout.
				entry.status = 200;
				res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...extra });
				res.write('{"success":true,"data":[');
				const timer = setInterval(() => res.write(' '), fault.intervalMs || 100);
				const stop = () => {
					clearInterval(timer);
					entry.respondedAt = Date.now();
				};
				res.on('close', stop);
				req.socket.on('close', stop);
				return undefined;
			}
			default:
				throw new Error(`sandbox: unhandled fault ${fault.kind}`);
		}
	}

	async function onRequest(req, res) {
		const at = Date.now();
		const perfAt = performance.now();
		const url = new URL(req.url || '/', 'http://sandbox.invalid');
		const full = url.pathname;
		const hasPrefix = full === PREFIX || full.startsWith(`${PREFIX}/`);
		const path = hasPrefix ? full.slice(PREFIX.length) || '/' : full;
		const { raw, php } = parseQuery(url.searchParams);
		const method = (req.method || 'GET').toUpperCase();
		const entry = {
			method,
			path,
			query: raw,
			headers: { ...req.headers },
			body: null,
			status: null,
			response: null,
			at,
			perfAt,
			respondedAt: null,
		};
		if (!hasPrefix) entry.outsideApi = true;
		// The readings in effect that differ from the defaults (the contract check holds only the
		// default reading's answers to the official description).
		const defaults = defaultReadings();
		const changed = Object.entries(sb.options.readings || {}).filter(([key, value]) => defaults[key] !== value);
		if (changed.length) entry.readings = Object.fromEntries(changed);
		sb.requests.push(entry);

		const limited = !sb.limiter.accept(perfAt);

		const buf = await readBody(req);
		let body = null;
		let malformed = false;
		if (buf.length) {
			const text = buf.toString('utf8');
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
				malformed = true;
			}
		}
		entry.body = body;
		const fault = limited ? null : takeFault(sb.faults, method, path, raw, body);
		if (fault) entry.fault = fault.kind;

		if (limited) {
			entry.rateLimited = true;
			const rl = sb.options.rateLimit || {};
			const headers =
				rl.retryAfter !== undefined && rl.retryAfter !== null ? { 'retry-after': String(rl.retryAfter) } : {};
			return send(res, entry, 429, errorBody('Too many requests'), headers);
		}
		if (fault && fault.when === 'before') {
			if (fault.kind === 'delay') await sleep(fault.delayMs || 0);
			else return sendFault(fault, req, res, entry, null);
		}
		if (sb.options.latencyMs) await sleep(sb.options.latencyMs);

		let result;
		try {
			result = dispatch(method, path, hasPrefix, php, entry.headers, body, malformed);
		} catch (err) {
			// a sandbox bug, not an API behaviour: make it loud
			result = { status: 500, body: errorBody(`sandbox internal error: ${err && err.message}`) };
		}
		// The error bodies observed beside the documented envelope (readings.errorBody).
		result = errorAnswer(sb.options, result);
		if (fault && fault.when === 'after') {
			if (fault.kind === 'delay') await sleep(fault.delayMs || 0);
			else return sendFault(fault, req, res, entry, result);
		}
		return send(res, entry, result.status, result.body, result.headers);
	}

	const handler = (req, res) => {
		onRequest(req, res).catch((err) => {
			try {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify(errorBody(`sandbox internal error: ${err && err.message}`)));
				}
			} catch {
				// socket already gone
			}
		});
	};
	// With `options.tls` ({ key, cert }) the sandbox speaks HTTPS, e.g. to test Ignore SSL Issues.
	const tls = sb.options.tls;
	const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
	return server;
}

module.exports = { createHttpServer, createLimiter, matchRoute, normalizeFault, PREFIX, FAULT_KINDS, ACCEPT };
