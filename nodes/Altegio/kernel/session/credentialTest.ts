import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	ALTEGIO_ACCEPT,
	AnswerTooLargeError,
	altegioErrorText,
	baseUrlProblem,
	describeNetworkCode,
	isRedirect,
	networkCode,
	redirectProblem,
	safeText,
} from '../transport/wire';
import type { Progress } from './credentialSend';
import { credentialTestSend, credentialTestTiming, timeoutMessage } from './credentialSend';
import { signIn } from './signIn';

export { credentialTestTiming } from './credentialSend';

/**
 * The credential test ("Test" / "Retry" in the credential dialog), declared by every node that uses
 * the credential as `testedBy: 'altegioApiTest'`. One request cannot tell the two tokens apart (both
 * go in one header, and Altegio answers 401 "Authentication needed." either way), so the check runs
 * in steps, each of which proves one thing:
 *
 * 1. `GET /companies?count=1` with the partner token alone (the list of locations is a partner-only
 *    endpoint): is the Base URL an Altegio API, and is the partner token valid?
 * 2. Login and password mode: `POST /auth` (partner token): does the sign-in work?
 * 3. `GET /companies?my=1&count=1` with both tokens (`my=1` needs the user): is the user token valid?
 * 4. If the user manages a location, `POST /company/{id}/clients/search` for one client: may the user
 *    read clients there? (Altegio's reference leaves open whether step 3 ignores an unknown user
 *    token; the client search needs it.)
 */

interface Answer {
	statusCode: number;
	body: unknown;
	headers?: IDataObject;
}

const RATE_LIMITED =
	'Altegio is rate limiting requests (HTTP 429): this says nothing about the tokens. Wait a minute and test again.';

function fail(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/** Network failures in words (n8n would otherwise show a bare code such as ECONNREFUSED). */
function networkProblem(error: unknown): string {
	return describeNetworkCode(networkCode(error));
}

/** The body as JSON (the helper leaves non-JSON text as a string). */
function json(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

function isEnvelope(body: unknown): body is IDataObject {
	return !!body && typeof body === 'object' && !Array.isArray(body) && 'success' in body;
}

/** "HTTP 401: Altegio's text", the text cleared of every secret it might echo. */
function said(answer: Answer, secrets: unknown[]): string {
	const message = altegioErrorText(json(answer.body));
	return `HTTP ${answer.statusCode}${message ? `: ${safeText(message, secrets)}` : ''}`;
}

export async function altegioApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	// One deadline for the whole test: it ends the waits for the budget and every exchange, body
	// included (n8n's helper here takes no abort signal: the body is read as a stream, then dropped).
	const deadline = AbortSignal.timeout(credentialTestTiming.timeoutMs);
	const progress: Progress = { queuedMs: 0 };
	const expired = new Promise<INodeCredentialTestResult>((resolve) =>
		deadline.addEventListener('abort', () => resolve(fail(timeoutMessage(progress)))),
	);
	const checked = checkCredential(this, credential, deadline, progress).catch(() =>
		// The helper's errors carry the request, headers included: never pass one on.
		fail('The credential test failed unexpectedly. Try again.'),
	);
	return await Promise.race([checked, expired]);
}

async function checkCredential(
	ctx: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
	deadline: AbortSignal,
	progress: Progress,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	const baseUrl = String(data.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const partnerToken = String(data.partnerToken ?? '');
	const urlProblem = baseUrlProblem(baseUrl);
	if (urlProblem) return fail(urlProblem);
	const url = new URL(baseUrl);
	if (partnerToken.trim() === '') return fail('Enter the partner token.');
	const secrets: unknown[] = [partnerToken, data.userToken, data.password, data.sessionToken];
	const say = (a: Answer) => said(a, secrets);
	const unreachable = (error: unknown, advice: string) =>
		fail(
			error instanceof AnswerTooLargeError
				? error.message
				: `Could not connect to ${url.host}: ${networkProblem(error)}. ${advice}`,
		);

	const send = credentialTestSend(ctx, data, deadline, progress);
	/** A redirect or a 429, whichever step it comes from. */
	const refused = (a: Answer): INodeCredentialTestResult | undefined => {
		if (isRedirect(a.statusCode)) return fail(redirectProblem(a.statusCode, a.headers?.location, baseUrl));
		if (a.statusCode === 429) return fail(RATE_LIMITED);
		return undefined;
	};
	const get = async (path: string, qs: IDataObject, authorization: string): Promise<Answer> =>
		await send({
			method: 'GET',
			url: `${baseUrl}${path}`,
			qs,
			headers: { Accept: ALTEGIO_ACCEPT, Authorization: authorization },
		});

	// 1. Base URL and partner token.
	let answer: Answer;
	try {
		answer = await get('/companies', { count: 1 }, `Bearer ${partnerToken}`);
	} catch (error) {
		return unreachable(error, 'Check the Base URL and that n8n can reach it.');
	}
	const first = refused(answer);
	if (first) return first;
	const body = json(answer.body);
	if (answer.statusCode === 404 || (answer.statusCode < 500 && !isEnvelope(body) && answer.statusCode !== 401)) {
		const what = answer.statusCode === 404 ? 'HTTP 404' : `HTTP ${answer.statusCode}, not an Altegio answer`;
		return fail(
			`The Base URL does not lead to the Altegio API (${what}). ` +
				'It should end in /api/v1, like https://api.alteg.io/api/v1.',
		);
	}
	if (answer.statusCode === 401 || answer.statusCode === 403) {
		return fail(`Altegio rejected the partner token (${say(answer)}). Check the partner token.`);
	}
	if (answer.statusCode >= 400)
		return fail(`Altegio answered ${say(answer)} when checking the partner token. Try again later.`);
	if ((body as IDataObject).success === false) {
		return fail(`Altegio answered success: false for the partner token (${say(answer)}). Check the partner token.`);
	}

	// 2. The user token, given or obtained by signing in.
	let userToken = String(data.userToken ?? '');
	const passwordMode = data.authMethod === 'password';
	if (passwordMode) {
		const signedIn = await signIn(send, data, true).catch(() => ({
			// Only a bug gets here; its text could hold the request, so it is not shown.
			problem: 'The sign-in failed unexpectedly. Try again.',
		}));
		if ('problem' in signedIn) return fail(signedIn.problem);
		userToken = signedIn.userToken;
		secrets.push(userToken);
	} else if (userToken.trim() === '') {
		return fail('The partner token is valid. Enter the user token too: client data needs both.');
	}
	const both = `Bearer ${partnerToken}, User ${userToken}`;
	const whose = passwordMode ? 'the user token it issued at sign-in' : 'the user token';
	const userRejected = (a: Answer) =>
		fail(
			`The partner token is valid, but Altegio rejected ${whose} (${say(a)}). ` +
				`${passwordMode ? 'Test again, or use the User Token method.' : 'Check the user token.'}`,
		);

	// 3. The user token, on the list of the user's own locations.
	try {
		answer = await get('/companies', { my: 1, count: 1 }, both);
	} catch (error) {
		return unreachable(error, 'Try again.');
	}
	const second = refused(answer);
	if (second) return second;
	const mine = json(answer.body);
	if (answer.statusCode === 401 || answer.statusCode === 403) return userRejected(answer);
	if (answer.statusCode >= 400 || !isEnvelope(mine))
		return fail(`Altegio answered ${say(answer)} when checking the user token. Try again later.`);
	if (mine.success === false)
		return fail(`Altegio answered success: false for the user token (${say(answer)}). Check the user token.`);
	const location = (Array.isArray(mine.data) ? mine.data[0] : undefined) as IDataObject | undefined;
	if (!location || location.id === undefined) return { status: 'OK', message: 'Connection successful!' };

	// 4. The user's right to read clients in that location.
	const name = `${String(location.title ?? 'location')} (${String(location.id)})`;
	try {
		answer = await send({
			method: 'POST',
			url: `${baseUrl}/company/${encodeURIComponent(String(location.id))}/clients/search`,
			headers: { Accept: ALTEGIO_ACCEPT, Authorization: both },
			body: { page: 1, page_size: 1, fields: ['id'] },
		});
	} catch (error) {
		return unreachable(error, 'Try again.');
	}
	const third = refused(answer);
	if (third) return third;
	if (answer.statusCode === 401) return userRejected(answer);
	if (answer.statusCode === 403) {
		return fail(
			`Both tokens are valid, but this user may not read the clients of ${name} (${say(answer)}). Give the user ` +
				`access to the client base in Altegio.`,
		);
	}
	if (answer.statusCode === 402) {
		return fail(`Both tokens are valid, but the Altegio licence of ${name} has expired (${say(answer)}).`);
	}
	if (answer.statusCode >= 400)
		return fail(`Altegio answered ${say(answer)} when reading a client of ${name}. Try again later.`);
	return { status: 'OK', message: 'Connection successful!' };
}
