'use strict';

/** E2E cases of the visit history (the table format: index.js). */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { items, LOC, sentBy } = require('../lib/caseKit');

const historyCases = [
	{
		name: 'history by phone',
		path: 'e2e-history-phone',
		needs: ['history.getAll'],
		parameters: {
			resource: 'history',
			operation: 'getAll',
			locationId: rl(LOC),
			searchBy: 'clientPhone',
			clientPhone: '={{ $json.body.phone }}',
			returnAll: false,
			limit: 5,
			filters: {},
		},
		body: (t) => ({ phone: `+${t.sb.getClient(LOC, 2).phone}` }),
		check(t) {
			const out = items(t);
			assert.equal(out.length, 5);
			const search = sentBy(t.calls, 'history.getAll', { location: LOC });
			assert.equal(search.length, 1);
			assert.equal(String(search[0].body.client_phone).replace(/\D/g, ''), t.sb.getClient(LOC, 2).phone);
		},
	},
];

module.exports = { historyCases };
