// Copy made by `npm run sync` from nodes/shared/proxyUrl.ts: edit that file, not this one.
/**
 * The proxy of Settings → Request Options read the way n8n's RoutingNode reads it: with Node's
 * legacy `url.parse`, which the direct path (direct.ts) cannot import (n8n's community-node rules
 * allow no `url` module) and which the WHATWG `URL` does not reproduce: `URL` drops a scheme's
 * default port (`http://host:80` has port ""), so the proxy was refused for a missing port where
 * n8n's routing uses port 80; it also keeps the brackets of an IPv6 host and decodes the user
 * name and password separately.
 *
 * The parts below follow `url.parse` for what RoutingNode reads (protocol, auth, host, port,
 * hostname); a test compares them with Node's own on generated proxy strings.
 */

export interface ProxyParts {
	protocol: string | null;
	auth: string | null;
	/** `null` when the text has no host part at all (RoutingNode: "does not contain a valid value for host"). */
	host: string | null;
	/** `null` without digits after a `:` (RoutingNode: "... for port"). */
	port: string | null;
	hostname: string | null;
}

const PROTOCOL = /^[a-z0-9.+-]+:/i;
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const HOST_WITH_AUTH = /^\/\/[^@/]+@[^@/]+/;
const PORT = /:[0-9]*$/;
const SLASHED = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
const HOSTLESS = new Set(['javascript', 'javascript:']);
/** Characters that end the host part without ending the authority scan. */
const NOT_IN_HOST = new Set([' ', '"', '%', "'", ';', '<', '>', '\\', '^', '`', '{', '|', '}']);
const HOST_END = new Set(['#', '/', '?']);
const WHITESPACE = /^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$/g;

/** Where url.parse ends a host name (the rest would be a path); what it then refuses. */
const HOST_NAME_END = /[/\\#?:]/;
const FORBIDDEN = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_IPV6 = /[\0\t\n\r #%/<>?@\\^|]/;

/** A host name in ASCII (punycode) as `url.parse` gives it; the WHATWG parser does the conversion. */
function toAscii(hostname: string): string {
	if (![...hostname].some((char) => char.charCodeAt(0) > 127)) return hostname;
	// Node keeps the ASCII characters as they are, so a forbidden one is still refused below.
	if (FORBIDDEN.test(hostname)) return hostname;
	try {
		return new URL(`http://${hostname}`).hostname;
	} catch {
		return '';
	}
}

export function readProxy(text: string): ProxyParts {
	const parts: ProxyParts = { protocol: null, auth: null, host: null, port: null, hostname: null };
	let rest = text.replace(WHITESPACE, '');
	// Backslashes before the query or fragment count as slashes.
	const split = rest.search(/[?#]/);
	const head = split === -1 ? rest : rest.slice(0, split);
	rest = head.replace(/\\/g, '/') + (split === -1 ? '' : rest.slice(split));
	if (!rest.includes('#') && !rest.includes('@') && SIMPLE_PATH.test(rest)) return parts;

	const proto = PROTOCOL.exec(rest)?.[0];
	const lowerProto = proto?.toLowerCase();
	if (proto) {
		parts.protocol = lowerProto!;
		rest = rest.slice(proto.length);
	}
	let slashes = false;
	if (proto || HOST_WITH_AUTH.test(rest)) {
		slashes = rest.startsWith('//');
		if (slashes && !(proto && HOSTLESS.has(lowerProto!))) rest = rest.slice(2);
	}
	if ((lowerProto && HOSTLESS.has(lowerProto)) || !(slashes || (proto && !SLASHED.has(proto)))) return parts;

	let atSign = -1;
	let nonHost = -1;
	for (let i = 0; i < rest.length; i++) {
		const char = rest[i];
		if (char === '\t' || char === '\n' || char === '\r') {
			// Dropped from the authority, as the WHATWG parser does.
			rest = rest.slice(0, i) + rest.slice(i + 1);
			i--;
		} else if (NOT_IN_HOST.has(char)) {
			if (nonHost === -1) nonHost = i;
		} else if (HOST_END.has(char)) {
			if (nonHost === -1) nonHost = i;
			break;
		} else if (char === '@') {
			atSign = i;
			nonHost = -1;
		}
	}
	let start = 0;
	if (atSign !== -1) {
		// As url.parse: a malformed escape throws (URIError), and RoutingNode reports that error.
		parts.auth = decodeURIComponent(rest.slice(0, atSign));
		start = atSign + 1;
	}
	let host = nonHost === -1 ? rest.slice(start) : rest.slice(start, nonHost);

	const port = PORT.exec(host)?.[0];
	if (port) {
		if (port !== ':') parts.port = port.slice(1);
		host = host.slice(0, host.length - port.length);
	}
	let hostname = host;
	const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
	if (!ipv6) {
		const end = hostname.search(HOST_NAME_END);
		if (end !== -1) hostname = hostname.slice(0, end);
	}
	hostname = hostname.length > 255 ? '' : hostname.toLowerCase();
	if (hostname !== '') {
		if (!ipv6) hostname = toAscii(hostname);
		// As url.parse (ERR_INVALID_URL), which RoutingNode reports as the error it is.
		if ((ipv6 ? FORBIDDEN_IPV6 : FORBIDDEN).test(hostname)) throw new TypeError('Invalid URL');
	}
	parts.host = hostname + (parts.port ? `:${parts.port}` : '');
	parts.hostname = ipv6 ? hostname.slice(1, -1) : hostname;
	return parts;
}
