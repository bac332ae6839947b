'use strict';

/**
 * Loopback servers that misbehave on purpose, for the transport's attack tests. Each logs every
 * request it receives (method, path, headers, body), so a test can assert what reached it, e.g.
 * that no token followed a redirect to it.
 *
 *   const server = createHostile(behaviours.trickle(200));
 *   const { url } = await server.start(); // http://127.0.0.1:PORT/api/v1
 *   server.log; await server.stop();
 *
 * A behaviour is `(req, res, entry, server) => void`; `entry` is the log entry of the request.
 */

const http = require('node:http');

const ENVELOPE_START = '{"success":true,"data":[';

const behaviours = {
	/** 3xx with Location pointing at `target` (a full URL, or a function of the request path). */
	redirect: (status, target) => (req, res, entry) => {
		const location = typeof target === 'function' ? target(entry.path) : target;
		res.writeHead(status, { Location: location, 'Content-Type': 'text/html' });
		res.end(`<a href="${location}">moved</a>`);
	},
	/** 200 with headers at once, then one byte every `everyMs`, forever: an idle timeout never fires. */
	trickle:
		(everyMs = 200) =>
		(req, res, entry, server) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write(ENVELOPE_START);
			const timer = setInterval(() => res.write(' '), everyMs);
			server.timers.add(timer);
			res.on('close', () => clearInterval(timer));
		},
	/** Accepts the connection and the request, never answers. */
	silent: () => () => {},
	/** A 200 JSON body of `bytes` bytes sent in 64 KB chunks; `declare` sets Content-Length. */
	huge:
		(bytes, declare = false) =>
		(req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', ...(declare ? { 'Content-Length': bytes } : {}) });
			const chunk = Buffer.alloc(64 * 1024, 0x20);
			let sent = 0;
			res.write(ENVELOPE_START);
			sent += ENVELOPE_START.length;
			const pump = () => {
				while (sent < bytes) {
					const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
					sent += piece.length;
					if (!res.write(piece)) return void res.once('drain', pump);
				}
				res.end();
			};
			res.on('error', () => {});
			pump();
		},
	/** A fixed JSON answer (e.g. an envelope whose `data` has the wrong type). */
	json: (status, body) => (req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(body));
	},
	/** Routes by path: `{ '/auth': behaviour, default: behaviour }` (path without /api/v1). */
	route: (table) => (req, res, entry, server) => (table[entry.path] ?? table.default)(req, res, entry, server),
};

function createHostile(behaviour) {
	const sockets = new Set();
	const server = {
		url: '',
		port: 0,
		log: [],
		timers: new Set(),
		behaviour,
		http: null,
		async start() {
			this.http = http.createServer((req, res) => {
				const chunks = [];
				req.on('data', (c) => chunks.push(c));
				req.on('end', () => {
					const url = new URL(req.url, 'http://x');
					const raw = Buffer.concat(chunks).toString('utf8');
					let body = raw === '' ? null : raw;
					try {
						body = raw === '' ? null : JSON.parse(raw);
					} catch {}
					const entry = {
						method: req.method,
						path: url.pathname.replace(/^\/api\/v1/, ''),
						query: Object.fromEntries(url.searchParams),
						headers: req.headers,
						body,
						at: Date.now(),
					};
					this.log.push(entry);
					this.behaviour(req, res, entry, this);
				});
			});
			this.http.on('connection', (socket) => {
				sockets.add(socket);
				socket.on('close', () => sockets.delete(socket));
			});
			await new Promise((resolve) => this.http.listen(0, '127.0.0.1', resolve));
			this.port = this.http.address().port;
			this.url = `http://127.0.0.1:${this.port}/api/v1`;
			return { url: this.url, port: this.port };
		},
		async stop() {
			for (const timer of this.timers) clearInterval(timer);
			for (const socket of sockets) socket.destroy();
			if (this.http) await new Promise((resolve) => this.http.close(() => resolve()));
		},
		/** Everything the server received, as one text (to search for secrets). */
		received() {
			return JSON.stringify(this.log);
		},
	};
	return server;
}

module.exports = { createHostile, behaviours };
