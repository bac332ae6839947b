/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Fault matrix, writes: Client > Create, Comment > Create and Client > Create Many, each fault
 * crossed with each. A write is sent again only after a 429 (refused, so not stored); any other
 * failure is one clear error item, never a second request, and says when the change may have been
 * stored. The sandbox's state shows what was really stored: never anything twice.
 */
import type { IDataObject } from 'n8n-workflow';

import { BULK_CHUNK_SIZE } from '../../nodes/Altegio/model/client';
import { useRetryPolicy } from '../../nodes/Altegio/kernel/transport';
import { credentials } from '../engine/harness';
import { aimed, faultInput, FAULTS, MAYBE_SAVED, type FaultCase } from './faults';
import { itemError, reliabilitySuite, run, settle, short } from './support';

const { operation, mainRequest } = require('../catalog');

const LOCATION = 101;
let client: IDataObject;

const { sandbox, table } = reliabilitySuite({
	id: 'faults-write',
	title: 'Fault matrix: writes',
	intro:
		`The same faults against writes. Client > Create and Comment > Create send one request; Client > Create Many ` +
		`sends ${BULK_CHUNK_SIZE} rows per request, so 120 rows go in three requests (50, 50, 20) and the fault strikes ` +
		`the second. Continue On Fail is on. "Stored" is what the sandbox holds afterwards. A write is retried only ` +
		`after a 429; every other failure is reported once, and when the server may have stored the change before ` +
		`failing (connection dropped after it, timeout, unreadable or empty answer, 5xx) the error says so, ` +
		`rather than risk a duplicate.`,
});

beforeAll(async () => {
	useRetryPolicy({ backoffBaseMs: 20 });
});
beforeEach(() => {
	[client] = sandbox.seedClients(LOCATION, 1);
	sandbox.clearRequests();
});

const statuses = () =>
	sandbox.requests
		.map(
			(r) =>
				`${r.status === null ? 'dropped' : r.status}${r.fault && r.fault !== String(r.status) ? ` [${r.fault}]` : ''}`,
		)
		.join(', ');
const storedWithPhone = (phone: string) => sandbox.state.clients.filter((c: IDataObject) => c.phone === phone).length;

function expectedWrite(fault: FaultCase, what: string): string {
	if (fault.rateLimited) return `retried after the wait; ${what} stored once; ${fault.times + 1} requests`;
	return (
		`one error item${fault.uncertain ? ' warning that the change may have been saved' : ''}; 1 request; ` +
		`${what} ${fault.processed ? 'stored once (before the fault)' : 'not stored'}`
	);
}

/** One error item, its text, and the may-have-been-saved warning where the server may have stored it. */
function expectWriteError(items: Array<{ json: IDataObject }>, fault: FaultCase): string {
	expect(items).toHaveLength(1);
	const message = itemError(items[0] as never);
	expect(message).toMatch(fault.writeError);
	if (fault.uncertain) expect(message).toMatch(MAYBE_SAVED);
	else expect(message).not.toMatch(MAYBE_SAVED);
	// Nothing may invite a blind resend of a write that may have been stored.
	const description = String((items[0] as { error?: { description?: string } }).error?.description ?? '');
	if (fault.uncertain) expect(description).not.toMatch(/try again/i);
	expect(sandbox.requests).toHaveLength(1);
	return String(message);
}

/** The writes that send one request: what they create, and how to tell it was stored. */
const SINGLE_WRITES = [
	{
		section: 'Client > Create',
		name: 'client.create',
		what: 'client',
		input: 'one new client',
		ids: () => ({ location: LOCATION }),
		fields: { name: 'Night Sync', phone: '13155550001' },
		stored: () => storedWithPhone('13155550001'),
	},
	{
		section: 'Comment > Create',
		name: 'comment.create',
		what: 'comment',
		input: 'one comment',
		ids: () => ({ location: LOCATION, client: client.id }),
		fields: { text: 'Called back about the booking' },
		stored: () =>
			sandbox.state.comments.filter(
				(c: IDataObject) => c.clientId === client.id && c.text === 'Called back about the booking',
			).length,
	},
];

for (const write of SINGLE_WRITES) {
	describe(write.section, () => {
		for (const fault of FAULTS) {
			table.check(
				{
					section: write.section,
					case: fault.label,
					input: `${write.input}; ${faultInput(fault)}`,
					expected: expectedWrite(fault, `the ${write.what}`),
				},
				async () => {
					const create = operation(write.name);
					const ids = write.ids();
					sandbox.addFault(aimed(fault, mainRequest(create, ids)));
					const { items, error } = await run({
						parameters: {
							resource: create.resource,
							operation: create.operation,
							...create.parameters(ids),
							...write.fields,
							requestOptions: { timeout: fault.timeout },
						},
						credentials: credentials(sandbox),
						continueOnFail: true,
					});
					await settle(sandbox);
					expect(error).toBeUndefined();
					if (fault.rateLimited) {
						expect(items).toHaveLength(1);
						expect(itemError(items[0])).toBeUndefined();
						expect(items[0].json).toMatchObject(write.fields);
						expect(sandbox.requests.map((r) => r.status)).toEqual([...Array(fault.times).fill(429), 201]);
						expect(write.stored()).toBe(1);
						return (
							`${write.what} ${String(items[0].json.id)} created; requests: ${statuses()}; stored: ` +
							`${write.stored()}`
						);
					}
					const message = expectWriteError(items, fault);
					expect(write.stored()).toBe(fault.processed ? 1 : 0);
					return `error item "${short(message, 200)}"; requests: ${statuses()}; stored: ${write.stored()}`;
				},
			);
		}
	});
}

describe('Client > Create Many', () => {
	const ROWS = 120;
	const rows = Array.from({ length: ROWS }, (_, i) => ({
		name: `Bulk ${i}`,
		phone: `1315556${String(i).padStart(4, '0')}`,
	}));
	const inChunk2 = (i: number) => i >= BULK_CHUNK_SIZE && i < 2 * BULK_CHUNK_SIZE;

	for (const fault of FAULTS) {
		const storedCount = fault.rateLimited || fault.processed ? ROWS : ROWS - BULK_CHUNK_SIZE;
		table.check(
			{
				section: 'Client > Create Many (120 rows, 3 requests)',
				case: fault.label,
				input: `${ROWS} rows; ${faultInput(fault, ' on the 2nd request (rows 50–99)')}`,
				expected: fault.rateLimited
					? `120 items in row order, all success: true; ${fault.times + 3} requests; every row stored once`
					: `120 items in row order; rows 50–99 success: false with the ` +
						`error${fault.uncertain ? ' and the may-have-been-saved warning' : ''} and the row as sent; the others ` +
						`success: true; 3 requests; stored: ${storedCount}, none twice`,
			},
			async () => {
				const createMany = operation('client.createMany');
				sandbox.addFault(aimed(fault, { ...mainRequest(createMany, { location: LOCATION }), skip: 1 }));
				const { items, error } = await run({
					parameters: {
						resource: 'client',
						operation: 'createMany',
						...createMany.parameters({ location: LOCATION }),
						rowsFrom: 'json',
						clients: JSON.stringify(rows),
						requestOptions: { timeout: fault.timeout },
					},
					credentials: credentials(sandbox),
					continueOnFail: true,
				});
				await settle(sandbox);
				expect(error).toBeUndefined();
				expect(items).toHaveLength(ROWS);
				// One item per row, in row order: the phone (or the row as sent) says which.
				items.forEach((item, i) => {
					const json = item.json;
					if (json.success === true) expect(String(json.phone)).toBe(rows[i].phone);
					else expect(json.row).toEqual(rows[i]);
				});
				const sentPhones = sandbox.requests.flatMap((r) =>
					Array.isArray(r.body) ? r.body.map((row: IDataObject) => row.phone) : [],
				);
				const counts = rows.map((row) => storedWithPhone(row.phone));
				expect(counts.every((n) => n <= 1)).toBe(true);
				const failed = items.filter((item) => item.json.success !== true);
				if (fault.rateLimited) {
					expect(failed).toHaveLength(0);
					expect(sandbox.requests.map((r) => r.status)).toEqual([200, ...Array(fault.times).fill(429), 200, 200]);
					expect(counts.every((n) => n === 1)).toBe(true);
					// The retried chunk is sent again as it was: only chunk 2's rows twice or more, and only after 429s.
					expect(sentPhones.length).toBe(ROWS + fault.times * BULK_CHUNK_SIZE);
					return (
						`120 items, all success: true; requests: ${statuses()}; stored: ` +
						`${counts.filter((n) => n === 1).length} rows once each`
					);
				}
				expect(sandbox.requests).toHaveLength(3);
				expect(sentPhones).toHaveLength(ROWS);
				items.forEach((item, i) => expect(item.json.success).toBe(!inChunk2(i)));
				const message = String(failed[0].json.error);
				expect(failed.every((item) => item.json.error === message)).toBe(true);
				expect(message).toMatch(fault.writeError);
				if (fault.uncertain) expect(message).toMatch(MAYBE_SAVED);
				else expect(message).not.toMatch(MAYBE_SAVED);
				expect(counts.filter((n) => n === 1)).toHaveLength(storedCount);
				return (
					`120 items: ${ROWS - failed.length} success, ${failed.length} success: false ` +
					`"${short(message, 140)}"; requests: ${statuses()}; stored: ${counts.filter((n) => n === 1).length}, none ` +
					`twice`
				);
			},
		);
	}
});
