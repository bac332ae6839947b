'use strict';

/**
 * E2E cases under the sandbox's readings of what Altegio was seen to send (test/sandbox/readings.js,
 * docs/altegio-api.md "Observed"): a case's `readings` are in effect for its call only (run.js sets
 * them before the call and restores the defaults after). The table format: index.js.
 */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { items, LOC, only } = require('../lib/caseKit');
const { RICH_FIELDS } = require('../../sandbox/demo');

/** A client with what an edit must keep: tags, gender, importance, middle name, custom fields, money. */
function richClient(sb, name) {
	return sb.addClient(LOC, {
		name,
		surname: 'Keep',
		...RICH_FIELDS,
		birth_date: '1900-05-04',
		spent: 120,
		balance: -15,
	});
}

const KEPT = ['surname', ...Object.keys(RICH_FIELDS), 'spent', 'balance'];
const pick = (client) => Object.fromEntries(KEPT.map((key) => [key, client[key]]));

/**
 * Client > Update of a rich client named `name`, once per comment in `comments` (each one posted
 * item); `t.state` holds the client's ID and what it kept.
 */
const update = (path, name, comments) => ({
	path,
	needs: ['client.update'],
	splitOut: 'body.items',
	parameters: {
		resource: 'client',
		operation: 'update',
		locationId: rl(LOC),
		clientId: rl('={{ $json.clientId }}'),
		updateFields: { comment: '={{ $json.comment }}' },
		// These cases compare the record as Altegio sent it.
		output: 'raw',
	},
	setup: (t) => {
		const client = richClient(t.sb, name);
		return { id: client.id, before: pick(client) };
	},
	body: (t) => ({ items: comments.map((comment) => ({ clientId: t.state.id, comment })) }),
});

const readingCases = [
	{
		name: 'readings: tags read as labels, then not shown at all; an edit keeps them',
		...update('e2e-readings-tags', 'Tagged', ['labels']),
		readings: { cardTags: 'labels', putSemantics: 'resetOmitted' },
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1);
			assert.deepEqual(
				out[0].labels.map((tag) => tag.id),
				[1, 3],
				'the output keeps the key Altegio sent (labels)',
			);
			assert.equal(out[0].categories, undefined, 'no key Altegio did not send');
			const puts = only(t.calls, 'PUT', new RegExp(`^/client/${LOC}/${t.state.id}$`));
			assert.deepEqual(puts[0].body.labels, [1, 3], 'the tags are sent back');
			assert.deepEqual(pick(t.sb.getClient(LOC, t.state.id)), t.state.before, 'nothing else changed');
		},
	},
	{
		name: 'readings: tags not shown on the card are read from the list; the edit keeps them',
		...update('e2e-readings-tags-absent', 'Untagged', ['absent']),
		readings: { cardTags: 'absent', putSemantics: 'resetOmitted' },
		check(t) {
			const out = items(t);
			assert.equal(out[0].comment, 'absent');
			assert.equal(out[0].categories, undefined, 'the output does not invent tags');
			assert.equal(only(t.calls, 'GET', new RegExp(`^/clients/${LOC}$`)).length, 1, 'the list was asked');
			assert.deepEqual(pick(t.sb.getClient(LOC, t.state.id)), t.state.before, 'tags and the rest kept');
		},
	},
	{
		name: 'readings: recorded list rows, Russian labels, a PUT that resets what it omits',
		// Twice: the first edit learns that this host resets omitted money, the second sends it at once.
		...update('e2e-readings-recorded', 'Recorded', ['first', 'second']),
		readings: {
			clientShape: 'localised',
			listRows: 'recorded',
			labelLanguage: 'ru',
			cardTags: 'absent',
			putSemantics: 'resetOmitted',
		},
		check(t) {
			const out = items(t);
			assert.equal(out.length, 2);
			assert.equal(out[1].comment, 'second');
			assert.equal(out[1].gender, 'Женский');
			const after = t.sb.getClient(LOC, t.state.id);
			assert.deepEqual(pick(after), t.state.before, 'gender, importance, tags, middle name and money kept');
			assert.equal(after.birth_date, '1900-05-04', 'a birthday without its year kept as written');
			const puts = only(t.calls, 'PUT', new RegExp(`^/client/${LOC}/${t.state.id}$`));
			assert.ok(puts.length <= 3, `at most one extra write, on the first edit (${puts.length} PUTs)`);
			const last = puts.at(-1).body;
			assert.equal(last.spent, 120, 'the second edit sends the money in its one write');
			assert.equal(last.gender_id, 2);
			assert.equal(last.middle_name, 'May');
		},
	},
	{
		name: 'readings: the list as recorded is read and passed on as sent',
		path: 'e2e-readings-list',
		needs: ['client.getAllLegacy'],
		readings: { listRows: 'recorded', labelLanguage: 'ru' },
		parameters: {
			resource: 'client',
			operation: 'getAllLegacy',
			locationId: rl(LOC),
			returnAll: false,
			limit: 3,
			filters: {},
			output: 'raw',
		},
		check(t) {
			const out = items(t);
			assert.equal(out.length, 3);
			for (const row of out) {
				assert.equal(typeof row.sex_id, 'number');
				assert.ok('patronymic' in row && !('middle_name' in row), 'the keys Altegio sent, no others');
				assert.ok(String(row.phone).startsWith('+'));
			}
		},
	},
	{
		name: 'readings: a history answer without its cursor still gives the whole history',
		path: 'e2e-readings-history',
		needs: ['history.getAll'],
		readings: { historyCursor: 'absent' },
		parameters: {
			resource: 'history',
			operation: 'getAll',
			locationId: rl(LOC),
			searchBy: 'clientId',
			clientId: rl(1),
			returnAll: true,
			filters: {},
		},
		check(t) {
			const out = items(t);
			const records = t.sb.state.records.filter((r) => r.locationId === LOC && r.clientId === 1);
			const sales = t.sb.state.goodsTransactions.filter((g) => g.locationId === LOC && g.clientId === 1);
			assert.equal(out.length, records.length + sales.length, 'every appointment and sale, none twice');
			assert.ok(records.length > 25, 'more than one page');
			const searches = only(t.calls, 'POST', /\/clients\/visits\/search$/);
			assert.ok(searches.length >= 3, `the node derived the windows (${searches.length} requests)`);
		},
	},
];

module.exports = { readingCases };
