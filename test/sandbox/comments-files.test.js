'use strict';

const { sandboxFor } = require('./helpers');

const T0 = Date.UTC(2026, 0, 1, 17, 12, 12); // 2026-01-01 12:12:12 New York

describe('sandbox: comments and files', () => {
	let sb;
	let api;
	let client;

	sandboxFor((s) => ({ sb, api } = s), { at: T0 });
	beforeEach(() => {
		client = sb.addClient(101, { name: 'Emma', phone: '13155550123' });
	});

	describe('comments', () => {
		const base = () => `/clients/101/clients/${client.id}/comments`;

		test('POST → 201, comment object, meta {} (object)', async () => {
			const res = await api('POST', base(), { body: { text: 'Comment for a client' } });
			expect(res.status).toBe(201);
			expect(res.json).toEqual({
				success: true,
				data: {
					id: expect.any(Number),
					create_date: '2026-01-01T12:12:12-05:00',
					update_date: '2026-01-01T12:12:12-05:00',
					type: 'default',
					text: 'Comment for a client',
					files: [],
					user: { id: expect.any(Number), name: expect.any(String), avatar: expect.any(String) },
				},
				meta: {},
			});
			expect(res.text).toContain('"meta":{}');
		});

		test.each([[{}], [{ text: '' }], [{ text: '   ' }], [{ text: 5 }]])(
			'POST %j → 422 text is required',
			async (body) => {
				const res = await api('POST', base(), { body });
				expect(res.status).toBe(422);
				expect(res.json).toEqual({
					success: false,
					data: null,
					meta: { message: 'An error has occurred.', errors: ['text is required'] },
				});
			},
		);

		test('GET lists text and file entries newest first with meta.count; unknown client 404', async () => {
			sb.addComment(101, client.id, { text: 'old', create_date: T0 - 2000 });
			sb.addFile(101, client.id, { name: 'scan.pdf', date_create: T0 - 1000 });
			sb.addComment(101, client.id, { text: 'new', create_date: T0 });
			const res = await api('GET', base());
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual({ count: 3 });
			expect(res.json.data.map((c) => c.type)).toEqual(['default', 'file', 'default']);
			expect(res.json.data.map((c) => c.text)).toEqual(['new', '', 'old']);
			const fileEntry = res.json.data[1];
			expect(fileEntry.files).toEqual([
				{
					link: expect.stringMatching(/^https:\/\/api\.alteg\.io\/client_files\/download\/101\/\d+\/$/),
					filename: 'scan.pdf',
				},
			]);
			const missing = await api('GET', '/clients/101/clients/999999/comments');
			expect(missing.status).toBe(404);
			expect(missing.json.meta.message).toBe('Client not found');
		});

		test('DELETE → 204 without a body; unknown or foreign comment → 404', async () => {
			const c = sb.addComment(101, client.id, { text: 'bye' });
			const other = sb.addClient(101, { name: 'Other', phone: '13155550124' });
			const foreign = sb.addComment(101, other.id, { text: 'not yours' });
			const res = await api('DELETE', `${base()}/${c.id}`);
			expect(res.status).toBe(204);
			expect(res.text).toBe('');
			expect((await api('DELETE', `${base()}/${c.id}`)).status).toBe(404);
			expect((await api('DELETE', `${base()}/${foreign.id}`)).status).toBe(404);
			expect((await api('GET', base())).json.meta.count).toBe(0);
		});
	});

	describe('files', () => {
		test('GET → 200 with relative links, formatted size, meta.count', async () => {
			const f = sb.addFile(101, client.id, { name: 'consent.pdf', size: 98970, description: 'signed' });
			const res = await api('GET', `/company/101/clients/files/${client.id}`);
			expect(res.status).toBe(200);
			expect(res.json.meta).toEqual({ count: 1 });
			expect(res.json.data[0]).toEqual({
				id: f.id,
				client_id: client.id,
				name: 'consent.pdf',
				description: 'signed',
				date_create: '2026-01-01T12:12:12-0500',
				extension: 'pdf',
				mime: 'application/pdf',
				link: `/client_files/download/101/${f.id}/`,
				user_name: expect.any(String),
				user_avatar: expect.any(String),
				size: '96.65 KB',
				can_edit: true,
			});
		});

		test('DELETE → 202 {success, meta:{message:"Accepted"}} without data; then gone; unknown 404', async () => {
			const f = sb.addFile(101, client.id, { name: 'x.png' });
			const res = await api('DELETE', `/company/101/clients/files/${client.id}/${f.id}`);
			expect(res.status).toBe(202);
			expect(res.json).toEqual({ success: true, meta: { message: 'Accepted' } });
			expect((await api('GET', `/company/101/clients/files/${client.id}`)).json.data).toEqual([]);
			expect((await api('DELETE', `/company/101/clients/files/${client.id}/${f.id}`)).status).toBe(404);
			expect((await api('GET', '/company/101/clients/files/999999')).status).toBe(404);
		});
	});
});
