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
