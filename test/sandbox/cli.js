#!/usr/bin/env node
'use strict';

/**
 * `npm run sandbox` — run the Altegio API sandbox with demo data until SIGINT/SIGTERM.
 *
 *   PORT=5680 (0 = random)   --host 127.0.0.1   --port N (overrides PORT)
 *   SANDBOX_PARTNER_TOKEN, SANDBOX_USER_TOKEN, SANDBOX_RATE_PER_SECOND, SANDBOX_RATE_PER_MINUTE,
 *   SANDBOX_LATENCY_MS, SANDBOX_CLIENTS (demo clients in the first location, default 60)
 *
 * The credential printout below is the only place the sandbox writes tokens to stdout.
 */

const { createSandbox } = require('./index');

function arg(name) {
	const argv = process.argv.slice(2);
	const i = argv.indexOf(`--${name}`);
	if (i >= 0 && argv[i + 1] !== undefined) return argv[i + 1];
	const eq = argv.find((a) => a.startsWith(`--${name}=`));
	return eq ? eq.slice(name.length + 3) : undefined;
}

function envNumber(name) {
	const v = process.env[name];
	if (v === undefined || v === '') return undefined;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) {
		console.error(`${name} must be a non-negative number`);
		process.exit(2);
	}
	return n;
}

async function main() {
	const host = arg('host') || '127.0.0.1';
	const portRaw =
		arg('port') !== undefined
			? arg('port')
			: process.env.PORT !== undefined && process.env.PORT !== ''
				? process.env.PORT
				: '5680';
	const port = Number(portRaw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`invalid port: ${portRaw}`);
		process.exit(2);
	}
	const perSecond = envNumber('SANDBOX_RATE_PER_SECOND');
	const perMinute = envNumber('SANDBOX_RATE_PER_MINUTE');
	const opts = {
		latencyMs: envNumber('SANDBOX_LATENCY_MS') || 0,
		rateLimit:
			perSecond !== undefined || perMinute !== undefined
				? { perSecond: perSecond || null, perMinute: perMinute || null }
				: null,
		seed: { demo: envNumber('SANDBOX_CLIENTS') !== undefined ? envNumber('SANDBOX_CLIENTS') : 60 },
	};
	if (process.env.SANDBOX_PARTNER_TOKEN) opts.partnerToken = process.env.SANDBOX_PARTNER_TOKEN;
	if (process.env.SANDBOX_USER_TOKEN) opts.userToken = process.env.SANDBOX_USER_TOKEN;
	if (opts.seed.demo === 0) opts.seed = {};

	const sb = createSandbox(opts);
	const { url } = await sb.start(port, host);
	const o = sb.options;
	const count = (loc) => sb.state.clients.filter((c) => c.locationId === loc.id).length;
	const lines = [
		'Altegio API sandbox is running.',
		'',
		`  Base URL         ${url}`,
		`  Partner token    ${o.partnerToken}`,
		`  User token       ${o.userToken}`,
		`  Login/password   ${o.login} / ${o.password}`,
		`  2FA login        ${o.twoFactorLogin} (same password; POST /auth answers with a uuid only)`,
		`  Rate limit       ` +
			`${o.rateLimit ? `${o.rateLimit.perSecond || '-'}/s, ${o.rateLimit.perMinute || '-'}/min` : 'none'}`,
		`  Latency          ${o.latencyMs} ms`,
		'',
		'  Locations:',
		...sb.state.locations.map(
			(l) =>
				`    ${l.id}  ${l.title}${l.manageable ? '' : '  (exists, user may not manage it: 403)'}  ${count(l)} clients`,
		),
		'',
		'Press Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping the sandbox (${sb.requests.length} requests served)\n`);
		await sb.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	console.error(err && err.message ? err.message : err);
	process.exit(1);
});
