/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The set-up of the Altegio Trigger's test files (here and test/reliability/trigger*.test.ts): one
 * sandbox (sandboxSuite), triggers activated through n8n-core's ActiveWorkflows and deactivated after
 * each test, and one clock for both sides.
 *
 * Time: the sandbox clock is frozen per test and the n8n side's Date.now() is shifted to match it,
 * only ever forwards (the credential throttle keeps times: a clock going back would make it wait).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { useRetryPolicy } from '../../../nodes/Altegio/kernel/transport';
import { activateTrigger, byId, sandboxSuite, type ActiveTrigger, type TestCredentialsHelper } from '../harness';

export const LOCATION = 101;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const STATE_KEY = 'node:Altegio Trigger';

export type TriggerEvent = 'clientCreated' | 'clientCreatedOrUpdated';

/** `firstDay`: the earliest day freshDay() hands out (each suite its own, so rows stay comparable). */
export function triggerSuite(firstDay: string, sandboxOptions: IDataObject = {}) {
	const suite = sandboxSuite('', LOCATION, sandboxOptions);
	const { sandbox } = suite;
	const realNow = Date.now.bind(Date);
	let shift = 0;
	let lastNow = 0;

	/** Sets the sandbox clock and the n8n side's Date.now() (must not be before the last time set). */
	function setNow(at: string | number) {
		const ms = typeof at === 'number' ? at : Date.parse(at);
		if (ms < lastNow) throw new Error(`test clock must only move forwards: ${new Date(ms).toISOString()}`);
		lastNow = ms;
		sandbox.clock.set(ms);
		shift = ms - realNow();
	}
	function advance(ms: number) {
		lastNow += ms;
		sandbox.clock.advance(ms);
		shift += ms;
	}
	/** A fresh daytime instant for each test: 15:00 UTC of the day after the last time used. */
	function freshDay() {
		const start = Math.max(lastNow, Date.parse(firstDay));
		setNow(Math.floor(start / DAY) * DAY + DAY + 15 * HOUR);
	}

	beforeAll(() => {
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
		useRetryPolicy({ backoffBaseMs: 5 });
	});
	afterAll(() => jest.restoreAllMocks());

	const active: ActiveTrigger[] = [];
	afterEach(async () => {
		for (const trigger of active.splice(0)) await trigger.deactivate();
	});

	async function activate(
		event: TriggerEvent,
		options: { location?: number; staticData?: IDataObject; creds?: TestCredentialsHelper } = {},
	) {
		const trigger = await activateTrigger({
			parameters: { locationId: byId(String(options.location ?? LOCATION)), event },
			credentials: options.creds ?? suite.credentials(),
			staticData: options.staticData,
		});
		active.push(trigger);
		const deactivate = trigger.deactivate;
		// A test that deactivates a trigger itself (a restart) takes it off the list.
		trigger.deactivate = async () => {
			active.splice(active.indexOf(trigger), 1);
			await deactivate();
		};
		return trigger;
	}

	const addClient = (partial: IDataObject = {}) =>
		sandbox.addClient(LOCATION, partial) as IDataObject & { id: number; last_change_at: number };
	function edit(id: number, changes: IDataObject, at = sandbox.clock.now()) {
		const client = sandbox.getClient(LOCATION, id);
		Object.assign(client, changes, { last_change_at: at });
		return client;
	}
	const listRequests = (location = LOCATION) =>
		sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/clients/${location}`);
	const stateOf = (trigger: ActiveTrigger) => trigger.staticData()[STATE_KEY] as IDataObject;
	/**
	 * The reads of a first poll (activation, Fetch Test Event): the total (one record a page), the
	 * newest client (the last of those pages), then the changes since about `since` (ms).
	 */
	function expectFirstReads(lastPage: number, since: number) {
		const queries = listRequests().map((r) => r.query);
		expect(queries).toEqual([
			{ page: '1', count: '1' },
			{ page: String(lastPage), count: '1' },
			{ changed_after: expect.any(String), page: '1', count: '300' },
		]);
		expectWallNear(queries[2].changed_after, since);
	}

	return { ...suite, setNow, advance, freshDay, activate, addClient, edit, listRequests, stateOf, expectFirstReads };
}

export const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => item.json.id);

const { isoNoColon } = require('../../sandbox/util');
const TZ = 'America/New_York';

/** `last_change_date` as the sandbox prints it for the location (New York). */
export const lcd = (ms: number) => isoNoColon(ms, TZ) as string;
/** Wall-clock time in New York, as changed_after is sent. */
export const wall = (ms: number) => lcd(ms).slice(0, 19);
/** Wall-clock time at a fixed UTC offset (minutes). */
export const wallAt = (ms: number, offset: number) => new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
/**
 * For windows the node computes from n8n's own clock, which keeps running during the test: the
 * wall-clock time of `ms` or of one of the few seconds after it.
 */
export function expectWallNear(actual: unknown, ms: number, offset = -sandboxOffsetMinutes(ms)) {
	const candidates = Array.from({ length: 10 }, (_, k) => wallAt(ms + k * 1000, offset));
	expect(candidates).toContain(actual);
}
export function sandboxOffsetMinutes(ms: number) {
	const text = lcd(ms);
	const sign = text[19] === '-' ? 1 : -1;
	return sign * (Number(text.slice(20, 22)) * 60 + Number(text.slice(22, 24)));
}
