'use strict';

/**
 * The e2e case table. Each case is one branch of the "E2E cases" workflow: Webhook (POST
 * /webhook/<path>, answers with the last node's items) → [Split Out] → Altegio node. A case runs
 * when the built node has its operation (`needs`), so the table can list operations that are
 * still being written.
 *
 * A case:
 *   name, path         node name and webhook path
 *   needs              ['resource.operation', ...] the built node must offer
 *   parameters         the Altegio node's parameters as n8n stores them
 *   credential         'token' (default), 'password', or 'slow' / 'fast' (../budget.js)
 *   continueOnFail     node setting "On Error: Continue"
 *   splitOut           a field of the webhook item to split into items first (e.g. 'body.items')
 *   downstream(a, s)   fields of a Set node after the Altegio node ("<case> after"), given the
 *                      Altegio node's name and the Split Out node's: expressions that follow item links
 *   setup(t)           prepare the sandbox before the call; its return value is `t.state`
 *   body(t)            the JSON posted to the webhook
 *   check(t)           assertions; t = {res, items, calls, sb, state, line}
 *
 * `calls` are the sandbox requests made during this case's webhook call.
 *
 * An operation's own cases are in <resource>.js (client, comment, file, history); what all
 * operations share in errors.js (sign-in, API errors, item links, bad IDs, 429); the cases under
 * the sandbox's readings in readings.js (run.js adds them). Their helpers: ../lib/caseKit.js.
 */

const assert = require('node:assert/strict');
const catalog = require('../../catalog');
const { BIG, BIG_SIZE, clientsOf, items, LOC, requestsOf } = require('../lib/caseKit');
const { clientCases } = require('./client');
const { errorCases } = require('./errors');
const { commentCases } = require('./comment');
const { fileCases } = require('./file');
const { historyCases } = require('./history');

/** Sandbox preparation shared by all cases (runs once per line, before any workflow is built). */
function prepareSandbox(sb) {
	sb.seedClients(BIG, BIG_SIZE - clientsOf(sb, BIG).length);
	// client 1 gets a long history, so Return All has to follow the date cursor over several pages
	const day = 86400000;
	for (let k = 0; k < 40; k++) {
		const d = new Date(Date.now() - (400 + k * 3) * day).toISOString().slice(0, 10);
		sb.addVisit(LOC, 1, { date: `${d} 11:00:00`, attendance: 1 });
	}
}

const ownCases = [...clientCases, ...errorCases, ...commentCases, ...fileCases, ...historyCases];

/** Where a generated case finds its records: IDs as expressions over the webhook's body. */
const FROM_BODY = Object.fromEntries(Object.keys(catalog.ID_PARAMETERS).map((id) => [id, `={{ $json.body.${id} }}`]));

/**
 * The case of a catalog row that no case above runs: the row's smallest parameters against one
 * record of each kind seeded for it; the operation succeeds and sends exactly the row's requests.
 * A new operation thus runs in real n8n as soon as its row is in test/catalog.js; give it a case of
 * its own above when it needs more than that (its `needs` then names the operation).
 */
function catalogCase(op) {
	return {
		name: `${op.resource} ${op.operation} (catalog row)`,
		path: `e2e-catalog-${op.resource}-${op.operation}`.toLowerCase(),
		needs: [op.name],
		parameters: { resource: op.resource, operation: op.operation, ...op.parameters(FROM_BODY) },
		setup(t) {
			// With a birth date: an update sends the record back, and Altegio's PUT wants a string there.
			const client = t.sb.addClient(LOC, { name: 'Catalog', phone: '13155550644', birth_date: '1990-05-17' });
			return {
				location: LOC,
				client: client.id,
				comment: t.sb.addComment(LOC, client.id, { text: 'Seen' }).id,
				file: t.sb.addFile(LOC, client.id, { name: 'scan.pdf' }).id,
			};
		},
		body: (t) => t.state,
		check(t) {
			const out = items(t);
			assert.ok(!out.some((item) => item.error), `no error item: ${JSON.stringify(out).slice(0, 300)}`);
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				requestsOf(op.name, t.state),
			);
		},
	};
}

const covered = new Set(ownCases.flatMap((c) => c.needs));
const cases = [...ownCases, ...catalog.OPERATIONS.filter((op) => !covered.has(op.name)).map(catalogCase)];
// Last, and in this order: the slow credential's case, then the fast one's (test/e2e/budget.js).
cases.push(...require('../budget').budgetCases);

module.exports = { cases, catalogCase, prepareSandbox };
