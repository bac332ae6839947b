'use strict';

/**
 * The two lists behind the node's pickers:
 *   GET /labels/{location_id}/{entity}        the location's tags (deprecated in the official OpenAPI
 *                                             description, which points to v2; still documented)
 *   GET /custom_fields/{category}/{location_id}   the location's custom field definitions
 *
 * Tags come from state.tags (seeded per location). Custom field definitions are fixed per
 * location here: the keys match the values seeded clients carry (preferred_day, source), plus one
 * field the UI hides, to show that the picker still offers it. Shapes follow the official examples:
 * tag ids as numbers (the schema says strings), each custom field wrapped as
 * `{id, salon_id, custom_field: {...}}`.
 */

const { ok, validationError, route } = require('./util');

// The official description documents the entity also as a number (0..3).
const ENTITIES = { common: 0, client: 1, record: 2, activity: 3 };

const CUSTOM_FIELDS = [
	{ id: 11, code: 'preferred_day', title: 'Preferred day', type: { code: 'list', title: 'List' }, show_in_ui: true },
	{ id: 12, code: 'source', title: 'Source', type: { code: 'text', title: 'Text' }, show_in_ui: true },
	{
		id: 13,
		code: 'favourite_master',
		title: 'Favourite master',
		type: { code: 'text', title: 'Text' },
		show_in_ui: false,
	},
];

function listLabels(ctx) {
	const { state, location, params } = ctx;
	const entity = params.entity in ENTITIES ? ENTITIES[params.entity] : Number(params.entity);
	if (!Object.values(ENTITIES).includes(entity)) throw validationError(`Unknown entity ${params.entity}`);
	// The sandbox's tags are all client tags.
	const tags = entity === ENTITIES.client ? state.tags[location.id] || [] : [];
	const data = tags.map((t) => ({
		id: t.id,
		salon_id: location.id,
		title: t.title,
		color: t.color,
		icon: '',
		entity,
		deleted: 0,
		not_editable: 0,
	}));
	return ok(200, data, []);
}

function listCustomFields(ctx) {
	const { location, params } = ctx;
	if (params.category !== 'client' && params.category !== 'record') {
		throw validationError(`Unknown field category ${params.category}`);
	}
	const fields = params.category === 'client' ? CUSTOM_FIELDS : [];
	const data = fields.map((f) => ({
		id: f.id + 1000,
		salon_id: location.id,
		custom_field: {
			id: f.id,
			code: f.code,
			entity_type: params.category,
			show_in_ui: f.show_in_ui,
			title: f.title,
			user_can_edit: true,
			type: { ...f.type },
			...(f.type.code === 'list' ? { values: 'Monday\nFriday' } : {}),
		},
	}));
	return ok(200, data, []);
}

const routes = [
	route('GET', '/labels/{locationId}/{entity:\\w+}', listLabels),
	route('GET', '/custom_fields/{category:\\w+}/{locationId}', listCustomFields),
];

module.exports = { routes, CUSTOM_FIELDS };
