'use strict';

/**
 * POST /company/{loc}/clients/visits/search — a client's appointments and product sales,
 * newest first, in pages of 25 items with a date cursor.
 *
 * Paging as documented: records and goods transactions are one list sorted by date (newest first);
 * a page takes 25 items plus every further item sharing the DATE of the 25th, so a date never
 * straddles two pages. meta.dateCursor.next = {to: date of the next remaining item, from: date of
 * the oldest item the next page will hold, count}; the client resends the same body with those
 * from/to. Sandbox reading of an undocumented detail: `previous` and `next` are computed over the
 * client's whole history (the request's from/to only bound the current page, otherwise paging
 * could never leave the window it was given), so a caller with its own date window must stop by
 * itself once next.to is older than its `from`.
 */

const { ApiError, ok, validationError, isDateOnly, isoColon, parseDateTime, route } = require('./util');

const PAGE_SIZE = 25;
const REQUIRED = ['client_id', 'client_phone', 'from', 'to', 'payment_statuses', 'attendance'];
const PAYMENT_STATUSES = ['not_paid', 'paid_not_full', 'paid_full', 'paid_over'];
const AVATAR = 'https://api.alteg.io/images/no-master.png';
const AVATAR_BIG = 'https://api.alteg.io/images/no-master-big.png';

const invalid = (msg) => validationError('An error has occurred.', [msg]);
const day = (item) => item.date.slice(0, 10);

function parseBody(body) {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw invalid('request body must be a JSON object');
	const missing = REQUIRED.filter((k) => !Object.prototype.hasOwnProperty.call(body, k));
	if (missing.length)
		throw validationError(
			'An error has occurred.',
			missing.map((k) => `${k} is required`),
		);
	if (!Array.isArray(body.payment_statuses)) throw invalid('payment_statuses must be an array');
	for (const s of body.payment_statuses) {
		if (!PAYMENT_STATUSES.includes(s))
			throw invalid(`payment_statuses must contain only ${PAYMENT_STATUSES.join(', ')}`);
	}
	// A number or a numeric string that `fits`; null stays null (the key is required, its value not).
	const number = (k, fits, message) => {
		const v = body[k];
		if (v === null) return null;
		if (typeof v === 'object' || typeof v === 'boolean' || !fits(Number(v))) throw invalid(message);
		return Number(v);
	};
	const attendance = number('attendance', (n) => [-1, 0, 1, 2].includes(n), 'attendance must be one of -1, 0, 1, 2');
	const clientId = number('client_id', (n) => Number.isInteger(n) && n >= 1, 'client_id must be an integer');
	let clientPhone = null;
	if (body.client_phone !== null) {
		if (typeof body.client_phone !== 'string' && typeof body.client_phone !== 'number')
			throw invalid('client_phone must be a string');
		clientPhone = String(body.client_phone).replace(/\D/g, '');
		if (!clientPhone) throw invalid('client_phone must contain digits');
	}
	if (clientId === null && clientPhone === null) throw invalid('client_id or client_phone is required');
	const date = (k) => {
		const v = body[k];
		if (v === null) return null;
		if (typeof v !== 'string') throw invalid(`${k} must be a date (YYYY-MM-DD)`);
		const d = v.trim().slice(0, 10);
		if (!isDateOnly(d) || !/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(v.trim()))
			throw invalid(`${k} must be a date (YYYY-MM-DD)`);
		return d;
	};
	return {
		clientId,
		clientPhone,
		from: date('from'),
		to: date('to'),
		paymentStatuses: body.payment_statuses,
		attendance,
	};
}

function staffObject(loc, s) {
	return {
		id: s.id,
		name: s.name,
		company_id: loc.id,
		specialization: s.specialization || '',
		avatar: s.avatar || AVATAR,
		avatar_big: s.avatar_big || AVATAR_BIG,
		position: s.position ? { id: s.position.id, title: s.position.title } : null,
		is_paid_staff: s.is_paid_staff !== undefined ? s.is_paid_staff : true,
	};
}

/** A stored local date-time as the description's example writes it: ISO 8601 with the location's offset. */
const shownDate = (loc, local) => isoColon(parseDateTime(local, loc.timezone_name), loc.timezone_name);

function serializeRecord(loc, r) {
	const out = {
		id: r.id,
		comment: r.comment,
		date: shownDate(loc, r.date),
		visit_id: r.visit_id,
		attendance: r.attendance,
		services: r.services.map((s) => ({
			id: s.id,
			title: s.title,
			first_cost: s.first_cost,
			discount_percent: s.discount_percent,
			cost_to_pay: s.cost_to_pay,
			paid_sum: s.paid_sum,
			payment_status: s.payment_status,
			consumables: s.consumables.map((c) => ({
				title: c.title,
				amount: c.amount,
				cost_per_unit: c.cost_per_unit,
				unit: c.unit,
			})),
		})),
		staff: staffObject(loc, r.staff),
		company: { id: loc.id, title: loc.title },
		tips: { has_tips: Boolean(r.tips && r.tips.has_tips), sum: r.tips && r.tips.sum !== undefined ? r.tips.sum : null },
	};
	// `comer` is omitted when there is no visitor
	if (r.comer) out.comer = { id: r.comer.id, title: r.comer.title, slug: r.comer.slug };
	return out;
}

function serializeGoods(loc, g) {
	return {
		id: g.id,
		comment: g.comment,
		date: shownDate(loc, g.date),
		visit_id: g.visit_id,
		record_id: g.record_id,
		goods: g.goods.map((x) => ({
			id: x.id,
			title: x.title,
			amount: x.amount,
			unit: x.unit,
			cost_per_unit: x.cost_per_unit,
			first_cost: x.first_cost,
			discount_percent: x.discount_percent,
			cost_to_pay: x.cost_to_pay,
			paid_sum: x.paid_sum,
			payment_status: x.payment_status,
		})),
		staff: staffObject(loc, g.staff),
		company: { id: loc.id, title: loc.title },
	};
}

/** How many items of a newest-first list make one page (25 + the rest of the 25th item's date). */
function pageLength(list) {
	if (list.length <= PAGE_SIZE) return list.length;
	const boundary = day(list[PAGE_SIZE - 1]);
	let n = PAGE_SIZE;
	while (n < list.length && day(list[n]) === boundary) n++;
	return n;
}

const emptyCursor = () => ({ to: null, from: null, count: null });

function cursorOf(group) {
	if (!group.length) return emptyCursor();
	return { to: day(group[0]), from: day(group[group.length - 1]), count: group.length };
}

function searchVisits(ctx) {
	const { state, location: loc } = ctx;
	const q = parseBody(ctx.body);
	let client;
	if (q.clientId !== null) {
		client = state.clients.find((c) => c.locationId === loc.id && c.id === q.clientId);
	} else {
		client = state.clients.find((c) => c.locationId === loc.id && c.phone === q.clientPhone);
	}
	if (!client) throw new ApiError(404, 'Client not found');

	const records = state.records.filter((r) => r.locationId === loc.id && r.clientId === client.id);
	const recordById = new Map(records.map((r) => [r.id, r]));
	const statuses = q.paymentStatuses;
	const items = [];
	for (const r of records) {
		if (q.attendance !== null && r.attendance !== q.attendance) continue;
		if (statuses.length && !r.services.some((s) => statuses.includes(s.payment_status))) continue;
		items.push({ kind: 0, date: r.date, id: r.id, src: r });
	}
	for (const g of state.goodsTransactions) {
		if (g.locationId !== loc.id || g.clientId !== client.id) continue;
		if (q.attendance !== null) {
			// a sale follows the attendance of the appointment it belongs to; a stand-alone sale has none
			const rec = g.record_id
				? recordById.get(g.record_id)
				: records.find((r) => g.visit_id && r.visit_id === g.visit_id);
			if (!rec || rec.attendance !== q.attendance) continue;
		}
		if (statuses.length && !g.goods.some((x) => statuses.includes(x.payment_status))) continue;
		items.push({ kind: 1, date: g.date, id: g.id, src: g });
	}
	// newest first; same timestamp: appointments before sales, then higher id first
	items.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.kind - b.kind || b.id - a.id));

	const inWindow = items.filter((it) => (q.from === null || day(it) >= q.from) && (q.to === null || day(it) <= q.to));
	const page = inWindow.slice(0, pageLength(inWindow));

	let older;
	if (page.length) older = items.filter((it) => day(it) < day(page[page.length - 1]));
	else older = q.from === null ? [] : items.filter((it) => day(it) < q.from);
	const next = older.slice(0, pageLength(older));

	let newer;
	if (page.length) newer = items.filter((it) => day(it) > day(page[0]));
	else newer = q.to === null ? [] : items.filter((it) => day(it) > q.to);
	// the page just above the current one: the oldest 25 newer items plus the rest of the 25th item's date
	const newerAsc = [...newer].reverse();
	const prevAsc = newerAsc.slice(0, pageLength(newerAsc));
	const previous = [...prevAsc].reverse();

	const current = page.length ? cursorOf(page) : { to: q.to, from: q.from, count: 0 };
	const withCursor = ((ctx.options && ctx.options.readings) || {}).historyCursor !== 'absent';
	return ok(
		200,
		{
			records: page.filter((it) => it.kind === 0).map((it) => serializeRecord(loc, it.src)),
			goods_transactions: page.filter((it) => it.kind === 1).map((it) => serializeGoods(loc, it.src)),
		},
		// historyCursor `absent`: no cursor at all, as no public sample shows but nothing rules out.
		withCursor ? { dateCursor: { previous: cursorOf(previous), current, next: cursorOf(next) } } : [],
	);
}

const routes = [route('POST', '/company/{locationId}/clients/visits/search', searchVisits)];

module.exports = { routes, PAGE_SIZE };
