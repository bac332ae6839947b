/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Where reality is known to differ from the official description, the contract check accepts what
 * was observed (docs/altegio-api.md, "Observed"; test/sandbox/observedShapes.js serves each), and
 * says so here. And the sandbox readings whose answers the check exempts from the description, each
 * with its reason. Nothing else is let through.
 */

type Schema = Record<string, any>;

const offsetNoColon = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{4}$';
const text = { type: 'string' };
const number = { type: 'number' };

/** A tag as the recorded rows show it (13 keys; a deleted tag may appear). */
const RECORDED_TAG: Schema = {
	type: 'object',
	required: ['id', 'salon_id', 'company_id', 'title', 'color', 'font_color', 'icon', 'entity', 'entity_slug'],
	properties: { id: number, title: text, color: text, is_deleted: { type: 'boolean' } },
};

/**
 * A deprecated-list row as an integration recorded it live (observed-shapes.md, "recorded"): `sex_id`
 * and `sex` for gender, `patronymic` for the middle name, `display_name`, `paid`, `sms_bot`, the phone
 * as text, `last_change_date` with the location's offset. Accepted wherever a full client record is
 * described (the list's rows, the card).
 */
export const RECORDED_CLIENT: Schema = {
	type: 'object',
	required: [
		...['id', 'name', 'surname', 'patronymic', 'display_name', 'phone', 'email', 'discount', 'card'],
		...['sex_id', 'sex', 'sms_check', 'sms_bot', 'sms_not', 'importance_id', 'importance', 'comment'],
		...['last_change_date', 'birth_date', 'visits', 'spent', 'paid', 'balance', 'categories', 'custom_fields'],
	],
	properties: {
		id: number,
		phone: { type: ['string', 'number'] },
		sex_id: { enum: [0, 1, 2] },
		importance_id: { enum: [0, 1, 2, 3] },
		last_change_date: { type: 'string', pattern: offsetNoColon },
		birth_date: { type: ['string', 'null'] },
		categories: { type: ['array', 'object'], items: RECORDED_TAG },
		custom_fields: { type: ['object', 'array'] },
	},
};

/** The operations whose answer holds full client records, and where: `data` itself, or its rows. */
export const CLIENT_RECORDS: Record<string, 'record' | 'rows'> = {
	get_client: 'record',
	deprecated_get_client_list: 'rows',
};

/**
 * An error body an SDK reports for 401 and 404 (dudev/yclients-php-sdk): `{errors: {code, message},
 * meta: {message}}`, no `success`. Accepted beside the documented envelope for those statuses.
 */
export const SDK_ERROR: Schema = {
	type: 'object',
	required: ['errors', 'meta'],
	properties: {
		errors: { type: 'object', required: ['message'], properties: { message: text } },
		meta: { type: 'object', properties: { message: text } },
	},
};
export const SDK_ERROR_STATUSES = [401, 404];

/**
 * `{success: false, data: null, meta: {message}}` at HTTP 200 (the same SDK's note): an error, held
 * to the error envelope rather than to the success answer.
 */
export const isErrorAt200 = (status: number | null, body: unknown) =>
	status === 200 && !!body && typeof body === 'object' && (body as { success?: unknown }).success === false;

/**
 * Sandbox readings whose answers break the description on purpose, to prove the node under a shape
 * no source rules out. The check drops only the problems the reading explains (`problem`), on the
 * operations it concerns; every other problem of those answers is still reported.
 */
export const READING_EXEMPTIONS: Array<{
	reading: string;
	value: string;
	operations: string[];
	problem: RegExp;
	reason: string;
}> = [
	{
		reading: 'historyCursor',
		value: 'absent',
		operations: ['search_client_visits'],
		problem: /\/meta\b/,
		reason: 'no public sample shows a history answer without meta.dateCursor, but nothing rules it out',
	},
	{
		reading: 'cardTags',
		value: 'labels',
		operations: ['get_client', 'update_client', 'deprecated_get_client_list'],
		problem: /categories/,
		reason: "one SDK's hand-written row names the tags `labels` (weak evidence)",
	},
	{
		reading: 'cardTags',
		value: 'absent',
		operations: ['get_client', 'update_client'],
		problem: /categories/,
		reason: 'a card that does not show the tags: absent must read as unknown, never as none',
	},
	{
		reading: 'bulkAnswerShape',
		value: 'objects',
		operations: ['bulk_create_clients'],
		problem: /\/data\/(created|errors)\b/,
		reason: 'PHP sends an array with gaps as an object keyed by index; the description shows arrays',
	},
];
