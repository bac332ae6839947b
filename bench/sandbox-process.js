'use strict';

/**
 * The Altegio sandbox in a process of its own (so its data and CPU stay out of the measured
 * process), driven over IPC by bench/run.js. argv[2]: JSON {partnerToken, userToken, clients, snapshot}.
 *   {cmd:'configure', latencyMs, rateLimit}  per-request latency and server-side rate limit (a
 *                                            rate-limited run gets a fresh sandbox: no history)
 *   {cmd:'clear'}                            empty the request log
 *   {cmd:'reset'}                            back to the seeded data (needs `snapshot`), log emptied
 *   {cmd:'stats'}                            counts of the log since the last clear
 */

const path = require('node:path');

const { createSandbox } = require(path.join(__dirname, '..', 'test', 'sandbox'));

const opts = JSON.parse(process.argv[2]);
const started = Date.now();
const sb = createSandbox({ partnerToken: opts.partnerToken, userToken: opts.userToken });
if (opts.clients) sb.seedClients(101, opts.clients);
// reset() goes back to this (used by the write scenarios, whose sandbox is small)
if (opts.snapshot) sb.snapshot();
const seedMs = Date.now() - started;

function stats() {
	const byRoute = {};
	const byStatus = {};
	let first = null;
	let last = null;
	let accepted = 0;
	for (const r of sb.requests) {
		const route = `${r.method} ${r.path.replace(/\d+/g, ':id')}`;
		byRoute[route] = (byRoute[route] || 0) + 1;
		byStatus[r.status] = (byStatus[r.status] || 0) + 1;
		if (r.status !== 429) {
			accepted++;
			if (first === null || r.at < first) first = r.at;
			if (last === null || r.at > last) last = r.at;
		}
	}
	return { count: sb.requests.length, accepted, byRoute, byStatus, firstAt: first, lastAt: last };
}

process.on('message', async (m) => {
	switch (m.cmd) {
		case 'configure':
			sb.options.latencyMs = m.latencyMs || 0;
			sb.options.rateLimit = m.rateLimit || null;
			process.send({ reply: m.id });
			break;
		case 'clear':
			sb.clearRequests();
			process.send({ reply: m.id });
			break;
		case 'reset':
			sb.reset();
			process.send({ reply: m.id });
			break;
		case 'stats':
			process.send({ reply: m.id, stats: stats() });
			break;
		case 'stop':
			await sb.stop();
			process.send({ reply: m.id });
			process.disconnect();
			break;
		default:
			process.send({ reply: m.id, error: `unknown command ${m.cmd}` });
	}
});

sb.start(0).then(({ url }) =>
	process.send({ ready: true, url, seedMs, rssMB: Math.round(process.memoryUsage().rss / 1048576) }),
);
