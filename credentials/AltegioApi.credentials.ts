import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const ALTEGIO_ACCEPT = 'application/vnd.api.v2+json';

/** Body of an Altegio error envelope, or of a non-envelope error body. */
function altegioMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const { meta, errors } = body as IDataObject;
	const fromMeta = (meta as IDataObject | undefined)?.message;
	const fromErrors = (errors as IDataObject | undefined)?.message;
	const message = fromMeta ?? fromErrors;
	return typeof message === 'string' ? message : undefined;
}

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
			description:
				'The developer (partner) token from Altegio Marketplace > Account settings',
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
		const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		let response;
		try {
			response = await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/auth`,
				headers: {
					Accept: ALTEGIO_ACCEPT,
					Authorization: `Bearer ${String(credentials.partnerToken ?? '')}`,
				},
				body: { login: credentials.login, password: credentials.password },
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			});
		} catch (error) {
			// Network failures only (HTTP errors are returned): the message never carries the request.
			const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
			throw new Error(`Could not reach Altegio at ${baseUrl} to sign in${code ? ` (${code})` : ''}`);
		}
		const body = response.body as IDataObject | undefined;
		const data = (body?.data ?? {}) as IDataObject;
		if (response.statusCode >= 400 || body?.success === false) {
			const message = altegioMessage(body) ?? 'no message';
			throw new Error(
				`Altegio refused the sign-in (HTTP ${response.statusCode}: ${message}). Check the login, the password and the partner token.`,
			);
		}
		if (typeof data.user_token !== 'string' || data.user_token === '') {
			throw new Error(
				'Altegio asks for a second factor (two-factor authentication) for this login, which n8n cannot answer. Use the User Token method with a Marketplace system user instead.',
			);
		}
		return { sessionToken: data.user_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'=Bearer {{$credentials.partnerToken}}, User {{$credentials.authMethod === "password" ? $credentials.sessionToken : $credentials.userToken}}',
			},
		},
	};

	// GET /companies?my=1 needs the partner token and, with my=1, a valid user token too.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/companies',
			method: 'GET',
			qs: { my: 1, count: 1 },
			headers: { Accept: ALTEGIO_ACCEPT },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Altegio rejected the tokens (HTTP 401). Check the partner token, and the user token or the login and password.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Altegio refused access (HTTP 403): the user lacks the rights this credential needs.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answers at this Base URL (HTTP 404). It should end in /api/v1.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Altegio answered success: false. Check the partner token and the user token.',
				},
			},
			// n8n checks both kinds of rule in one list; its type only lists one kind per array.
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
