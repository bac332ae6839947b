'use strict';

/**
 * POST /auth — exchange login + password for the user token (partner token only).
 *  - right login and password: 201, data = the user profile with `user_token`, meta [].
 *  - the configured two-factor login (right password): 200 with data.uuid and NO user_token
 *    (observed on YCLIENTS by a PHP SDK; undocumented by Altegio).
 *  - anything else: 401 "Incorrect login or password" (sandbox wording; the real text is unknown).
 *  - login or password missing / not a string: 422 (sandbox choice).
 */

const { ApiError, ok, validationError, route } = require('./util');

function authorize(ctx) {
	const { state, options, body } = ctx;
	const b = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
	const missing = ['login', 'password'].filter((k) => typeof b[k] !== 'string' || b[k] === '');
	if (missing.length)
		throw validationError(
			'An error has occurred.',
			missing.map((k) => `${k} is required`),
		);
	if (b.password !== options.password || (b.login !== options.login && b.login !== options.twoFactorLogin)) {
		throw new ApiError(401, 'Incorrect login or password');
	}
	if (options.twoFactorLogin && b.login === options.twoFactorLogin) {
		return ok(200, { uuid: '3f0b1c2e-5d4a-4b8e-9c71-2a6d0e8f4b13' }, []);
	}
	const u = state.user;
	return ok(
		201,
		{
			id: u.id,
			user_token: options.userToken,
			name: u.name,
			phone: u.phone,
			login: options.login,
			email: u.email,
			avatar: u.avatar,
			is_approved: true,
			is_email_confirmed: false,
		},
		[],
	);
}

const routes = [route('POST', '/auth', authorize, { auth: 'partner' })];

module.exports = { routes };
