'use strict';

/** E2E cases of the comment operations (the table format: index.js). */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { items, LOC, requestsOf } = require('../lib/caseKit');

const commentCases = [
	{
		name: 'comment list',
		path: 'e2e-comment-list',
		needs: ['comment.getAll'],
		parameters: { resource: 'comment', operation: 'getAll', clientId: rl(1), locationId: rl(LOC), returnAll: true },
		check(t) {
			const out = items(t);
			const expected = t.sb.state.comments.filter((c) => c.locationId === LOC && c.clientId === 1);
			assert.ok(expected.length > 0);
			assert.equal(out.length, expected.length);
			assert.deepEqual(new Set(out.map((o) => o.id)), new Set(expected.map((c) => c.id)));
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				requestsOf('comment.getAll', { location: LOC, client: 1 }),
			);
		},
	},
	{
		name: 'comment delete',
		path: 'e2e-comment-delete',
		needs: ['comment.delete'],
		parameters: {
			resource: 'comment',
			operation: 'delete',
			locationId: rl(LOC),
			clientId: rl(2),
			commentId: '={{ $json.body.commentId }}',
		},
		setup: (t) => ({ id: t.sb.addComment(LOC, 2, { text: 'to be deleted' }).id }),
		body: (t) => ({ commentId: t.state.id }),
		check(t) {
			assert.deepEqual(items(t), [{ deleted: true }]);
			assert.ok(!t.sb.state.comments.some((c) => c.id === t.state.id), 'gone from the sandbox');
			assert.deepEqual(
				t.calls.map((c) => `${c.method} ${c.path}`),
				requestsOf('comment.delete', { location: LOC, client: 2, comment: t.state.id }),
			);
		},
	},
];

module.exports = { commentCases };
