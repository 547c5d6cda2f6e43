/**
 * n8n's Retry On Fail runs the whole node again. An item the API already accepted on the first
 * try must not be written again on the next: the generated idempotency key of an item is the
 * same on every try of the same execution (nodes/shared/idempotency.ts), so the API replays its
 * first answer. Run through n8n-core's WorkflowExecute with the node's own Retry On Fail setting,
 * against the simulators, which honour idempotency keys the way the APIs document.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import type { RunOptions } from '../harness/engine';
import { runNode } from '../harness/engine';
import { useSimulator } from '../harness/simulator';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';
import type { LoggedRequest, SimServer } from '../sim/server';

interface Service {
	name: string;
	sim: SimServer & { state: IDataObject };
	node: () => INodeType;
	credentialType: ICredentialType;
	credentials: (baseUrl: string) => Record<string, ICredentialDataDecryptedObject>;
	/** A create with a generated key; `$json.name` names the record. */
	create: INodeParameters;
	path: string;
	records: (sim: Service['sim']) => IDataObject[];
	keyOf: (req: LoggedRequest) => unknown;
	nameOf: (req: LoggedRequest) => unknown;
}

const agentRefSim = createAgentRefSim() as unknown as Service['sim'];
const prefactorSim = createPrefactorSim() as unknown as Service['sim'];
const services: Service[] = [
	{
		name: 'AgentRef (key in a header)',
		sim: agentRefSim,
		node: () => new AgentRef(),
		credentialType: new AgentRefApi(),
		credentials: (baseUrl) => ({ agentRefApi: { apiKey: MERCHANT_KEY, baseUrl } }),
		create: { resource: 'program', operation: 'create', name: '={{ $json.name }}', commissionType: 'recurring', commissionPercent: 15 },
		path: '/programs',
		records: (sim) => sim.state.programs as IDataObject[],
		keyOf: (req) => req.headers['idempotency-key'],
		nameOf: (req) => (req.body as IDataObject).name,
	},
	{
		name: 'Prefactor (key in the body)',
		sim: prefactorSim,
		node: () => new Prefactor(),
		credentialType: new PrefactorApi(),
		credentials: (baseUrl) => ({ prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl } }),
		create: { resource: 'agent', operation: 'create', name: '={{ $json.name }}' },
		path: '/agent',
		records: (sim) => (sim.state.agent as IDataObject[]) ?? [],
		keyOf: (req) => (req.body as IDataObject).idempotency_key,
		nameOf: (req) => ((req.body as IDataObject).details as IDataObject).name,
	},
];

for (const service of services) useSimulator(service.sim);

const retryOnFail = { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 };

/** Every POST of the record named `name` fails (500) until `times` have failed. */
function failFor(sim: SimServer, service: Service, name: string, times: number) {
	let failed = 0;
	sim.beforeHandle = (req) => {
		if (req.method !== 'POST' || req.path !== service.path || service.nameOf(req) !== name || failed >= times) return;
		failed++;
		sim.inject({ kind: 'status', status: 500, body: { error: { code: 'INTERNAL', message: 'Try again later' } } }, { method: 'POST', path: service.path });
	};
}

async function run(service: Service, names: string[], extra: Partial<RunOptions> = {}) {
	return await runNode({
		nodeType: service.node(),
		credentialTypes: [service.credentialType],
		credentials: service.credentials(service.sim.baseUrl),
		parameters: service.create,
		items: names.map((name) => ({ name })),
		...extra,
	});
}

describe.each(services)('$name', (service) => {
	const named = (name: string) => service.records(service.sim).filter((r) => r.name === name || (r.details as IDataObject | undefined)?.name === name);
	const posts = (name: string) => service.sim.requests('POST', service.path).filter((r) => service.nameOf(r) === name);

	test('Retry On Fail after a later item failed does not write the accepted item again', async () => {
		const [first, second] = [`First ${Date.now()}`, `Second ${Date.now()}`];
		// The first try: item 0 is written, item 1 keeps failing past the node's own 3 retries.
		failFor(service.sim, service, second, 4);
		const result = await run(service, [first, second], { nodeSettings: retryOnFail });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		// Item 0 was sent on both tries, with one key; the API replayed the first answer.
		expect(posts(first)).toHaveLength(2);
		expect(new Set(posts(first).map(service.keyOf)).size).toBe(1);
		expect(named(first)).toHaveLength(1);
		expect(named(second)).toHaveLength(1);
		expect(result.items[0].json.id).toBe(named(first)[0].id);
	});

	test('with Continue On Fail, Retry On Fail after a failed first item does not write the next one again', async () => {
		// n8n also retries a node that continued on fail when its first output item is an error.
		const [first, second] = [`Failing ${Date.now()}`, `Written ${Date.now()}`];
		failFor(service.sim, service, first, 4);
		const result = await run(service, [first, second], { nodeSettings: retryOnFail, continueOnFail: true });
		expect(result.items.map((i) => i.json.error)).toEqual([undefined, undefined]);
		expect(posts(second)).toHaveLength(2);
		expect(new Set(posts(second).map(service.keyOf)).size).toBe(1);
		expect(named(second)).toHaveLength(1);
		expect(named(first)).toHaveLength(1);
	});

	test('another execution, the same item: another key (what retrying from the executions list does)', async () => {
		const name = `Again ${Date.now()}`;
		expect((await run(service, [name])).error).toBeUndefined();
		expect((await run(service, [name])).error).toBeUndefined();
		const keys = posts(name).map(service.keyOf);
		expect(keys).toHaveLength(2);
		expect(keys[0]).not.toBe(keys[1]);
		expect(named(name)).toHaveLength(2);
	});

	test('two items sending the same thing in one run get their own keys', async () => {
		const name = `Twin ${Date.now()}`;
		const result = await run(service, [name, name]);
		expect(result.error).toBeUndefined();
		expect(new Set(posts(name).map(service.keyOf)).size).toBe(2);
		expect(named(name)).toHaveLength(2);
	});

	test('without an execution id the key still holds across Retry On Fail', async () => {
		const [first, second] = [`Unsaved ${Date.now()}`, `Later ${Date.now()}`];
		failFor(service.sim, service, second, 4);
		const result = await run(service, [first, second], { nodeSettings: retryOnFail, executionId: null });
		expect(result.error).toBeUndefined();
		expect(new Set(posts(first).map(service.keyOf)).size).toBe(1);
		expect(named(first)).toHaveLength(1);
	});
});
