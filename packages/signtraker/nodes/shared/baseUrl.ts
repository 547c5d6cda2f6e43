// Copy made by `npm run sync` from nodes/shared/baseUrl.ts: edit that file, not this one.
/**
 * Base URLs must be HTTPS so an API key never travels in clear text. Plain HTTP is accepted
 * only for loopback hosts, which is where the local simulators and tests run.
 */
const LOOPBACK_HTTP = /^http:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d{1,5})?(\/|$)/i;

export function isAllowedBaseUrl(url: unknown): boolean {
	if (typeof url !== 'string' || url.trim() === '') return false;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.username || parsed.password) return false;
	if (parsed.protocol === 'https:') return true;
	return LOOPBACK_HTTP.test(url);
}

/**
 * The expression used by credential tests: an unusable base URL resolves to a host that
 * cannot exist (`.invalid` is reserved), so the key is never sent to it and the test fails
 * with a message that names the problem. `stripSuffix` removes a path users often paste with
 * the base URL, such as `/api/v1`.
 */
export function credentialTestBaseUrl(field: string, stripSuffix?: string): string {
	const value = `$credentials.${field}`;
	const strip = stripSuffix ? `.replace(/${stripSuffix.replace(/\//g, '\\/')}$/, '')` : '';
	return (
		`={{ /^https:\\/\\//i.test(${value}) || /^http:\\/\\/(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d{1,5})?(\\/|$)/i.test(${value})` +
		` ? ${value}.replace(/\\/+$/, '')${strip} : 'https://base-url-must-use-https.invalid' }}`
	);
}
