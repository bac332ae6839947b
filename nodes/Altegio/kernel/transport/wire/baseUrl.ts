/**
 * The Base URL's rules. Tokens travel in a header: over http:// anyone on the way reads them, and a
 * redirect could carry them to another host. So http:// is accepted for a loopback host only (a
 * local sandbox), and no request of the package follows a redirect.
 */

const EXAMPLE = 'https://api.alteg.io/api/v1';

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why the Base URL cannot be used, or undefined when it can. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `The Base URL is not a valid http(s) URL. It should look like ${EXAMPLE}.`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:') {
		if (isLoopbackHost(url.hostname)) return undefined;
		return (
			`The Base URL in the Altegio credential uses http://, which would send the tokens unencrypted to ${url.host}. ` +
			`Use https:// (like ${EXAMPLE}); http:// is accepted only for a local sandbox (localhost, 127.0.0.1, ::1).`
		);
	}
	return `The Base URL in the Altegio credential must start with https://, like ${EXAMPLE}.`;
}

/** The text for a 3xx answer: where it pointed, and that nothing was sent there. */
export function redirectProblem(status: number, location: unknown, baseUrl: string): string {
	let target = '';
	if (typeof location === 'string' && location !== '') {
		try {
			const url = new URL(location, `${baseUrl}/`);
			target = ` to ${url.protocol}//${url.host}`;
		} catch {
			target = ' to an unreadable address';
		}
	}
	return (
		`Altegio's address answered with a redirect (HTTP ${status})${target}, which this node does not follow ` +
		`(nothing was sent there). Set the credential's Base URL to the API's own address, like ${EXAMPLE}`
	);
}

export function isRedirect(status: number): boolean {
	return status >= 300 && status < 400;
}
