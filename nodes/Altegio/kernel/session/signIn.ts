import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	ALTEGIO_ACCEPT,
	altegioErrorText,
	baseUrlProblem,
	describeNetworkCode,
	isRedirect,
	networkCode,
	redirectProblem,
	safeText,
} from '../transport/wire';

/** One HTTP exchange as the sign-in needs it; network failures throw, HTTP errors are returned. */
export type AltegioSend = (request: {
	method: 'GET' | 'POST';
	url: string;
	headers: IDataObject;
	qs?: IDataObject;
	body?: IDataObject;
}) => Promise<{ statusCode: number; body: unknown; headers?: IDataObject }>;

/**
 * A user token, or why there is none: a message meant for the user, never holding a secret.
 * `final`: signing in again would be refused the same way (wrong login, blocked user, 2FA), so an
 * execution stops signing in; `status`: Altegio's HTTP status, when it answered.
 */
export type SignInResult = { userToken: string } | { problem: string; status?: number; final?: boolean };

/**
 * POST /auth with the partner token: exchanges login and password for a user token. Shared by
 * preAuthentication (executions) and the credential test. `partnerChecked` says whether the
 * partner token is already known to be good, which narrows down what a refusal means.
 */
export async function signIn(
	send: AltegioSend,
	credentials: ICredentialDataDecryptedObject,
	partnerChecked = false,
): Promise<SignInResult> {
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const urlProblem = baseUrlProblem(baseUrl);
	if (urlProblem) return { problem: urlProblem, final: true };
	let response;
	try {
		response = await send({
			method: 'POST',
			url: `${baseUrl}/auth`,
			headers: { Accept: ALTEGIO_ACCEPT, Authorization: `Bearer ${String(credentials.partnerToken ?? '')}` },
			body: { login: credentials.login as string, password: credentials.password as string },
		});
	} catch (error) {
		// Network failures only: the message never carries the request.
		return { problem: `Could not reach Altegio at ${baseUrl} to sign in: ${describeNetworkCode(networkCode(error))}` };
	}
	const status = response.statusCode;
	if (isRedirect(status)) {
		return { problem: redirectProblem(status, response.headers?.location, baseUrl), status, final: true };
	}
	const body = response.body as IDataObject | undefined;
	const data = (body && typeof body === 'object' ? (body.data ?? {}) : {}) as IDataObject;
	// Altegio's text may echo what was sent: a text holding a credential is withheld.
	const secrets = [credentials.partnerToken, credentials.password];
	if (status === 429) {
		return {
			problem:
				'Altegio is rate limiting the sign-in (HTTP 429): this is not a wrong password. ' +
				'Wait a minute and try again, or lower Max Requests per Second/Minute.',
			status,
		};
	}
	if (status >= 500) {
		return { problem: `Altegio had a server error at sign-in (HTTP ${status}). Try again later.`, status };
	}
	if (status >= 400 || body?.success === false) {
		const message = safeText(altegioErrorText(body) ?? 'no message', secrets);
		const check = partnerChecked
			? 'Check the login and the password'
			: 'Check the login, the password and the partner token';
		return { problem: `Altegio refused the sign-in (HTTP ${status}: ${message}). ${check}.`, status, final: true };
	}
	if (typeof data.user_token !== 'string' || data.user_token === '') {
		return {
			problem:
				'Altegio asks for a second factor (two-factor authentication) for this login, which n8n cannot ' +
				'answer. Use the User Token method with a Marketplace system user instead.',
			final: true,
		};
	}
	return { userToken: data.user_token };
}
