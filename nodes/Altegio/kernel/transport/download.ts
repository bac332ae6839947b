import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { budgetOf, takeSlots } from '../budget';
import type { AltegioContext } from '../session';
import { CREDENTIAL_TYPE, credentialsFor } from '../session';
import type { RequestSettings } from './transport';
import {
	AnswerTooLargeError,
	DEFAULT_DEADLINE_MS,
	StoppedError,
	isLoopbackHost,
	keepingOwnSignal,
	readBody,
	throwIfStopped,
	tryDeadline,
} from './wire';

/**
 * Downloading a client file. Altegio's links point at its own host (`/client_files/download/…`, which
 * wants the tokens) or at another one (a file storage, which must never see them). So the tokens
 * go only to the Base URL's own origin (scheme, host and port), and each redirect is followed by
 * hand, the next hop judged again. One deadline (Request Options > Timeout, else 30 s) covers the
 * whole download, redirects and body included, and Stop ends it.
 */

/** Largest file accepted by default: 25 MB (Altegio takes uploads of about 12 MB at most). */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export interface Download {
	data: Buffer;
	mimeType?: string;
	/** The host the file came from (no path, no query: safe to show). */
	host: string;
}

export class DownloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DownloadError';
	}
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers as IDataObject | undefined)?.[name];
	return value === undefined || value === null ? undefined : String(Array.isArray(value) ? value[0] : value);
}

function usable(url: URL): boolean {
	return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Ends a body nobody reads (a redirect's, an error's), so its connection closes. */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | null;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}

export async function downloadFile(
	ctx: AltegioContext,
	link: string,
	options: { maxBytes: number; settings?: RequestSettings },
): Promise<Download> {
	throwIfStopped(ctx);
	const creds = await credentialsFor(ctx);
	const apiOrigin = new URL(creds.baseUrl).origin;
	const { timeout, skipSslCertificateValidation, proxy } = options.settings ?? {};
	const deadlineMs = typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_DEADLINE_MS;
	const deadline = tryDeadline(ctx, deadlineMs);
	let url: URL;
	try {
		url = new URL(link);
	} catch {
		url = new URL('invalid:');
	}
	if (url.protocol === 'invalid:') throw new DownloadError('the file has no usable download link');
	const attempt = async (): Promise<Download> => {
		for (let hop = 0; ; hop++) {
			if (!usable(url)) {
				throw new DownloadError(`the link points to ${url.protocol}//${url.host}, which is not https://`);
			}
			const own = url.origin === apiOrigin;
			const request: IHttpRequestOptions = {
				method: 'GET',
				url: url.href,
				headers: { Accept: '*/*' },
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
				timeout: deadlineMs,
				abortSignal: deadline.signal,
				skipSslCertificateValidation: skipSslCertificateValidation === true || skipSslCertificateValidation === 'true',
				...(proxy ? { proxy } : {}),
			};
			let response: IN8nHttpFullResponse;
			if (own) {
				// Within the credential's budget, like every request to Altegio.
				const release = await takeSlots(budgetOf(creds), ctx, 1);
				let status: number | undefined;
				try {
					response = (await ctx.helpers.httpRequestWithAuthentication.call(
						keepingOwnSignal(ctx),
						CREDENTIAL_TYPE,
						request,
					)) as IN8nHttpFullResponse;
					status = response.statusCode;
				} finally {
					release(status);
				}
			} else {
				// Another host: a plain request, with no header of the credential.
				response = (await ctx.helpers.httpRequest(request)) as IN8nHttpFullResponse;
			}
			const status = response.statusCode;
			if (status >= 300 && status < 400) {
				discard(response.body);
				const location = header(response, 'location');
				if (!location) throw new DownloadError(`HTTP ${status} without a Location from ${url.host}`);
				if (hop >= MAX_REDIRECTS) throw new DownloadError(`more than ${MAX_REDIRECTS} redirects`);
				url = new URL(location, url);
				continue;
			}
			if (status >= 400) {
				discard(response.body);
				throw new DownloadError(`${url.host} answered HTTP ${status}`);
			}
			const data = (await readBody(
				response.body,
				deadline.signal,
				options.maxBytes,
				header(response, 'content-length'),
			)) as unknown;
			const buffer = Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : '');
			return { data: buffer, mimeType: header(response, 'content-type')?.split(';')[0].trim(), host: url.host };
		}
	};
	const outcome = await attempt().then(
		(download) => ({ download }),
		(error: unknown) => ({ error }),
	);
	if ('download' in outcome) return outcome.download;
	const { error } = outcome;
	if (deadline.stopped()) throw new StoppedError();
	if (error instanceof DownloadError) throw error;
	if (error instanceof AnswerTooLargeError) {
		throw new DownloadError(`the file is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB (Max File Size)`);
	}
	if (deadline.expired()) throw new DownloadError(`no complete answer within the timeout (${deadlineMs} ms)`);
	const code = (error as { code?: string })?.code;
	throw new DownloadError(`the request to ${url.host} failed${code ? ` (${code})` : ''}`);
}
