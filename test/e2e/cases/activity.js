'use strict';

/** E2E cases of what happens around a client: comments, files, visit history (the table format: index.js). */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { LOC, items, sentBy, requestsOf } = require('../lib/caseKit');

const activityCases = [
	// ------------------------------------------------------------------ comment
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

	// ------------------------------------------------------------------ file
	{
		name: 'file list',
		path: 'e2e-file-list',
		needs: ['file.getAll'],
		parameters: { resource: 'file', operation: 'getAll', locationId: rl(LOC), clientId: rl(1), returnAll: true },
		check(t) {
			const out = items(t);
			const expected = t.sb.state.files.filter((f) => f.locationId === LOC && f.clientId === 1);
			assert.ok(expected.length > 0);
			assert.equal(out.length, expected.length);
			for (const f of out) assert.ok(/^https?:\/\//.test(String(f.link)), `absolute link: ${f.link}`);
			assert.equal(sentBy(t.calls, 'file.getAll', { location: LOC, client: 1 }).length, 1);
		},
	},
	{
		name: 'file delete',
		path: 'e2e-file-delete',
		needs: ['file.delete'],
		parameters: {
			resource: 'file',
			operation: 'delete',
			locationId: rl(LOC),
			clientId: rl(3),
			fileId: '={{ $json.body.fileId }}',
		},
		setup: (t) => ({ id: t.sb.addFile(LOC, 3, { name: 'old-scan.pdf' }).id }),
		body: (t) => ({ fileId: String(t.state.id) }),
		check(t) {
			assert.deepEqual(items(t), [{ deleted: true }]);
			assert.ok(!t.sb.state.files.some((f) => f.id === t.state.id), 'gone from the sandbox');
			assert.equal(sentBy(t.calls, 'file.delete', { location: LOC, client: 3, file: t.state.id }).length, 1);
		},
	},

	// ------------------------------------------------------------------ history
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

module.exports = { activityCases };
