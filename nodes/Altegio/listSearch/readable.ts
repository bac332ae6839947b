import type { IDataObject } from 'n8n-workflow';

/**
 * Picker rows as a server may send them: a row that is not an object, or has no usable ID, cannot
 * be chosen and is left out; a title that is not text (an object of translations, a number) is
 * shown as readable text, never as "[object Object]".
 */

/** Rows that are objects (null, strings and lists are left out). */
export function objectRows(rows: unknown): IDataObject[] {
	if (!Array.isArray(rows)) return [];
	return rows.filter((row): row is IDataObject => !!row && typeof row === 'object' && !Array.isArray(row));
}

/** An ID or code a picker can hand on: text or a number, not empty. */
export function usableId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	return undefined;
}

/** A title as text: strings and numbers as they are, an object by its first text value; else undefined. */
export function readable(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const inner of Object.values(value as IDataObject)) {
			const text = typeof inner === 'string' ? inner.trim() : '';
			if (text) return text;
		}
	}
	return undefined;
}
