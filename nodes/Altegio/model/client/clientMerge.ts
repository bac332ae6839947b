import type { IDataObject } from 'n8n-workflow';

import { EDIT_KEYS, isPlainObject, phoneOf, type ClientReading } from './clientRecord';

/**
 * The body of an edit: the stored client (as readClientRecord read it) with the user's changes on
 * top. The API's PUT requires name and phone and may reset what it is not sent, so every writable
 * key is sent back as read. What could not be read is named in `unknown` (the caller looks it up
 * elsewhere or sends nothing); what is masked for this user is left out and named in `leftOut`.
 * Anything else a record holds is not documented as writable (a derived figure written back would
 * change it), and money (`spent`, `balance`) is the caller's (clientEdit.ts).
 */

export interface MergedUpdate {
	body: IDataObject;
	/** Fields left out because they cannot be sent back as read (masked): field → why. */
	leftOut: Record<string, string>;
	/** Fields the edit would reset that could not be read: field → why. */
	unknown: Record<string, string>;
}

/** A masked contact as users without contact rights see it (`+1 315 *** ** 78`, `r***@example.com`). */
export const isMasked = (value: unknown) => typeof value === 'string' && value.includes('*');

/**
 * The PUT body. Calls `refuse` (which throws) when the record cannot be written back without
 * losing something the user did not change (no name, a masked phone or e-mail).
 */
export function mergeForUpdate(
	reading: ClientReading,
	changes: IDataObject,
	refuse: (why: string) => never,
): MergedUpdate {
	const { known } = reading;
	const leftOut: Record<string, string> = {};
	const unknown: Record<string, string> = {};
	const body: IDataObject = {};
	for (const key of EDIT_KEYS) {
		// Custom fields change key by key: the others must still be read.
		if (changes[key] !== undefined && key !== 'custom_fields') continue;
		if (!(key in known)) unknown[key] = reading.unknown[key] ?? 'not shown in the answer';
		// null (no birth date, say) is left out: the edit types these keys as text or numbers.
		else if (known[key] === null) continue;
		else if (isMasked(known[key])) leftOut[key] = 'masked for this Altegio user';
		else body[key] = known[key];
	}
	if (changes.name === undefined && !unknown.name && (typeof body.name !== 'string' || body.name.trim() === '')) {
		refuse('the client as read has no name, and the edit requires one');
	}
	if (changes.phone === undefined) {
		if (leftOut.phone) {
			refuse(
				"the client's phone is masked for this Altegio user (no access to contacts), and the edit requires it: " +
					'add Phone to Update Fields, or use a user who may see contacts',
			);
		}
		if (body.phone !== undefined) body.phone = phoneOf(body.phone);
	}
	if (changes.email === undefined && leftOut.email) {
		refuse(
			"the client's e-mail is masked for this Altegio user (no access to contacts); sending it back would " +
				'replace the real address and leaving it out may erase it: add Email to Update Fields, ' +
				'or use a user who may see contacts',
		);
	}
	for (const [key, value] of Object.entries(changes)) {
		if (key === 'custom_fields' && isPlainObject(body.custom_fields)) {
			body.custom_fields = { ...(body.custom_fields as IDataObject), ...(value as IDataObject) };
		} else if (key !== 'custom_fields' || !unknown.custom_fields) {
			body[key] = value;
		}
		delete leftOut[key];
		if (key !== 'custom_fields') delete unknown[key];
	}
	// Altegio documents `labels` for tags on edit, `categories` on create: send both.
	if (body.categories !== undefined) body.labels = body.categories;
	return { body, leftOut, unknown };
}
