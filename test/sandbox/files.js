'use strict';

/** Client files: list and delete (upload is out of scope). */

const { ApiError, ok, isoNoColon, route } = require('./util');
const { recordsOfClient, removeOfClient } = require('./clientData');

function formatSize(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function serializeFile(loc, f) {
	return {
		id: f.id,
		client_id: f.clientId,
		name: f.name,
		description: f.description,
		date_create: isoNoColon(f.created_at, loc.timezone_name),
		extension: f.extension,
		mime: f.mime,
		// relative, unlike the absolute links inside 'file' comments (a test may put the file elsewhere)
		link: f.link || `/client_files/download/${loc.id}/${f.id}/`,
		user_name: f.user_name,
		user_avatar: f.user_avatar,
		size: formatSize(f.size_bytes),
		can_edit: f.can_edit,
	};
}

function listFiles(ctx) {
	const list = recordsOfClient(ctx, ctx.state.files).map((f) => serializeFile(ctx.location, f));
	return ok(200, list, { count: list.length });
}

function deleteFile(ctx) {
	// The 'file' entry in the comments stays (its link then points at nothing), as with a deleted upload.
	removeOfClient(ctx, ctx.state.files, Number(ctx.params.fileId), 'File not found');
	// The description's example: 202 with success and meta.message, and no `data` key.
	return { status: 202, body: { success: true, meta: { message: 'Accepted' } } };
}

/** The file's bytes: what the test gave, else `size_bytes` of a repeating pattern. */
function contentOf(f) {
	if (f.content !== undefined) return Buffer.from(f.content);
	const out = Buffer.alloc(f.size_bytes);
	for (let i = 0; i < out.length; i++) out[i] = (f.id + i) % 251;
	return out;
}

/** GET /client_files/download/{location}/{file}/ on the API's host: the tokens are required there. */
function downloadFile(ctx) {
	const { state, location: loc } = ctx;
	const f = state.files.find((x) => x.locationId === loc.id && x.id === Number(ctx.params.fileId));
	if (!f) throw new ApiError(404, 'File not found');
	// A test may have the API hand the download on to another host (a file storage).
	if (f.redirectTo) return { status: 302, body: null, headers: { location: f.redirectTo } };
	return { status: 200, body: contentOf(f), headers: { 'content-type': f.mime } };
}

const routes = [
	route('GET', '/company/{locationId}/clients/files/{clientId}', listFiles),
	route('DELETE', '/company/{locationId}/clients/files/{clientId}/{fileId}', deleteFile),
];

// Not an API answer: any Accept will do.
const downloadRoutes = [
	route('GET', '/client_files/download/{locationId}/{fileId}/?', downloadFile, { anyAccept: true }),
];

module.exports = { routes, downloadRoutes, serializeFile, formatSize, contentOf };
