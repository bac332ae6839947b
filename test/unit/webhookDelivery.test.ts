/** The Altegio Webhook Trigger's body check and its memory of recent deliveries, alone. */
import { MAX_BODY_BYTES, bodyBytes, readDelivery } from '../../nodes/AltegioWebhookTrigger/delivery';
import {
	DUPLICATE_WINDOW_MS,
	MAX_ENTRIES,
	deliveryKey,
	forget,
	rememberedCount,
	seenBefore,
} from '../../nodes/AltegioWebhookTrigger/recentDeliveries';

const event = (over: object = {}) => ({
	company_id: 101,
	resource: 'client',
	resource_id: 5,
	status: 'update',
	data: { id: 5, name: 'Ann' },
	...over,
});

describe('readDelivery', () => {
	test('a client event of the location', () => {
		expect(readDelivery(event(), 101, 100)).toEqual({
			delivery: { event: 'clientUpdated', clientId: 5, data: { id: 5, name: 'Ann' } },
		});
		expect(readDelivery(event({ status: 'create' }), 101, 100)).toMatchObject({ delivery: { event: 'clientCreated' } });
		expect(readDelivery(event({ status: 'delete', data: null }), 101, 100)).toEqual({
			delivery: { event: 'clientDeleted', clientId: 5 },
		});
	});

	test.each([
		[null, 'not a JSON object'],
		['text', 'not a JSON object'],
		[[event()], 'a JSON array'],
		[{}, 'not an Altegio event'],
		[event({ company_id: 102 }), 'another location'],
		[event({ company_id: 1.5 }), 'company_id'],
		[event({ company_id: '0101x' }), 'company_id'],
		[event({ resource: 'Client' }), 'not about a client'],
		[event({ status: 'CREATE' }), 'not create, update or delete'],
		[event({ status: 'toString' }), 'not create, update or delete'],
		[event({ resource_id: 0 }), 'resource_id'],
		[event({ resource_id: 2 ** 60 }), 'resource_id'],
		[event({ data: 'x' }), 'not a client record'],
		[event({ status: 'create', data: undefined }), 'without data'],
		[event({ data: { id: 6 } }), 'differs'],
	])('%j is ignored: %s', (body, reason) => {
		const reading = readDelivery(body, 101, 100);
		expect(reading).toEqual({ ignored: expect.stringContaining(reason) });
	});

	test('a body over the size limit is ignored before it is read', () => {
		expect(readDelivery(event(), 101, MAX_BODY_BYTES + 1)).toEqual({ ignored: expect.stringContaining('larger') });
		expect(readDelivery(event(), 101, MAX_BODY_BYTES)).toHaveProperty('delivery');
	});

	test('bodyBytes: the Content-Length header, else the body measured', () => {
		expect(bodyBytes({ 'content-length': '12' }, { a: 1 })).toBe(12);
		expect(bodyBytes({}, { a: 'é' })).toBe(Buffer.byteLength('{"a":"é"}'));
	});
});

describe('recent deliveries', () => {
	const at = 1_000_000_000_000;

	test('seen within the window, forgotten after it, without any timer', () => {
		const key = deliveryKey(['wf', 'node', 'webhook'], [101, 5, 'clientUpdated', { a: 1 }]);
		expect(seenBefore(key, at)).toBe(false);
		expect(seenBefore(key, at + DUPLICATE_WINDOW_MS - 1)).toBe(true);
		expect(seenBefore(key, at + DUPLICATE_WINDOW_MS)).toBe(false);
		forget(key);
		expect(seenBefore(key, at + DUPLICATE_WINDOW_MS)).toBe(false);
	});

	test('keys differ by receiver and by content', () => {
		const a = deliveryKey(['wf1', 'n', 'webhook'], [101, 5, 'clientUpdated', { a: 1 }]);
		expect(deliveryKey(['wf2', 'n', 'webhook'], [101, 5, 'clientUpdated', { a: 1 }])).not.toBe(a);
		expect(deliveryKey(['wf1', 'n', 'manual'], [101, 5, 'clientUpdated', { a: 1 }])).not.toBe(a);
		expect(deliveryKey(['wf1', 'n', 'webhook'], [101, 5, 'clientUpdated', { a: 2 }])).not.toBe(a);
		expect(deliveryKey(['wf1', 'n', 'webhook'], [101, 5, 'clientUpdated', undefined])).not.toBe(a);
	});

	test(`memory stays bounded: at most ${MAX_ENTRIES} deliveries, the oldest dropped first`, () => {
		const t = at + 10 * DUPLICATE_WINDOW_MS;
		const first = deliveryKey(['bound'], [0]);
		seenBefore(first, t);
		for (let i = 1; i <= MAX_ENTRIES + 50; i++) seenBefore(deliveryKey(['bound'], [i]), t);
		expect(rememberedCount(t)).toBe(MAX_ENTRIES);
		// the oldest was dropped to make room, the newest is still known
		expect(seenBefore(deliveryKey(['bound'], [MAX_ENTRIES + 50]), t)).toBe(true);
		expect(seenBefore(first, t)).toBe(false);
		// and everything expires together once the window has passed
		expect(rememberedCount(t + DUPLICATE_WINDOW_MS)).toBe(0);
	});
});
