/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The contract check's schemas: Altegio's description as distilled (`altegio-v1-clients.json`), with
 * the readings where it contradicts itself applied (docs/altegio-api.md), in the form ajv checks.
 * contract.ts matches each exchange to its operation and checks it against these.
 */

export type Schema = Record<string, any>;

export interface Operation {
	operationId: string;
	method: string;
	path: string;
	security: string[];
	parameters: Array<{ in: string; name: string; required: boolean; schema: Schema }>;
	requestBody?: {
		required: boolean;
		content: Record<string, { schema?: Schema; exampleShape?: Schema; exampleFilterStates?: Record<string, Schema> }>;
	};
	responses: Record<string, { content: Record<string, { schema?: Schema; exampleShape?: Schema }> }>;
	facts?: { fromProse: Record<string, any> };
}

export const tagIds = { type: 'array', items: { type: 'number' } };
export const CLOSED_WRITES = ['create_client', 'update_client', 'bulk_create_clients'];

/**
 * The readings where the description contradicts itself; each follows the examples.
 * - phone: typed string, a number in every example → either (the node sends the digits as a string).
 * - card: string on write, number in the list schema, both in examples → either.
 * - categories (create, bulk) / labels (edit): typed `object`, "array of tag ids" with arrays in
 *   the examples → an array of ids.
 * - custom_fields in answers: `{}` in the schema and some examples, `[]` in others → either.
 * - birth_date in answers: a string in the schema, null in the GET example → either.
 * - bulk's body: the schema is one object, the example an array of them → an array of them.
 * - a nullable `allOf`/`enum` (comment `user`, visit `attendance`) admits null, as its type says.
 * - `oneOf` of two identical schemas (visit `tips`) → `anyOf` (either would match both).
 * - the tag list (get_tag_list_by_entity): its numbers typed string, numbers in the example → either.
 */
export const BODY_READINGS: Record<string, Schema> = {
	phone: { type: ['string', 'number'] },
	card: { type: ['string', 'number'] },
	categories: tagIds,
	labels: tagIds,
};
const ANSWER_READINGS: Record<string, Schema> = {
	phone: { type: ['string', 'number'] },
	card: { type: ['string', 'number'] },
	custom_fields: { type: ['object', 'array'] },
	birth_date: { type: ['string', 'null'] },
};
const EITHER: Schema = { type: ['string', 'number'] };
const OPERATION_ANSWER_READINGS: Record<string, Record<string, Schema>> = {
	get_tag_list_by_entity: { id: EITHER, salon_id: EITHER, entity: EITHER, deleted: EITHER, not_editable: EITHER },
};
export const answerReadings = (op: Operation) => ({ ...ANSWER_READINGS, ...OPERATION_ANSWER_READINGS[op.operationId] });

/** Facts the description gives in prose only, applied to the write bodies and the search. */
export function proseLimits(op: Operation, schema: Schema): Schema {
	const facts = op.facts?.fromProse ?? {};
	const out = structuredClone(schema);
	const props = out.properties ?? {};
	for (const [key, rule] of Object.entries((facts.bodyValues ?? {}) as Record<string, Schema>)) {
		if (!props[key]) continue;
		if (rule.enum) props[key] = { ...props[key], enum: rule.enum };
		// '' is how a whole-record PUT says "no birth date" (inferred; the description is silent).
		if (rule.pattern === 'YYYY-MM-DD') props[key] = { ...props[key], pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' };
	}
	for (const [key, rule] of Object.entries((facts.bodyLimits ?? {}) as Record<string, Schema>)) {
		if (props[key] && rule.maximum !== undefined) props[key] = { ...props[key], minimum: 1, maximum: rule.maximum };
	}
	return out;
}

/** Applies the readings and makes the description's JSON Schema what ajv can check. */
export function normalize(schema: Schema, readings: Record<string, Schema>): Schema {
	if (!schema || typeof schema !== 'object') return schema;
	const out: Schema = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key === 'exampleType' || key === 'deprecated' || key === 'default') continue;
		if (key === 'properties') {
			out.properties = {};
			for (const [name, sub] of Object.entries(value as Schema)) {
				out.properties[name] = readings[name] ? readings[name] : normalize(sub as Schema, readings);
			}
		} else if (key === 'items' || key === 'additionalProperties') {
			out[key] = typeof value === 'object' ? normalize(value, readings) : value;
		} else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
			out[key === 'oneOf' ? 'anyOf' : key] = (value as Schema[]).map((s) => normalize(s, readings));
		} else out[key] = value;
	}
	const types = ([] as string[]).concat(out.type ?? []);
	if (types.includes('null') && out.allOf) {
		const rest = { ...out };
		delete rest.type;
		return { anyOf: [{ type: 'null' }, rest] };
	}
	if (types.includes('null') && out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
	return out;
}

/**
 * An example's shape as a schema: the example's keys must be there with the example's JSON types;
 * more keys are allowed (the API adds fields over time). A null or an empty array in the example
 * says nothing about the type, so it constrains nothing but the key's presence.
 */
export function shapeSchema(
	shape: Schema,
	readings: Record<string, Schema>,
	requireKeys = true,
	closed = false,
): Schema {
	if (shape.type === 'null') return {};
	if (shape.type === 'object' && shape.properties) {
		const properties: Schema = {};
		for (const [key, sub] of Object.entries(shape.properties as Schema))
			properties[key] = readings[key] ?? shapeSchema(sub as Schema, readings, requireKeys, closed);
		const out: Schema = { type: 'object', properties, required: requireKeys ? (shape.required ?? []) : [] };
		if (closed) out.additionalProperties = false;
		return out;
	}
	const types = ([] as string[]).concat(shape.type);
	if (types.includes('null')) return {};
	const out: Schema = { type: shape.type };
	if (shape.items) out.items = shapeSchema(shape.items, readings, requireKeys, closed);
	// A date or date-time as the example writes it (its form, e.g. "2026-01-01 23:59:59" or an offset).
	if (shape.examplePattern) out.pattern = shape.examplePattern;
	return out;
}

/** Keys the description says may be left out: a visit's `comer` "is not displayed" without a visitor. */
const MAY_BE_ABSENT = ['comer'];

/**
 * An answer described by a schema and no example: every key the schema declares is expected (the
 * schema is the only word on what comes back; `required` is rarely written in it). Recursively.
 */
export function declaredRequired(schema: Schema): Schema {
	if (!schema || typeof schema !== 'object') return schema;
	const out: Schema = { ...schema };
	if (out.properties) {
		out.properties = Object.fromEntries(
			Object.entries(out.properties as Schema).map(([key, sub]) => [key, declaredRequired(sub as Schema)]),
		);
		const expected = Object.keys(out.properties).filter((key) => !MAY_BE_ABSENT.includes(key));
		out.required = [...new Set([...(out.required ?? []), ...expected])];
	}
	if (out.items && typeof out.items === 'object') out.items = declaredRequired(out.items);
	for (const key of ['anyOf', 'oneOf', 'allOf']) if (out[key]) out[key] = out[key].map(declaredRequired);
	return out;
}
