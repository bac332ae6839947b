/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The Altegio Webhook Trigger against what anyone who knows its URL can post, and against Altegio
 * misbehaving while Fetch Record reads the client. Driven as n8n's webhook service drives it
 * (n8n-core WebhookContext, test/engine/webhookTrigger/receiver.ts) over loopback HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_ENTRIES, rememberedCount } from '../../nodes/AltegioWebhookTrigger/recentDeliveries';
import { PARTNER, USER } from '../engine/harness';
import { receiverSuite } from '../engine/webhookTrigger/receiver';
import { reliabilityTable } from './collector';

const { clientEvent, sandboxClientEvent, postEvent } = require('../sandbox/webhooks');

const LOC = 101;
const MARK = 'Rx-posted-marker';
const { sandbox, logs, ...suite } = receiverSuite(LOC, { fastRetries: true });

const table = reliabilityTable(
	'webhook',
	'Webhook trigger: untrusted posts, repeats and Fetch Record failures',
	'The Altegio Webhook Trigger, called as n8n calls a webhook node (n8n-core `WebhookContext`) over loopback ' +
		'HTTP; bodies posted as a stranger who knows the URL would (Altegio signs nothing). "Started" counts the ' +
		'executions n8n would start; "log" is the line the node writes to n8n\'s log (checked to hold none of ' +
		'what was posted); "requests" what reached the Altegio sandbox.',
);

const receiver = (options: IDataObject = {}) => suite.receiver({ options });

const event = (over: IDataObject = {}) => ({
	...clientEvent({ locationId: LOC, clientId: 9, status: 'update', data: { id: 9, name: MARK } }),
	...over,
});
const logged = () => {
	const text = JSON.stringify(logs);
	if (text.includes(MARK)) throw new Error('the log holds posted content');
	return logs.map((l) => `${l.level}: ${l.message.replace(/^[^,]*, /, '')}`).join('; ') || 'none';
};
const requests = () => sandbox.requests.map((q) => `${q.method} ${q.path} → ${q.status}`).join(', ') || 'none';

const probes: Array<[string, string, unknown, IDataObject?]> = [
	['not JSON', 'text/plain body', `hi ${MARK}`, { raw: true, headers: { 'content-type': 'text/plain' } }],
	['a JSON array', 'the event inside [ ]', [event()]],
	['an empty object', '`{}`', {}],
	['another location', 'company_id 102', event({ company_id: 102 })],
	['company_id as text', '"101 OR 1=1"', event({ company_id: '101 OR 1=1' })],
	['another resource', 'resource "record"', event({ resource: 'record' })],
	['a prototype key as status', 'status "constructor"', event({ status: 'constructor' })],
	['an unknown status', `status "${MARK}"`, event({ status: MARK })],
	['no resource_id', 'resource_id left out', event({ resource_id: undefined })],
	['a huge ID', 'resource_id 2^60', event({ resource_id: 2 ** 60 })],
	['data of another client', 'data.id ≠ resource_id', event({ data: { id: 10, name: MARK } })],
	['a 1 MB body', 'comment of 1 MB', event({ data: { id: 9, name: MARK, comment: 'x'.repeat(1024 * 1024) } })],
];
for (const [name, input, body, how] of probes) {
	table.check(
		{ section: 'Untrusted posts', case: name, input, expected: '200 "OK", nothing started, a log line, no request' },
		async () => {
			const r = await receiver();
			const res = await postEvent(r.url, body, how);
			expect(res).toMatchObject({ status: 200, text: 'OK' });
			expect(r.started).toHaveLength(0);
			expect(sandbox.requests).toHaveLength(0);
			return `HTTP ${res.status} "${res.text}"; started ${r.started.length}; log: ${logged()}`;
		},
	);
}

table.check(
	{
		section: 'Repeats and floods',
		case: 'the same event 5 times',
		input: 'one update posted 5 times in a row',
		expected: 'one execution; 4 log lines',
	},
	async () => {
		const r = await receiver();
		for (let i = 0; i < 5; i++) await postEvent(r.url, event({ data: { id: 9, name: 'Ann' } }));
		expect(r.started).toHaveLength(1);
		return `started ${r.started.length}; log: ${logs.length} × "${logs[0].message.replace(/^[^,]*, /, '')}"`;
	},
);

table.check(
	{
		section: 'Repeats and floods',
		case: 'a flood of distinct valid-looking events',
		input: '200 updates of made-up clients of the location, no Fetch Record',
		expected: 'each starts (the shape is right: only Fetch Record can tell); memory stays bounded',
	},
	async () => {
		const r = await receiver();
		for (let i = 1; i <= 200; i++)
			await postEvent(
				r.url,
				clientEvent({ locationId: LOC, clientId: 1000 + i, status: 'update', data: { id: 1000 + i } }),
			);
		expect(r.started).toHaveLength(200);
		expect(rememberedCount()).toBeLessThanOrEqual(MAX_ENTRIES);
		return `started ${r.started.length}; deliveries remembered ${rememberedCount()} (cap ${MAX_ENTRIES})`;
	},
);

table.check(
	{
		section: 'Repeats and floods',
		case: 'the same flood with Fetch Record',
		input: '50 updates of made-up clients, Fetch Record on',
		expected: 'nothing starts; one read per event (within the credential budget)',
	},
	async () => {
		const r = await receiver({ fetchRecord: true });
		for (let i = 1; i <= 50; i++)
			await postEvent(
				r.url,
				clientEvent({ locationId: LOC, clientId: 5000 + i, status: 'update', data: { id: 5000 + i } }),
			);
		expect(r.started).toHaveLength(0);
		expect(sandbox.requests).toHaveLength(50);
		return `started ${r.started.length}; ${sandbox.requests.length} reads, each answered 404`;
	},
);

const faults: Array<[string, IDataObject, string]> = [
	['403', { kind: 'status', status: 403 }, 'a failed execution with Altegio\'s text and "HTTP 403"'],
	['503 twice', { kind: 'status', status: 503, times: 2 }, 'retried, then the execution starts'],
	['an HTML page', { kind: 'html' }, 'retried (a read), then a failed execution'],
	['a connection reset', { kind: 'reset', times: 2 }, 'retried, then the execution starts'],
	['success: false', { kind: 'successFalse' }, 'a failed execution'],
];
for (const [name, fault, expected] of faults) {
	table.check(
		{ section: 'Fetch Record when Altegio fails', case: name, input: `GET /client → ${name}`, expected },
		async () => {
			const r = await receiver({ fetchRecord: true });
			const [client] = sandbox.seedClients(LOC, 1);
			const body = sandboxClientEvent(sandbox, LOC, client.id, 'update');
			sandbox.clearRequests();
			sandbox.addFault({ method: 'GET', path: `/client/${LOC}/${client.id}`, times: 5, ...fault });
			const res = await postEvent(r.url, body);
			const seen = JSON.stringify([r.failed.map((e) => e.message), r.started, logs]);
			for (const secret of [PARTNER, USER]) expect(seen).not.toContain(secret);
			expect(r.started.length + r.failed.length).toBe(1);
			const outcome = r.failed.length ? `failed: ${r.failed[0].message}` : 'started';
			return `HTTP ${res.status}; ${outcome}; requests: ${sandbox.requests.length} (${requests()})`;
		},
	);
}
