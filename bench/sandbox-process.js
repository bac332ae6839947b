'use strict';

/**
 * The Altegio sandbox in a process of its own (so its data and CPU stay out of the measured
 * process), driven over IPC by bench/run.js. argv[2]: JSON {partnerToken, userToken, clients, visits,
 * snapshot}: `clients` seeded in location 101 (their first 1,000 IDs come back in the ready message), `visits`
 * appointments of the first of them, one a day.
 *   {cmd:'configure', latencyMs, rateLimit, readings}  per-request latency, server-side rate limit (a
 *                                            rate-limited run gets a fresh sandbox: no history) and
 *                                            the readings of what the API leaves open (test/sandbox/readings.js)
 *   {cmd:'clear'}                            empty the request log
 *   {cmd:'reset'}                            back to the seeded data (needs `snapshot`), log emptied
 *   {cmd:'stats'}                            counts of the log since the last clear
 *   {cmd:'log'}                              the log since the last clear: [at ms, user token, status, route]
 *   {cmd:'addClient', partial}               one more client in location 101
 */

const path = require('node:path');

const { createSandbox } = require(path.join(__dirname, '..', 'test', 'sandbox'));
const { defaultReadings } = require(path.join(__dirname, '..', 'test', 'sandbox', 'readings'));

const opts = JSON.parse(process.argv[2]);
const started = Date.now();
const sb = createSandbox({
	partnerToken: opts.partnerToken,
	userToken: opts.userToken,
	extraUserTokens: opts.extraUserTokens,
});
// Seeded a day ago, as a real account's clients are: a poll of the trigger reads only what changes now.
sb.clock.advance(-86_400_000);
const seeded = opts.clients ? sb.seedClients(101, opts.clients) : [];
sb.clock.real();
for (let i = 0; i < (opts.visits || 0); i++) {
	const date = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
	sb.addVisit(101, seeded[0].id, { date: `${date} 10:00:00` });
}
// reset() goes back to this (used by the write scenarios, whose sandbox is small)
if (opts.snapshot) sb.snapshot();
const seedMs = Date.now() - started;

const route = (r) => `${r.method} ${r.path.replace(/\d+/g, ':id')}`;
const tokenOf = (r) => (/User\s+([^\s,]+)/.exec(String(r.headers.authorization || '')) || [])[1] || '';

function stats() {
	const byRoute = {};
	const byStatus = {};
	let first = null;
	let last = null;
	let accepted = 0;
	for (const r of sb.requests) {
		byRoute[route(r)] = (byRoute[route(r)] || 0) + 1;
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
			sb.options.readings = { ...defaultReadings(), ...(m.readings || {}) };
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
		case 'log':
			process.send({ reply: m.id, stats: sb.requests.map((r) => [r.perfAt, tokenOf(r), r.status, route(r)]) });
			break;
		case 'addClient':
			process.send({ reply: m.id, stats: sb.addClient(101, m.partial || {}) });
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
	process.send({
		ready: true,
		url,
		seedMs,
		rssMB: Math.round(process.memoryUsage().rss / 1048576),
		ids: seeded.slice(0, 1000).map((c) => c.id),
		phones: seeded.slice(0, 10).map((c) => c.phone),
	}),
);
