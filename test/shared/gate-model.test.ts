/**
 * Model-based test of the gate through n8n-core's real engine and the real transport, against a
 * simulator limiting the rate per sliding second: random limits from 1 request/s up, 429s with
 * a Retry-After in seconds or as a date, or without one, in random patterns, with and without
 * X-RateLimit headers (the reset to the millisecond or in whole seconds). Whatever the pattern,
 * no item fails and every item gets its record.
 * Each run lasts a few seconds: the items are about two seconds' worth at the limit.
 * Replay a red run with FC_SEED=<the printed seed>.
 */
import fc from 'fast-check';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { runNode } from '../harness/engine';
import { resetGates } from '../harness/gates';
import { useSimulator } from '../harness/simulator';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';
import type { RateLimitOptions, SimServer } from '../sim/server';

interface Service {
	name: string;
	sim: SimServer;
	node: INodeType;
	cred: ICredentialType;
	credentials: (baseUrl: string) => Record<string, ICredentialDataDecryptedObject>;
	parameters: INodeParameters;
	idField: string;
	id: string | number;
}

/** Get by the ID from each item, as the editor saves the field (a plain one or a record picker). */
function getParameters(s: Service): INodeParameters {
	const property = s.node.description.properties.find(
		(p) => p.name === s.idField && ((p.displayOptions?.show?.operation as string[]) ?? []).includes('get'),
	);
	const id = '={{ $json.id }}';
	return { ...s.parameters, [s.idField]: property?.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: id } : id };
}

const services: Service[] = [
	{
		name: 'Open To Close',
		sim: createOpenToCloseSim(),
		node: new OpenToClose(),
		cred: new OpenToCloseApi(),
		credentials: (baseUrl) => ({ openToCloseApi: { apiToken: OTC_TOKEN, baseUrl } }),
		parameters: { resource: 'contact', operation: 'get' },
		idField: 'contactId',
		id: 1,
	},
	{
		name: 'Prefactor',
		sim: createPrefactorSim(),
		node: new Prefactor(),
		cred: new PrefactorApi(),
		credentials: (baseUrl) => ({ prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl } }),
		parameters: { resource: 'agent', operation: 'get' },
		idField: 'agentId',
		id: 'agent_1',
	},
];
for (const s of services) useSimulator(s.sim);

/** What one 429 carries: Retry-After in seconds, as an HTTP date that far ahead, or nothing. */
type RetryAfter = { seconds: number; asDate: boolean } | undefined;

const retryAfterText = (r: RetryAfter): string | undefined =>
	r === undefined ? undefined : r.asDate ? new Date(Date.now() + r.seconds * 1000).toUTCString() : String(r.seconds);

const scenario = fc.record({
	service: fc.constantFrom(...services),
	perSecond: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 40 })),
	// The Retry-After of the n-th 429 is pattern[n % length].
	pattern: fc.array(fc.option(fc.record({ seconds: fc.integer({ min: 0, max: 2 }), asDate: fc.boolean() }), { nil: undefined }), { minLength: 1, maxLength: 6 }),
	headers: fc.constantFrom<RateLimitOptions['headers']>(false, true, 'whole seconds'),
	// About two seconds' worth at the limit.
	share: fc.double({ min: 0.2, max: 2, noNaN: true }),
});

test('random rate limits and 429 patterns: no item fails', async () => {
	const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
	const runs: string[] = [];
	try {
		await fc.assert(
			fc.asyncProperty(scenario, async ({ service, perSecond, pattern, headers, share }) => {
				resetGates();
				service.sim.resetLog();
				service.sim.limitRate(perSecond, undefined, { retryAfter: (n) => retryAfterText(pattern[n % pattern.length]), headers });
				const count = Math.max(1, Math.round(perSecond * share)) + (perSecond <= 3 ? 1 : 0);
				const started = Date.now();
				try {
					const result = await runNode({
						nodeType: service.node,
						credentialTypes: [service.cred],
						credentials: service.credentials(service.sim.baseUrl),
						parameters: getParameters(service),
						items: Array.from({ length: count }, () => ({ id: service.id })),
						continueOnFail: true,
					});
					const failed = result.items.filter((i) => i.json.error !== undefined);
					runs.push(`${service.name} ${perSecond}/s ${count} items ${headers ? `with headers (${headers === true ? 'ms' : headers})` : 'without headers'}: ${Date.now() - started} ms, ${service.sim.log.filter((r) => r.status === 429).length} answered 429`);
					expect(result.error).toBeUndefined();
					expect(failed.map((i) => i.json.error)).toEqual([]);
					expect(result.items.map((i) => i.json.id)).toEqual(Array(count).fill(service.id));
				} finally {
					service.sim.limitRate(undefined);
				}
			}),
			{ seed, numRuns: Number(process.env.FC_RUNS ?? 8), endOnFailure: true },
		);
	} catch (error) {
		console.error(`gate model failed: replay with FC_SEED=${seed}\n${runs.join('\n')}`);
		throw error;
	}
	if (process.env.TEST_FIGURES) console.log(`gate model, seed ${seed}:\n${runs.join('\n')}`);
}, 120_000);
