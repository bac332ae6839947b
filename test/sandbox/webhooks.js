'use strict';

/**
 * Altegio's webhook deliveries, played by the sandbox: the body Altegio POSTs to the URLs in a
 * location's webhook settings (`{company_id, resource, resource_id, status, data}`, as Altegio's
 * integration docs show it) and the POST itself. Altegio signs nothing and sends no secret,
 * so neither does this; it waits at most 15 s for an answer, as Altegio does.
 */

const ALTEGIO_TIMEOUT_MS = 15000;

/** An Altegio client event body. `data` is the client record as the API shows it. */
function clientEvent({ locationId, clientId, status, data }) {
	return { company_id: Number(locationId), resource: 'client', resource_id: Number(clientId), status, data };
}

/** The event for a client the sandbox holds, its record as GET /client answers it (before a delete: delete after). */
function sandboxClientEvent(sb, locationId, clientId, status) {
	const client = sb.getClient(locationId, clientId);
	if (!client) throw new Error(`the sandbox has no client ${clientId} at location ${locationId}`);
	const { serializeClient } = require('./clients');
	return clientEvent({ locationId, clientId, status, data: serializeClient(sb.state, client) });
}

/**
 * POSTs a body to a webhook URL like Altegio (JSON, 15 s timeout). `raw` sends a string as is.
 * Resolves {status, type (the answer's content type), text, ms}.
 */
async function postEvent(url, body, { raw = false, headers = {}, timeoutMs = ALTEGIO_TIMEOUT_MS } = {}) {
	const started = performance.now();
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'Altegio-Webhook-Sandbox', ...headers },
		body: raw ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	return { status: res.status, type: res.headers.get('content-type'), text, ms: performance.now() - started };
}

module.exports = { clientEvent, sandboxClientEvent, postEvent, ALTEGIO_TIMEOUT_MS };
