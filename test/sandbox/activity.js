'use strict';

/**
 * What happens around a client in the sandbox's data: comments, files, visits (appointments) and
 * product sales. Each adds to `state` as test seeding, without API validation.
 */

const { rngFrom, normalizeLocalDateTime } = require('./util');
const { requireLocation, requireClient } = require('./state');

function toMs(value, fallback) {
	if (value === undefined || value === null) return fallback;
	if (typeof value === 'number') return value;
	const t = new Date(value).getTime();
	return Number.isNaN(t) ? fallback : t;
}

/** The ID a seeded record of `kind` gets: the one asked for (the sequence moves past it), else the next. */
function takeId(state, kind, asked) {
	const id = asked !== undefined ? Number(asked) : ++state.seq[kind];
	if (id > state.seq[kind]) state.seq[kind] = id;
	return id;
}

/** A text comment ('default') or a file-upload entry ('file'). */
function addComment(state, clock, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const type = opts.type === 'file' ? 'file' : 'default';
	const now = toMs(opts.create_date, clock.now());
	const comment = {
		id: takeId(state, 'comment', opts.id),
		locationId: loc.id,
		clientId: Number(clientId),
		type,
		text: type === 'file' ? '' : String(opts.text !== undefined ? opts.text : 'Comment for a client'),
		files: (opts.files || []).map((f, i) => ({
			link: f.link || `https://api.alteg.io/client_files/download/${loc.id}/${f.id || 900000 + i}/`,
			filename: f.filename || f.name || `file-${i + 1}.pdf`,
		})),
		created_at: now,
		updated_at: toMs(opts.update_date, now),
		user:
			opts.user === null
				? null
				: { id: state.user.id, name: state.user.name, avatar: state.user.avatar, ...(opts.user || {}) },
	};
	state.comments.push(comment);
	return comment;
}

const MIME = {
	pdf: 'application/pdf',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	txt: 'text/plain',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A client file. Like a real upload it also writes a 'file' entry into the client's comments,
 * unless `withComment: false`.
 */
function addFile(state, clock, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const id = takeId(state, 'file', opts.id);
	const name = opts.name || `document-${id}.pdf`;
	const extension = (opts.extension || (name.includes('.') ? name.split('.').pop() : 'pdf')).toLowerCase();
	const file = {
		id,
		locationId: loc.id,
		clientId: Number(clientId),
		name,
		description: opts.description !== undefined ? opts.description : '',
		extension,
		mime: opts.mime || MIME[extension] || 'application/octet-stream',
		size_bytes: opts.size !== undefined ? Number(opts.size) : 98970,
		user_name: opts.user_name !== undefined ? opts.user_name : state.user.name,
		user_avatar: opts.user_avatar !== undefined ? opts.user_avatar : state.user.avatar,
		can_edit: opts.can_edit !== undefined ? Boolean(opts.can_edit) : true,
		created_at: toMs(opts.date_create, clock.now()),
	};
	// For downloads: the bytes, a link elsewhere, or a redirect from the API's host to elsewhere.
	if (opts.content !== undefined) file.content = opts.content;
	if (opts.content !== undefined && opts.size === undefined) file.size_bytes = Buffer.byteLength(opts.content);
	if (opts.link !== undefined) file.link = opts.link;
	if (opts.redirectTo !== undefined) file.redirectTo = opts.redirectTo;
	state.files.push(file);
	if (opts.withComment !== false) {
		addComment(state, clock, loc.id, clientId, {
			type: 'file',
			files: [{ link: `https://api.alteg.io/client_files/download/${loc.id}/${id}/`, filename: name }],
			create_date: file.created_at,
		});
	}
	return file;
}

function paymentStatus(costToPay, paid) {
	if (!paid) return 'not_paid';
	if (paid < costToPay) return 'paid_not_full';
	if (paid === costToPay) return 'paid_full';
	return 'paid_over';
}

/**
 * The money of a service or product line: `line`'s own figures where it gives them, else the full
 * price `firstCost` less its discount, paid in full when `paidByDefault`.
 */
function lineMoney(line, firstCost, paidByDefault) {
	const discount = line.discount_percent || 0;
	const costToPay = line.cost_to_pay !== undefined ? line.cost_to_pay : Math.round(firstCost * (100 - discount)) / 100;
	const paid = line.paid_sum !== undefined ? line.paid_sum : paidByDefault ? costToPay : 0;
	return {
		first_cost: firstCost,
		discount_percent: discount,
		cost_to_pay: costToPay,
		paid_sum: paid,
		payment_status: line.payment_status || paymentStatus(costToPay, paid),
	};
}

/** What a visit and a sale both hold: ID, location, client, comment, date. */
function dated(state, kind, loc, clientId, opts) {
	return {
		id: takeId(state, kind, opts.id),
		locationId: loc.id,
		clientId: Number(clientId),
		comment: opts.comment || '',
		date: normalizeDate(opts.date),
	};
}

function resolveStaff(state, locId, staff) {
	const list = state.staff[locId] || [];
	if (staff === undefined || staff === null) return { ...rngFrom(state).pick(list) };
	if (typeof staff === 'number') return { ...(list.find((s) => s.id === staff) || list[0]), id: staff };
	return { ...list[0], ...staff };
}

function normalizeDate(date) {
	const d = normalizeLocalDateTime(date);
	if (!d) throw new Error(`sandbox: bad date ${JSON.stringify(date)} (want 'YYYY-MM-DD HH:MM:SS')`);
	return d;
}

/**
 * A visit record (appointment). `attendance`: -1 no-show, 0 waiting, 1 arrived (default), 2 confirmed.
 * `services`: partial service lines; default one service from the location's catalog, paid in full when arrived.
 */
function addVisit(state, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const rng = rngFrom(state);
	const attendance = opts.attendance !== undefined ? Number(opts.attendance) : 1;
	const srcServices = opts.services || [{}];
	const services = srcServices.map((s) => {
		const cat = s.id ? state.services[loc.id].find((x) => x.id === s.id) || {} : rng.pick(state.services[loc.id]);
		const firstCost = s.first_cost !== undefined ? s.first_cost : s.cost !== undefined ? s.cost : cat.cost || 50;
		return {
			id: s.id || cat.id,
			title: s.title || cat.title || 'Service',
			...lineMoney(s, firstCost, attendance === 1),
			consumables: s.consumables || [],
		};
	});
	const record = {
		...dated(state, 'record', loc, clientId, opts),
		visit_id: takeId(state, 'visit', opts.visit_id),
		attendance,
		services,
		staff: resolveStaff(state, loc.id, opts.staff),
		tips: opts.tips || { has_tips: false, sum: null },
	};
	if (opts.comer) record.comer = opts.comer;
	state.records.push(record);
	return record;
}

/** A product sale. `goods`: partial lines; default one catalog item sold (amount -1) and paid. */
function addGoodsTransaction(state, locationId, clientId, opts = {}) {
	const loc = requireLocation(state, locationId);
	requireClient(state, loc.id, clientId);
	const rng = rngFrom(state);
	const goods = (opts.goods || [{}]).map((g) => {
		const cat = g.id ? state.goods[loc.id].find((x) => x.id === g.id) || {} : rng.pick(state.goods[loc.id]);
		const amount = g.amount !== undefined ? g.amount : -1;
		const perUnit = g.cost_per_unit !== undefined ? g.cost_per_unit : cat.cost || 10;
		const firstCost = g.first_cost !== undefined ? g.first_cost : Math.abs(amount) * perUnit;
		return {
			id: g.id || cat.id,
			title: g.title || cat.title || 'Product',
			amount,
			unit: g.unit || cat.unit || 'pcs',
			cost_per_unit: perUnit,
			...lineMoney(g, firstCost, true),
		};
	});
	const tx = {
		...dated(state, 'goodsTransaction', loc, clientId, opts),
		visit_id: opts.visit_id !== undefined ? Number(opts.visit_id) : 0,
		record_id: opts.record_id !== undefined ? Number(opts.record_id) : 0,
		goods,
		staff: resolveStaff(state, loc.id, opts.staff),
	};
	state.goodsTransactions.push(tx);
	return tx;
}

module.exports = { addComment, addFile, addVisit, addGoodsTransaction };
