'use strict';

/** Client comments: list (text + file-upload entries), add, delete. */

const { ok, validationError, isoColon, route } = require('./util');
const { findClientOr404, recordsOfClient, removeOfClient } = require('./clientData');

function serializeComment(loc, c) {
	return {
		id: c.id,
		create_date: isoColon(c.created_at, loc.timezone_name),
		update_date: isoColon(c.updated_at, loc.timezone_name),
		type: c.type,
		text: c.text,
		files: c.files.map((f) => ({ link: f.link, filename: f.filename })),
		user: c.user ? { id: c.user.id, name: c.user.name, avatar: c.user.avatar } : null,
	};
}

function listComments(ctx) {
	const list = recordsOfClient(ctx, ctx.state.comments).map((c) => serializeComment(ctx.location, c));
	// no pagination: everything in one answer
	return ok(200, list, { count: list.length });
}

function createComment(ctx) {
	const { state, clock, location: loc, body } = ctx;
	const client = findClientOr404(state, loc, ctx.params.clientId);
	const text = body && typeof body === 'object' && !Array.isArray(body) ? body.text : undefined;
	if (typeof text !== 'string' || text.trim() === '') {
		throw validationError('An error has occurred.', ['text is required']);
	}
	// No maximum length is documented (the MCP server's 255 is its own limit), so none is enforced.
	const now = clock.now();
	const comment = {
		id: ++state.seq.comment,
		locationId: loc.id,
		clientId: client.id,
		type: 'default',
		text,
		files: [],
		created_at: now,
		updated_at: now,
		user: { id: state.user.id, name: state.user.name, avatar: state.user.avatar },
	};
	state.comments.push(comment);
	return ok(201, serializeComment(loc, comment), {});
}

function deleteComment(ctx) {
	// Deleting a 'file' entry leaves the file itself in place (documented).
	removeOfClient(ctx, ctx.state.comments, Number(ctx.params.commentId), 'Comment not found');
	// The description: 204 No Content. It also declares a JSON body for it, which HTTP does not
	// allow on a 204; the node must survive both (docs/altegio-api.md).
	return { status: 204 };
}

const COMMENTS = '/clients/{locationId}/clients/{clientId}/comments';
const routes = [
	route('GET', COMMENTS, listComments),
	route('POST', COMMENTS, createComment),
	route('DELETE', `${COMMENTS}/{commentId}`, deleteComment),
];

module.exports = { routes, serializeComment };
