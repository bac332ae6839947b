import type { IDataObject } from 'n8n-workflow';

/** Client records as Altegio returns them, read whatever shape their parts arrive in. */

export const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** Client records as users get them: phone as a string, tags a list, custom fields an object when readable. */
export function toClientOutput(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	if (typeof out.phone === 'number') out.phone = String(out.phone);
	if (isPlainObject(out.categories)) out.categories = Object.values(out.categories);
	const custom = customFieldsOf(out.custom_fields);
	if (custom) out.custom_fields = custom;
	return out;
}

/** The phone as the API takes it: digits only (a number in JSON is fine). */
export function phoneOf(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

/** Tag IDs from `categories` in any shape it arrives in (list, keyed object, bare IDs); undefined when unreadable. */
export function tagIdsOf(value: unknown): number[] | undefined {
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : undefined;
	if (!list) return undefined;
	const ids = list.map((tag) => Number(isPlainObject(tag) ? tag.id : tag));
	return ids.every((id) => Number.isSafeInteger(id) && id > 0) ? ids : undefined;
}

/**
 * Custom fields as `{ key: value }`, from any shape they arrive in: `{}`/`{key: value}`, `[]`, or a
 * list of `{code|key|api_key, value}`. Undefined when the shape is not understood.
 */
export function customFieldsOf(value: unknown): IDataObject | undefined {
	if (value === undefined || value === null) return {};
	if (isPlainObject(value)) return { ...value };
	if (!Array.isArray(value)) return undefined;
	const out: IDataObject = {};
	for (const entry of value) {
		if (!isPlainObject(entry)) return undefined;
		const key = entry.code ?? entry.key ?? entry.api_key;
		if (typeof key !== 'string' || key === '' || !('value' in entry)) return undefined;
		out[key] = entry.value as IDataObject[keyof IDataObject];
	}
	return out;
}
