'use strict';

/**
 * The location's staff, services and service categories, behind the client search's pickers:
 *   GET /staff/{location_id}                              team members (get_team_member_list)
 *   GET /services/{location_id}                           services, optional staff_id / category_id
 *   GET /company/{location_id}/service_categories[/{id}]  service categories (the id is optional in
 *                                                         the docs' prose, required in their path)
 * Shapes follow the official examples (developer.alteg.io, B2B v1: Team Members, Services). The
 * catalog is the one visits draw from (state.js catalogFor), so a filter by a picked staff member,
 * service or category finds the clients who had it.
 */

const { ApiError, ok, route } = require('./util');

function listStaff(ctx) {
	const { state, location } = ctx;
	const data = (state.staff[location.id] || []).map((s, index) => ({
		id: s.id,
		api_id: null,
		name: s.name,
		specialization: s.specialization,
		rating: 0,
		show_rating: 0,
		user_id: null,
		has_access_timetable: false,
		avatar: 'https://api.alteg.io/images/no-master-sm.png',
		avatar_big: 'https://api.alteg.io/images/no-master.png',
		comments_count: 0,
		votes_count: 0,
		bookable: true,
		image_group: [],
		information: '',
		position_id: s.position ? s.position.id : 0,
		schedule_till: '2026-12-31',
		weight: 100 - index,
		fired: s.fired ? 1 : 0,
		status: 0,
		hidden: 0,
		user: [],
		prepaid: 'forbidden',
		// An empty array when the member has no position, as the docs say.
		position: s.position ? { ...s.position } : [],
	}));
	return ok(200, data, []);
}

function listServices(ctx) {
	const { state, location, query } = ctx;
	const categoryId = query.category_id !== undefined ? Number(query.category_id) : undefined;
	const staffId = query.staff_id !== undefined ? Number(query.staff_id) : undefined;
	if (staffId !== undefined && !(state.staff[location.id] || []).some((s) => s.id === staffId)) {
		throw new ApiError(404, 'Team Member not found.');
	}
	const data = (state.services[location.id] || [])
		.filter((s) => categoryId === undefined || s.category_id === categoryId)
		.map((s, index) => ({
			id: s.id,
			salon_service_id: s.id + 500000,
			title: s.title,
			booking_title: s.title,
			category_id: s.category_id,
			price_min: s.cost,
			price_max: s.cost,
			duration: 3600,
			discount: 0,
			comment: '',
			weight: index + 1,
			active: 1,
			api_id: '',
		}));
	return ok(200, data, []);
}

function listCategories(ctx) {
	const { state, location, params } = ctx;
	const staffIds = (state.staff[location.id] || []).map((s) => s.id);
	let list = state.serviceCategories[location.id] || [];
	if (params.id !== undefined) {
		list = list.filter((c) => c.id === Number(params.id));
		if (!list.length) throw new ApiError(404, 'Service category does not exist.');
	}
	const data = list.map((c, index) => ({
		id: c.id,
		salon_service_id: c.id + 500000,
		title: c.title,
		api_id: '',
		weight: list.length - index,
		staff: staffIds,
		is_chain: false,
	}));
	return ok(200, data, { total_count: data.length });
}

const routes = [
	route('GET', '/staff/{locationId}', listStaff),
	route('GET', '/services/{locationId}', listServices),
	route('GET', '/company/{locationId}/service_categories(?:/{id})?', listCategories),
];

module.exports = { routes };
