import type { OperationHandler } from '../kernel/operation';
import { altegioBaseUrl } from '../kernel/transport';

/**
 * Altegio gives file links relative to its host (`/client_files/download/…`). A following HTTP
 * Request node needs them absolute, so they are resolved against the credential's base URL.
 */

/**
 * Where download links start: the base URL without its API path (`https://api.alteg.io/api/v1`
 * → `https://api.alteg.io`). A base URL with another path (a proxy) keeps that path prefix.
 */
export function downloadRoot(baseUrl: string): string {
	const trimmed = baseUrl.trim().replace(/\/+$/, '');
	const withoutApi = trimmed.replace(/\/api(?:\/v\d+)?$/i, '');
	if (withoutApi !== trimmed) return withoutApi;
	try {
		return new URL(trimmed).origin;
	} catch {
		return trimmed;
	}
}

/** A link made absolute against `root`; absolute links (and non-strings) are returned unchanged. */
export function absoluteLink<T>(link: T, root: string): T | string {
	if (typeof link !== 'string' || link.trim() === '') return link;
	if (/^[a-z][a-z\d+.-]*:/i.test(link) || link.startsWith('//')) return link;
	return `${root}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** The download root of the credential this execution uses. */
export async function linkRoot(ctx: ThisParameterType<OperationHandler>): Promise<string> {
	return downloadRoot(await altegioBaseUrl(ctx));
}
