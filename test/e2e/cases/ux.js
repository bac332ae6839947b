'use strict';

/**
 * E2E cases (the table format: index.js) for what salon teams and agents reach for: Create Many
 * from input items, files as binary data (tokens only to the API's own host), search by staff
 * member and service, and Output.
 */

const assert = require('node:assert/strict');
const { rl } = require('../lib/workflows');
const { LOC, BOTH, items, rowOutcomes, only } = require('../lib/caseKit');

const downloads = (calls) => only(calls, 'GET', /^\/client_files\/download\//);

const uxCases = [
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
];

module.exports = { uxCases };
