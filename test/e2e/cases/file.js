'use strict';

/**
 * E2E cases of the file operations (the table format: index.js), downloads as binary data among
 * them: the tokens go to the API's own host only.
 */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { BOTH, items, LOC, only, sentBy } = require('../lib/caseKit');

const downloads = (calls) => only(calls, 'GET', /^\/client_files\/download\//);

const fileCases = [
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
	{
		name: 'file download',
		path: 'e2e-file-download',
		needs: ['file.getAll'],
		parameters: {
			resource: 'file',
			operation: 'getAll',
			locationId: rl(LOC),
			clientId: rl(4),
			returnAll: true,
			download: true,
			output: 'selectedFields',
			fields: ['name'],
		},
		downstream: () => ({
			fileName: '={{ $binary.data.fileName }}',
			mimeType: '={{ $binary.data.mimeType }}',
			// fileSize on both lines (1.x leaves `bytes` out)
			fileSize: '={{ $binary.data.fileSize }}',
		}),
		setup: (t) => ({
			file: t.sb.addFile(LOC, 4, { name: 'e2e-scan.txt', content: 'e2e file body', withComment: false }),
		}),
		check(t) {
			const out = items(t);
			const mine = out.find((o) => o.id === t.state.file.id);
			assert.ok(mine, `the file is listed: ${JSON.stringify(out).slice(0, 300)}`);
			assert.deepEqual(
				[mine.name, mine.fileName, mine.mimeType, String(mine.fileSize)],
				['e2e-scan.txt', 'e2e-scan.txt', 'text/plain', `${'e2e file body'.length} B`],
			);
			const got = downloads(t.calls);
			assert.equal(got.length, out.length, 'each listed file downloaded once');
			for (const call of got) assert.equal(call.headers.authorization, BOTH, 'the API host gets the tokens');
		},
	},
	{
		name: 'file download from another host carries no token',
		path: 'e2e-file-download-foreign',
		needs: ['file.getAll'],
		continueOnFail: true,
		parameters: {
			resource: 'file',
			operation: 'getAll',
			locationId: rl(LOC),
			clientId: rl(5),
			returnAll: true,
			download: true,
		},
		setup: (t) => {
			// The same sandbox under another host name is another origin: no tokens may go there.
			const other = new URL(t.sb.url);
			other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
			const id = 990001;
			const link = `${other.origin}/client_files/download/${LOC}/${id}/`;
			return { file: t.sb.addFile(LOC, 5, { id, name: 'elsewhere.pdf', link, withComment: false }) };
		},
		check(t) {
			const out = items(t);
			assert.equal(out.length, 1, `one error item: ${JSON.stringify(out).slice(0, 300)}`);
			assert.match(String(out[0].error), /Could not download file 990001 \(elsewhere\.pdf\)/);
			for (const call of downloads(t.calls)) {
				assert.equal(call.headers.authorization, undefined, `no token to ${call.headers.host}`);
			}
		},
	},
];

module.exports = { fileCases };
