/**
 * `npm run bench`: speed and memory of the nodes against the local simulators on loopback,
 * side by side with the alternatives a user has, printed as a table and written as JSON to
 * artifacts/bench/results.json. Targets are reported, not asserted: benchmarks are not tests.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AgentRefApi } from '../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../packages/agentref/nodes/AgentRef/AgentRef.node';
import { runNode } from '../test/harness/engine';
import { resetGates } from '../test/harness/gates';
import { OpenToCloseApi } from '../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { PrefactorApi } from '../packages/prefactor/credentials/PrefactorApi.credentials';
import { SignTrakerApi } from '../packages/signtraker/credentials/SignTrakerApi.credentials';
import { OpenToClose } from '../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { Prefactor } from '../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { SignTraker } from '../packages/signtraker/nodes/SignTraker/SignTraker.node';
import { createAgentRefSim, MERCHANT_KEY } from '../test/sim/agentref';
import { createOpenToCloseSim, OTC_TOKEN } from '../test/sim/opentoclose';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../test/sim/prefactor';
import { createSignTrakerSim, SIGNTRAKER_KEY } from '../test/sim/signtraker';
import type { AgentRefSim } from '../test/sim/agentref';
import type { RateLimitOptions, SimServer } from '../test/sim/server';

// scripts/bench.sh runs this from the repository's root, wherever the compiled copy lives.
const root = process.cwd();
type Row = { benchmark: string; variant: string; value: number; unit: string; note?: string };
const rows: Row[] = [];
const report = (row: Row) => {
	rows.push(row);
	console.log(`${row.benchmark.padEnd(34)} ${row.variant.padEnd(34)} ${String(row.value).padStart(12)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
};

function seedConversions(sim: AgentRefSim, count: number) {
	sim.state.conversions = Array.from({ length: count }, (_, i) => ({
		id: `conv_${i}`,
		affiliateId: 'aff_1',
		programId: 'prog_1',
		amount: 10_000 + i,
		commission: 2_000,
		status: 'approved',
		method: 'cookie',
		stripeSessionId: null,
		createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
	}));
}

const credentials = (baseUrl: string) => ({ agentRefApi: { apiKey: MERCHANT_KEY, baseUrl } });

async function nodeListAll(sim: AgentRefSim) {
	const result = await runNode({
		nodeType: new AgentRef(),
		credentialTypes: [new AgentRefApi()],
		credentials: credentials(sim.baseUrl),
		parameters: { resource: 'conversion', operation: 'getAll', returnAll: true },
	});
	if (result.error) throw result.error;
	return result.items.length;
}

async function sdkListAll(sim: AgentRefSim) {
	// The official SDK's own paging loop, as its listAll does: page by page until hasMore is false.
	const { AgentRef: Sdk } = require('agentref') as typeof import('agentref');
	const client = new Sdk({ apiKey: MERCHANT_KEY, baseUrl: sim.baseUrl });
	let total = 0;
	for (let page = 1; ; page++) {
		const res = await client.conversions.list({ page, pageSize: 100 });
		total += res.data.length;
		if (!res.meta.hasMore) break;
	}
	return total;
}

/** n8n's own HTTP Request node, from the n8n install the e2e scripts cache, if present. */
function loadHttpRequestNode(): INodeType | undefined {
	const candidates = [
		path.join(root, '.cache/n8n/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/V3/HttpRequestV3.node.js'),
	];
	const file = candidates.find((f) => fs.existsSync(f));
	if (!file) return undefined;
	const { HttpRequestV3 } = require(file) as { HttpRequestV3: new (d: object) => INodeType };
	return new HttpRequestV3({ displayName: 'HTTP Request', name: 'httpRequest', group: ['output'], description: '', defaultVersion: 4.2 });
}

/** n8n's Split Out node, which turns the HTTP Request node's pages into one item per record. */
function loadSplitOutNode(): INodeType {
	const file = path.join(root, '.cache/n8n/node_modules/n8n-nodes-base/dist/nodes/Transform/SplitOut/SplitOut.node.js');
	const { SplitOut } = require(file) as { SplitOut: new () => INodeType };
	return new SplitOut();
}

async function httpNodeListAll(sim: AgentRefSim, httpNode: INodeType, splitOut?: INodeType) {
	const result = await runNode({
		nodeType: httpNode,
		credentialTypes: [],
		parameters: {
			url: `${sim.baseUrl}/conversions`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${MERCHANT_KEY}` }] },
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'pageSize', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.meta.hasMore === false }}',
					},
				},
			},
		},
	});
	if (result.error) throw result.error;
	// One item per page; the records sit in each page's data array, as a user would then split them.
	if (!splitOut) return result.items.reduce((n, i) => n + ((i.json.data as unknown[]) ?? []).length, 0);
	// What a user needs for the node's output, one item per record: Split Out on `data`.
	const pages = result.items.map((i) => i.json);
	result.items.length = 0;
	const split = await runNode({ nodeType: splitOut, credentialTypes: [], parameters: { fieldToSplitOut: 'data', include: 'noOtherFields' }, items: pages });
	if (split.error) throw split.error;
	return split.items.length;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function listAllBenchmark() {
	const sim = createAgentRefSim();
	await sim.start();
	seedConversions(sim, 10_000);
	const httpNode = loadHttpRequestNode();
	const variants: Array<{ label: string; run: () => Promise<number>; ms: number; requests: number; records: number; error?: string }> = [
		{ label: '(a) AgentRef node, Return All', run: () => nodeListAll(sim), ms: Infinity, requests: 0, records: 0 },
		{ label: '(b) agentref SDK paging', run: () => sdkListAll(sim), ms: Infinity, requests: 0, records: 0 },
		...(httpNode ? [{ label: '(c) n8n HTTP Request node paging', run: () => httpNodeListAll(sim, httpNode), ms: Infinity, requests: 0, records: 0 }] : []),
	];
	// One unmeasured warm-up each, then rounds that take turns, so that no variant pays alone for
	// a cold JIT or another's garbage; the best round counts.
	const rounds = 5;
	for (let round = -1; round < rounds; round++) {
		for (const v of variants) {
			if (v.error) continue;
			sim.resetLog();
			try {
				const { ms, value } = await timed(v.run);
				if (round >= 0 && ms < v.ms) v.ms = ms;
				v.requests = sim.log.length;
				v.records = value;
			} catch (error) {
				v.error = (error as Error).message;
			}
		}
	}
	for (const v of variants) {
		// A failed variant stops the benchmark: a row without a figure would compare nothing.
		if (v.error) throw new Error(`list 10,000 conversions, ${v.label} failed: ${v.error}`);
		report({ benchmark: 'list 10,000 conversions', variant: v.label, value: Math.round(v.ms), unit: 'ms', note: `${v.requests} requests, ${v.records} records, best of ${rounds}` });
	}
	const [a, b, c] = variants;
	report({ benchmark: 'list 10,000 conversions', variant: 'ratio a/b (target <= 1.2)', value: Number((a.ms / b.ms).toFixed(2)), unit: 'x' });
	if (c) report({ benchmark: 'list 10,000 conversions', variant: 'ratio a/c (target <= 1.0)', value: Number((a.ms / c.ms).toFixed(2)), unit: 'x', note: `load ${loadAverage()}` });
	report({ benchmark: 'list 10,000 conversions', variant: 'minimum requests', value: Math.ceil(10_000 / 100), unit: 'requests', note: a.requests === 100 ? 'node met it' : `node made ${a.requests}` });
	await sim.stop();
}

/** The same list-all measurement for the other services' nodes (their SDKs are Python only). */
async function otherServicesListAll(httpNode: INodeType) {
	const count = 10_000;
	const services = [
		{
			label: 'SignTraker agents ($top/$skip)',
			make: async () => {
				const sim = createSignTrakerSim();
				await sim.start();
				sim.state.agents = Array.from({ length: count }, (_, i) => ({ Id: i + 1, FirstName: 'A', LastName: `L${i}` }));
				return { sim, node: new SignTraker(), cred: new SignTrakerApi(), credentials: { signTrakerApi: { apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl: sim.baseUrl } }, parameters: { resource: 'agent', operation: 'getAll', returnAll: true }, minimum: 101, http: { query: { $top: '100', $orderby: 'Id' }, header: ['Authorization', `ST-API ${SIGNTRAKER_KEY}`], page: ['$skip', '={{ $pageCount * 100 }}'], done: '={{ $response.body.length < 100 }}' } };
			},
		},
		{
			label: 'Open To Close contacts (limit/offset)',
			make: async () => {
				const sim = createOpenToCloseSim();
				await sim.start();
				sim.state.collections.contacts = Array.from({ length: count }, (_, i) => ({ id: i + 1, first_name: 'C' }));
				return { sim, node: new OpenToClose(), cred: new OpenToCloseApi(), credentials: { openToCloseApi: { apiToken: OTC_TOKEN, baseUrl: sim.baseUrl } }, parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, minimum: 101, http: { query: { limit: '100', api_token: OTC_TOKEN }, page: ['offset', '={{ $pageCount * 100 }}'], done: '={{ $response.body.length < 100 }}' } };
			},
		},
		{
			label: 'Prefactor teams (next_page_offset)',
			make: async () => {
				const sim = createPrefactorSim();
				await sim.start();
				sim.state.team = Array.from({ length: count }, (_, i) => ({ id: `team_${i}`, name: `T${i}` }));
				return { sim, node: new Prefactor(), cred: new PrefactorApi(), credentials: { prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl: sim.baseUrl } }, parameters: { resource: 'team', operation: 'getAll', returnAll: true }, minimum: 100, http: { query: { 'pagination[page_size]': '100' }, header: ['Authorization', `Bearer ${PREFACTOR_TOKEN}`], page: ['pagination[offset]', '={{ $pageCount * 100 }}'], done: '={{ $response.body.pagination.next_page_offset === null }}' } };
			},
		},
	];
	for (const service of services) {
		const made = await service.make();
		const { sim, node, cred, credentials, parameters, minimum } = made;
		const http = made.http as unknown as { query: Record<string, string>; header?: [string, string]; page: [string, string]; done: string };
		// The HTTP Request node asks for the same list URL as the node: learnt from its first request.
		const probe = await runNode({ nodeType: node, credentialTypes: [cred], credentials, parameters: { ...parameters, returnAll: false, limit: 1 } });
		if (probe.error || !sim.log[0]) throw new Error(`${service.label}: the node's list failed: ${probe.error?.message}`);
		const listPath = sim.log[0].path;
		const httpParameters: INodeParameters = {
			url: `${sim.baseUrl}${listPath}`,
			sendQuery: true,
			queryParameters: { parameters: Object.entries(http.query).map(([name, value]) => ({ name, value })) },
			...(http.header ? { sendHeaders: true, headerParameters: { parameters: [{ name: http.header[0], value: http.header[1] }] } } : {}),
			options: { pagination: { pagination: { parameters: { parameters: [{ type: 'qs', name: http.page[0], value: http.page[1] }] }, paginationCompleteWhen: 'other', completeExpression: http.done } } },
		};
		// Bare arrays come out one item per record; an envelope one item per page, its list inside.
		const countRecords = (items: INodeExecutionData[]) =>
			items.reduce((n, i) => n + (Array.isArray(i.json.summaries) ? i.json.summaries.length : 1), 0);
		const best = { a: Infinity, c: Infinity };
		const seen = { a: { records: 0, requests: 0 }, c: { records: 0, requests: 0 } };
		for (let i = 0; i < 3; i++) {
			for (const variant of ['a', 'c'] as const) {
				sim.resetLog();
				const { ms, value } = await timed(() =>
					variant === 'a'
						? runNode({ nodeType: node, credentialTypes: [cred], credentials, parameters })
						: runNode({ nodeType: httpNode, typeVersion: 4.5, parameters: httpParameters }),
				);
				if (value.error) throw new Error(`${service.label} (${variant}) failed: ${value.error.message}`);
				seen[variant] = { records: variant === 'a' ? value.items.length : countRecords(value.items), requests: sim.log.length };
				best[variant] = Math.min(best[variant], ms);
			}
		}
		// Bare arrays end on a short (here empty) page: 101; Prefactor says next_page_offset null: 100.
		const title = `list ${count.toLocaleString('en')} records, ${service.label}`;
		report({ benchmark: title, variant: '(a) node, Return All', value: Math.round(best.a), unit: 'ms', note: `${seen.a.requests} requests (minimum ${minimum}), ${seen.a.records} records, best of 3` });
		report({ benchmark: title, variant: '(c) HTTP Request node paging', value: Math.round(best.c), unit: 'ms', note: `${seen.c.requests} requests, ${seen.c.records} records, best of 3` });
		report({ benchmark: title, variant: 'ratio a/c (target <= 1.0)', value: Number((best.a / best.c).toFixed(2)), unit: 'x', note: `load ${loadAverage()}` });
		await sim.stop();
	}
}

/** One service's Get of one record per input item: the node, and the HTTP Request node doing the same. */
interface PerItemCase {
	label: string;
	sim: { baseUrl: string; log: Array<{ at: number; path: string; status?: number }>; start(): Promise<unknown>; stop(): Promise<unknown>; resetLog(): void; limitRate: SimServer['limitRate'] };
	node: INodeType;
	cred: ICredentialType;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	resource: string;
	idField: string;
	id: string | number;
	/** How a user gives the HTTP Request node the same key. */
	auth: { header?: [string, string]; query?: [string, string] };
}

function perItemCases(): PerItemCase[] {
	const agentRef = createAgentRefSim();
	const prefactor = createPrefactorSim();
	const signTraker = createSignTrakerSim();
	const openToClose = createOpenToCloseSim();
	return [
		{ label: 'AgentRef program', sim: agentRef, node: new AgentRef(), cred: new AgentRefApi(), credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: '' } }, resource: 'program', idField: 'programId', id: 'prog_1', auth: { header: ['Authorization', `Bearer ${MERCHANT_KEY}`] } },
		{ label: 'Prefactor team', sim: prefactor, node: new Prefactor(), cred: new PrefactorApi(), credentials: { prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl: '' } }, resource: 'team', idField: 'teamId', id: 'team_1', auth: { header: ['Authorization', `Bearer ${PREFACTOR_TOKEN}`] } },
		{ label: 'SignTraker agent', sim: signTraker, node: new SignTraker(), cred: new SignTrakerApi(), credentials: { signTrakerApi: { apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl: '' } }, resource: 'agent', idField: 'agentId', id: 1, auth: { header: ['Authorization', `ST-API ${SIGNTRAKER_KEY}`] } },
		{ label: 'Open To Close contact', sim: openToClose, node: new OpenToClose(), cred: new OpenToCloseApi(), credentials: { openToCloseApi: { apiToken: OTC_TOKEN, baseUrl: '' } }, resource: 'contact', idField: 'contactId', id: 1, auth: { query: ['api_token', OTC_TOKEN] } },
	];
}

/** The node's parameters for Get with the ID from each item, as the editor saves them. */
function nodeGetParameters(c: PerItemCase): INodeParameters {
	const property = c.node.description.properties.find(
		(p) => p.name === c.idField && (p.displayOptions?.show?.resource ?? []).includes(c.resource) && (p.displayOptions?.show?.operation ?? []).includes('get'),
	);
	if (!property) throw new Error(`${c.label}: no ${c.idField} field for Get`);
	const id = '={{ $json.id }}';
	return { resource: c.resource, operation: 'get', [c.idField]: property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: id } : id };
}

/** The HTTP Request node (v4.5, the version n8n adds today) set up as a user would for the same Get. */
function httpGetParameters(c: PerItemCase, pathPrefix: string, rate?: number): INodeParameters {
	const parameters: INodeParameters = { method: 'GET', url: `={{ '${c.sim.baseUrl}${pathPrefix}' + $json.id }}`, options: {} };
	if (c.auth.header) {
		parameters.sendHeaders = true;
		parameters.headerParameters = { parameters: [{ name: c.auth.header[0], value: c.auth.header[1] }] };
	}
	if (c.auth.query) {
		parameters.sendQuery = true;
		parameters.queryParameters = { parameters: [{ name: c.auth.query[0], value: c.auth.query[1] }] };
	}
	// At a limited rate a user spaces the requests with the node's Batching option (1 item every
	// 1000/rate ms); the HTTP Request node has no retry of its own for a 429.
	if (rate) parameters.options = { batching: { batch: { batchSize: 1, batchInterval: Math.ceil(1000 / rate) } } };
	return parameters;
}

interface PerItemRun {
	ms: number;
	prep: number;
	failed: number;
	requests: number;
	answered429: number;
}

async function perItemRun(c: PerItemCase, run: () => Promise<{ items: INodeExecutionData[]; error?: Error }>, count: number): Promise<PerItemRun> {
	c.sim.resetLog();
	const started = Date.now();
	const { ms, value } = await timed(run);
	const failed = value.error ? count : value.items.filter((i) => i.json.error || i.error).length;
	if (c.sim.log.length === 0) throw new Error(`${c.label}: no request reached the simulator (${value.error?.message ?? 'no error'})`);
	return { ms, prep: c.sim.log[0].at - started, failed, requests: c.sim.log.length, answered429: c.sim.log.filter((r) => r.status === 429).length };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[values.length >> 1];

/**
 * 1,000 input items, each doing one Get with its ID from the item, through (a) the node and (c)
 * the HTTP Request node, rounds taking turns so that both meet the same machine; medians count.
 */
async function perItemBenchmark(httpNode: INodeType) {
	const count = 1000;
	const rate = 50;
	const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
	// BENCH_SERVICE=AgentRef and BENCH_UNLIMITED_ONLY=1 narrow a run down while working on one thing.
	for (const c of perItemCases().filter((x) => x.label.includes(process.env.BENCH_SERVICE ?? ''))) {
		await c.sim.start();
		const credentials = Object.fromEntries(Object.entries(c.credentials).map(([k, v]) => [k, { ...v, baseUrl: c.sim.baseUrl }]));
		const items = Array.from({ length: count }, () => ({ id: c.id }));
		const node = (limited: boolean) => () => runNode({ nodeType: c.node, credentialTypes: [c.cred], credentials, parameters: nodeGetParameters(c), items, continueOnFail: limited });
		// The HTTP Request node asks for the same URL as the node: learnt from one request of the node.
		c.sim.resetLog();
		const probe = await runNode({ nodeType: c.node, credentialTypes: [c.cred], credentials, parameters: nodeGetParameters(c), items: [{ id: c.id }] });
		if (probe.error || !c.sim.log[0]) throw new Error(`${c.label}: the node's Get failed: ${probe.error?.message}`);
		const prefix = c.sim.log[0].path.slice(0, -String(c.id).length);
		const http = (limited: boolean, batching: boolean) => () => runNode({ nodeType: httpNode, typeVersion: 4.5, parameters: httpGetParameters(c, prefix, batching ? rate : undefined), items, continueOnFail: limited });
		for (const limited of process.env.BENCH_UNLIMITED_ONLY ? [false] : [false, true]) {
			c.sim.limitRate(limited ? rate : undefined);
			const a: PerItemRun[] = [];
			const h: PerItemRun[] = [];
			const untuned: PerItemRun[] = [];
			// At 50 requests/s a run takes 20 s or more: one round each there.
			const n = limited ? 1 : rounds;
			for (let round = limited ? 0 : -1; round < n; round++) {
				resetGates();
				const ra = await perItemRun(c, node(limited), count);
				const rh = await perItemRun(c, http(limited, limited), count);
				if (round >= 0) (a.push(ra), h.push(rh));
				// Beside the careful user's Batching, the HTTP Request node as added, untuned.
				if (limited) untuned.push(await perItemRun(c, http(limited, false), count));
			}
			const title = `${count} gets, ${c.label}${limited ? `, ${rate} req/s` : ', unlimited'}`;
			const row = (label: string, runs: PerItemRun[]) => {
				const ms = median(runs.map((r) => r.ms));
				const last = runs[runs.length - 1];
				// A limit per sliding second lets the first `rate` requests go at once: the fastest
				// allowed run takes (count - rate) / rate seconds (19 s for 1,000 at 50/s).
				// Counting the requests the API accepted: a run that loses items to 429s is not faster.
				const accepted = last.requests - last.answered429;
				const share = limited ? `, ${Math.round((((accepted - rate) / rate) * 1000 / ms) * 100)}% of the allowed rate` : '';
				report({ benchmark: title, variant: label, value: Math.round(ms), unit: 'ms', note: `${median(runs.map((r) => r.prep))} ms before the 1st request${share}; ${last.failed} failed items, ${last.requests} requests, ${last.answered429} answered 429; median of ${runs.length}` });
				return ms;
			};
			const msA = row('(a) node', a);
			const msC = row(limited ? `(c) HTTP Request node, Batching 1 per ${Math.ceil(1000 / rate)} ms` : '(c) HTTP Request node', h);
			if (limited) row('(c) HTTP Request node, no Batching', untuned);
			report({ benchmark: title, variant: 'ratio a/c (target <= 1.0)', value: Number((msA / msC).toFixed(2)), unit: 'x', note: `before the 1st request: a/c ${(median(a.map((r) => r.prep)) / Math.max(1, median(h.map((r) => r.prep)))).toFixed(2)}; load ${loadAverage()}` });
		}
		c.sim.limitRate(undefined);
		await c.sim.stop();
	}
}

/**
 * The services' real limits, where the API sends no Retry-After: Open To Close's documented
 * 1 request/s (it sends one only sometimes) and 20 requests/s for Prefactor (it never does).
 * Targets: no failed item, and at least 90% of the allowed rate.
 */
async function rateLimitBenchmark() {
	const scale = Number(process.env.BENCH_SCALE ?? 1);
	const cases = perItemCases();
	for (const [label, count, rate] of [['Open To Close contact', 100, 1], ['Prefactor team', 1000, 20]] as const) {
		const c = cases.find((x) => x.label === label)!;
		await c.sim.start();
		const n = Math.max(rate + 1, Math.round(count * scale));
		const credentials = Object.fromEntries(Object.entries(c.credentials).map(([k, v]) => [k, { ...v, baseUrl: c.sim.baseUrl }]));
		const items = Array.from({ length: n }, () => ({ id: c.id }));
		resetGates();
		c.sim.limitRate(rate, undefined, { retryAfter: () => undefined });
		const run = await perItemRun(c, () => runNode({ nodeType: c.node, credentialTypes: [c.cred], credentials, parameters: nodeGetParameters(c), items, continueOnFail: true }), n);
		// A limit per sliding second lets the first `rate` requests go at once.
		const share = Math.round((((n - rate) / rate) * 1000 / run.ms) * 100);
		const title = `${n} gets, ${label}, ${rate} req/s, 429 without Retry-After`;
		report({ benchmark: title, variant: '(a) node', value: Math.round(run.ms), unit: 'ms', note: `${run.failed} failed items (target 0), ${run.requests} requests, ${run.answered429} answered 429; load ${loadAverage()}` });
		report({ benchmark: title, variant: '(a) node, share of the allowed rate', value: share, unit: '%', note: 'target >= 90%' });
		c.sim.limitRate(undefined);
		await c.sim.stop();
	}
}

/** Runs in a child process so its peak RSS is its own: `--memory <node|http> <count>`. */
async function memoryChild(variant: string, count: number) {
	const sim = createAgentRefSim();
	await sim.start();
	seedConversions(sim, count);
	const httpNode = variant === 'node' ? undefined : loadHttpRequestNode();
	const splitOut = variant === 'http-split' ? loadSplitOutNode() : undefined;
	global.gc?.();
	const before = process.memoryUsage().rss;
	const records = httpNode ? await httpNodeListAll(sim, httpNode, splitOut) : await nodeListAll(sim);
	const peak = process.resourceUsage().maxRSS * 1024;
	await sim.stop();
	console.log(JSON.stringify({ records, before, peak, requests: sim.log.length }));
}

function memoryBenchmark() {
	const count = 100_000;
	const measure = (variant: string) => {
		const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--memory', variant, String(count)], { encoding: 'utf8', cwd: root });
		const line = child.stdout.trim().split('\n').pop() ?? '';
		if (child.status !== 0 || !line.startsWith('{')) throw new Error(`memory run (${variant}) failed: ${child.stderr.slice(-500)}`);
		return JSON.parse(line) as { records: number; before: number; peak: number; requests: number };
	};
	const title = `list ${count.toLocaleString('en')} records, memory`;
	const results: Record<string, { perRecord: number; peak: number }> = {};
	for (const [variant, label] of [['node', '(a) AgentRef node'], ['http', '(c) HTTP Request node paging'], ['http-split', '(c) HTTP Request + Split Out']] as const) {
		const { records, before, peak, requests } = measure(variant);
		const perRecord = (peak - before) / count;
		results[variant] = { perRecord, peak };
		report({ benchmark: title, variant: `${label}, peak RSS`, value: Math.round(peak / 1048576), unit: 'MiB', note: `${records} records, ${requests} requests; ${Math.round(before / 1048576)} MiB before listing` });
		report({ benchmark: title, variant: `${label}, growth per record`, value: Math.round(perRecord), unit: 'bytes' });
	}
	// The node outputs one item per record (100,000); the HTTP Request node one item per page
	// (1,000), which a user still has to split: Split Out after it gives the same items as the node.
	report({ benchmark: title, variant: 'ratio a/c growth per record (target <= 1.0)', value: Number((results.node.perRecord / results['http-split'].perRecord).toFixed(2)), unit: 'x', note: `both one item per record (HTTP Request + Split Out); against the pages alone ${(results.node.perRecord / results.http.perRecord).toFixed(2)}; load ${loadAverage()}` });
	report({ benchmark: title, variant: 'ratio a/c peak RSS', value: Number((results.node.peak / results['http-split'].peak).toFixed(2)), unit: 'x', note: `against the pages alone ${(results.node.peak / results.http.peak).toFixed(2)}` });
}

/** Runs in a child process, as one n8n process would: `--shared-key <baseUrl> <count>`. */
async function sharedKeyChild(baseUrl: string, count: number) {
	const [c] = perItemCases();
	const credentials = Object.fromEntries(Object.entries(c.credentials).map(([k, v]) => [k, { ...v, baseUrl }]));
	const items = Array.from({ length: count }, () => ({ id: c.id }));
	const run = await runNode({ nodeType: c.node, credentialTypes: [c.cred], credentials, parameters: nodeGetParameters(c), items, continueOnFail: true });
	const failed = run.error ? count : run.items.filter((i) => i.json.error || i.error).length;
	console.log(JSON.stringify({ failed }));
}

/**
 * One API key limited to 50 requests/s, used by one process and then by two at once (as two
 * queue-mode workers would), each running a 1,000-item AgentRef Get: each process's gate learns
 * the limit on its own, with no coordination between them.
 */
async function sharedKeyBenchmark() {
	const count = 1000;
	const rate = 50;
	const sim = createAgentRefSim();
	await sim.start();
	const child = () =>
		new Promise<{ failed: number }>((resolve, reject) => {
			const proc = spawn(process.execPath, [__filename, '--shared-key', sim.baseUrl, String(count)], { cwd: root });
			let out = '';
			let err = '';
			proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
			proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
			proc.on('close', (code) => {
				const line = out.trim().split('\n').pop() ?? '';
				if (code !== 0 || !line.startsWith('{')) reject(new Error(`shared-key run failed: ${err.slice(-500)}`));
				else resolve(JSON.parse(line) as { failed: number });
			});
		});
	// With X-RateLimit headers (AgentRef sends them) each process paces by the API's own count.
	for (const headers of [false, 'whole seconds', true] as const) {
		const options: RateLimitOptions = { headers };
		sim.limitRate(rate, (h) => String(h.authorization ?? ''), options);
		const title = `${count} gets per process, 1 key at ${rate} req/s, ${headers ? `X-RateLimit headers, reset ${headers === true ? 'in ms' : 'in whole s'}` : 'no X-RateLimit headers'}`;
		for (const processes of [1, 2]) {
			sim.resetLog();
			const results = await Promise.all(Array.from({ length: processes }, child));
			const accepted = sim.log.filter((r) => r.status !== 429);
			const seconds = (accepted[accepted.length - 1].at - accepted[0].at) / 1000;
			// A 1 s sliding window lets 50 through in any second: over the span, 50 per second plus one window's worth.
			const share = accepted.length / (rate * seconds + rate);
			report({
				benchmark: title,
				variant: `${processes} process${processes > 1 ? 'es' : ''}, share of the allowed rate`,
				value: Math.round(share * 100),
				unit: '%',
				note: `${accepted.length} accepted in ${seconds.toFixed(1)} s, ${sim.log.length - accepted.length} answered 429, ${results.reduce((a, r) => a + r.failed, 0)} failed items; load ${loadAverage()}`,
			});
		}
	}
	sim.limitRate(undefined);
	await sim.stop();
}

/** Each published package: its tarball, and how long n8n's loader takes for it (after `npm run build`). */
async function packageBenchmark() {
	for (const name of fs.readdirSync(path.join(root, 'packages')).sort()) {
		const dir = path.join(root, 'packages', name);
		if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pack-'));
		const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: dir, encoding: 'utf8' });
		const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
		fs.rmSync(work, { recursive: true, force: true });
		const { ms, value: loaded } = await timed(async () => {
			const loader = new PackageDirectoryLoader(dir);
			await loader.loadAll();
			return Object.keys(loader.nodeTypes).length + Object.keys(loader.credentialTypes).length;
		});
		report({ benchmark: `package ${name}`, variant: 'tarball size', value: Math.round(info.size / 1024), unit: 'KiB', note: `${info.entryCount} files, ${Math.round(info.unpackedSize / 1024)} KiB unpacked` });
		report({ benchmark: `package ${name}`, variant: "n8n's loader, its nodes and credentials", value: Math.round(ms), unit: 'ms', note: `${loaded} types loaded` });
	}
}

function loadAverage(): string {
	return os.loadavg().map((l) => l.toFixed(1)).join(' ');
}

function versionOf(file: string): string {
	try {
		return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
	} catch {
		return 'missing';
	}
}

async function main() {
	if (process.argv[2] === '--memory') return await memoryChild(process.argv[3], Number(process.argv[4]));
	if (process.argv[2] === '--shared-key') return await sharedKeyChild(process.argv[3], Number(process.argv[4]));
	// BENCH_ONLY=rate,shared runs only those parts.
	const parts = process.env.BENCH_ONLY?.split(',');
	const want = (part: string) => !parts || parts.includes(part);
	const machine = {
		cores: os.cpus().length,
		cpu: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		n8nCore: versionOf(path.join(root, 'node_modules/n8n-core/package.json')),
		n8nWorkflow: versionOf(path.join(root, 'node_modules/n8n-workflow/package.json')),
		n8nNodesBase: versionOf(path.join(root, '.cache/n8n/node_modules/n8n-nodes-base/package.json')),
		loadAtStart: loadAverage(),
	};
	console.log(`${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; Node ${machine.node}, n8n-core ${machine.n8nCore}, n8n-workflow ${machine.n8nWorkflow}, n8n-nodes-base ${machine.n8nNodesBase} (HTTP Request node); load average ${machine.loadAtStart}\n`);
	const httpNode = loadHttpRequestNode();
	// Without it every comparison would be a NaN row: scripts/bench.sh installs it first.
	if (!httpNode) throw new Error('n8n-nodes-base is not in .cache/n8n: run `bash scripts/n8n/install.sh` (npm run bench does)');
	console.log(`${'benchmark'.padEnd(34)} ${'variant'.padEnd(34)} ${'value'.padStart(12)} unit`);
	if (want('list')) await listAllBenchmark();
	if (want('list') || want('others')) await otherServicesListAll(httpNode);
	if (want('item')) await perItemBenchmark(httpNode);
	if (want('rate')) await rateLimitBenchmark();
	if (want('shared')) await sharedKeyBenchmark();
	if (want('memory')) memoryBenchmark();
	if (want('package')) await packageBenchmark();
	const dir = path.join(root, 'artifacts', 'bench');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), machine: { ...machine, loadAtEnd: loadAverage() }, rows }, null, 2));
	console.log(`\nWritten to ${path.relative(root, path.join(dir, 'results.json'))} (load average at the end ${loadAverage()})`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
