'use strict';

/**
 * A plain forwarding HTTP proxy on loopback that records what passes through it, for the tests of
 * Options > Request Options > Proxy. It serves absolute-form requests to http:// targets (what a
 * client sends to a proxy for plain HTTP); CONNECT (HTTPS through the proxy) is refused.
 */
const http = require('node:http');

function createCountingProxy() {
	/** Every request that came through: method, absolute URL, headers. */
	const seen = [];
	const server = http.createServer((req, res) => {
		seen.push({ method: req.method, url: req.url, headers: { ...req.headers } });
		let target;
		try {
			target = new URL(req.url);
		} catch {
			res.writeHead(400).end('absolute-form request expected');
			return;
		}
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: target.pathname + target.search,
				headers: req.headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode || 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	server.on('connect', (_req, socket) => socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n'));
	return {
		seen,
		url: null,
		async start() {
			await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
			this.url = `http://127.0.0.1:${server.address().port}`;
			return this.url;
		},
		stop() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { createCountingProxy };
