/** AgentRef: the security suite, and one rate-limit gate per host and credential. */
import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { byId, useAgentRef } from '../agentref/kit';
import { runListSearch } from '../harness/engine';
import type { SecurityTargets } from '../harness/security';
import { securitySuite, useCatcher, WRONG } from '../harness/security';
import { AFFILIATE_KEY, MERCHANT_KEY } from '../sim/agentref';
import { secretSuite } from './secretSuite';

const kit = useAgentRef();

const targets: SecurityTargets = {
	displayName: 'AgentRef',
	secret: MERCHANT_KEY,
	credentials: (baseUrl) => ({ apiKey: MERCHANT_KEY, baseUrl }),
	where: 'Base URL',
	read: { params: { resource: 'merchant', operation: 'get' }, path: '/merchant' },
	write: { params: { resource: 'program', operation: 'connectStripe', programId: byId('prog_1'), method: 'oauth_url' }, method: 'POST', path: '/programs/prog_1/connect-stripe' },
	credentialPath: '/me',
	foreignJson: { parked: true, domain: 'for sale' },
	wrongTypes: [
		['an object as the program ID', { resource: 'program', operation: 'get', programId: byId(WRONG.object) }, 'Program'],
		['a list as the program ID', { resource: 'program', operation: 'get', programId: byId(WRONG.list) }, 'Program'],
		['a one-entry list as the program ID (refused on purpose)', { resource: 'program', operation: 'get', programId: byId(WRONG.oneEntry) }, 'Program'],
		['null as the program ID', { resource: 'program', operation: 'get', programId: byId(WRONG.null) }, 'Program'],
		['a boolean as the program ID', { resource: 'program', operation: 'get', programId: byId(WRONG.boolean) }, 'Program'],
		['"abc" in a number field', { resource: 'program', operation: 'create', name: 'P', commissionType: 'one_time', commissionPercent: 'abc' }, 'Commission Percent'],
		['an object in a text field', { resource: 'program', operation: 'create', name: WRONG.object, commissionType: 'one_time', commissionPercent: 20 }, 'Name'],
	],
};

securitySuite(kit, targets);
secretSuite(kit, targets, new AgentRefApi());


describe('AgentRef: one rate-limit gate per host and credential', () => {
	test('a 429 for one account does not hold back another account on the same host', async () => {
		const me = { resource: 'myAccount', operation: 'getIdentity' };
		// The merchant's first request is told to wait 2 seconds.
		kit.sim.inject({ kind: 'status', status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } } }, { path: '/me', times: 1 });
		const merchant = kit.run(me, { credentials: { apiKey: MERCHANT_KEY, baseUrl: kit.baseUrl } });
		// Sent once the merchant's 429 has arrived and paused the merchant's gate.
		while (!kit.sim.log.some((r) => r.status === 429)) await new Promise((r) => setImmediate(r));
		const affiliate = await kit.run(me, { credentials: { apiKey: AFFILIATE_KEY, baseUrl: kit.baseUrl } });
		expect(affiliate.error).toBeUndefined();
		expect((await merchant).error).toBeUndefined();
		// The affiliate's request went out during the merchant's pause, before its retry.
		const keys = kit.sim.log.map((r) => `${String(r.headers.authorization)} ${String(r.status)}`);
		expect(keys).toEqual([`Bearer ${MERCHANT_KEY} 429`, `Bearer ${AFFILIATE_KEY} 200`, `Bearer ${MERCHANT_KEY} 200`]);
	});
});

describe('AgentRef: list searches', () => {
	const catcher = useCatcher();
	test('a list search answered with a redirect fails and never sends the key on', async () => {
		kit.sim.inject({ kind: 'status', status: 302, headers: { location: `${catcher.url}/programs` } }, { path: '/programs' });
		const search = runListSearch(
			{ nodeType: new AgentRef(), credentialTypes: [new AgentRefApi()], credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: kit.baseUrl } }, parameters: { resource: 'program', operation: 'get' } },
			'searchPrograms',
		);
		await expect(search).rejects.toThrow(`AgentRef answered 302 with a redirect to ${catcher.url}, which is not followed`);
		expect(catcher.log).toEqual([]);
	});
});
