import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const ALTEGIO_ACCEPT = 'application/vnd.api.v2+json';

/** An object, or an empty one for anything else (Altegio sends `meta: []` for "nothing"). */
export function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** Altegio puts its text in `meta.message`; some errors use `errors.message` or a list in `meta.errors`. */
export function altegioErrorText(body: unknown): string | undefined {
	const envelope = asObject(body);
	const meta = asObject(envelope.meta);
	const errors = envelope.errors;
	const candidates = [meta.message, asObject(errors).message, envelope.message];
	const message = candidates.find((m) => typeof m === 'string' && m.trim() !== '') as string | undefined;
	const details = collectDetails(meta.errors ?? errors);
	if (message && details.length && !details.includes(message)) return `${message} (${details.join('; ')})`;
	return message ?? (details.length ? details.join('; ') : undefined);
}

function collectDetails(errors: unknown): string[] {
	if (typeof errors === 'string') return [errors];
	if (Array.isArray(errors)) return errors.flatMap(collectDetails);
	if (errors && typeof errors === 'object') {
		return Object.entries(errors as IDataObject).flatMap(([key, value]) =>
			key === 'message' && typeof value === 'string'
				? [value]
				: collectDetails(value).map((text) => (key.match(/^\d+$/) ? text : `${key}: ${text}`)),
		);
	}
	return [];
}

/**
 * Replaces every secret that occurs in `text`, also as it looks URL-encoded or inside a JSON
 * string. Secrets under 4 characters are left alone (replacing them would mangle any text).
 */
export function redact(text: string, secrets: unknown[]): string {
	let out = text;
	const forms = secrets
		.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4)
		.flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
	// Longest first, so a secret that contains another is replaced whole.
	for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) out = out.split(form).join('[redacted]');
	return out;
}

/** One HTTP exchange as the sign-in needs it; network failures throw, HTTP errors are returned. */
export type AltegioSend = (request: {
	method: 'GET' | 'POST';
	url: string;
	headers: IDataObject;
	qs?: IDataObject;
	body?: IDataObject;
}) => Promise<{ statusCode: number; body: unknown }>;

/** A failed sign-in, with a message meant for the user (never holding a secret). */
export class AltegioSignInError extends Error {}

/**
 * POST /auth with the partner token: exchanges login and password for a user token. Shared by
 * preAuthentication (executions) and the credential test. `partnerChecked` says whether the
 * partner token is already known to be good, which narrows down what a refusal means.
 */
export async function signIn(
	send: AltegioSend,
	credentials: ICredentialDataDecryptedObject,
	partnerChecked = false,
): Promise<string> {
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
		throw new AltegioSignInError(`Could not reach Altegio at ${baseUrl} to sign in${code ? ` (${code})` : ''}`);
	}
	const body = response.body as IDataObject | undefined;
	const data = (body && typeof body === 'object' ? (body.data ?? {}) : {}) as IDataObject;
	if (response.statusCode >= 400 || body?.success === false) {
		// Altegio's text may echo what was sent: the password or the token never reach the message.
		const message = redact(altegioErrorText(body) ?? 'no message', [credentials.partnerToken, credentials.password]);
		const check = partnerChecked
			? 'Check the login and the password'
			: 'Check the login, the password and the partner token';
		throw new AltegioSignInError(`Altegio refused the sign-in (HTTP ${response.statusCode}: ${message}). ${check}.`);
	}
	if (typeof data.user_token !== 'string' || data.user_token === '') {
		throw new AltegioSignInError(
			'Altegio asks for a second factor (two-factor authentication) for this login, which n8n cannot answer. Use the User Token method with a Marketplace system user instead.',
		);
	}
	return data.user_token;
}

/**
 * The credential is tested by the nodes (`testedBy: 'altegioApiTest'`, in
 * nodes/Altegio/shared/credentialTest.ts), not by a `test` request here: a single request cannot
 * tell a wrong partner token from a wrong user token, and n8n uses a credential's own `test` ahead
 * of any node's. Every node that uses this credential must declare that test.
 */
export class AltegioApi implements ICredentialType {
	name = 'altegioApi';

	displayName = 'Altegio API';

	icon: Icon = { light: 'file:altegio.svg', dark: 'file:altegio.dark.svg' };

	documentationUrl = 'https://developer.alteg.io/en/get-api-key';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.alteg.io/api/v1',
			placeholder: 'https://api.alteg.io/api/v1',
			description:
				'Root of the Altegio API v1. Use https://api.yclients.com/api/v1 for YCLIENTS, or the URL a local sandbox prints.',
		},
		{
			displayName: 'Partner Token',
			name: 'partnerToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The developer (partner) token from Altegio Marketplace > Account settings',
		},
		{
			displayName: 'User Authentication',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'User Token',
					value: 'userToken',
					description: 'Paste a user token, e.g. the one a Marketplace app shows for its system user',
				},
				{
					name: 'Login and Password',
					value: 'password',
					description: 'Exchange an Altegio login and password for a user token (POST /auth)',
				},
			],
			default: 'userToken',
		},
		{
			displayName: 'User Token',
			name: 'userToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['userToken'] } },
			description: 'Token of the Altegio user whose rights the node acts with',
		},
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
			displayOptions: { show: { authMethod: ['password'] } },
			description: 'Phone number or email the user signs in to Altegio with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			// Filled by preAuthentication in password mode; n8n refreshes it after a 401.
			displayName: 'Session User Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description:
				'Client-side limit shared by every request made with this credential in one n8n process (Altegio allows 5 per second)',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 200,
			description: 'The same, per minute (Altegio allows 200 per minute)',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authMethod !== 'password') return {};
		const send: AltegioSend = async (request) =>
			await this.helpers.httpRequest({
				...request,
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			});
		return { sessionToken: await signIn(send, credentials) };
	}

	/**
	 * `Authorization: Bearer <partner token>, User <user token>` on every request. A function and
	 * not the generic form: n8n would evaluate the generic form's expression for every request
	 * (about 0.4 ms each in n8n 2.x's sandboxed expression engine, measured in docs/benchmarks.md).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const user = credentials.authMethod === 'password' ? credentials.sessionToken : credentials.userToken;
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.partnerToken ?? '')}, User ${String(user ?? '')}`,
		};
		return requestOptions;
	}
}
