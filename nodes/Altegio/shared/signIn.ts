import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { ALTEGIO_ACCEPT, altegioErrorText } from './envelope';
import { redact } from './redact';

/** One HTTP exchange as the sign-in needs it; network failures throw, HTTP errors are returned. */
export type AltegioSend = (request: {
	method: 'GET' | 'POST';
	url: string;
	headers: IDataObject;
	qs?: IDataObject;
	body?: IDataObject;
}) => Promise<{ statusCode: number; body: unknown }>;

/** A user token, or why there is none: a message meant for the user, never holding a secret. */
export type SignInResult = { userToken: string } | { problem: string };

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
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
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
		const code =
			(error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
		return { problem: `Could not reach Altegio at ${baseUrl} to sign in${code ? ` (${code})` : ''}` };
	}
	const body = response.body as IDataObject | undefined;
	const data = (body && typeof body === 'object' ? (body.data ?? {}) : {}) as IDataObject;
	if (response.statusCode >= 400 || body?.success === false) {
		// Altegio's text may echo what was sent: the password or the token never reach the message.
		const message = redact(altegioErrorText(body) ?? 'no message', [credentials.partnerToken, credentials.password]);
		const check = partnerChecked
			? 'Check the login and the password'
			: 'Check the login, the password and the partner token';
		return { problem: `Altegio refused the sign-in (HTTP ${response.statusCode}: ${message}). ${check}.` };
	}
	if (typeof data.user_token !== 'string' || data.user_token === '') {
		return {
			problem:
				'Altegio asks for a second factor (two-factor authentication) for this login, which n8n cannot answer. Use the User Token method with a Marketplace system user instead.',
		};
	}
	return { userToken: data.user_token };
}
