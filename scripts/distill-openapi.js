#!/usr/bin/env node
'use strict';

/**
 * Distils the client operations of Altegio's official OpenAPI description into facts only:
 * paths, methods, parameters (in, name, type, required, enum), request body schemas (types,
 * required keys, enums, formats), status codes and response schemas. Where a response has no
 * schema, only an example, the example's SHAPE is kept (keys and JSON types, never values).
 * No prose, no example values: descriptions, summaries and examples are dropped.
 *
 * Source: Altegio "Business Management" B2B v1 description (OpenAPI 3.1.1),
 *   https://developer.alteg.io/_bundle/en/b2b-v1/openapi.yaml, downloaded 2026-07-22;
 *   input: the client-operations subset of that file as given to the project.
 *
 * Usage: node scripts/distill-openapi.js <path-to-openapi-subset.yaml> [out.json]
 *   (default out: test/contract/altegio-v1-clients.json). The contract tests read only the JSON.
 *
 * A few facts the description states only in prose (e.g. the search's page_size maximum) are
 * recorded as `facts` with the operation, restated in our own words, and marked `fromProse`.
 */

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const OPERATIONS = [
	'authorize_user',
	'get_location_list',
	'deprecated_get_client_list',
	'create_client',
	'get_client_list',
	'get_client',
	'update_client',
	'delete_client',
	'bulk_create_clients',
	'list_client_comments',
	'create_client_comment',
	'delete_client_comment',
	'get_client_file_list',
	'delete_client_file',
	'search_client_visits',
	'get_tag_list_by_entity',
	'get_custom_field_list',
];

/** Facts the description gives only in its prose, per operation (our wording, no quotes). */
const CLIENT_WRITE_VALUES = {
	gender_id: { enum: [0, 1, 2] },
	importance_id: { enum: [0, 1, 2, 3] },
	sms_check: { enum: [0, 1] },
	sms_not: { enum: [0, 1] },
	birth_date: { pattern: 'YYYY-MM-DD' },
	categoriesOrLabels: 'an array of tag ids',
};

const FACTS_FROM_PROSE = {
	create_client: { bodyValues: CLIENT_WRITE_VALUES },
	update_client: { bodyValues: CLIENT_WRITE_VALUES },
	bulk_create_clients: { bodyValues: CLIENT_WRITE_VALUES, maxItems: null },
	get_client_list: {
		bodyLimits: { page_size: { maximum: 200, default: 25 } },
	},
	deprecated_get_client_list: {
		// Named in the operation's description only, not in `parameters`.
		queryNotInParameters: {
			card: { type: 'string' },
			id: { type: 'number' },
			'id[]': { type: 'array' },
			changed_after: { type: 'string', pattern: 'YYYY-MM-DDTHH:MM:SS, no offset' },
			changed_before: { type: 'string', pattern: 'YYYY-MM-DDTHH:MM:SS, no offset' },
		},
		countMaximum: null,
	},
	search_client_visits: {
		pageSize: 25,
		paging: 'resend the body with from/to taken from meta.dateCursor.next',
		payment_statuses: 'an empty array when no filter is wanted',
	},
	get_tag_list_by_entity: { replacedBy: 'GET /api/v2/companies/{company_id}/tags?entity={entity}' },
	get_custom_field_list: { field_category: ['appointment', 'client'] },
};

/**
 * Three lists the node's pickers read (staff, services, service categories) are not in the client
 * subset. They are restated here from the same description's per-operation pages (Business
 * Management 1.0.0, developer.alteg.io/en/b2b-v1/openapi/team-members/get_team_member_list,
 * services/get_service_list, services/get_service_category_list): method, path, security,
 * parameters and the documented types of the 200 answer's fields. Facts only, no values.
 */
const num = { type: 'number' };
const int = { type: 'integer' };
const str = { type: 'string' };
const header = (name) => ({ in: 'header', name, required: true, schema: str });
const listAnswer = (item, meta) => ({
	200: {
		content: {
			'application/json': {
				schema: {
					type: 'object',
					properties: {
						success: { type: 'boolean' },
						data: { type: 'array', items: { type: 'object', properties: item } },
						meta,
					},
				},
			},
		},
	},
});
const FROM_OPERATION_PAGES = [
	{
		operationId: 'get_team_member_list',
		method: 'GET',
		path: '/staff/{location_id}',
		deprecated: false,
		security: ['BearerPartnerUser'],
		parameters: [
			{ in: 'path', name: 'location_id', required: true, schema: int },
			header('Accept'),
			header('Authorization'),
		],
		responses: listAnswer(
			{
				id: int,
				api_id: { type: ['integer', 'null'] },
				name: str,
				specialization: str,
				rating: num,
				show_rating: int,
				user_id: { type: ['integer', 'null'] },
				has_access_timetable: { type: 'boolean' },
				avatar: str,
				avatar_big: str,
				comments_count: int,
				votes_count: int,
				bookable: { type: 'boolean' },
				image_group: { type: 'array' },
				information: str,
				position_id: int,
				schedule_till: str,
				weight: int,
				fired: int,
				status: int,
				hidden: int,
				user: { type: 'array' },
				prepaid: str,
				// "Position object or empty array if unassigned"
				position: { type: ['object', 'array'] },
			},
			{ type: 'array' },
		),
	},
	{
		operationId: 'get_service_list',
		method: 'GET',
		path: '/services/{location_id}',
		deprecated: false,
		security: ['BearerPartnerUser'],
		parameters: [
			{ in: 'path', name: 'location_id', required: true, schema: num },
			header('Accept'),
			header('Authorization'),
			{ in: 'query', name: 'staff_id', required: false, schema: num },
			{ in: 'query', name: 'category_id', required: false, schema: num },
		],
		responses: listAnswer(
			{
				id: num,
				salon_service_id: num,
				title: str,
				booking_title: str,
				category_id: num,
				price_min: num,
				price_max: num,
				duration: num,
				discount: num,
				comment: str,
				weight: num,
				active: num,
				api_id: str,
			},
			{ type: 'array' },
		),
	},
	{
		operationId: 'get_service_category_list',
		method: 'GET',
		path: '/company/{location_id}/service_categories/{id}',
		deprecated: false,
		security: ['BearerPartnerUser'],
		parameters: [
			{ in: 'path', name: 'location_id', required: true, schema: num },
			// The page's summary calls the category ID optional (to work with one category).
			{ in: 'path', name: 'id', required: false, schema: num },
			header('Accept'),
			header('Content-Type'),
			header('Authorization'),
			{ in: 'query', name: 'staff_id', required: false, schema: num },
		],
		responses: listAnswer(
			{
				id: num,
				salon_service_id: num,
				title: str,
				api_id: str,
				weight: num,
				staff: { type: 'array' },
				is_chain: { type: 'boolean' },
			},
			// "object with total_count or empty array"
			{ type: ['object', 'array'] },
		),
		facts: { fromProse: { optionalPathParameter: 'id' } },
	},
];

/**
 * JSON Schema keywords kept (plus `exampleType`, our mark); everything else (description, example,
 * x-*, title as a keyword) goes.
 */
const KEEP = new Set([
	'type',
	'format',
	'enum',
	'required',
	'items',
	'properties',
	'additionalProperties',
	'oneOf',
	'anyOf',
	'allOf',
	'nullable',
	'default',
	'minimum',
	'maximum',
	'minLength',
	'maxLength',
	'minItems',
	'maxItems',
	'pattern',
	'deprecated',
	'$ref',
]);

function resolveRef(doc, ref) {
	if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
	return ref
		.slice(2)
		.split('/')
		.reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** A schema with its $refs inlined and only the structural keywords kept. */
function distilSchema(doc, schema, seen = []) {
	if (schema === null || typeof schema !== 'object') return schema;
	if (Array.isArray(schema)) return schema.map((s) => distilSchema(doc, s, seen));
	if (schema.$ref) {
		if (seen.includes(schema.$ref)) throw new Error(`recursive $ref: ${schema.$ref}`);
		return distilSchema(doc, resolveRef(doc, schema.$ref), [...seen, schema.$ref]);
	}
	const out = {};
	if (schema.example !== undefined && schema.type && !schema.properties) {
		// Record the example's JSON type (never its value) where it contradicts the declared type.
		const declared = [].concat(schema.type).map((t) => (t === 'integer' ? 'number' : t));
		const seen = [].concat(shapeOf(schema.example).type);
		if (seen.some((t) => !declared.includes(t))) out.exampleType = seen.length === 1 ? seen[0] : seen;
	}
	for (const [key, value] of Object.entries(schema)) {
		if (!KEEP.has(key)) continue;
		if (key === 'properties') {
			out.properties = {};
			for (const [name, sub] of Object.entries(value)) out.properties[name] = distilSchema(doc, sub, seen);
		} else if (key === 'items' || key === 'additionalProperties') {
			out[key] = typeof value === 'object' ? distilSchema(doc, value, seen) : value;
		} else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
			out[key] = value.map((s) => distilSchema(doc, s, seen));
		} else if (key === 'required' && !Array.isArray(value)) {
			// `required: false` on a body is OpenAPI's Request Body Object flag, not JSON Schema
			continue;
		} else {
			out[key] = value;
		}
	}
	return out;
}

/**
 * The written form of a date or date-time example, as a pattern with every digit run replaced by
 * its length and the offset's sign by [+-] (`2026-03-01T12:00:00-0500` →
 * `^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{4}$`): the form, never the value. Other strings: none.
 */
function datePatternOf(text) {
	if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
	const digits = (part) => part.replace(/\d+/g, (run) => `\\d{${run.length}}`);
	const offset = /^(.*\d{2}:\d{2}(?::\d{2})?)[+-](\d{2}:?\d{2})$/.exec(text);
	const body = offset ? `${digits(offset[1])}[+-]${digits(offset[2])}` : digits(text);
	return `^${body}$`;
}

/** The shape of an example: keys and JSON types, no values. Arrays keep one merged item shape. */
function shapeOf(value) {
	if (value === null) return { type: 'null' };
	if (Array.isArray(value)) {
		if (value.length === 0) return { type: 'array' };
		return { type: 'array', items: value.map(shapeOf).reduce(mergeShapes) };
	}
	if (typeof value === 'object') {
		const properties = {};
		for (const [key, sub] of Object.entries(value)) properties[key] = shapeOf(sub);
		return { type: 'object', properties, required: Object.keys(properties) };
	}
	if (typeof value === 'number') return { type: 'number' };
	if (typeof value === 'boolean') return { type: 'boolean' };
	const pattern = datePatternOf(value);
	return pattern ? { type: 'string', examplePattern: pattern } : { type: 'string' };
}

/**
 * Two example shapes seen in one array become one: keys united, differing types listed; a key is
 * `required` only when every item of the example has it.
 */
function mergeShapes(a, b) {
	const types = [...new Set([].concat(a.type, b.type))];
	const out = { type: types.length === 1 ? types[0] : types };
	if (a.properties || b.properties) {
		out.properties = { ...(a.properties || {}) };
		for (const [key, sub] of Object.entries(b.properties || {}))
			out.properties[key] = out.properties[key] ? mergeShapes(out.properties[key], sub) : sub;
		out.required = (a.required || []).filter((key) => (b.required || []).includes(key));
	}
	if (a.items || b.items) out.items = a.items && b.items ? mergeShapes(a.items, b.items) : a.items || b.items;
	// A written form holds only where every example that has the key writes it alike.
	if (a.examplePattern && a.examplePattern === b.examplePattern) out.examplePattern = a.examplePattern;
	return out;
}

function distilParameter(doc, parameter) {
	const p = parameter.$ref ? resolveRef(doc, parameter.$ref) : parameter;
	return {
		in: p.in,
		name: p.name,
		required: p.required === true,
		schema: distilSchema(doc, p.schema || {}),
	};
}

/**
 * The search's filter types and the shape of each one's `state`, as its example shows them (the
 * description types `state` loosely: `value` as numbers; the example names the types).
 */
function filterStatesOf(example) {
	const out = {};
	for (const filter of (example && example.filters) || []) {
		const shape = shapeOf(filter.state);
		out[filter.type] = out[filter.type] ? mergeShapes(out[filter.type], shape) : shape;
	}
	return out;
}

function distilContent(doc, content) {
	const out = {};
	for (const [mediaType, media] of Object.entries(content || {})) {
		const entry = {};
		if (media.schema) entry.schema = distilSchema(doc, media.schema);
		// The example sits beside the schema or, in some operations, inside it.
		const schema = media.schema && media.schema.$ref ? resolveRef(doc, media.schema.$ref) : media.schema;
		const example = media.example !== undefined ? media.example : schema && schema.example;
		if (example !== undefined) entry.exampleShape = shapeOf(example);
		if (example && Array.isArray(example.filters)) entry.exampleFilterStates = filterStatesOf(example);
		out[mediaType] = entry;
	}
	return out;
}

function distil(doc) {
	const operations = [];
	for (const [route, item] of Object.entries(doc.paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (!OPERATIONS.includes(op.operationId)) continue;
			const entry = {
				operationId: op.operationId,
				method: method.toUpperCase(),
				path: route,
				deprecated: op.deprecated === true,
				security: (op.security || []).map((s) => Object.keys(s)).flat(),
				parameters: (op.parameters || []).map((p) => distilParameter(doc, p)),
			};
			if (op.requestBody) {
				entry.requestBody = {
					required: op.requestBody.required === true,
					content: distilContent(doc, op.requestBody.content),
				};
			}
			entry.responses = {};
			for (const [status, response] of Object.entries(op.responses || {})) {
				entry.responses[status] = { content: distilContent(doc, response.content) };
			}
			if (FACTS_FROM_PROSE[op.operationId]) entry.facts = { fromProse: FACTS_FROM_PROSE[op.operationId] };
			operations.push(entry);
		}
	}
	const missing = OPERATIONS.filter((id) => !operations.some((o) => o.operationId === id));
	if (missing.length) throw new Error(`operations not in the input: ${missing.join(', ')}`);
	operations.sort((a, b) => OPERATIONS.indexOf(a.operationId) - OPERATIONS.indexOf(b.operationId));
	operations.push(...FROM_OPERATION_PAGES.map((op) => ({ ...op, fromOperationPage: true })));
	return {
		source: {
			url: 'https://developer.alteg.io/_bundle/en/b2b-v1/openapi.yaml',
			downloaded: '2026-07-22',
			openapi: doc.openapi,
			api: `${doc.info.title} ${doc.info.version}`,
			note: 'Facts only, produced by scripts/distill-openapi.js; regenerate, do not edit by hand.',
		},
		securitySchemes: Object.fromEntries(
			Object.entries((doc.components && doc.components.securitySchemes) || {}).map(([name, s]) => [
				name,
				{ type: s.type, ...(s.scheme ? { scheme: s.scheme } : {}), ...(s.in ? { in: s.in, name: s.name } : {}) },
			]),
		),
		operations,
	};
}

function main(argv) {
	const [input, output = path.join(__dirname, '..', 'test', 'contract', 'altegio-v1-clients.json')] = argv;
	if (!input) {
		process.stderr.write('usage: node scripts/distill-openapi.js <path-to-openapi-subset.yaml> [out.json]\n');
		process.exit(2);
	}
	const doc = YAML.parse(fs.readFileSync(input, 'utf8'));
	const result = distil(doc);
	fs.mkdirSync(path.dirname(output), { recursive: true });
	fs.writeFileSync(output, `${JSON.stringify(result, null, '\t')}\n`);
	process.stdout.write(`${result.operations.length} operations → ${path.relative(process.cwd(), output)}\n`);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { distil, shapeOf };
