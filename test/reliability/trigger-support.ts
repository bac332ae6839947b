/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The set-up of the trigger's reliability suites (trigger.test.ts, trigger-clock.test.ts): the
 * engine's triggerSuite (test/engine/trigger/suite.ts) with the location in New York, Altegio
 * reading changed_after in the location's zone unless a case says otherwise, a poll deadline a case
 * may shorten, and the helpers that name a change as `id@last_change_date`.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import * as pollModule from '../../nodes/AltegioTrigger/pollClients';
import type { TestCredentialsHelper } from '../engine/harness';
import { LOCATION, triggerSuite, type TriggerEvent } from '../engine/trigger/suite';
import { reliabilityTable } from './collector';

const { isoNoColon } = require('../sandbox/util');

/** Absent before the deadline existed: then the stuck-poll case shows the old behaviour (it hangs). */
export const pollTiming = (pollModule as unknown as { pollTiming?: { deadlineMs: number } }).pollTiming;

export function reliabilityTriggerSuite() {
	const suite = triggerSuite('2027-06-01T00:00:00Z');
	const { sandbox } = suite;
	const defaultDeadline = pollTiming?.deadlineMs;
	beforeEach(() => {
		Object.assign(sandbox.options.readings as IDataObject, { changedAfterZone: 'location' });
		setZone('America/New_York');
	});
	afterEach(() => {
		if (pollTiming && defaultDeadline) pollTiming.deadlineMs = defaultDeadline;
	});

	function setZone(zone: string) {
		sandbox.state.locations.find((l: IDataObject) => l.id === LOCATION).timezone_name = zone;
	}
	/** Activates the trigger; a failed activation fails the case. */
	async function activate(event: TriggerEvent, creds = suite.credentials(), staticData?: IDataObject) {
		const trigger = await suite.activate(event, { creds: creds as TestCredentialsHelper, staticData });
		if (trigger.activation.error) throw trigger.activation.error;
		return trigger;
	}
	function remove(id: number) {
		const index = sandbox.state.clients.findIndex((c: IDataObject) => c.id === id && c.locationId === LOCATION);
		sandbox.state.clients.splice(index, 1);
	}
	/** `id@last_change_date` of a client as the API prints it now. */
	function changeKey(id: number) {
		const client = sandbox.getClient(LOCATION, id);
		const loc = sandbox.state.locations.find((l: IDataObject) => l.id === LOCATION);
		return `${id}@${String(isoNoColon(client.last_change_at, loc.timezone_name))}`;
	}
	/** 700 clients changed over the last `spreadMs`. */
	function sevenHundredChanges(spreadMs: number) {
		const now = sandbox.clock.now();
		const clients = Array.from({ length: 700 }, (_, i) =>
			suite.addClient({ last_change_at: now - spreadMs + Math.floor((i * spreadMs) / 700) }),
		);
		return clients;
	}
	return { ...suite, activate, setZone, remove, changeKey, sevenHundredChanges };
}

/** `id@last_change_date` of every reported item. */
export const reported = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((item) => `${String(item.json.id)}@${String(item.json.last_change_date)}`);

export const duplicates = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);

/** A table of docs/reliability.md for the trigger's suites. */
export const triggerTable = (id: string, title: string) =>
	reliabilityTable(
		id,
		title,
		"Each row activates the Altegio Trigger with n8n-core's ActiveWorkflows (the activation " +
			"poll, then the poll function n8n's cron calls, one Workflow object and its static " +
			'data across polls) against the sandbox, whose clock is frozen and moved by the test. ' +
			'"Reported" means an item of an execution n8n would start. The trigger reads the ' +
			'deprecated list `GET /clients/{location_id}` with `changed_after`; see nodes/AltegioTrigger ' +
			'for the cursor.',
	);
