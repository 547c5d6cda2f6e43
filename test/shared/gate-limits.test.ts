/**
 * The gate at the services' real rate limits, through n8n-core's real engine against the
 * simulators: Open To Close's documented 1 request per second (Retry-After sent only sometimes),
 * Prefactor's unpublished limit (no Retry-After at all), and a Retry-After given as a date.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import ts from 'typescript';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { parseRateLimitHeaders } from '../../nodes/shared/rateLimitHeaders';
import { runNode } from '../harness/engine';
import { useSimulator } from '../harness/simulator';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';
import type { SimServer } from '../sim/server';

interface Service {
	sim: SimServer;
	node: INodeType;
	cred: ICredentialType;
	credentials: (baseUrl: string) => Record<string, ICredentialDataDecryptedObject>;
	resource: string;
	idField: string;
	id: string | number;
}

const openToClose: Service = {
	sim: createOpenToCloseSim(),
	node: new OpenToClose(),
	cred: new OpenToCloseApi(),
	credentials: (baseUrl) => ({ openToCloseApi: { apiToken: OTC_TOKEN, baseUrl } }),
	resource: 'contact',
	idField: 'contactId',
	id: 1,
};
const prefactor: Service = {
	sim: createPrefactorSim(),
	node: new Prefactor(),
	cred: new PrefactorApi(),
	credentials: (baseUrl) => ({ prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl } }),
	resource: 'agent',
	idField: 'agentId',
	id: 'agent_1',
};
const agentRef: Service = {
	sim: createAgentRefSim(),
	node: new AgentRef(),
	cred: new AgentRefApi(),
	credentials: (baseUrl) => ({ agentRefApi: { apiKey: MERCHANT_KEY, baseUrl } }),
	resource: 'program',
	idField: 'programId',
	id: 'prog_1',
};
useSimulator(agentRef.sim);
useSimulator(openToClose.sim);
useSimulator(prefactor.sim);

/** `count` items each getting one record by ID, with Continue On Fail: how many failed. */
async function getMany(s: Service, count: number) {
	const property = s.node.description.properties.find(
		(p) => p.name === s.idField && ((p.displayOptions?.show?.operation as string[]) ?? []).includes('get'),
	);
	const id = '={{ $json.id }}';
	const parameters: INodeParameters = {
		resource: s.resource,
		operation: 'get',
		[s.idField]: property?.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: id } : id,
	};
	const result = await runNode({
		nodeType: s.node,
		credentialTypes: [s.cred],
		credentials: s.credentials(s.sim.baseUrl),
		parameters,
		items: Array.from({ length: count }, () => ({ id: s.id })),
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(count);
	const failed = result.items.filter((i) => i.json.error !== undefined);
	return { failed: failed.length, errors: [...new Set(failed.map((i) => String(i.json.error)))], refused: s.sim.log.filter((r) => r.status === 429).length };
}

test('at 1 request/s with Retry-After: 1 (Open To Close), a limit of one per second is learned and no item fails', async () => {
	openToClose.sim.limitRate(1);
	const run = await getMany(openToClose, 6);
	expect(run).toMatchObject({ failed: 0, errors: [] });
	// Only the first burst runs into the limit.
	expect(run.refused).toBeLessThanOrEqual(8);
}, 20_000);

test('at 20 requests/s with 429s without Retry-After (Prefactor), the host pauses and learns the limit: no item fails', async () => {
	prefactor.sim.limitRate(20, undefined, { retryAfter: () => undefined });
	const run = await getMany(prefactor, 100);
	expect(run).toMatchObject({ failed: 0, errors: [] });
	expect(run.refused).toBeLessThanOrEqual(20);
}, 20_000);

test('with X-RateLimit-Remaining and -Reset (AgentRef), the gate waits for the reset instead of running into a 429', async () => {
	agentRef.sim.limitRate(20, undefined, { headers: true });
	const run = await getMany(agentRef, 50);
	expect(run).toMatchObject({ failed: 0, errors: [], refused: 0 });
	// And it does not wait for nothing: 50 at 20 per sliding second take a little over 2 s.
	const log = agentRef.sim.log;
	expect(log[log.length - 1].at - log[0].at).toBeLessThan(4000);
}, 20_000);

/**
 * Runs rateLimitHeaders.ts in a process of its own with `TZ` set (jest's `process.env` is a copy, so the
 * zone cannot be changed in here) and returns what it read for each header, relative to `now`.
 */
function readInZone(tz: string, headers: string[], now: number): { local: number; waits: Array<number | null> } {
	const source = ts.transpileModule(fs.readFileSync(path.join(__dirname, '../../nodes/shared/rateLimitHeaders.ts'), 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
	}).outputText;
	const script = `const module = { exports: {} }; new Function('module', 'exports', ${JSON.stringify(source)})(module, module.exports);
const { parseRetryAfter } = module.exports;
const headers = ${JSON.stringify(headers)};
console.log(JSON.stringify({ local: new Date(2026, 10, 30, 8, 49, 37).getTime(), waits: headers.map((h) => parseRetryAfter(h, ${now}) ?? null) }));`;
	const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
	if (child.status !== 0) throw new Error(child.stderr);
	return JSON.parse(child.stdout) as { local: number; waits: Array<number | null> };
}

test.each(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'])('an HTTP-date Retry-After is GMT in every form, with the machine in %s', (tz) => {
	const gmt = Date.UTC(2026, 10, 30, 8, 49, 37);
	const read = readInZone(
		tz,
		['Mon Nov 30 08:49:37 2026', 'Mon, 30 Nov 2026 08:49:37 GMT', 'Monday, 30-Nov-26 08:49:37 GMT', '-1', '1, 2', 'Mon Nov 30 08:49:37 2026 GMT', '2'],
		gmt - 5000,
	);
	// The child really ran in that zone: 08:49:37 there is not 08:49:37 GMT.
	expect(read.local === gmt).toBe(tz === 'UTC');
	expect(read.waits).toEqual([5000, 5000, 5000, null, null, null, 2000]);
});

test('rate-limit headers: the reset as seconds from now, or as a time since the epoch in seconds or milliseconds', () => {
	const now = Date.UTC(2026, 11, 7, 12);
	const read = (headers: Record<string, unknown>) => parseRateLimitHeaders(headers, now);
	expect(read({ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '30' })).toEqual({ remaining: 7, resetMs: 30_000 });
	expect(read({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.250' })).toEqual({ remaining: 0, resetMs: 250 });
	expect(read({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 12) })).toEqual({ remaining: 0, resetMs: 12_000 });
	expect(read({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(now + 1500) })).toEqual({ remaining: 3, resetMs: 1500 });
	expect(read({ 'ratelimit-remaining': '2', 'ratelimit-reset': '5' })).toEqual({ remaining: 2, resetMs: 5000 });
	// Half a pair, or what cannot be read, announces nothing.
	for (const headers of [
		{ 'x-ratelimit-remaining': '7' },
		{ 'x-ratelimit-reset': '30' },
		{ 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': '30' },
		{ 'x-ratelimit-remaining': 'many', 'x-ratelimit-reset': '30' },
		{ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': 'soon' },
		{ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': String(now / 1000 - 3600) },
	]) {
		expect(read(headers)).toBeUndefined();
	}
});
