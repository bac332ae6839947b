'use strict';

/**
 * Hostile servers for list reads: sandbox faults of kind `rewrite` that change the answer the
 * sandbox computed. Each factory returns a fault for `sb.addFault()`; it strikes every matching
 * request (`times: Infinity`) unless told otherwise. Page and size are read from the search's body
 * (`page`/`page_size`) or the deprecated list's query (`page`/`count`).
 */

const paging = (r) => (r.method === 'GET' ? r.query || {} : r.body || {});
const pageOf = (r) => Number(paging(r).page || 1);
const sizeOf = (r) => Number(paging(r).page_size || paging(r).count || 20);
const okBody = (body) => body && typeof body === 'object' && body.success === true;

function rewriting(path, rewrite, extra = {}) {
	return {
		kind: 'rewrite',
		when: 'after',
		path,
		times: Infinity,
		rewrite: (b, r) => (okBody(b) ? rewrite(b, r) : b),
		...extra,
	};
}

/**
 * Every page full of new clients, for ever. `total`: 'grows' (always one page more than read),
 * 'absent' (no `total_count`), or 'kept' (the true count, which the rows soon exceed).
 */
function neverEnding(path, total = 'grows') {
	return rewriting(path, (body, r) => {
		const page = pageOf(r);
		const size = sizeOf(r);
		const data = Array.from({ length: size }, (_, i) => {
			const id = 1_000_000 + (page - 1) * size + i;
			return { id, name: `Endless ${id}` };
		});
		const meta = { ...body.meta };
		if (total === 'grows') meta.total_count = (page + 1) * size;
		if (total === 'absent') delete meta.total_count;
		return { ...body, data, meta };
	});
}

/** Page `page` answers with the rows page 1 had: only clients already read. */
function repeatsFirstPage(path, page) {
	let first = null;
	return rewriting(path, (body, r) => {
		if (pageOf(r) === 1 && first === null) first = body.data;
		return pageOf(r) === page && first !== null ? { ...body, data: first } : body;
	});
}

/** Page `page` holds only its first `keep` rows; `total_count` still counts them all. */
function shortPage(path, page, keep) {
	return rewriting(path, (body, r) => (pageOf(r) === page ? { ...body, data: body.data.slice(0, keep) } : body));
}

/** Runs `act()` (e.g. deletes a client) right after page `page` was computed: the list changes mid-read. */
function changesAfterPage(path, page, act) {
	return rewriting(path, (body, r) => {
		if (pageOf(r) === page) act();
		return body;
	});
}

const cursorOf = (body) => (body.meta && body.meta.dateCursor) || {};
const withNext = (body, next) => ({
	...body,
	meta: { ...body.meta, dateCursor: { ...cursorOf(body), next: { count: 1, ...next } } },
});

/** History: once the walk is under way, the cursor points back to the window just read. */
function cursorStandsStill(path) {
	return rewriting(path, (body, r) =>
		r.body && r.body.to ? withNext(body, { from: r.body.from, to: r.body.to }) : body,
	);
}

/** History: once under way, the cursor jumps to a later window than the one just read. */
function cursorStepsForward(path) {
	return rewriting(path, (body, r) =>
		r.body && r.body.to ? withNext(body, { from: r.body.to, to: '2099-12-31' }) : body,
	);
}

/** History: the first cursor points after the end of the period asked for. */
function cursorLeavesPeriod(path) {
	return rewriting(path, (body) => withNext(body, { from: '2099-01-01', to: '2099-12-31' }), { times: 1 });
}

/** History: cursor dates as date-times ('2020-02-01 00:00:00'), or as `text(day)` to malform them. */
function cursorDates(path, text = (d) => `${d} 00:00:00`) {
	return rewriting(path, (body) => {
		const next = cursorOf(body).next || {};
		if (next.to === null || next.to === undefined) return body;
		return withNext(body, { ...next, from: next.from === null ? null : text(next.from), to: text(next.to) });
	});
}

/** History: the cursor keeps pointing on while every page repeats the first one's items. */
function historyRepeats(path) {
	let first = null;
	let day = 2000;
	return rewriting(path, (body) => {
		if (first === null) first = body.data;
		day -= 1;
		return withNext({ ...body, data: first }, { from: `${day}-01-01`, to: `${day}-12-31` });
	});
}

module.exports = {
	neverEnding,
	repeatsFirstPage,
	shortPage,
	changesAfterPage,
	cursorStandsStill,
	cursorStepsForward,
	cursorLeavesPeriod,
	cursorDates,
	historyRepeats,
};
