import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inTurnOf } from '../../kernel/budget';
import type { OperationHandler } from '../../kernel/operation';
import type { RequestSettings } from '../../kernel/transport';
import { altegioBaseUrl, altegioRequest } from '../../kernel/transport';
import { mergeForUpdate } from './clientMerge';
import { isPlainObject, readClientRecord, type ClientReading } from './clientRecord';
import { learnReset, learnShown, moneyToSend, rememberSeed, type MoneyKey } from './editReading';

/**
 * An edit of one client: read it, merge the changes, replace it (the API's PUT requires name and
 * phone and may reset what it is not sent), then check the answer. What the read did not show is
 * read from the deprecated list by ID; what is still unknown stops the edit before anything is
 * sent. Writes to one client are queued in this process (writeLocks.ts).
 */

type Context = ThisParameterType<OperationHandler>;

/** Money GET shows that the node sends only once it knows how the host treats it (editReading.ts). */
const MONEY: MoneyKey[] = ['spent', 'balance'];

/** The edit's keys in words, for the error that names what could not be read. */
const FIELD_NAMES: Record<string, string> = {
	categories: 'tags (categories)',
	custom_fields: 'custom fields (custom_fields)',
	gender_id: 'gender (gender_id)',
	importance_id: 'importance (importance_id)',
	middle_name: 'middle name (middle_name)',
	birth_date: 'birth date (birth_date)',
	sms_check: 'birthday SMS flag (sms_check)',
	sms_not: 'no-mailings flag (sms_not)',
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const answerOf = (data: unknown): IDataObject => (isPlainObject(data) ? data : {});

export async function putMerged(
	ctx: Context,
	clientUrl: string,
	changes: IDataObject,
	settings?: RequestSettings,
): Promise<IDataObject> {
	return await inTurnOf(ctx, `client ${clientUrl}`, async () => {
		const fail = (message: string, description: string) =>
			new NodeOperationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });
		const { data: current } = await altegioRequest(ctx, { method: 'GET', url: clientUrl, settings });
		if (!isPlainObject(current) || Object.keys(current).length === 0) {
			throw fail(
				'Altegio answered the read of the client without a client record; nothing was changed',
				'The edit replaces the whole client, so the node reads it first. ' +
					`The answer's data was ${JSON.stringify(current ?? null).slice(0, 80)}.`,
			);
		}
		const refuse = (why: string): never => {
			throw fail(`Nothing was changed: ${why}`, 'Altegio may reset on an edit what the edit does not send.');
		};
		let reading = readClientRecord(current);
		let merged = mergeForUpdate(reading, changes, refuse);
		if (Object.keys(merged.unknown).length > 0) {
			reading = await withListed(ctx, clientUrl, reading, settings);
			merged = mergeForUpdate(reading, changes, refuse);
		}
		const unknown = Object.entries(merged.unknown);
		if (unknown.length > 0) {
			refuse(
				`could not read the client's ${unknown.map(([key]) => FIELD_NAMES[key] ?? key).join(', ')} ` +
					`(${unknown.map(([key, why]) => `${key}: ${why}`).join('; ')}), and the edit would reset what it ` +
					'does not send',
			);
		}
		const host = await altegioBaseUrl(ctx);
		const before = (key: MoneyKey) => Number(reading.known[key]);
		const omitted = MONEY.filter((key) => changes[key] === undefined && reading.known[key] !== undefined);
		const sent: Partial<Record<MoneyKey, number>> = {};
		for (const key of omitted) {
			const value = moneyToSend(host, clientUrl, key, before(key));
			if (value !== undefined) sent[key] = value;
		}
		const warnings: string[] = [];
		const put = async (body: IDataObject) =>
			answerOf((await altegioRequest(ctx, { method: 'PUT', url: clientUrl, body, settings })).data);
		let updated = await put({ ...merged.body, ...sent });
		const drift = omitted.filter((key) => moved(before(key), updated[key]));
		for (const key of omitted) {
			if (sent[key] === undefined) continue;
			// Sent as believed: the answer shows whether money is shown as written on this host.
			learnShown(host, key, !drift.includes(key) && Number(updated[key]) === sent[key]);
		}
		if (drift.length > 0) {
			if (drift.some((key) => sent[key] === undefined)) learnReset(host);
			// What to write so that the client shows what it showed: the sent amount (0 when left out
			// and reset) less what the answer added to it.
			const seeds = Object.fromEntries(
				drift.map((key) => [key, round2((sent[key] ?? 0) - (Number(updated[key]) - before(key)))]),
			) as Record<MoneyKey, number>;
			updated = await put({ ...merged.body, ...sent, ...seeds });
			const still = drift.filter((key) => moved(before(key), updated[key]));
			for (const key of drift) {
				if (still.includes(key)) continue;
				learnShown(host, key, seeds[key] === before(key));
				rememberSeed(host, clientUrl, key, before(key), seeds[key]);
			}
			warnings.push(
				still.length === 0
					? `Altegio reset ${drift.join(' and ')} on the first edit (the node cannot always tell which ` +
							'amount to send back); a second edit restored them'
					: `Altegio reset ${still.join(' and ')} on the edit, and a second edit did not ` +
							`restore them: check them in Altegio (they were ${still.map((k) => reading.known[k]).join(', ')})`,
			);
		}
		for (const [key, why] of Object.entries(merged.leftOut)) {
			const was = reading.known[key];
			const now = readClientRecord(updated).known[key];
			if (now !== undefined && JSON.stringify(now) !== JSON.stringify(was)) {
				warnings.push(`${key} was left out of the edit (${why}) and Altegio reset it: check it in Altegio`);
			} else warnings.push(`${key} was left out of the edit (${why})`);
		}
		const output = readClientRecord(updated).record;
		return warnings.length > 0 ? { ...output, warnings } : output;
	});
}

function moved(before: number, after: unknown): boolean {
	if (after === undefined) return false;
	const b = Number(after);
	return Number.isFinite(before) && Number.isFinite(b) && before !== b;
}

/**
 * The deprecated list documents what the card may leave out (the IDs of gender and importance, tags,
 * custom fields), and the recorded rows carry `sex_id` and `patronymic`. What the card did not show
 * is read from the list's row of this one client.
 */
async function withListed(
	ctx: Context,
	clientUrl: string,
	reading: ClientReading,
	settings?: RequestSettings,
): Promise<ClientReading> {
	const match = /^\/client\/(\d+)\/(\d+)$/.exec(clientUrl);
	if (!match) return reading;
	const { data } = await altegioRequest(ctx, {
		method: 'GET',
		url: `/clients/${match[1]}`,
		qs: { id: match[2], page: 1, count: 1 },
		settings,
	});
	const rows = Array.isArray(data) ? (data as IDataObject[]) : [];
	const listed = rows.find((row) => isPlainObject(row) && String(row.id) === match[2]);
	if (!listed) return reading;
	const fromList = readClientRecord(listed);
	const known = { ...reading.known };
	const unknown = { ...reading.unknown };
	for (const key of Object.keys(reading.unknown)) {
		if (key in fromList.known) {
			known[key] = fromList.known[key];
			delete unknown[key];
		} else unknown[key] = `${reading.unknown[key]}, and in the client list ${fromList.unknown[key] ?? 'not readable'}`;
	}
	return { record: reading.record, known, unknown };
}
