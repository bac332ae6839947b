'use strict';

/**
 * The request budget through real n8n (issue 23): each credential is held to its own limits only.
 * Two more credentials for the sandbox's account, one at Altegio's documented 5/s and 200/min, one
 * at 100/s and 6,000/min; a case with the slow one runs first, then the fast one reads 30 clients
 * (30 requests). Under the old rule (the host at the lowest limits asked for in 5 minutes) those 30
 * went at 5/s, about 6 s; held to its own limits they take well under 3 s. The e2e sandbox has no
 * rate limit of its own, so nothing but the node's budget sets the pace.
 */

const assert = require('node:assert/strict');
const { CREDENTIALS, CREDENTIAL_TYPE, rl } = require('./lib/workflows');

const LOC = 101;
const READS = 30;

/** The two credentials, as n8n's CLI imports them. */
function budgetCredentials({ baseUrl, partnerToken, userToken }) {
	const data = (perSecond, perMinute) => ({
		baseUrl,
		partnerToken,
		authMethod: 'userToken',
		userToken,
		maxRequestsPerSecond: perSecond,
		maxRequestsPerMinute: perMinute,
	});
	return [
		{ ...CREDENTIALS.slow, type: CREDENTIAL_TYPE, data: data(5, 200) },
		{ ...CREDENTIALS.fast, type: CREDENTIAL_TYPE, data: data(100, 6000) },
	];
}

const get = { resource: 'client', operation: 'get', locationId: rl(LOC) };

const budgetCases = [
	{
		name: 'budget 5 per second credential',
		path: 'e2e-budget-slow',
		needs: ['client.get'],
		credential: 'slow',
		parameters: { ...get, clientId: rl(1) },
		check(t) {
			assert.equal(t.res.status, 200, t.res.text.slice(0, 300));
			assert.equal(t.res.json.length, 1);
		},
	},
	{
		name: 'budget 100 per second credential right after',
		path: 'e2e-budget-fast',
		needs: ['client.get'],
		credential: 'fast',
		splitOut: 'body.items',
		parameters: { ...get, clientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		body: () => ({ items: Array.from({ length: READS }, (_, i) => ({ id: (i % 20) + 1 })) }),
		check(t) {
			assert.equal(t.res.status, 200, t.res.text.slice(0, 300));
			assert.equal(t.res.json.length, READS);
			const reads = t.calls.filter((c) => c.method === 'GET' && c.path.startsWith(`/client/${LOC}/`));
			assert.equal(reads.length, READS);
			const span = reads[reads.length - 1].at - reads[0].at;
			// 30 requests at the slow credential's 5/s would need 5.8 s at least.
			assert.ok(span < 3000, `${READS} reads took ${span} ms from the first to the last: held below 100/s`);
		},
	},
];

module.exports = { budgetCases, budgetCredentials };
