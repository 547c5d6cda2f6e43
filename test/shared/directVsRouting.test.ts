/**
 * The direct path (nodes/shared/direct.ts, run through n8n's `customOperations`) must behave
 * exactly like n8n's own RoutingNode, which runs the same description when `customOperations` is
 * absent. For every operation of the four nodes, generated from the node descriptions: every
 * property the operation shows is set (once as literal values, once as expressions reading the
 * item) and the Request Options (batching, timeout, SSL), two items, Continue On Fail on and off. The requests that reach the simulator (method,
 * path, query, body, headers), the output items and the error must be the same both ways.
 *
 * Both runs of a case share one execution id (so the derived idempotency keys must agree too) and
 * start from the same simulator state.
 */
import * as url from 'node:url';

import fc from 'fast-check';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { SignTrakerApi } from '../../packages/signtraker/credentials/SignTrakerApi.credentials';
import { SignTraker } from '../../packages/signtraker/nodes/SignTraker/SignTraker.node';
import { readProxy } from '../../packages/agentref/nodes/shared/proxyUrl';
import type { RunResult } from '../harness/engine';
import { runNode } from '../harness/engine';
import { useSimulator } from '../harness/simulator';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';
import type { SimServer } from '../sim/server';
import { createSignTrakerSim, SIGNTRAKER_KEY } from '../sim/signtraker';

type Sim = SimServer & { state: unknown };

interface Service {
	name: string;
	node: () => INodeType;
	credentialType: ICredentialType;
	sim: Sim;
	credentials: (baseUrl: string) => Record<string, ICredentialDataDecryptedObject>;
}

const services: Service[] = [
	{ name: 'AgentRef', node: () => new AgentRef(), credentialType: new AgentRefApi(), sim: createAgentRefSim() as unknown as Sim, credentials: (baseUrl) => ({ agentRefApi: { apiKey: MERCHANT_KEY, baseUrl } }) },
	{ name: 'Prefactor', node: () => new Prefactor(), credentialType: new PrefactorApi(), sim: createPrefactorSim() as unknown as Sim, credentials: (baseUrl) => ({ prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl } }) },
	{ name: 'SignTraker', node: () => new SignTraker(), credentialType: new SignTrakerApi(), sim: createSignTrakerSim() as unknown as Sim, credentials: (baseUrl) => ({ signTrakerApi: { apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl } }) },
	{ name: 'Open To Close', node: () => new OpenToClose(), credentialType: new OpenToCloseApi(), sim: createOpenToCloseSim() as unknown as Sim, credentials: (baseUrl) => ({ openToCloseApi: { apiToken: OTC_TOKEN, baseUrl } }) },
];
for (const service of services) useSimulator(service.sim);

/**
 * One instance of each node per service, the direct one and the same node without its
 * customOperations (n8n then runs it through its RoutingNode); building a node's description
 * costs more than running it.
 */
const nodes = new Map(services.map((service) => [service, { direct: service.node(), routed: Object.assign(service.node(), { customOperations: undefined }) }]));

// ---- Parameters generated from the description ----

interface Operation {
	resource: string;
	operation: string;
}

function operationsOf(node: INodeType): Operation[] {
	const result: Operation[] = [];
	for (const selector of node.description.properties.filter((p) => p.name === 'operation')) {
		for (const resource of selector.displayOptions!.show!.resource as string[]) {
			for (const option of selector.options as INodePropertyOptions[]) {
				// Operations without declarative routing (Prefactor's Agent Run) run only their own code:
				// there is no routed twin to compare with.
				if (option.routing || selector.routing) result.push({ resource, operation: String(option.value) });
			}
		}
	}
	return result;
}

/** A literal value of the property's type; `flavour` varies strings and numbers between items. */
function valueFor(property: INodeProperties, flavour = ''): unknown {
	switch (property.type) {
		case 'string':
			if (/email/i.test(property.name)) return `jane${flavour}@example.com`;
			if (/url|website/i.test(property.name)) return `https://example.com/${property.name}${flavour}`;
			return `${property.name}-v${flavour}`;
		case 'number':
			return 2 + Number(flavour || 0);
		case 'boolean':
			return true;
		case 'options':
			return (property.options as INodePropertyOptions[])[0].value;
		case 'multiOptions':
			return [(property.options as INodePropertyOptions[])[0].value];
		case 'dateTime':
			return `2026-01-0${1 + Number(flavour || 0)}T03:04:05.000Z`;
		case 'json':
			return `{"note":"n${flavour}"}`;
		case 'color':
			return '#ff0000';
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: `${property.name}-v${flavour}` };
		default:
			return undefined;
	}
}

interface Case {
	parameters: INodeParameters;
	items: IDataObject[];
}

/**
 * Every property the operation shows, set: literal values, or expressions reading each item's
 * own value (`$json.p0` ...). Display conditions beyond resource and operation (Return All,
 * Output) are given the value that shows the properties depending on them.
 */
function caseFor(node: INodeType, op: Operation, expressions: boolean): Case {
	// Settings → Request Options too (the proxy has its own cases below: no proxy answers here).
	// Batches of two: with batches of one, n8n's RoutingNode leaves a failed item's promise
	// unhandled while it waits before the next item, which fails a jest test (the direct path
	// does not).
	const requestOptions = { batching: { batch: { batchSize: 2, batchInterval: 1 } }, timeout: 20_000, allowUnauthorizedCerts: true };
	const parameters: INodeParameters = { resource: op.resource, operation: op.operation, requestOptions };
	const items: IDataObject[] = [{}, {}];
	let next = 0;
	const set = (property: INodeProperties): unknown => {
		// Left empty, the Idempotency Key option makes the node derive one per item: the literal
		// variant checks that both paths derive the same key, the expression one that both send the
		// item's own.
		const literal = property.name === 'idempotencyKey' ? '' : valueFor(property);
		if (literal === undefined) return undefined;
		if (!expressions) return literal;
		const key = `p${next++}`;
		items.forEach((item, index) => {
			const value = valueFor(property, property.type === 'options' || property.type === 'multiOptions' ? '' : String(index));
			item[key] = property.type === 'resourceLocator' ? (value as IDataObject).value : (value as IDataObject);
		});
		const expression = `={{ $json.${key} }}`;
		return property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: expression } : expression;
	};
	const shown = node.description.properties.filter(
		(p) =>
			p.name !== 'resource' &&
			p.name !== 'operation' &&
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes(op.resource) &&
			(p.displayOptions?.show?.operation as string[] | undefined)?.includes(op.operation),
	);
	for (const property of shown) {
		if (property.type === 'collection') {
			const collection: IDataObject = {};
			for (const inner of property.options as INodeProperties[]) {
				const value = set(inner);
				if (value !== undefined) collection[inner.name] = value as IDataObject;
			}
			parameters[property.name] = collection as INodeParameters;
		} else {
			const value = set(property);
			if (value !== undefined) parameters[property.name] = value as INodeParameters[string];
		}
	}
	// What shows the dependent properties: Return All off (Limit), Output → Selected Fields (Fields).
	for (const property of shown) {
		for (const [key, values] of Object.entries(property.displayOptions?.show ?? {})) {
			if (key === 'resource' || key === 'operation' || typeof parameters[key] === 'string' && String(parameters[key]).startsWith('=')) continue;
			parameters[key] = (values as INodeParameters[string][])[0];
		}
	}
	if (expressions && parameters.fields !== undefined) {
		// Output given as an expression (it gives Simplified here) shows Fields to n8n whatever it
		// gives; Fields naming no field must then neither stop the run nor be read differently.
		items.forEach((item) => Object.keys(item).forEach((key) => item[key] === `fields-v${items.indexOf(item)}` && (item[key] = ' , ')));
	} else if (parameters.fields !== undefined) parameters.fields = 'id, name, status';
	return { parameters, items };
}

// ---- Running both ways and comparing ----

interface Outcome {
	requests: unknown[];
	output: unknown[];
	error?: unknown;
}

let executions = 0;

function describeError(error: RunResult['error']) {
	if (!error) return undefined;
	const context = { ...(error.context ?? {}) };
	return {
		type: error.constructor.name,
		message: error.message,
		description: error.description,
		httpCode: error.httpCode,
		context,
	};
}

function plainOutput(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => ({ json: item.json, pairedItem: item.pairedItem, error: item.error && describeError(item.error as RunResult['error']) }));
}

/**
 * What the simulator makes up anew in every run (record ids, request ids, times) even from the
 * same state: its counters and clock are not part of the state restored between the two runs.
 */
const GENERATED_KEY = /^(id|ids|pfids|requestId|request_id|signingSecret|.*_at|.*At)$/;
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** `theirs` with the values only the simulator's counters and clock made differ taken from `ours`. */
function reconcile(ours: unknown, theirs: unknown, key = ''): unknown {
	if (Array.isArray(ours) && Array.isArray(theirs)) return theirs.map((value, i) => reconcile(ours[i], value, key));
	if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object') {
		return Object.fromEntries(Object.entries(theirs).map(([k, v]) => [k, reconcile((ours as IDataObject)[k], v, k)]));
	}
	const generated =
		(GENERATED_KEY.test(key) && typeof ours === typeof theirs && (typeof ours === 'number' || typeof ours === 'string')) ||
		(typeof ours === 'string' && typeof theirs === 'string' && TIME.test(ours) && TIME.test(theirs)) ||
		(typeof ours === 'string' && typeof theirs === 'string' && /\breq_sim_\d+\b/.test(ours) && ours.replace(/\breq_sim_\d+\b/g, '') === theirs.replace(/\breq_sim_\d+\b/g, ''));
	return generated ? ours : theirs;
}

async function outcome(service: Service, nodeType: INodeType, c: Case, continueOnFail: boolean, executionId: string, state: unknown): Promise<Outcome> {
	service.sim.state = structuredClone(state);
	const before = service.sim.log.length;
	const result = await runNode({
		nodeType,
		credentialTypes: [service.credentialType],
		credentials: service.credentials(service.sim.baseUrl),
		parameters: c.parameters,
		items: c.items,
		continueOnFail,
		executionId,
	});
	const requests = service.sim.log.slice(before).map((r) => {
		const { host: _host, ...headers } = r.headers;
		return { method: r.method, path: r.path, query: r.query, body: r.rawBody, headers };
	});
	return { requests, output: plainOutput(result.items), error: describeError(result.error) };
}

/** Runs the case through the direct path and through n8n's RoutingNode from the same state. */
async function compare(service: Service, c: Case, continueOnFail: boolean) {
	const state = structuredClone(service.sim.state);
	const executionId = `differential-${++executions}`;
	const { direct, routed } = nodes.get(service)!;
	const viaDirect = await outcome(service, direct, c, continueOnFail, executionId, state);
	const viaRouting = await outcome(service, routed, c, continueOnFail, executionId, state);
	service.sim.state = state;
	return { viaDirect, viaRouting: reconcile(viaDirect, viaRouting) as Outcome };
}

describe.each(services)('$name: every operation, direct and routed alike', (service) => {
	const node = nodes.get(service)!.direct;
	const operations = operationsOf(node);

	test('every operation runs the direct path', () => {
		const missing = operations.filter((op) => typeof node.customOperations?.[op.resource]?.[op.operation] !== 'function');
		expect(missing).toEqual([]);
	});

	test.each(operations.map((op) => [`${op.resource}.${op.operation}`, op] as const))('%s', async (_label, op) => {
		const seen = { requests: 0, outputs: 0 };
		for (const expressions of [false, true]) {
			const c = caseFor(node, op, expressions);
			for (const continueOnFail of [true, false]) {
				const { viaDirect, viaRouting } = await compare(service, c, continueOnFail);
				expect({ expressions, continueOnFail, ...viaDirect }).toEqual({ expressions, continueOnFail, ...viaRouting });
				seen.requests += viaDirect.requests.length;
				seen.outputs += viaDirect.output.length;
				// Both paths read Continue On Fail only for an item that failed: when none failed with it
				// on, the run with it off is the same run (and would only double the file's time).
				const failed = (viaDirect.output as Array<{ json: IDataObject; error?: unknown }>).some((item) => item.error || item.json.error);
				if (!failed) break;
			}
		}
		// Something ran: a request, or output items (errors refused before any request are items too).
		expect(seen.requests + seen.outputs).toBeGreaterThan(0);
	});
});

describe('where the direct path and n8n routing used to differ', () => {
	const agentRef = services[0];
	const getProgram = { resource: 'program', operation: 'get', programId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };
	const run = async (parameters: INodeParameters, continueOnFail: boolean) => await compare(agentRef, { parameters, items: [{ id: 'prog_1' }, { id: 'prog_2' }] }, continueOnFail);

	// Fields is required, so n8n does not start a workflow where it is empty; ' , ' names no field.
	test.each([
		['gives Selected Fields naming no field: refused by name before any request', '={{ "fields" }}', ' , '],
		['gives Raw, Fields naming none: runs', '={{ "raw" }}', ' , '],
		['gives Selected Fields with fields: runs', '={{ "fields" }}', 'id, name'],
	])('Output as an expression that %s', async (_label, output, fields) => {
		for (const continueOnFail of [false, true]) {
			const { viaDirect, viaRouting } = await run({ ...getProgram, output, fields }, continueOnFail);
			expect(viaDirect).toEqual(viaRouting);
			if (fields === ' , ' && output.includes('fields')) {
				expect(viaDirect.requests).toEqual([]);
				if (!continueOnFail) expect(viaDirect.error).toMatchObject({ message: 'Fields: name at least one field' });
			} else {
				expect(viaDirect.requests).toHaveLength(2);
				expect(viaDirect.error).toBeUndefined();
			}
		}
	});

	test('Output → Selected Fields with no field, Continue On Fail: the one documented error shape', async () => {
		const { viaDirect, viaRouting } = await run({ ...getProgram, output: 'fields', fields: ' , ' }, true);
		expect(viaDirect).toEqual(viaRouting);
		expect(viaDirect.requests).toEqual([]);
		for (const item of viaDirect.output as Array<{ json: IDataObject }>) {
			expect(item.json).toEqual({ error: expect.objectContaining({ message: 'Fields: name at least one field', field: 'Fields' }) });
		}
	});

	// A write is never retried, so a proxy nobody answers on fails at once, the same way both paths.
	const updateProgram = { resource: 'program', operation: 'update', programId: { __rl: true, mode: 'id', value: 'prog_1' }, updateFields: { name: 'Renamed' } };
	test.each([
		['on the scheme’s default port', 'http://127.0.0.1:80'],
		['with credentials and a default port', 'https://user:p%40ss@127.0.0.1:443'],
		['without a port', 'http://127.0.0.1'],
		['without a host', '127.0.0.1:3128'],
		['that is not a URL', 'not a proxy'],
	])('a proxy %s is read as n8n routing reads it', async (_label, proxy) => {
		for (const continueOnFail of [false, true]) {
			const { viaDirect, viaRouting } = await run({ ...updateProgram, requestOptions: { proxy } }, continueOnFail);
			expect(viaDirect).toEqual(viaRouting);
			expect(viaDirect.requests).toEqual([]);
			if (!continueOnFail) expect(viaDirect.error).toBeDefined();
		}
	});

	test('proxy URLs are split into host, port and credentials exactly as Node’s url.parse (RoutingNode’s reader) does', () => {
		const legacy = (text: string) => {
			try {
				// eslint-disable-next-line n/no-deprecated-api
				const parsed = url.parse(text);
				return { protocol: parsed.protocol, auth: parsed.auth, host: parsed.host, port: parsed.port, hostname: parsed.hostname };
			} catch (error) {
				return { throws: (error as Error).name, message: (error as Error).message };
			}
		};
		const ours = (text: string) => {
			try {
				return { ...readProxy(text) };
			} catch (error) {
				return { throws: (error as Error).name, message: (error as Error).message };
			}
		};
		const shaped = fc
			.tuple(
				fc.constantFrom('', ' ', '\t'),
				fc.constantFrom('', 'http:', 'https:', 'HTTP:', 'socks5:', 'proxy:', 'javascript:', 'file:', 'x-y.z+1:'),
				fc.constantFrom('', '//', '/', '\\\\', '///'),
				fc.constantFrom('', 'user@', 'u:p@', ':pw@', '@', 'a@b@', 'us%20er:p%3Aw@', 'u%zz@', 'u:p:w@'),
				fc.constantFrom('', 'host', 'HOST.Example.com', '127.0.0.1', '[::1]', '[fe80::1%25eth0]', 'ho st', 'h_x', 'ünï.de', 'a\\b', 'h%41', 'h;x', 'x'.repeat(260)),
				fc.constantFrom('', ':', ':80', ':443', ':0', ':3128', ':99999', ':80a', '::80', ':8 0'),
				fc.constantFrom('', '/', '/path', '?q=1', '#frag', '/p?x#y', '\\p', '@x'),
				fc.constantFrom('', ' ', '\n'),
			)
			.map((parts) => parts.join(''));
		const scrambled = fc.array(fc.constantFrom(...'ab:/\\@%?#[] .1809_-ü;"^|\t'.split('')), { maxLength: 24 }).map((chars) => chars.join(''));
		const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
		// url.parse warns on every odd URL, which is what this feeds it.
		const quiet = process.noDeprecation;
		process.noDeprecation = true;
		try {
			fc.assert(fc.property(fc.oneof(shaped, scrambled), (text) => expect(ours(text)).toEqual(legacy(text))), { seed, numRuns: 5000 });
		} catch (error) {
			throw new Error(`FC_SEED=${seed}: ${(error as Error).message}`);
		} finally {
			process.noDeprecation = quiet;
		}
	});
});
