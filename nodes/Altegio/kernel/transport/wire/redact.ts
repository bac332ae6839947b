/**
 * Keeping credentials out of messages. Altegio's texts may echo what was sent (a token, its first
 * characters, the password). Replacing the echo with a marker is not enough: a short password or an
 * ordinary word ("Client not [redacted]") is revealed by where the marker lands. So a text of
 * Altegio's that holds any credential value, or the first 6 or more characters of one, is withheld
 * whole (safeText); `redact` stays as the last net over texts assembled from several parts.
 */

export const WITHHELD = "Altegio's message was withheld because it contained (part of) a credential";

/** Shortest start of a secret that counts as echoing it. */
const PREFIX = 6;
/** Secrets shorter than this are matched as whole words only (as substrings they match any text). */
const SHORT = 4;

function strings(secrets: unknown[]): string[] {
	return secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

function forms(secret: string): string[] {
	return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` holds a secret, or the first PREFIX characters of one. */
export function leaks(text: string, secrets: unknown[]): boolean {
	const haystack = text;
	for (const secret of strings(secrets)) {
		const candidates = [...forms(secret), ...(secret.length > PREFIX ? forms(secret.slice(0, PREFIX)) : [])];
		for (const form of candidates) {
			if (form.length >= SHORT) {
				if (haystack.includes(form)) return true;
			} else if (new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(form)}($|[^\\p{L}\\p{N}])`, 'u').test(haystack)) {
				return true;
			}
		}
	}
	return false;
}

/** Altegio's text as it is, or a notice that it was withheld (see above). */
export function safeText(text: string, secrets: unknown[]): string {
	return leaks(text, secrets) ? WITHHELD : text;
}

/**
 * The last net over texts assembled from several parts: replaces every secret of 4 or more
 * characters, also as it looks URL-encoded or inside a JSON string. Altegio's own texts have been
 * through safeText already, so this does not meet a secret's start in ordinary words.
 */
export function redact(text: string, secrets: unknown[]): string {
	let out = text;
	const found = strings(secrets)
		.filter((secret) => secret.length >= SHORT)
		.flatMap(forms);
	// Longest first, so a secret that contains another is replaced whole.
	for (const form of [...new Set(found)].sort((a, b) => b.length - a.length)) out = out.split(form).join('[redacted]');
	return out;
}
