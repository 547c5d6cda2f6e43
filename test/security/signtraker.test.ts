/** SignTraker: the security suite. */
import { SignTrakerApi } from '../../packages/signtraker/credentials/SignTrakerApi.credentials';
import type { SecurityTargets } from '../harness/security';
import { securitySuite, WRONG } from '../harness/security';
import { byId, useSignTraker } from '../signtraker/kit';
import { SIGNTRAKER_KEY } from '../sim/signtraker';
import { secretSuite } from './secretSuite';

const kit = useSignTraker();

const targets: SecurityTargets = {
	displayName: 'SignTraker',
	secret: SIGNTRAKER_KEY,
	credentials: (baseUrl) => ({ apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl }),
	where: 'Subdomain (or Base URL Override)',
	read: { params: { resource: 'order', operation: 'get', orderId: '1' }, path: '/api/orders/1' },
	write: { params: { resource: 'order', operation: 'create', agentId: byId(1 as unknown as string), presetId: byId(20 as unknown as string) }, method: 'POST', path: '/api/orders' },
	credentialPath: '/api/enterprises',
	foreignJson: { value: 'not a list' },
	wrongTypes: [
		['an object as the order ID', { resource: 'order', operation: 'get', orderId: WRONG.object }, 'Order ID'],
		['a list as the order ID', { resource: 'order', operation: 'get', orderId: WRONG.list }, 'Order ID'],
		['a one-entry list as the order ID (refused on purpose)', { resource: 'order', operation: 'get', orderId: WRONG.oneEntry }, 'Order ID'],
		['null as the order ID', { resource: 'order', operation: 'get', orderId: WRONG.null }, 'Order ID'],
		['a boolean as the order ID', { resource: 'order', operation: 'get', orderId: WRONG.boolean }, 'Order ID'],
		['"abc" in a number field', { resource: 'agent', operation: 'update', agentId: byId('1'), updateFields: { basicInstallPrice: 'abc' } }, 'Basic Install Price'],
		['an object in a text field', { resource: 'agent', operation: 'update', agentId: byId('1'), updateFields: { notes: WRONG.object } }, 'Notes'],
	],
};

securitySuite(kit, targets);
secretSuite(kit, targets, new SignTrakerApi());

