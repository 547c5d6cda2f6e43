import { credentialTestBaseUrl } from '../shared/baseUrl';

/** One DNS label, so a subdomain can never point the key at another host. */
export const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Where an unusable subdomain resolves to: a reserved host that cannot exist. */
export const INVALID_SUBDOMAIN_HOST = 'https://subdomain-must-be-one-dns-label.invalid';

/**
 * The base URL expression shared by the node and the credential test: the override when
 * given (HTTPS, or loopback for tests), otherwise https://{subdomain}.signtraker.com.
 */
export const signTrakerBaseUrlExpression =
	`={{ $credentials.baseUrl ? (${credentialTestBaseUrl('baseUrl').slice(4, -3)})` +
	` : (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test($credentials.subdomain) ? 'https://' + $credentials.subdomain + '.signtraker.com' : '${INVALID_SUBDOMAIN_HOST}') }}`;
