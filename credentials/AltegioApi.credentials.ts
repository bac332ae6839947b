import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import type { AltegioSend } from '../nodes/Altegio/kernel/session';
import { credentialKey, signIn, signInShared } from '../nodes/Altegio/kernel/session';
import { DEFAULT_DEADLINE_MS, asJson, readBody } from '../nodes/Altegio/kernel/transport/wire';

/**
 * The credential is tested by the nodes (`testedBy: 'altegioApiTest'`, in
 * nodes/Altegio/kernel/session/credentialTest.ts), not by a `test` request here: a single request cannot
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
				'Root of the Altegio API v1. Use https://api.yclients.com/api/v1 for YCLIENTS, ' +
				'or the URL a local sandbox prints.',
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
					description: 'Sign in with an Altegio login and password; the node gets the user token itself',
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
			placeholder: 'e.g. name@example.com',
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
				'Client-side limit for every request made with this Altegio account in one n8n process; other ' +
				'credentials keep their own (Altegio allows 5 per second)',
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
		const send: AltegioSend = async (request) => {
			// A deadline for the whole exchange, body included; no redirect is followed (the body holds the password).
			const deadline = AbortSignal.timeout(DEFAULT_DEADLINE_MS);
			const response = await this.helpers.httpRequest({
				...request,
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
				timeout: DEFAULT_DEADLINE_MS,
				abortSignal: deadline,
				encoding: 'stream',
			});
			const body = asJson(await readBody(response.body, deadline));
			return { statusCode: response.statusCode, headers: response.headers, body };
		};
		// One sign-in per credential at a time; the transport counts them and keeps them in the budget.
		const signedIn = await signInShared(credentialKey(credentials), async () => await signIn(send, credentials));
		// n8n shows this message as the execution's error.
		if ('problem' in signedIn) throw new Error(signedIn.problem);
		return { sessionToken: signedIn.userToken };
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
