/**
 * n8n's node setting Retry On Fail re-runs the whole node when an item fails. The node must not
 * turn that into duplicates: what the first try stored is handed back, what may have been stored
 * is not sent again, and what was refused is sent again.
 */
import { sandboxSuite } from './harness';

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

const retrying = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
const creates = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/clients/${LOCATION}`);
const createItems = (phones: string[], nodeSettings: object = retrying) =>
	run(
		{ operation: 'create', name: '={{ $json.name }}', phone: '={{ $json.phone }}' },
		{ input: phones.map((phone, index) => ({ name: `Client ${index}`, phone })), nodeSettings },
	);

test('a write that may have been saved is not sent again; items already created are not created twice', async () => {
	const phones = ['13155550101', '13155550102', '13155550103'];
	sandbox.addFault({
		method: 'POST',
		match: (r: { body: { phone: string } }) => r.body?.phone === phones[1],
		kind: 'status',
		status: 500,
		when: 'after',
		times: 5,
	});
	const { error } = await createItems(phones);
	expect(error?.message).toMatch(/not sent again|may or may not have been saved/i);
	// One POST per phone in all: the retries sent nothing again.
	expect(
		creates()
			.map((r) => r.body.phone)
			.sort(),
	).toEqual(phones);
	expect(sandbox.state.clients.filter((c: { phone: string }) => phones.includes(c.phone))).toHaveLength(3);
});

test('a write the API refused (4xx, nothing stored) is sent again by the retry', async () => {
	const phones = ['13155550111', '13155550112'];
	sandbox.addFault({
		method: 'POST',
		match: (r: { body: { phone: string } }) => r.body?.phone === phones[1],
		kind: 'status',
		status: 422,
		times: 1,
	});
	const { items, error } = await createItems(phones);
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.phone)).toEqual(phones);
	// The first phone once (kept from the first try), the second twice (refused, then created).
	expect(creates().map((r) => r.body.phone)).toEqual([phones[0], phones[1], phones[1]]);
});

test('without Retry On Fail nothing is remembered: two executions of one create send twice', async () => {
	await createItems(['13155550121'], {} as never);
	await createItems(['13155550121'], {} as never);
	expect(creates()).toHaveLength(2);
});
