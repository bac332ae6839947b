import type { IDataObject } from 'n8n-workflow';

import { isPlainObject, phoneOf, toClientOutput } from './clientRecord';
import { samePhone } from './phoneMatch';

/**
 * Which row of a bulk request each entry of the answer belongs to. The answer has no row index:
 * `created` holds clients (their phone possibly normalised, e.g. 8 912… stored as 7 912…), `errors`
 * holds `{phone, name, error}`. Both may be arrays or objects keyed by index. A row gets a result
 * only when exactly one row of the request can be meant; every other row is reported as unknown.
 */

/**
 * Rows per bulk request. The API documents no maximum. 50 keeps a failed request (a 5xx on a
 * write is not retried, because it may have been processed) to a small, clearly reported set of
 * rows, while 1,000 rows still take only 20 requests (4 s at the default 5 requests per second).
 */
export const BULK_CHUNK_SIZE = 50;

export const UNKNOWN_OUTCOME =
	"Altegio's answer does not say clearly whether this row was created: check the client list before sending it again";

/** The entries of `created` or `errors`, whether an array or an object keyed by index. */
export function entriesOf(value: unknown): IDataObject[] | undefined {
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : undefined;
	return list?.filter(isPlainObject);
}

/** The rows (by index) an answer entry may belong to: same number in any form, and same name when both have one. */
function candidates(rows: IDataObject[], indexes: number[], entry: IDataObject): number[] {
	const phone = phoneOf(entry.phone);
	const name = typeof entry.name === 'string' ? entry.name : undefined;
	return indexes.filter((index) => {
		const row = rows[index];
		const rowPhone = phoneOf(row.phone);
		const phoneFits = phone === '' ? rowPhone === '' : samePhone(rowPhone, phone);
		const nameFits = name === undefined || typeof row.name !== 'string' || row.name === name;
		return phoneFits && nameFits;
	});
}

/** Results for the rows of one bulk request from its answer; rows left out are unknown. */
export function attribute(rows: IDataObject[], indexes: number[], answer: unknown): Map<number, IDataObject> {
	const results = new Map<number, IDataObject>();
	const data = isPlainObject(answer) ? answer : {};
	const created = entriesOf(data.created);
	const errors = entriesOf(data.errors);
	if (!created || !errors) return results;
	const claims = new Map<number, IDataObject[]>();
	const claim = (entry: IDataObject, result: IDataObject) => {
		const fits = candidates(rows, indexes, entry);
		if (fits.length !== 1) return;
		claims.set(fits[0], [...(claims.get(fits[0]) ?? []), result]);
	};
	for (const entry of created) claim(entry, { success: true, ...toClientOutput(entry) });
	for (const entry of errors) {
		claim(entry, { success: false, error: String(entry.error ?? 'Rejected by Altegio') });
	}
	for (const [index, list] of claims) {
		// Two entries for one row (created and rejected, or created twice) say nothing clear.
		if (list.length === 1) results.set(index, list[0].success ? list[0] : { ...list[0], row: rows[index] });
	}
	return results;
}
