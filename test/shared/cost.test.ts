/**
 * What n8n evaluates per item. n8n's RoutingNode resolves, for every item, the parameter of every
 * property of the same name in the description, twice; the nodes run their operations through
 * `customOperations` (nodes/shared/direct.ts) so that an ID expression is resolved only where
 * the operation reads it. Counted by watching n8n's own expression resolver (called through).
 */
import { Expression } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { SignTrakerApi } from '../../packages/signtraker/credentials/SignTrakerApi.credentials';
import { SignTraker } from '../../packages/signtraker/nodes/SignTraker/SignTraker.node';
import { runNode } from '../harness/engine';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';
import { createSignTrakerSim, SIGNTRAKER_KEY } from '../sim/signtraker';

interface Case {
	name: string;
	node: INodeType;
	cred: ICredentialType;
	sim: { baseUrl: string; log: Array<{ method: string; path: string; query: unknown; body: unknown; rawBody: string; headers: Record<string, unknown> }>; start(): Promise<unknown>; stop(): Promise<unknown> };
	credentials: (baseUrl: string) => Record<string, ICredentialDataDecryptedObject>;
	resource: string;
	idField: string;
	id: string | number;
}

const cases: Case[] = [
	{ name: 'AgentRef', node: new AgentRef(), cred: new AgentRefApi(), sim: createAgentRefSim(), credentials: (baseUrl) => ({ agentRefApi: { apiKey: MERCHANT_KEY, baseUrl } }), resource: 'program', idField: 'programId', id: 'prog_1' },
	{ name: 'Prefactor', node: new Prefactor(), cred: new PrefactorApi(), sim: createPrefactorSim(), credentials: (baseUrl) => ({ prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl } }), resource: 'agent', idField: 'agentId', id: 'agent_1' },
	{ name: 'SignTraker', node: new SignTraker(), cred: new SignTrakerApi(), sim: createSignTrakerSim(), credentials: (baseUrl) => ({ signTrakerApi: { apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl } }), resource: 'agent', idField: 'agentId', id: 1 },
	{ name: 'Open To Close', node: new OpenToClose(), cred: new OpenToCloseApi(), sim: createOpenToCloseSim(), credentials: (baseUrl) => ({ openToCloseApi: { apiToken: OTC_TOKEN, baseUrl } }), resource: 'property', idField: 'propertyId', id: 1 },
];

beforeAll(async () => {
	for (const c of cases) await c.sim.start();
});
afterAll(async () => {
	for (const c of cases) await c.sim.stop();
});

function idParameter(c: Case, value: string): INodeParameters[string] {
	const property = c.node.description.properties.find(
		(p) => p.name === c.idField && ((p.displayOptions?.show?.resource as string[]) ?? []).includes(c.resource) && ((p.displayOptions?.show?.operation as string[]) ?? []).includes('get'),
	);
	return property?.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
}

describe.each(cases)('$name', (c) => {
	test('every operation runs without the pass over all properties', () => {
		const operations = c.node.description.properties.filter((p) => p.name === 'operation');
		for (const selector of operations) {
			for (const resource of selector.displayOptions!.show!.resource as string[]) {
				for (const option of selector.options as Array<{ value: string }>) {
					expect([resource, option.value, typeof c.node.customOperations?.[resource]?.[option.value]]).toEqual([resource, option.value, 'function']);
				}
			}
		}
	});

	test('an ID expression is resolved at most twice per item, however many properties share its name', async () => {
		const sameName = c.node.description.properties.filter((p) => p.name === c.idField).length;
		const resolve = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
		try {
			const count = 10;
			const before = c.sim.log.length;
			const result = await runNode({
				nodeType: c.node,
				credentialTypes: [c.cred],
				credentials: c.credentials(c.sim.baseUrl),
				parameters: { resource: c.resource, operation: 'get', [c.idField]: idParameter(c, '={{ $json.id }}') },
				items: Array.from({ length: count }, () => ({ id: c.id })),
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(count);
			const requests = c.sim.log.slice(before).map((r) => `${r.method} ${r.path}`);
			expect(requests).toHaveLength(count);
			expect(new Set(requests).size).toBe(1);
			expect(requests[0]).toMatch(new RegExp(`^GET /.*/${c.id}$`));
			const ofId = resolve.mock.calls.filter(([value]) => String(value).includes('$json.id')).length;
			if (process.env.TEST_FIGURES) console.log(`${c.name}: ${ofId / count} resolutions of the ID per item; ${sameName} properties named ${c.idField}`);
			// Once per item here (the HTTP Request node's count too), at most twice, where n8n's routing
			// resolved it twice for each of the `sameName` properties, plus once (29 for AgentRef).
			expect(ofId).toBeLessThanOrEqual(2 * count);
		} finally {
			resolve.mockRestore();
		}
	});
});

describe('the direct run and n8n routing build the same request', () => {
	// The same node without its customOperations: n8n then runs it through its RoutingNode.
	const direct = new AgentRef();
	const routed = Object.assign(new AgentRef(), { customOperations: undefined });
	const sim = cases[0].sim;
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const samples: Array<[string, INodeParameters, Array<{ id: string }>, boolean]> = [
		['expressions, filters, Limit', { resource: 'affiliate', operation: 'getAll', returnAll: false, limit: '={{ 1 + 1 }}', filters: { programId: byId('={{ $json.id }}'), search: 'jane', sortOrder: 'desc' } }, [{ id: 'prog_1' }, { id: 'prog_2' }], false],
		['required and optional body fields with an idempotency key', { resource: 'program', operation: 'create', name: '={{ "Program " + $json.id }}', commissionType: 'recurring', commissionPercent: 15, additionalFields: { website: 'https://new.agentref.dev', cookieDuration: 45 }, options: { idempotencyKey: '={{ "key-" + $json.id }}' } }, [{ id: 'a' }, { id: 'b' }], false],
		['converted fields (a date) and Output: Selected Fields', { resource: 'conversion', operation: 'getAll', returnAll: true, filters: { status: 'approved', startDate: '2026-01-01' }, output: 'selected', fields: ['id', 'status'] }, [{ id: 'x' }], false],
		['a refused value, with Continue On Fail', { resource: 'program', operation: 'get', programId: byId('={{ $json.id }}') }, [{ id: '..' }, { id: 'prog_1' }], false],
		['an API error that stops the run', { resource: 'program', operation: 'get', programId: byId('={{ $json.id }}') }, [{ id: 'prog_1' }, { id: 'prog_missing' }], true],
	];

	// Every row has all four values: jest would take a missing last one for a `done` callback.
	test.each(samples)('%s', async (_label, parameters, items, stops) => {
		const outcome = async (nodeType: INodeType) => {
			const before = sim.log.length;
			const result = await runNode({ nodeType, credentialTypes: [new AgentRefApi()], credentials: cases[0].credentials(sim.baseUrl), parameters, items, continueOnFail: !stops });
			const requests = sim.log.slice(before).map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.rawBody ? r.body : undefined, key: r.headers['idempotency-key'] }));
			// Records created by the first run carry other ids and times in the second.
			const output = result.items.map((i) => (i.json.error ? i.json : Object.keys(i.json).sort()));
			const error = result.error && { message: result.error.message, httpCode: result.error.httpCode, itemIndex: result.error.context?.itemIndex, type: result.error.constructor.name };
			return { requests, output, error };
		};
		const viaDirect = await outcome(direct);
		expect(viaDirect.requests.length + viaDirect.output.length).toBeGreaterThan(0);
		if (stops) expect(viaDirect.error).toMatchObject({ httpCode: '404', itemIndex: 1 });
		expect(await outcome(routed)).toEqual(viaDirect);
	});
});
