import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inTurnOf } from '../../kernel/budget';
import type { OperationHandler } from '../../kernel/operation';
import type { RequestSettings } from '../../kernel/transport';
import { altegioRequest } from '../../kernel/transport';
import { mergeForUpdate } from './clientMerge';
import { isPlainObject, toClientOutput } from './clientRecord';

/**
 * An edit of one client: read it, merge the changes, replace it (the API's PUT requires name and
 * phone and may reset what it is not sent), then check the answer for what was left out. Writes
 * to one client are queued in this process (writeLocks.ts).
 */

type Context = ThisParameterType<OperationHandler>;

/** Money figures GET shows that the node never writes back (GET's `spent` may include visits). */
const MONEY = ['spent', 'balance'];

const round2 = (n: number) => Math.round(n * 100) / 100;

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
			throw fail(`Nothing was changed: ${why}`, 'Altegio replaces the whole client on an edit.');
		};
		let record = current;
		let merged = mergeForUpdate(record, changes, refuse);
		if (merged.leftOut.gender_id || merged.leftOut.importance_id) {
			record = await withListedIds(ctx, clientUrl, current, settings);
			merged = mergeForUpdate(record, changes, refuse);
		}
		const warnings: string[] = [];
		let { data: updated } = await altegioRequest(ctx, { method: 'PUT', url: clientUrl, body: merged.body, settings });
		// Left out because GET may show lifetime money: restore it if this PUT reset it.
		const drift = MONEY.filter((key) => changes[key] === undefined && moved(current[key], answerOf(updated)[key]));
		if (drift.length > 0) {
			const seeds = Object.fromEntries(
				drift.map((key) => [key, round2(Number(current[key]) - Number(answerOf(updated)[key]))]),
			);
			({ data: updated } = await altegioRequest(ctx, {
				method: 'PUT',
				url: clientUrl,
				body: { ...merged.body, ...seeds },
				settings,
			}));
			const still = drift.filter((key) => moved(current[key], answerOf(updated)[key]));
			warnings.push(
				still.length === 0
					? `Altegio reset ${drift.join(' and ')} when the edit left them out ` +
							'(GET may show lifetime money, so the node never sends it back); a second edit restored them'
					: `Altegio reset ${still.join(' and ')} when the edit left them out, and a second edit did not ` +
							`restore them: check them in Altegio (they were ${still.map((k) => current[k]).join(', ')})`,
			);
		}
		for (const [key, why] of Object.entries(merged.leftOut)) {
			const label = key.replace(/_id$/, '');
			const was = record[label] ?? record[key];
			const now = answerOf(updated)[label] ?? answerOf(updated)[key];
			if (now !== undefined && JSON.stringify(now) !== JSON.stringify(was)) {
				warnings.push(`${key} was left out of the edit (${why}) and Altegio reset it: check it in Altegio`);
			} else warnings.push(`${key} was left out of the edit (${why})`);
		}
		const output = toClientOutput(answerOf(updated));
		return warnings.length > 0 ? { ...output, warnings } : output;
	});
}

const answerOf = (data: unknown): IDataObject => (isPlainObject(data) ? data : {});

function moved(before: unknown, after: unknown): boolean {
	if (after === undefined || before === undefined) return false;
	const a = Number(before);
	const b = Number(after);
	return Number.isFinite(a) && Number.isFinite(b) && a !== b;
}

/**
 * The documented GET example shows gender and importance as labels only; the deprecated list
 * documents their IDs. When GET has labels without IDs the node does not know (another language),
 * the list's IDs for this one client are used.
 */
async function withListedIds(
	ctx: Context,
	clientUrl: string,
	current: IDataObject,
	settings?: RequestSettings,
): Promise<IDataObject> {
	const match = /^\/client\/(\d+)\/(\d+)$/.exec(clientUrl);
	if (!match) return current;
	const { data } = await altegioRequest(ctx, {
		method: 'GET',
		url: `/clients/${match[1]}`,
		qs: { id: match[2], page: 1, count: 1 },
		settings,
	});
	const rows = Array.isArray(data) ? (data as IDataObject[]) : [];
	const listed = rows.find((row) => isPlainObject(row) && String(row.id) === match[2]);
	if (!listed) return current;
	const ids: IDataObject = {};
	for (const id of ['gender_id', 'importance_id']) {
		if (current[id] === undefined && listed[id] !== undefined && listed[id] !== null) ids[id] = listed[id];
	}
	return { ...current, ...ids };
}
