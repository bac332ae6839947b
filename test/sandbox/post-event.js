#!/usr/bin/env node
'use strict';

/**
 * `npm run sandbox:event -- <webhook URL> [options]` — POSTs an Altegio-shaped client event to a
 * URL (the Altegio Webhook Trigger's production or test URL), as Altegio would, and prints n8n's answer.
 *
 *   --status create|update|delete   default update
 *   --location 101 --client 1       the event's company_id and resource_id
 *   --sandbox <Base URL>            make the event true in a running sandbox first (npm run dev, npm run sandbox):
 *                                   create adds a client there, update reads it, delete deletes it; the event then
 *                                   carries the client's record, so Fetch Record agrees with it
 *   --partner-token, --user-token   the sandbox's tokens (default: the sandbox defaults)
 * Without --sandbox the event carries a made-up record (Fetch Record then reads the real one, or ignores it).
 */

const { clientEvent, postEvent } = require('./webhooks');

const argv = process.argv.slice(2);
function arg(name, dflt) {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
}

async function sandboxCall(base, method, path, body) {
	const headers = {
		accept: 'application/vnd.api.v2+json',
		'content-type': 'application/json',
		authorization: `Bearer ${arg('partner-token', 'partner-token')}, User ${arg('user-token', 'user-token')}`,
	};
	const res = await fetch(`${base.replace(/\/+$/, '')}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (res.status >= 300) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
	return text ? JSON.parse(text).data : null;
}

async function main() {
	const url = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
	if (!url) throw new Error('usage: npm run sandbox:event -- <webhook URL> [--status update] [--sandbox <Base URL>]');
	const status = arg('status', 'update');
	if (!['create', 'update', 'delete'].includes(status)) throw new Error('--status: create, update or delete');
	const locationId = Number(arg('location', '101'));
	let clientId = Number(arg('client', '1'));
	const base = arg('sandbox');
	let data = {
		id: clientId,
		name: 'Sample',
		surname: 'Client',
		phone: '13155550100',
		email: 'sample@example.com',
		last_change_date: new Date().toISOString().replace(/\.\d+Z$/, '+0000'),
	};
	if (base && status === 'create') {
		const stamp = Date.now() % 100000;
		data = await sandboxCall(base, 'POST', `/clients/${locationId}`, {
			name: `Webhook ${stamp}`,
			phone: `1315555${String(stamp).padStart(5, '0').slice(-4)}`,
		});
		clientId = data.id;
	} else if (base) {
		data = await sandboxCall(base, 'GET', `/client/${locationId}/${clientId}`);
		if (status === 'delete') await sandboxCall(base, 'DELETE', `/client/${locationId}/${clientId}`);
	}
	const res = await postEvent(url, clientEvent({ locationId, clientId, status, data }));
	process.stdout.write(
		`posted ${status} of client ${clientId} (location ${locationId}) to ${url}: HTTP ${res.status} in ` +
			`${Math.round(res.ms)} ms ${res.text.slice(0, 200)}\n`,
	);
	if (res.status === 404)
		process.stdout.write('404: is the workflow active (published), or listening for a test event?\n');
}

main().catch((err) => {
	process.stderr.write(`${err && err.message ? err.message : err}\n`);
	process.exit(1);
});
