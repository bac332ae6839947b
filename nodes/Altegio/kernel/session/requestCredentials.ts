import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { originalOf } from '../transport/wire';

/** Every context the package sends requests from. */
export type AltegioContext =
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'altegioApi';

/** The credential as the transport needs it. */
export interface Credentials {
	baseUrl: string;
	authMethod: string;
	maxRequestsPerSecond: number;
	maxRequestsPerMinute: number;
	secrets: string[];
	/** Password mode before n8n's first sign-in: the session token it obtains is a secret too. */
	awaitingSession: boolean;
	/** The session token in use (password mode), to see whether another request renewed it. */
	session: string;
	key: string;
}

/**
 * The credential as the transport needs it, read once per context (an item's pages, a list search):
 * in n8n each read is a database lookup and a decryption.
 */
const credentialsByContext = new WeakMap<AltegioContext, Promise<Credentials>>();

export function credentialsFor(view: AltegioContext, fresh = false): Promise<Credentials> {
	const ctx = originalOf(view);
	let credentials = fresh ? undefined : credentialsByContext.get(ctx);
	if (!credentials) {
		credentials = loadCredentials(ctx);
		credentialsByContext.set(ctx, credentials);
		// A failed read is not kept: the next request tries again.
		credentials.catch(() => credentialsByContext.delete(ctx));
	}
	return credentials;
}

/** The credential's Base URL (without a trailing slash), from the same per-context read. */
export async function altegioBaseUrl(ctx: AltegioContext): Promise<string> {
	return (await credentialsFor(ctx)).baseUrl;
}

async function loadCredentials(ctx: AltegioContext): Promise<Credentials> {
	const raw = await ctx.getCredentials(CREDENTIAL_TYPE);
	const secrets = [raw.partnerToken, raw.userToken, raw.password, raw.sessionToken].map(str).filter(Boolean);
	const baseUrl = str(raw.baseUrl).replace(/\/+$/, '');
	return {
		baseUrl,
		authMethod: str(raw.authMethod) || 'userToken',
		maxRequestsPerSecond: Number(raw.maxRequestsPerSecond) || 5,
		maxRequestsPerMinute: Number(raw.maxRequestsPerMinute) || 200,
		secrets,
		awaitingSession: raw.authMethod === 'password' && !str(raw.sessionToken),
		session: str(raw.sessionToken),
		key: credentialKey(raw),
	};
}

const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

/** The account a credential acts as, hashed: the budget's and the sign-ins' key. */
export function credentialKey(raw: ICredentialDataDecryptedObject): string {
	const baseUrl = str(raw.baseUrl).replace(/\/+$/, '');
	const identity = raw.authMethod === 'password' ? `login:${str(raw.login)}` : `token:${str(raw.userToken)}`;
	// The limit belongs to the account, so equal tokens share one throttle even across credentials.
	return createHash('sha256')
		.update(`${baseUrl}\n${str(raw.partnerToken)}\n${identity}`)
		.digest('hex');
}
