/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The contract check: every exchange in the sandbox's request log (what the node sent, what the
 * sandbox answered) against Altegio's official description, as distilled into
 * `altegio-v1-clients.json` by `scripts/distill-openapi.js`. Only that committed JSON is read.
 *
 * Where the description contradicts itself, the check follows its examples (docs/altegio-api.md,
 * "Where the official description contradicts itself"): schema.ts says which and how.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';

import description from './altegio-v1-clients.json';
import {
	CLIENT_RECORDS,
	READING_EXEMPTIONS,
	RECORDED_CLIENT,
	SDK_ERROR,
	SDK_ERROR_STATUSES,
	isErrorAt200,
} from './observed';
import type { Operation, Schema } from './schema';
import {
	BODY_READINGS,
	CLOSED_WRITES,
	answerReadings,
	declaredRequired,
	normalize,
	proseLimits,
	shapeSchema,
	tagIds,
} from './schema';

export type { Operation } from './schema';

/** One entry of the sandbox's request log (test/sandbox/README.md). */
export interface Exchange {
	method: string;
	path: string;
	query: Record<string, unknown>;
	headers: Record<string, unknown>;
	body: unknown;
	status: number | null;
	response?: unknown;
	fault?: string;
	rateLimited?: boolean;
	/** The request missed the sandbox's /api/v1 prefix (a test's deliberately wrong Base URL). */
	outsideApi?: boolean;
	/** The sandbox's readings in effect that differ from its defaults (test/sandbox/readings.js). */
	readings?: Record<string, string>;
}

export const OPERATIONS = description.operations as unknown as Operation[];
export const ACCEPT = 'application/vnd.api.v2+json';

// ---------------------------------------------------------------- validators

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
// The description's own examples write offsets without a colon (-0500): both spellings pass. An
// offset is part of a date-time (RFC 3339): one without it is not the same instant everywhere.
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/);
ajv.addFormat('int32', true);
ajv.addFormat('float', true);

const compiled = new Map<string, ValidateFunction>();
function validator(key: string, build: () => Schema): ValidateFunction {
	let v = compiled.get(key);
	if (!v) {
		v = ajv.compile(build());
		compiled.set(key, v);
	}
	return v;
}

/** The first five ajv errors as text (a key that is not allowed is named). */
function errorsOf(v: ValidateFunction): string {
	return failuresOf(v).slice(0, 5).join('; ');
}

/**
 * The request body's schema under the readings. Bulk: the schema is one object, the example an
 * array of them, some without `name` or `phone` (the answer's example reports those rows in
 * `errors`), so an array of the object with no key required. Search: `filters[].state.value` is
 * typed an array of numbers, the example also sends a text (quick_search) and a boolean, so the
 * example's shape rules there.
 */
function requestSchema(op: Operation): Schema | undefined {
	const media = Object.values(op.requestBody?.content ?? {})[0];
	if (!media?.schema) return undefined;
	const body = normalize(proseLimits(op, media.schema), BODY_READINGS);
	if (CLOSED_WRITES.includes(op.operationId)) {
		// The node builds these bodies: a key the description does not name is reported. Edit also
		// carries `categories` beside `labels` (create's name for them; inferred, see the docs). Bulk
		// rows are closed to the keys create takes (the node checks them before sending; a row with
		// custom fields goes through create, which takes them).
		body.additionalProperties = false;
		if (op.operationId === 'update_client') body.properties.categories = tagIds;
		if (op.operationId === 'bulk_create_clients') body.properties.custom_fields = { type: 'object' };
	}
	const example = media.exampleShape;
	if (example?.type === 'array' && body.type === 'object') {
		const item = { ...body };
		delete item.required;
		return { type: 'array', items: item };
	}
	if (example?.properties?.filters && body.properties?.filters) {
		const filters = shapeSchema(example.properties.filters, BODY_READINGS, false);
		filters.items.required = ['type', 'state'];
		body.properties.filters = filters;
	}
	return body;
}

// ---------------------------------------------------------------- matching

/** A path template as a pattern; a trailing parameter the prose calls optional may be left out. */
function pathPattern(op: Operation): RegExp {
	const optional = op.facts?.fromProse.optionalPathParameter as string | undefined;
	let source = op.path.replace(/\{[^}]+\}/g, '([^/]+)');
	if (optional && op.path.endsWith(`/{${optional}}`)) source = `${source.slice(0, -'/([^/]+)'.length)}(?:/([^/]+))?`;
	return new RegExp(`^${source}$`);
}

const templates = OPERATIONS.map((op) => ({
	op,
	pattern: pathPattern(op),
	names: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
}));

export function findOperation(method: string, path: string): { op: Operation; params: Record<string, string> } | null {
	for (const t of templates) {
		if (t.op.method !== method) continue;
		const m = t.pattern.exec(path);
		if (!m) continue;
		const params: Record<string, string> = {};
		t.names.forEach((name, i) => {
			if (m[i + 1] !== undefined) params[name] = decodeURIComponent(m[i + 1]);
		});
		return { op: t.op, params };
	}
	return null;
}

/** A path or query value (always text on the wire) against its declared scalar type. */
function scalarProblem(value: string, schema: Schema): string | null {
	const types = ([] as string[]).concat(schema.type ?? 'string');
	if (types.includes('integer') && !/^-?\d+$/.test(value)) return 'is not an integer';
	if (types.includes('number') && !/^-?\d+(\.\d+)?$/.test(value)) return 'is not a number';
	if (schema.enum && !schema.enum.map(String).includes(value)) return `is not one of ${schema.enum.join(', ')}`;
	return null;
}

/** A query key named only in the prose: its date-time form, exactly as the prose writes it (no offset, no Z). */
function proseProblem(value: string, rule: Schema): string | null {
	if (
		String(rule.pattern ?? '').startsWith('YYYY-MM-DDTHH:MM:SS') &&
		!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)
	)
		return 'is not YYYY-MM-DDTHH:MM:SS (no offset, no Z)';
	if (rule.type === 'number' && !/^\d+$/.test(value)) return 'is not a number';
	return null;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return value === undefined ? undefined : String(value);
}

const AUTH_FORMS: Record<string, RegExp> = {
	BearerPartner: /^Bearer [^\s,]+$/,
	BearerPartnerUser: /^Bearer [^\s,]+, User [^\s,]+$/,
};

/**
 * The search's filters against the example, the only source that names the filter types: each
 * `type` must be one the example shows, and its `state` that type's state (its keys, the JSON types
 * of their values, dates written as the example writes them). The keys of a state are closed.
 */
function filterProblems(op: Operation, body: unknown, at: string): string[] {
	const states = Object.values(op.requestBody?.content ?? {})[0]?.exampleFilterStates;
	const filters = (body as { filters?: unknown } | null)?.filters;
	if (!states || !Array.isArray(filters)) return [];
	const problems: string[] = [];
	filters.forEach((filter, index) => {
		const type = (filter as { type?: unknown } | null)?.type;
		if (typeof type !== 'string' || !states[type]) {
			problems.push(`${at}: filters[${index}].type ${JSON.stringify(type)} is not a filter type the description shows`);
			return;
		}
		const v = validator(`req:${op.operationId}:filter:${type}`, () => shapeSchema(states[type], {}, false, true));
		if (!v((filter as { state?: unknown }).state)) {
			problems.push(`${at}: filters[${index}] (${type}) state ${errorsOf(v).replace(/\(root\)/g, '')}`.trim());
		}
	});
	return problems;
}

// ---------------------------------------------------------------- the check

/** What is wrong with the request against the description; [] when it keeps the contract. */
export function requestProblems(x: Exchange): string[] {
	const found = findOperation(x.method, x.path);
	if (!found) return [`${x.method} ${x.path}: no such operation in the description`];
	const { op, params } = found;
	const problems: string[] = [];
	const at = `${op.operationId} (${x.method} ${x.path})`;
	for (const p of op.parameters.filter((p) => p.in === 'path' && params[p.name] !== undefined)) {
		const why = scalarProblem(params[p.name], p.schema);
		if (why) problems.push(`${at}: path ${p.name} "${params[p.name]}" ${why}`);
	}
	const declaredQuery = op.parameters.filter((p) => p.in === 'query');
	const proseQuery = (op.facts?.fromProse.queryNotInParameters ?? {}) as Record<string, Schema>;
	for (const [name, raw] of Object.entries(x.query ?? {})) {
		const p = declaredQuery.find((q) => q.name === name);
		if (!p && !proseQuery[name]) {
			problems.push(`${at}: query ${name} is not a parameter of the operation`);
			continue;
		}
		for (const value of ([] as unknown[]).concat(raw)) {
			const why = p ? scalarProblem(String(value), p.schema) : proseProblem(String(value), proseQuery[name]);
			if (why) problems.push(`${at}: query ${name} "${String(value)}" ${why}`);
		}
	}
	for (const p of declaredQuery.filter((q) => q.required))
		if (x.query?.[p.name] === undefined) problems.push(`${at}: query ${p.name} is required`);

	const accept = header(x.headers, 'Accept');
	if (!accept || !accept.split(',').some((part) => part.split(';')[0].trim().toLowerCase() === ACCEPT))
		problems.push(`${at}: Accept must be ${ACCEPT}, got ${accept ?? 'none'}`);
	const authorization = header(x.headers, 'Authorization') ?? '';
	// POST /auth has no security scheme but requires the partner's "Bearer" header.
	const forms = op.security.length ? op.security : ['BearerPartner'];
	// GET /companies?my=1 lists the user's locations, so the user token rides along (sandbox reading).
	if (op.operationId === 'get_location_list') forms.push('BearerPartnerUser');
	if (!forms.some((f) => AUTH_FORMS[f]?.test(authorization)))
		problems.push(`${at}: Authorization is not of the form ${forms.join(' or ')}`);

	const sent = x.body !== null && x.body !== undefined && x.body !== '';
	if (sent) {
		const type = header(x.headers, 'Content-Type') ?? '';
		if (type.split(';')[0].trim().toLowerCase() !== 'application/json')
			problems.push(`${at}: Content-Type must be application/json with a body, got ${type || 'none'}`);
	}
	const schema = requestSchema(op);
	if (!op.requestBody) {
		if (sent) problems.push(`${at}: the operation takes no body`);
	} else if (!sent) {
		if (op.requestBody.required || schema?.required?.length) problems.push(`${at}: the body is missing`);
	} else if (typeof x.body === 'string') {
		problems.push(`${at}: the body is not JSON`);
	} else if (schema) {
		const v = validator(`req:${op.operationId}`, () => schema);
		if (!v(x.body)) problems.push(`${at}: body ${errorsOf(v)}`);
		problems.push(...filterProblems(op, x.body, at));
	}
	return problems;
}

/** One ajv error as text: where and what. */
type Failure = string;
const failuresOf = (v: ValidateFunction): Failure[] =>
	(v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}${paramsOf(e.params ?? {})}`);
const paramsOf = (params: Record<string, unknown>) =>
	params.additionalProperty ? ` (${String(params.additionalProperty)})` : '';

/**
 * Whether an answer's client records are all in the recorded row's shape (observed.ts): then the
 * description's own record shape is not asked of them.
 */
function recordedRecords(op: Operation, body: unknown): boolean {
	const where = CLIENT_RECORDS[op.operationId];
	const data = (body as { data?: unknown } | null)?.data;
	if (!where || data === undefined) return false;
	const records = where === 'rows' ? (Array.isArray(data) ? data : []) : [data];
	const v = validator('res:recorded-client', () => RECORDED_CLIENT);
	return records.length > 0 && records.every((record) => v(record));
}

/** The error envelope, or for 401 and 404 the SDK's `{errors, meta}` (observed.ts). */
function envelopeFailures(status: number, body: unknown): Failure[] {
	const v = validator('res:error-envelope', () => ({
		type: 'object',
		required: ['success', 'meta'],
		properties: { success: { const: false }, meta: { type: 'object', properties: { message: { type: 'string' } } } },
	}));
	if (v(body)) return [];
	if (SDK_ERROR_STATUSES.includes(status) && validator('res:sdk-error', () => SDK_ERROR)(body)) return [];
	return failuresOf(v).map((f) => `not the error envelope: ${f}`);
}

/**
 * What is wrong with the answer against the description. A declared status is checked against its
 * schema (every declared key expected where there is no example) and/or the shape of its example
 * (dates written as the example writes them); an undeclared error status, and an error sent at
 * HTTP 200 (`success: false`), against the error envelope every declared error shares. 204 carries
 * no body in HTTP, so an empty answer passes even where the description declares one (delete
 * comment). What observed.ts accepts is accepted; what a reading explains is dropped (exemptions).
 */
export function responseProblems(x: Exchange): string[] {
	const found = findOperation(x.method, x.path);
	if (!found || x.status === null) return [];
	const { op } = found;
	const at = `${op.operationId} ${x.status} (${x.method} ${x.path})`;
	const body = x.response;
	if (isErrorAt200(x.status, body)) return envelopeFailures(x.status, body).map((f) => `${at}: ${f}`);
	const declared = op.responses[String(x.status)];
	const success = x.status >= 200 && x.status < 300;
	const successes = Object.keys(op.responses).filter((s) => s.startsWith('2'));
	if (success && !declared) return [`${at}: the description's success status is ${successes.join(', ')}`];
	if (x.status === 204) return body === null || body === undefined ? [] : [`${at}: a 204 carries no body`];
	if (body === null || body === undefined || typeof body !== 'object')
		return [`${at}: the answer is not a JSON object`];
	let failures: Failure[] = [];
	const media = declared ? Object.values(declared.content)[0] : undefined;
	// An error status is held to the envelope below (the SDK's body too); its schema adds nothing more.
	if (media?.schema && success) {
		const v = validator(`res:${op.operationId}:${x.status}:schema`, () => {
			const schema = normalize(media.schema!, answerReadings(op));
			return media.exampleShape ? schema : declaredRequired(schema);
		});
		if (!v(body)) failures.push(...failuresOf(v));
	}
	if (media?.exampleShape && success) {
		const v = validator(`res:${op.operationId}:${x.status}:shape`, () => {
			const shape = shapeSchema(media.exampleShape!, answerReadings(op));
			// A search row holds the `fields` asked for: the example's row asked for id and name.
			if (op.operationId === 'get_client_list') shape.properties.data.items.required = [];
			return shape;
		});
		if (!v(body)) failures.push(...failuresOf(v).map((f) => `not the example's shape: ${f}`));
	}
	if (recordedRecords(op, body)) failures = failures.filter((f) => !/(^|: )\/data\b/.test(f));
	if (!success) failures.push(...envelopeFailures(x.status, body));
	for (const exemption of READING_EXEMPTIONS) {
		if (x.readings?.[exemption.reading] !== exemption.value || !exemption.operations.includes(op.operationId)) continue;
		failures = failures.filter((f) => !exemption.problem.test(f));
	}
	return failures.slice(0, 5).map((f) => `${at}: ${f}`);
}

/**
 * Exchanges the check leaves out whole: requests a test sent by hand rather than through the node
 * (the `x-contract-skip` header), requests a test sent to a wrong Base URL on purpose (outside the
 * API's prefix: `outsideApi`, no Altegio operation at all), and the two-factor sign-in answer (below).
 */
export function isChecked(x: Exchange): boolean {
	if (x.outsideApi || header(x.headers, 'x-contract-skip') !== undefined) return false;
	return !isTwoFactorReading(x);
}

/**
 * Whether the answer is checked too. Not when a test injected a fault: the fault is an answer made
 * to break the contract (a truncated body, an HTML page, a status the operation does not declare), and
 * what the node does with it is the test's subject. The node's request is still checked.
 */
export const answerChecked = (x: Exchange): boolean => !x.fault;

/**
 * The sandbox's two-factor answer to POST /auth (200 with `data.uuid`, no user token) comes from
 * third-party evidence; the description defines no such answer (docs/altegio-api.md).
 */
function isTwoFactorReading(x: Exchange): boolean {
	const data = (x.response as { data?: { uuid?: unknown } } | null)?.data;
	return x.method === 'POST' && x.path === '/auth' && x.status === 200 && typeof data?.uuid === 'string';
}

export interface ContractReport {
	checked: number;
	operations: Set<string>;
	problems: string[];
}

export function checkExchanges(exchanges: Exchange[], report?: ContractReport): ContractReport {
	const out = report ?? { checked: 0, operations: new Set<string>(), problems: [] };
	for (const x of exchanges) {
		if (!isChecked(x)) continue;
		out.checked++;
		const found = findOperation(x.method, x.path);
		if (found) out.operations.add(found.op.operationId);
		// The node's requests keep the contract in every reading and under every fault; the sandbox's
		// answers in every reading, less what observed.ts accepts or exempts with its reason.
		out.problems.push(...requestProblems(x), ...(answerChecked(x) ? responseProblems(x) : []));
	}
	return out;
}
