import type { IDataObject } from 'n8n-workflow';

/** Client records as Altegio returns them: shaped for output, and merged for the full-record PUT. */

/** Client records as users get them: phone as a string, tags and custom fields always a list/object. */
export function toClientOutput(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	if (typeof out.phone === 'number') out.phone = String(out.phone);
	if (out.categories && !Array.isArray(out.categories)) out.categories = Object.values(out.categories as IDataObject);
	if (Array.isArray(out.custom_fields)) out.custom_fields = {};
	return out;
}

const GENDER_BY_LABEL: Record<string, number> = { male: 1, female: 2 };

/**
 * The full PUT body for a client: the stored record with `changes` on top. The API's PUT replaces
 * the whole record, so everything not changed is sent back as it is.
 */
export function mergeForUpdate(existing: IDataObject, changes: IDataObject): IDataObject {
	const current = toClientOutput(existing);
	const genderId =
		current.gender_id ?? current.sex_id ?? GENDER_BY_LABEL[String(current.gender ?? '').toLowerCase()] ?? 0;
	const tags = ((current.categories ?? []) as IDataObject[]).map((tag) => Number(tag.id)).filter(Number.isFinite);
	const body: IDataObject = {
		name: current.name ?? '',
		surname: current.surname ?? '',
		middle_name: current.middle_name ?? current.patronymic ?? '',
		phone: String(current.phone ?? '').replace(/\D/g, ''),
		email: current.email ?? '',
		gender_id: Number(genderId),
		importance_id: Number(current.importance_id ?? 0),
		discount: current.discount ?? 0,
		card: current.card == null ? '' : String(current.card),
		birth_date: birthDateOf(current.birth_date),
		comment: current.comment ?? '',
		sms_check: Number(current.sms_check ?? 0),
		sms_not: Number(current.sms_not ?? 0),
		spent: current.spent ?? 0,
		balance: current.balance ?? 0,
		categories: tags,
		custom_fields: { ...((current.custom_fields ?? {}) as IDataObject) },
	};
	for (const [key, value] of Object.entries(changes)) {
		if (key === 'custom_fields')
			body.custom_fields = { ...(body.custom_fields as IDataObject), ...(value as IDataObject) };
		else body[key] = value;
	}
	// Altegio documents `labels` for tags on edit, `categories` on create: send both.
	body.labels = body.categories;
	return body;
}

/** Some answers carry the birth date as a Unix timestamp string: send it back as YYYY-MM-DD. */
function birthDateOf(value: unknown): string {
	if (typeof value === 'string' && /^\d{6,}$/.test(value)) {
		return new Date(Number(value) * 1000).toISOString().slice(0, 10);
	}
	return typeof value === 'string' ? value : '';
}
