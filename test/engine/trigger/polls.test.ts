/** Altegio Trigger: the scheduled polls of Client Created and Client Created or Updated: each change once. */
import type { IDataObject } from 'n8n-workflow';

import { PARTNER, USER } from '../harness';
import { DAY, HOUR, LOCATION, MINUTE, ids, lcd, triggerSuite, type TriggerEvent } from './suite';

const { sandbox, advance, freshDay, activate, addClient, edit, listRequests } = triggerSuite('2027-04-01T00:00:00Z');

describe('Client Created', () => {
	test('a created client appears once; edits are not reported', async () => {
		freshDay();
		const existing = addClient({ name: 'Existing', last_change_at: sandbox.clock.now() - HOUR });
		const trigger = await activate('clientCreated');

		advance(5 * MINUTE);
		const created = addClient({ name: 'Maria', surname: 'Lopez', phone: '13155550101' });
		advance(MINUTE);
		const first = await trigger.poll();
		expect(first.items).toHaveLength(1);
		expect(first.items![0].json).toMatchObject({
			id: created.id,
			name: 'Maria',
			surname: 'Lopez',
			phone: '13155550101',
		});
		expect(first.items![0].json.last_change_date).toBe(lcd(created.last_change_at as number));

		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();

		advance(MINUTE);
		edit(created.id, { name: 'Mary' });
		edit(existing.id, { name: 'Changed' });
		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();

		const another = addClient({ name: 'Another' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([another.id]);
	});

	test('a client created and then edited between two polls is reported once, with its latest data', async () => {
		freshDay();
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const created = addClient({ name: 'Draft' });
		advance(30_000);
		edit(created.id, { name: 'Final' });
		advance(MINUTE);
		const { items } = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ id: created.id, name: 'Final' });
	});
});

describe('Client Created or Updated', () => {
	test('a created client appears once, an edited client appears again, an old client edited appears', async () => {
		freshDay();
		const old = addClient({ name: 'Old', last_change_at: sandbox.clock.now() - 2 * DAY });
		const trigger = await activate('clientCreatedOrUpdated');

		advance(MINUTE);
		const created = addClient({ name: 'New' });
		advance(MINUTE);
		const first = await trigger.poll();
		expect(ids(first.items)).toEqual([created.id]);

		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();

		advance(MINUTE);
		edit(created.id, { name: 'New, edited' });
		advance(MINUTE);
		const second = await trigger.poll();
		expect(second.items).toHaveLength(1);
		expect(second.items![0].json).toMatchObject({ id: created.id, name: 'New, edited' });
		expect(second.items![0].json.last_change_date).not.toBe(first.items![0].json.last_change_date);

		advance(MINUTE);
		edit(old.id, { email: 'old@example.com' });
		advance(MINUTE);
		const third = await trigger.poll();
		expect(third.items!.map((i) => [i.json.id, i.json.email])).toEqual([[old.id, 'old@example.com']]);
	});

	test('no duplicates across overlapping polls, including changes in the same second as the last poll', async () => {
		freshDay();
		const base = [addClient(), addClient(), addClient()];
		const trigger = await activate('clientCreatedOrUpdated');
		const emitted: string[] = [];
		const pollAndRecord = async () => {
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			for (const item of items ?? []) emitted.push(`${String(item.json.id)}@${String(item.json.last_change_date)}`);
			return items;
		};
		const expected: string[] = [];
		const change = (id: number) => {
			const client = edit(id, { comment: `at ${sandbox.clock.now()}` });
			expected.push(`${id}@${lcd(client.last_change_at)}`);
		};

		advance(10_000);
		change(base[0].id);
		await pollAndRecord();
		// Same frozen second as that poll: changed_after is inclusive to the second, so the cursor's
		// second is read again; the change already delivered must not come twice, the new one once.
		change(base[1].id);
		await pollAndRecord();
		for (let i = 0; i < 6; i++) {
			advance(10_000); // well inside the two-minute overlap
			if (i % 2 === 0) change(base[i % 3].id);
			await pollAndRecord();
		}
		expect(emitted).toEqual(expected);
		expect(new Set(emitted).size).toBe(emitted.length);
		// Every poll re-read the overlap, so the skipped changes were really seen again.
		expect(listRequests().filter((r) => r.query.changed_after).length).toBeGreaterThanOrEqual(9);
	});

	test('when Altegio answers with more than asked (reads changed_after earlier), nothing old is repeated', async () => {
		freshDay();
		const clients = [addClient(), addClient()];
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		edit(clients[0].id, { name: 'Once' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([clients[0].id]);

		// Hours later, with changes in between that the trigger delivered and no longer keeps in
		// `seen`, Altegio starts reading the plain time as London time (five hours earlier).
		advance(3 * HOUR);
		edit(clients[1].id, { name: 'Twice?' });
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([clients[1].id]);
		advance(3 * HOUR);
		sandbox.state.locations.find((l: IDataObject) => l.id === LOCATION).timezone_name = 'Europe/London';
		sandbox.clearRequests();
		const response = await trigger.poll();
		expect(response.error).toBeUndefined();
		expect(response.items).toBeNull();
		// The answer did hold both old changes: they were skipped as handled, not missed by the query.
		const asked = listRequests()[0].query.changed_after;
		const answer = await fetch(`${sandbox.url}/clients/${LOCATION}?changed_after=${String(asked)}&count=300`, {
			// Sent by hand, not by the node: the contract check leaves it out.
			headers: {
				Accept: 'application/vnd.api.v2+json',
				Authorization: `Bearer ${PARTNER}, User ${USER}`,
				'x-contract-skip': 'sent by the test',
			},
		}).then((r) => r.json() as Promise<{ data: IDataObject[] }>);
		expect(answer.data.map((c) => c.id).sort()).toEqual(clients.map((c) => c.id).sort());
	});
});

describe('overlapping polls', () => {
	test('a poll that starts while the previous one is still running is skipped: each change once', async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		const created = Array.from({ length: 3 }, () => addClient());
		advance(MINUTE);
		sandbox.clearRequests();
		// The first poll's request is answered late; n8n's cron starts the next poll meanwhile.
		sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: 'delay', delayMs: 300 });
		await Promise.all([trigger.poll(), trigger.poll()]);
		expect(trigger.emissions.flat().map((item) => item.json.id)).toEqual(created.map((c) => c.id));
		expect(listRequests()).toHaveLength(1);

		// The skip lasts only while the other poll runs.
		advance(MINUTE);
		const later = addClient();
		advance(MINUTE);
		expect(ids((await trigger.poll()).items)).toEqual([later.id]);
	});
});

describe('paging', () => {
	/** `edited` clients older than the activation changed, and `added` new ones, between two polls. */
	async function bulkChange(event: TriggerEvent, edited: number, added: number) {
		freshDay();
		const existing = Array.from({ length: edited }, () => addClient({ last_change_at: sandbox.clock.now() - 3 * DAY }));
		const trigger = await activate(event);
		advance(MINUTE);
		for (const client of existing) edit(client.id, { comment: 'bulk' });
		const created = Array.from({ length: added }, () => addClient());
		advance(MINUTE);
		return { trigger, existing, created };
	}

	test('more than one page changed between polls: every page is read, each client once', async () => {
		const { trigger, existing, created } = await bulkChange('clientCreatedOrUpdated', 250, 400);
		sandbox.clearRequests();

		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(650);
		expect(new Set(ids(items)).size).toBe(650);
		expect(new Set(ids(items))).toEqual(new Set([...existing, ...created].map((c) => c.id)));
		const queries = listRequests().map((r) => r.query);
		// Read by time windows that each come back in one answer. The first answer shows only the one
		// second holding all 650 changes (a frozen clock): it is that second's first page, its pages 2
		// and 3 follow (each reporting the same total), and the periods before and after it are read once.
		expect(queries).toHaveLength(5);
		const dense = queries.filter((q) => q.changed_before !== undefined && q.changed_before === q.changed_after);
		expect(dense.map((q) => q.page)).toEqual(['2', '3']);
		expect(queries.every((q) => q.count === '300')).toBe(true);

		advance(MINUTE);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('Client Created over several pages reports only the new ones', async () => {
		const { trigger, created } = await bulkChange('clientCreated', 320, 5);
		expect(ids((await trigger.poll()).items)).toEqual(created.map((c) => c.id));
	});

	/** The dense windows of a poll: one second each (changed_before = changed_after), with their pages. */
	const denseReads = () =>
		listRequests()
			.map((r) => r.query)
			.filter((q) => q.changed_before !== undefined && q.changed_before === q.changed_after)
			.map((q) => `${String(q.changed_after).slice(11)} p${String(q.page)}`);

	test('a burst of 400 in one second after one other change: the second cut out, no part read twice', async () => {
		freshDay();
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const before = addClient();
		advance(10_000);
		const burst = Array.from({ length: 400 }, () => addClient());
		const second = lcd(sandbox.clock.now()).slice(11, 19);
		advance(MINUTE);
		sandbox.clearRequests();
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual([before, ...burst].map((c) => c.id));
		// The open window (300 of 401), the part before the burst's second, its two pages, the part after.
		expect(listRequests()).toHaveLength(5);
		expect(denseReads()).toEqual([`${second} p1`, `${second} p2`]);
	});

	test('the first answer all in one second, a client outside it with a higher id: the second read again', async () => {
		freshDay();
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const burst = Array.from({ length: 300 }, () => addClient());
		const second = lcd(sandbox.clock.now()).slice(11, 19);
		// Created after the burst but stamped before it (another Altegio server's clock behind).
		const skewed = addClient({ last_change_at: sandbox.clock.now() - 5000 });
		advance(MINUTE);
		sandbox.clearRequests();
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual([skewed, ...burst].map((c) => c.id));
		// Page 2 of the second reports 300, not the window's 301: the first answer is not that
		// second's first page after all, so the second is read from its first page.
		expect(denseReads()).toEqual([`${second} p2`, `${second} p1`]);
		expect(listRequests()).toHaveLength(5);
	});

	test.each(['reject300', 'clamp300', 'clamp200', 'clamp100'])(
		'legacyPageSize %s: 450 clients changed in one second, each reported once',
		async (reading) => {
			freshDay();
			const trigger = await activate('clientCreated');
			(sandbox.options.readings as IDataObject).legacyPageSize = reading;
			advance(MINUTE);
			const burst = Array.from({ length: 450 }, () => addClient());
			advance(MINUTE);
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			expect(ids(items)).toEqual(burst.map((c) => c.id));
		},
	);
});
