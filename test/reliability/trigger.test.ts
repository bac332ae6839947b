/**
 * Altegio Trigger under a misbehaving server and data (issue #14; the clock and the budget are in
 * trigger-clock.test.ts): the trigger activated with n8n-core's ActiveWorkflows and polled through
 * the function n8n's cron calls (test/engine/trigger/suite.ts), against the sandbox over loopback.
 * Every change must be reported once, none lost.
 *
 * Time: the sandbox clock is frozen per case and the n8n side's Date.now() is shifted to match it,
 * only ever forwards (the credential throttle keeps times).
 */
import type { IDataObject } from 'n8n-workflow';

import { MINUTE, LOCATION } from '../engine/trigger/suite';
import { duplicates, pollTiming, reported, reliabilityTriggerSuite, triggerTable } from './trigger-support';

const suite = reliabilityTriggerSuite();
const { sandbox, advance, freshDay, activate, addClient } = suite;
const { edit, listRequests, setZone, remove, changeKey, sevenHundredChanges } = suite;
const DEADLINE_MS = 1500;

const table = triggerTable('trigger', 'Altegio Trigger: no change lost');

/**
 * Client Created activated, then `count` clients created in one second (and what `more` adds, last),
 * and a fault that deletes the 6th of them right before the first page 2 of the list is read.
 */
async function burstThenDeletion(count: number, more?: () => ReturnType<typeof addClient>) {
	freshDay();
	const trigger = await activate('clientCreated');
	advance(MINUTE);
	const clients = Array.from({ length: count }, () => addClient());
	if (more) clients.push(more());
	advance(MINUTE);
	return { trigger, clients, deleted: deleteBeforePage2(clients[5].id) };
}

/** Deletes the client right before the first page 2 of the list is read; says whom, once it has. */
function deleteBeforePage2(id: number) {
	let deletedId: number | undefined;
	sandbox.addFault({
		method: 'GET',
		path: `/clients/${LOCATION}`,
		kind: 'delay',
		delayMs: 0,
		match: (r: { query: IDataObject }) => {
			if (deletedId === undefined && r.query.page === '2') {
				deletedId = id;
				remove(id);
			}
			return false;
		},
	});
	return () => deletedId;
}

table.check(
	{
		section: 'A stuck poll',
		case: 'A server that trickles bytes never ends a poll; the next poll starts fresh',
		input:
			'The list answers with headers, then one byte every 100 ms for ever (an idle timeout ' +
			'never fires); the poll deadline is shortened to 1.5 s for the test (5 min in use). ' +
			'A second poll is started while the first hangs, a third after it failed.',
		expected:
			'The stuck poll fails with an error n8n shows for the trigger, its request cancelled, ' +
			'the static data untouched; the poll started meanwhile is skipped; the next one delivers ' +
			'every client created meanwhile, once',
	},
	async () => {
		freshDay();
		if (pollTiming) pollTiming.deadlineMs = DEADLINE_MS;
		const trigger = await activate('clientCreatedOrUpdated');
		const before = trigger.staticData();
		advance(MINUTE);
		const created = [addClient(), addClient()];
		advance(MINUTE);
		sandbox.addFault({ method: 'GET', path: `/clients/${LOCATION}`, kind: 'trickle', intervalMs: 100 });
		const started = performance.now();
		const stuck = trigger.poll();
		const meanwhile = await trigger.poll();
		expect(meanwhile.items).toBeNull();
		expect(meanwhile.error).toBeUndefined();
		const failed = await stuck;
		const took = performance.now() - started;
		expect(failed.error?.message).toMatch(/did not answer the trigger's poll within 2 s/);
		expect(failed.items).toBeNull();
		expect(trigger.staticData()).toEqual(before);
		// Generous: the deadline is what is tested, not the machine's speed.
		expect(took).toBeLessThan(30_000);
		const trickled = listRequests().filter((r) => r.fault === 'trickle');
		expect(trickled).toHaveLength(1);
		advance(MINUTE);
		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(reported(next.items)).toEqual(created.map((c) => changeKey(c.id)));
		return (
			`stuck poll failed after ${(took / 1000).toFixed(1)} s: "${failed.error!.message}"; ` +
			`the poll started meanwhile was skipped (no items, no error); static data unchanged; ` +
			`the next poll reported ${next.items!.length} of ${created.length} clients, once`
		);
	},
	60_000,
);

/** 700 changed clients spread over the last ten minutes, ids rising with time, as a busy import would leave them. */
table.check(
	{
		section: 'Concurrent deletes and edits',
		case: '700 changed clients; deletions and edits injected between the requests of one poll',
		input:
			'After activation 700 clients change over 10 minutes (ids rising with time). While ' +
			'the poll reads, before its 2nd and 4th list requests, the client with the lowest ' +
			'id still listed is deleted and another one edited (offset pages would shift by one). ' +
			'Two polls, a minute apart.',
		expected:
			'Every client still there is reported with its latest change, each change once; deleted ' +
			'clients need not be reported',
	},
	async () => {
		freshDay();
		const trigger = await activate('clientCreatedOrUpdated');
		advance(MINUTE);
		const clients = sevenHundredChanges(10 * MINUTE);
		let requestNo = 0;
		const deleted: number[] = [];
		const edited: number[] = [];
		sandbox.addFault({
			method: 'GET',
			path: `/clients/${LOCATION}`,
			kind: 'delay',
			delayMs: 0,
			times: Infinity,
			match: () => {
				requestNo++;
				if (requestNo === 2 || requestNo === 4) {
					const alive = clients.filter((c) => !deleted.includes(c.id));
					deleted.push(alive[0].id);
					remove(alive[0].id);
					const victim = alive[350 + requestNo];
					edit(victim.id, { comment: `edited during request ${requestNo}` });
					edited.push(victim.id);
				}
				return false;
			},
		});
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		(sandbox as unknown as { clearFaults(): void }).clearFaults();
		advance(MINUTE);
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		const all = [...reported(first.items), ...reported(second.items)];
		expect(duplicates(all)).toEqual([]);
		const survivors = clients.filter((c) => !deleted.includes(c.id));
		const missing = survivors.map((c) => changeKey(c.id)).filter((key) => !all.includes(key));
		expect(missing).toEqual([]);
		return (
			`${requestNo} list requests in the first poll; ${deleted.length} deleted, ${edited.length} ` +
			`edited during it; ${first.items?.length ?? 0} + ${second.items?.length ?? 0} reported ` +
			`over two polls, all ${survivors.length} surviving clients with their latest change, ` +
			`no change twice`
		);
	},
	60_000,
);

table.check(
	{
		section: 'Concurrent deletes and edits',
		case: '700 clients changed in the same second; a deletion between its pages',
		input:
			'700 clients imported in one second (more than a page in a window that cannot be ' +
			'split); before the 2nd page of that second is read, a client of the first page is ' +
			'deleted.',
		expected:
			'The shift is noticed (the total changes between pages) and the second read again; ' +
			'every surviving client reported once',
	},
	async () => {
		const { trigger, clients, deleted } = await burstThenDeletion(700);
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		const ids = (poll.items ?? []).map((item) => item.json.id);
		expect(deleted()).toBeDefined();
		expect(new Set(ids).size).toBe(ids.length);
		const survivors = clients.filter((c) => c.id !== deleted()).map((c) => c.id);
		expect(survivors.filter((id) => !ids.includes(id))).toEqual([]);
		const pages = listRequests().filter((r) => r.query.changed_before !== undefined && r.query.page !== '1');
		return (
			`client ${deleted()} deleted before page 2; ${pages.length} later pages read (the ` +
			`second read again); ${ids.length} reported, all ${survivors.length} survivors, none ` +
			`twice`
		);
	},
	60_000,
);

table.check(
	{
		section: 'Concurrent deletes and edits',
		case: 'A burst whose first answer is taken as its first page; a client outside it and a deletion',
		input:
			"400 clients imported in one second, then one more stamped 5 s earlier (another server's clock " +
			'behind: a higher id outside that second). The first answer (300 of 401) is all in that second, ' +
			"so it stands for the second's first page; before its page 2 a client of page 1 is deleted.",
		expected:
			"Page 2 does not report the first answer's total, so the second is read again from its first page; " +
			'the client outside it is read with the period before it; every surviving client reported once',
	},
	async () => {
		const { trigger, clients, deleted } = await burstThenDeletion(400, () =>
			addClient({ last_change_at: sandbox.clock.now() - 5000 }),
		);
		const skewed = clients.pop()!;
		sandbox.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		const ids = (poll.items ?? []).map((item) => item.json.id);
		expect(deleted()).toBeDefined();
		expect(new Set(ids).size).toBe(ids.length);
		const survivors = [skewed, ...clients].filter((c) => c.id !== deleted()).map((c) => c.id);
		expect(ids).toEqual(survivors);
		const pages = listRequests().map(
			(r) => `${r.query.changed_before === undefined ? 'open' : 'closed'} p${r.query.page}`,
		);
		return (
			`${listRequests().length} list requests (${pages.join(', ')}); ${ids.length} reported, ` +
			`all ${survivors.length} survivors, none twice`
		);
	},
	60_000,
);

table.check(
	{
		section: 'Concurrent deletes and edits',
		case: '700 changes where Altegio reads UTC for a location at UTC+14',
		input:
			'Reading "utc", location at +14:00 (its printed times are 14 hours ahead of the frame ' +
			'the bounds are read in); 700 clients changed over 10 minutes',
		expected: 'All 700 reported once, in a bounded number of requests (the split still halves each window)',
	},
	async () => {
		freshDay();
		setZone('Pacific/Kiritimati');
		(sandbox.options.readings as IDataObject).changedAfterZone = 'utc';
		const trigger = await activate('clientCreated');
		advance(MINUTE);
		const clients = sevenHundredChanges(10 * MINUTE);
		advance(MINUTE);
		sandbox.clearRequests();
		const poll = await trigger.poll();
		expect(poll.error).toBeUndefined();
		expect(reported(poll.items).sort()).toEqual(clients.map((c) => changeKey(c.id)).sort());
		expect(listRequests().length).toBeLessThanOrEqual(60);
		return `${poll.items!.length} reported once in ${listRequests().length} list requests`;
	},
	60_000,
);
