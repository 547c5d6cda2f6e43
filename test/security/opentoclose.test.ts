/** Open To Close: the security suite; the token travels in the query, so echoed URLs carry it. */
import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import type { SecurityTargets } from '../harness/security';
import { securitySuite, WRONG } from '../harness/security';
import { useOpenToClose } from '../opentoclose/kit';
import { OTC_TOKEN } from '../sim/opentoclose';
import { secretSuite } from './secretSuite';

const kit = useOpenToClose();

const targets: SecurityTargets = {
	displayName: 'Open To Close',
	secret: OTC_TOKEN,
	credentials: (baseUrl) => ({ apiToken: OTC_TOKEN, baseUrl }),
	where: 'Base URL',
	read: { params: { resource: 'contact', operation: 'get', contactId: '1' }, path: '/contacts/1' },
	write: { params: { resource: 'propertyNote', operation: 'create', propertyId: '1', description: 'once only' }, method: 'POST', path: '/properties/1/notes' },
	credentialPath: '/propertyFields',
	foreignJson: { parked: true },
	wrongTypes: [
		['an object as the contact ID', { resource: 'contact', operation: 'get', contactId: WRONG.object }, 'Contact ID'],
		['a list as the contact ID', { resource: 'contact', operation: 'get', contactId: WRONG.list }, 'Contact ID'],
		['a one-entry list as the contact ID (refused on purpose)', { resource: 'contact', operation: 'get', contactId: WRONG.oneEntry }, 'Contact ID'],
		['null as the contact ID', { resource: 'contact', operation: 'get', contactId: WRONG.null }, 'Contact ID'],
		['a boolean as the contact ID', { resource: 'contact', operation: 'get', contactId: WRONG.boolean }, 'Contact ID'],
		['"abc" in a number field', { resource: 'agent', operation: 'getAll', returnAll: true, filters: { teamId: 'abc' } }, 'Team ID'],
		['an object in a text field', { resource: 'agent', operation: 'getAll', returnAll: true, filters: { status: WRONG.object } }, 'Status'],
	],
};

securitySuite(kit, targets);
secretSuite(kit, targets, new OpenToCloseApi());


test('Open To Close: any api_token= value an API echoes is masked, even one that is not the credential\'s', async () => {
	kit.sim.inject({ kind: 'status', status: 400, body: { message: 'Bad URL /v1/contacts/1?api_token=someone_elses_9f8e7d; retry' } }, { path: '/contacts/1' });
	const { error } = await kit.run({ resource: 'contact', operation: 'get', contactId: '1' });
	expect(error?.message).toBe('Bad URL /v1/contacts/1?api_token=***; retry');
});

test('Open To Close: invalid JSON under Continue On Fail has the one error shape, not n8n\'s { error: "<message>" }', async () => {
	const result = await kit.run(
		{ resource: 'property', operation: 'update', propertyId: '={{ $json.id }}', body: '={{ $json.body }}' },
		{ continueOnFail: true, items: [{ id: '1', body: '{"fields": [' }, { id: '1', body: '{"fields": []}' }] },
	);
	expect(result.items[0].json).toEqual({
		error: { message: 'Body JSON: is not valid JSON', description: 'Check the "Body JSON" field of item 1.', field: 'Body JSON' },
	});
	// The other item went on to the API.
	expect(result.items[1].json.error).toBeUndefined();
	expect(kit.sim.requests('PUT')).toHaveLength(1);
});
