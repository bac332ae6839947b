'use strict';

/**
 * E2E cases of the client operations (the table format: index.js), among them Create Many from
 * input items and the search by staff member and service.
 */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const {
	authHeaderOk,
	BIG,
	BIG_SIZE,
	clientsOf,
	items,
	LOC,
	only,
	requestsOf,
	rowOutcomes,
	sentBy,
} = require('../lib/caseKit');

/** Client > Get of client 3 of LOC, its ID posted in the body. */
const getThree = {
	needs: ['client.get'],
	parameters: { resource: 'client', operation: 'get', locationId: rl(LOC), clientId: rl('={{ $json.body.clientId }}') },
	body: () => ({ clientId: 3 }),
};

/**
 * Return All over the BIG_SIZE clients of BIG: each client once, in three pages of 200 (`pageOf`
 * reads a request's page number and size).
 */
function returnAllOfBig(name, path, operation, parameters, pageOf) {
	return {
		name,
		path,
		needs: [`client.${operation}`],
		parameters: { resource: 'client', operation, locationId: rl(BIG), returnAll: true, filters: {}, ...parameters },
		check(t) {
			const out = items(t);
			assert.equal(out.length, BIG_SIZE);
			assert.equal(new Set(out.map((o) => o.id)).size, BIG_SIZE, 'no duplicates');
			const pages = sentBy(t.calls, `client.${operation}`, { location: BIG }).map(pageOf);
			assert.deepEqual(
				pages.map((p) => [p.page, p.page_size]),
				[
					[1, 200],
					[2, 200],
					[3, 200],
				],
			);
		},
	};
}

const clientCases = [
	{
		name: 'client create',
		path: 'e2e-client-create',
		needs: ['client.create'],
		parameters: {
			resource: 'client',
			operation: 'create',
			locationId: rl(LOC),
			name: '={{ $json.body.name }}',
			phone: '={{ $json.body.phone }}',
			additionalFields: { surname: 'Lovelace', email: 'ada@example.com', comment: 'Created by the e2e suite' },
		},
		body: () => ({ name: 'Ada', phone: '+1 (646) 555-0199' }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.equal(out[0].name, 'Ada');
			assert.equal(out[0].surname, 'Lovelace');
			assert.ok(Number.isInteger(out[0].id), 'created client has a numeric id');
			const posts = sentBy(t.calls, 'client.create', { location: LOC });
			assert.equal(posts.length, 1, 'one POST /clients/{location}');
			authHeaderOk(posts[0]);
			assert.equal(posts[0].body.email, 'ada@example.com');
			const stored = t.sb.getClient(LOC, out[0].id);
			assert.ok(stored, 'the client exists in the sandbox');
			assert.equal(stored.phone, '16465550199');
		},
	},
	{
		name: 'client get',
		path: 'e2e-client-get',
		...getThree,
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.equal(out[0].id, 3);
			assert.equal(out[0].name, t.sb.getClient(LOC, 3).name);
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				[`GET /client/${LOC}/3`],
			);
			authHeaderOk(t.calls[0]);
		},
	},
	{
		name: 'client get simplified',
		path: 'e2e-client-get-simplified',
		...getThree,
		parameters: { ...getThree.parameters, output: 'simplified' },
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			const kept = ['id', 'name', 'surname', 'phone', 'email', 'birth_date', 'categories', 'visits', 'spent'];
			assert.deepEqual(Object.keys(out[0]).sort(), kept.sort());
			assert.equal(out[0].id, 3);
			const stored = t.sb.getClient(LOC, 3);
			assert.deepEqual(
				out[0].categories,
				stored.categories.map((id) => t.sb.state.tags[LOC].find((tag) => tag.id === id).title),
			);
		},
	},
	{
		name: 'client update',
		path: 'e2e-client-update',
		needs: ['client.update'],
		parameters: {
			resource: 'client',
			operation: 'update',
			locationId: rl(LOC),
			clientId: rl('={{ $json.body.clientId }}'),
			updateFields: { email: '={{ $json.body.email }}', discount: 10 },
			output: 'raw',
		},
		setup: (t) => ({ before: { ...t.sb.getClient(LOC, 4) } }),
		body: () => ({ clientId: 4, email: 'changed@example.com' }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.equal(out[0].email, 'changed@example.com');
			assert.equal(out[0].discount, 10);
			const puts = sentBy(t.calls, 'client.update', { location: LOC, client: 4 });
			assert.equal(puts.length, 1, 'one PUT');
			assert.ok(sentBy(t.calls, 'client.update', { location: LOC, client: 4 }, 0).length >= 1, 'read before the write');
			// PUT replaces the record: the untouched fields must have been sent back
			const after = t.sb.getClient(LOC, 4);
			assert.equal(after.name, t.state.before.name);
			assert.equal(after.phone, t.state.before.phone);
			assert.equal(after.surname, t.state.before.surname);
			assert.equal(after.email, 'changed@example.com');
		},
	},
	{
		name: 'client upsert',
		path: 'e2e-client-upsert',
		needs: ['client.upsert'],
		splitOut: 'body.items',
		parameters: {
			resource: 'client',
			operation: 'upsert',
			locationId: rl(LOC),
			name: '={{ $json.name }}',
			phone: '={{ $json.phone }}',
			additionalFields: { comment: 'upserted by e2e' },
		},
		setup: (t) => ({ existing: { ...t.sb.getClient(LOC, 5) } }),
		body: (t) => ({
			items: [
				{ name: 'Renamed Five', phone: `+${t.state.existing.phone}` },
				{ name: 'Brand New', phone: '13155550777' },
			],
		}),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 2);
			assert.equal(out[0].action, 'updated');
			assert.equal(out[0].id, 5);
			assert.equal(t.sb.getClient(LOC, 5).name, 'Renamed Five');
			assert.equal(out[1].action, 'created');
			assert.ok(t.sb.getClient(LOC, out[1].id), 'the new client exists');
		},
	},
	{
		name: 'client create many',
		path: 'e2e-client-create-many',
		needs: ['client.createMany'],
		parameters: {
			resource: 'client',
			operation: 'createMany',
			locationId: rl(LOC),
			rowsFrom: 'json',
			clients: '={{ $json.body.rows }}',
		},
		setup: (t) => ({ taken: t.sb.getClient(LOC, 6).phone }),
		body: (t) => ({
			rows: [
				{ name: 'Bulk One', phone: '13155550901' },
				{ name: 'Bulk Two', phone: t.state.taken },
				{ name: 'Bulk Three', phone: '13155550903', email: 'bulk3@example.com' },
			],
		}),
		check(t) {
			const out = rowOutcomes(t, [true, false, true]);
			assert.equal(out[0].name, 'Bulk One');
			assert.ok(/already exists/i.test(String(out[1].error)), `row 2 error: ${out[1].error}`);
			assert.equal(out[2].email, 'bulk3@example.com');
			assert.equal(sentBy(t.calls, 'client.createMany', { location: LOC }).length, 1, 'one bulk request');
		},
	},
	{
		name: 'client create many from items',
		path: 'e2e-client-create-many-items',
		needs: ['client.createMany'],
		splitOut: 'body.rows',
		parameters: {
			resource: 'client',
			operation: 'createMany',
			locationId: rl(LOC),
			name: '={{ $json.first }}',
			phone: '={{ $json.tel }}',
			additionalFields: { email: '={{ $json.mail }}' },
		},
		// Each output item links back to its row: the Set node after reads the row through the link.
		downstream: (altegio, split) => ({ fromRow: `={{ $('${split}').item.json.first }}` }),
		setup: (t) => ({ taken: t.sb.getClient(LOC, 7).phone }),
		body: (t) => ({
			rows: [
				{ first: 'Items One', tel: '+1 315 555 0911', mail: 'one@example.com' },
				{ first: 'Items Two', tel: t.state.taken, mail: 'two@example.com' },
				{ first: 'Items Three', tel: '+1 315 555 0913', mail: 'three@example.com' },
			],
		}),
		check(t) {
			const out = rowOutcomes(t, [true, false, true]);
			assert.deepEqual(
				out.map((o) => o.fromRow),
				['Items One', 'Items Two', 'Items Three'],
			);
			assert.equal(out[2].email, 'three@example.com');
			const bulk = only(t.calls, 'POST', new RegExp(`^/clients/${LOC}/bulk$`));
			assert.equal(bulk.length, 1, 'the three rows went in one bulk request');
			assert.deepEqual(
				bulk[0].body.map((row) => row.phone),
				['13155550911', t.state.taken, '13155550913'],
			);
		},
	},

	{
		name: 'client search',
		path: 'e2e-client-search',
		needs: ['client.getAll'],
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(LOC),
			returnAll: false,
			limit: 50,
			filters: { quickSearch: '={{ $json.body.q }}' },
			options: {},
		},
		body: () => ({ q: 'Martin' }),
		check(t) {
			const out = items(t);
			const expected = clientsOf(t.sb, LOC).filter((c) => `${c.name} ${c.surname}`.includes('Martin'));
			assert.ok(expected.length > 0, 'the demo data has a Martin');
			assert.equal(out.length, expected.length);
			for (const o of out) assert.ok(String(o.name).includes('Martin'), `${o.name} matches`);
			const search = sentBy(t.calls, 'client.getAll', { location: LOC });
			assert.equal(search.length, 1);
			assert.deepEqual(search[0].body.filters, [{ type: 'quick_search', state: { value: 'Martin' } }]);
		},
	},
	{
		name: 'client search by staff member and service',
		path: 'e2e-client-search-staff',
		needs: ['client.getAll'],
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(LOC),
			returnAll: true,
			filters: { staffIds: '={{ $json.body.staff }}', serviceIds: '={{ [$json.body.service] }}' },
			output: 'selectedFields',
			fields: ['name'],
		},
		setup: (t) => {
			const staff = t.sb.state.staff[LOC][2].id;
			const service = t.sb.state.services[LOC][3].id;
			t.sb.addVisit(LOC, 9, { date: '2026-02-02 10:00:00', staff, services: [{ id: service }] });
			const expected = [
				...new Set(
					t.sb.state.records
						.filter((r) => r.locationId === LOC && r.staff.id === staff && r.services.some((s) => s.id === service))
						.map((r) => r.clientId),
				),
			].sort((a, b) => a - b);
			return { staff, service, expected };
		},
		body: (t) => ({ staff: t.state.staff, service: String(t.state.service) }),
		check(t) {
			const out = items(t);
			assert.deepEqual(
				out.map((o) => o.id).sort((a, b) => a - b),
				t.state.expected,
			);
			for (const o of out) assert.deepEqual(Object.keys(o).sort(), ['id', 'name']);
			const search = only(t.calls, 'POST', new RegExp(`^/company/${LOC}/clients/search$`));
			assert.deepEqual(search[0].body.filters, [
				{ type: 'record', state: { staff: { value: [t.state.staff] }, service: { value: [t.state.service] } } },
			]);
			assert.deepEqual(search[0].body.fields, ['id', 'name']);
		},
	},

	{
		name: 'client search limit',
		path: 'e2e-client-search-limit',
		needs: ['client.getAll'],
		parameters: {
			resource: 'client',
			operation: 'getAll',
			locationId: rl(BIG),
			returnAll: false,
			limit: 7,
			filters: {},
			options: {},
		},
		check(t) {
			const out = items(t);
			assert.equal(out.length, 7);
			const search = sentBy(t.calls, 'client.getAll', { location: BIG });
			assert.equal(search.length, 1, 'one page is enough');
			assert.equal(search[0].body.page_size, 7);
		},
	},
	// The search sends page and page_size in its body, the full-record list page and count in its query.
	returnAllOfBig('client search return all', 'e2e-client-search-all', 'getAll', { options: {} }, (p) => p.body),
	returnAllOfBig('client list return all', 'e2e-client-legacy-all', 'getAllLegacy', {}, (p) => ({
		page: Number(p.query.page),
		page_size: Number(p.query.count),
	})),
	{
		name: 'client list filters',
		path: 'e2e-client-legacy-filter',
		needs: ['client.getAllLegacy'],
		parameters: {
			resource: 'client',
			operation: 'getAllLegacy',
			locationId: rl(LOC),
			returnAll: false,
			limit: 100,
			filters: { fullname: 'Martin', changedAfter: '2000-01-01T00:00:00' },
		},
		check(t) {
			const out = items(t);
			assert.ok(out.length > 0);
			for (const o of out) assert.ok(`${o.name} ${o.surname}`.includes('Martin'));
			const call = sentBy(t.calls, 'client.getAllLegacy', { location: LOC })[0];
			assert.equal(call.query.fullname, 'Martin');
			assert.ok(
				String(call.query.changed_after).startsWith('2000-01-01T00:00:00'),
				`changed_after=${call.query.changed_after}`,
			);
		},
	},
	{
		name: 'client delete',
		path: 'e2e-client-delete',
		needs: ['client.delete'],
		parameters: {
			resource: 'client',
			operation: 'delete',
			locationId: rl(LOC),
			clientId: rl('={{ $json.body.clientId }}'),
		},
		setup: (t) => ({ id: t.sb.addClient(LOC, { name: 'To Delete' }).id }),
		body: (t) => ({ clientId: t.state.id }),
		check(t) {
			const out = items(t);
			assert.deepEqual(out, [{ deleted: true }]);
			assert.equal(t.sb.getClient(LOC, t.state.id), null, 'gone from the sandbox');
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path} ${c.status}`),
				requestsOf('client.delete', { location: LOC, client: t.state.id }).map((r) => `${r} 204`),
			);
		},
	},
];

module.exports = { clientCases };
