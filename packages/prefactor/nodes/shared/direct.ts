// Copy made by `npm run sync` from nodes/shared/direct.ts: edit that file, not this one.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	PreSendAction,
} from 'n8n-workflow';
import { getCredentialAllowedDomains, NodeApiError, NodeHelpers, NodeOperationError, sleep } from 'n8n-workflow';

import { readProxy } from './proxyUrl';

/**
 * Runs each operation of a generated node the way n8n's declarative routing would, reading only
 * the parameters that operation shows.
 *
 * Why: n8n's RoutingNode resolves, for every item, the parameter of every property in the
 * description whose name matches, twice (once to build the request, once to check whose base
 * URL it is), before it looks at whether the property is shown. A node with many resources has
 * the same parameter name on many properties (`programId` on 14 in AgentRef), so one ID
 * expression was evaluated 29 times per item, and 1,000 items spent seconds before the first
 * request. n8n calls a node's `customOperations` for a resource and operation instead of the
 * RoutingNode; the description, with its routing, stays as it is for the editor, the AI-tool
 * variant and any n8n that does not know `customOperations`.
 *
 * What RoutingNode does that matters here, and is done the same way below: request defaults,
 * each shown property's `routing.send` (query or body, dotted names nested) and `preSend`, the
 * selected operation's routing and its pagination handler (the executor), the Settings →
 * Request Options (batching, proxy, SSL, timeout), the credential's allowed domains, and its
 * error shapes per item.
 */

/**
 * The credential's allowed-domains setting as RoutingNode passes it on (n8n 2.x; n8n 1.x has no
 * such setting, and its n8n-workflow no such function). The base URL is decided later, in the
 * executor, so there is no endpoint to add: the list applies as the user wrote it.
 */
async function allowedDomainsOf(ctx: IExecuteFunctions, description: INodeTypeDescription, node: INode): Promise<() => string | undefined> {
	const credential = description.credentials?.[0]?.name;
	if (typeof getCredentialAllowedDomains !== 'function' || !credential) return () => undefined;
	let credentialData;
	try {
		credentialData = (await ctx.getCredentials(credential, 0)) ?? {};
	} catch {
		// A missing credential fails in the executor, with its own message.
		return () => undefined;
	}
	return () => getCredentialAllowedDomains({ node, credentialData, credentialOwnedSurface: true, nodeEndpointUrl: undefined });
}

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** What one property contributes to a request, found once per description. */
interface Sender {
	/** The parameter path, such as `additionalFields.email`. */
	path: string;
	property: INodeProperties;
	/**
	 * The properties whose display rules must hold for it to be sent: itself, and the collection
	 * it is an option of. Decided per node run with n8n's own rule (see `shownSenders`).
	 */
	shownWhen: INodeProperties[];
	/** For an option inside a collection: sent only when the user added it. */
	collection?: string;
}

interface Plan {
	option: INodePropertyOptions;
	pagination: Pagination;
	senders: Sender[];
}

const SUPPORTED_SEND = new Set(['type', 'property', 'propertyInDotNotation', 'preSend', 'paginate']);

/** Whether RoutingNode would do something with this routing that the plan below does not. */
function unsupported(property: { routing?: INodeProperties['routing'] }): boolean {
	const routing = property.routing;
	if (!routing) return false;
	if (routing.output || routing.request) return true;
	return Object.keys(routing.send ?? {}).some((key) => !SUPPORTED_SEND.has(key));
}

/**
 * Whether the property can be shown for this resource and operation, whatever the other
 * parameters hold. n8n's rule (NodeHelpers.displayParameter) goes through the `show` keys in
 * order and shows the property as soon as one key's saved value is an expression, so a key other
 * than resource and operation met before a failing one may show it: it is kept here and decided
 * per run (`shownSenders`).
 */
function mayShow(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	if (!show) return true;
	for (const [key, values] of Object.entries(show)) {
		if (key !== 'resource' && key !== 'operation') return true;
		const value = key === 'resource' ? resource : operation;
		// checkConditions (with n8n's `_cnd` forms) is missing from older n8n-workflow versions.
		const holds = typeof NodeHelpers.checkConditions === 'function' ? NodeHelpers.checkConditions(values as never, [value]) : (values as unknown[]).includes(value);
		if (!holds) return false;
	}
	return true;
}

/** Whether RoutingNode would find any routing in this property or the options inside it. */
function routes(property: INodeProperties): boolean {
	if (property.routing) return true;
	return ((property.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>).some(
		(option) => 'routing' in option || (option.values ?? []).some(routes) || ('type' in option && routes(option)),
	);
}

/** The plan of one operation, or undefined when its description needs n8n's own routing. */
function planFor(description: INodeTypeDescription, resource: string, operation: string): Plan | undefined {
	const selector = description.properties.find(
		(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as unknown[] | undefined)?.includes(resource),
	);
	const option = (selector?.options as INodePropertyOptions[] | undefined)?.find((o) => o.value === operation);
	const pagination = option?.routing?.operations?.pagination;
	if (!option || typeof pagination !== 'function') return undefined;
	if (option.routing?.send && Object.keys(option.routing.send).some((key) => key !== 'paginate' && key !== 'preSend')) {
		return undefined;
	}
	// The operation's method and path are plain values; an expression there is left to n8n.
	if (Object.values(option.routing?.request ?? {}).some((v) => typeof v !== 'string' || v.startsWith('='))) return undefined;
	const senders: Sender[] = [];
	for (const property of description.properties) {
		if (property.name === 'resource' || property.name === 'operation') continue;
		if (!routes(property) || !mayShow(property, resource, operation)) continue;
		if (unsupported(property)) return undefined;
		if (property.routing) senders.push({ path: property.name, property, shownWhen: [property] });
		if (property.type === 'collection') {
			for (const inner of (property.options ?? []) as INodeProperties[]) {
				if (!routes(inner)) continue;
				// Routing nested deeper (in an option's own options) is left to n8n.
				if (unsupported(inner) || routes({ ...inner, routing: undefined })) return undefined;
				senders.push({ path: `${property.name}.${inner.name}`, property: inner, shownWhen: [property, inner], collection: property.name });
			}
		} else if (property.options && routes({ ...property, routing: undefined })) {
			// Routing inside a selected option or a fixed collection is left to n8n.
			return undefined;
		}
	}
	return { option, pagination: pagination as Pagination, senders };
}

function setPath(target: IDataObject, key: string, value: unknown) {
	const parts = key.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) {
		if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
		node = node[part] as IDataObject;
	}
	node[parts[parts.length - 1]] = value as IDataObject;
}

/** The `this` of RoutingNode's per-item functions (preSend, pagination) for item `itemIndex`. */
function singleItem(ctx: IExecuteFunctions, itemIndex: number): IExecutePaginationFunctions {
	const single = Object.create(ctx) as IExecutePaginationFunctions & Record<string, unknown>;
	single.getItemIndex = () => itemIndex;
	single.getNodeParameter = ((name: string, fallback?: unknown, options?: IDataObject) =>
		ctx.getNodeParameter(name, itemIndex, fallback as never, options)) as never;
	single.getInputData = (() => ctx.getInputData()[itemIndex]) as never;
	single.evaluateExpression = ((expression: string) => ctx.evaluateExpression(expression, itemIndex)) as never;
	single.getCredentials = ((type: string) => ctx.getCredentials(type, itemIndex)) as never;
	return single;
}

/**
 * The senders RoutingNode would use in this run, by n8n's own display rule on the saved
 * parameters (an expression in a condition shows the property, as in n8n), so the same for
 * every item.
 */
function shownSenders(plan: Plan, description: INodeTypeDescription, node: INode): Sender[] {
	const { parameters } = node;
	return plan.senders.filter((sender) =>
		sender.shownWhen.every((property) => NodeHelpers.displayParameter(parameters, property, node, description, parameters)),
	);
}

/** The request options of one item, as RoutingNode would build them before its preSend. */
function requestOptionsOf(
	ctx: IExecuteFunctions,
	description: INodeTypeDescription,
	plan: Plan,
	senders: Sender[],
	parameters: INode['parameters'],
	itemIndex: number,
): { options: IHttpRequestOptions; preSend: PreSendAction[]; paginate: boolean } {
	const defaults = (description.requestDefaults ?? {}) as IDataObject;
	const options = {
		qs: {},
		body: {},
		headers: {},
		...JSON.parse(JSON.stringify(defaults)),
		...(plan.option.routing?.request ?? {}),
	} as IHttpRequestOptions & { qs: IDataObject; body: IDataObject };
	const preSend: PreSendAction[] = [...(plan.option.routing?.send?.preSend ?? [])];
	const collections = new Map<string, IDataObject>();
	for (const sender of senders) {
		if (sender.collection) {
			if (!collections.has(sender.collection)) {
				collections.set(sender.collection, (parameters[sender.collection] ?? {}) as IDataObject);
			}
			if (!Object.keys(collections.get(sender.collection)!).includes(sender.property.name)) continue;
		}
		// Read for every shown property, as RoutingNode does: an expression that fails fails here,
		// before any request, whether or not the value is sent as it is.
		const extractValue = sender.property.extractValue !== undefined || sender.property.type === 'resourceLocator';
		const value = ctx.getNodeParameter(sender.path, itemIndex, undefined, { extractValue });
		const send = sender.property.routing!.send;
		if (!send) continue;
		if (send.property !== undefined) {
			const target = send.type === 'body' ? options.body : options.qs;
			if (send.propertyInDotNotation === false) target[send.property] = value as IDataObject;
			else setPath(target, send.property, value);
		}
		if (send.preSend) preSend.push(...send.preSend);
	}
	return { options, preSend, paginate: plan.option.routing?.send?.paginate === true };
}

/** Settings → Request Options, as RoutingNode applies them. */
function applyRequestOptions(node: INode, options: IHttpRequestOptions, settings: IDataObject, itemIndex: number, runIndex: number) {
	const { proxy, timeout, allowUnauthorizedCerts } = settings as { proxy?: string; timeout?: number; allowUnauthorizedCerts?: boolean };
	if (proxy) {
		// Read as n8n's routing reads it (proxyUrl.ts): `http://host:80` is port 80, not "no port".
		const parsed = readProxy(proxy);
		for (const part of ['host', 'port'] as const) {
			if (parsed[part] === null) {
				throw new NodeOperationError(node, 'The proxy is not valid', {
					runIndex,
					itemIndex,
					description: `The proxy URL does not contain a valid value for "${part}"`,
				});
			}
		}
		options.proxy = {
			host: parsed.hostname!,
			port: parseInt(parsed.port!, 10),
			protocol: parsed.protocol?.replace(/:$/, '') || undefined,
		};
		if (parsed.auth) {
			const [username, password] = parsed.auth.split(':');
			options.proxy.auth = { username, password };
		}
	}
	if (allowUnauthorizedCerts) options.skipSslCertificateValidation = allowUnauthorizedCerts;
	options.timeout = timeout ? timeout : 300_000;
}

function withContext<T extends Error>(error: T, itemIndex: number, runIndex: number): T {
	const holder = error as T & { context?: IDataObject };
	holder.context = { ...(holder.context ?? {}), itemIndex, runIndex };
	return error;
}

function runOperation(description: INodeTypeDescription, plan: Plan): Operation {
	return async function (this: IExecuteFunctions) {
		const node = this.getNode();
		const parameters = node.parameters;
		const items = this.getInputData();
		const runIndex = ((this as unknown as { runIndex?: number }).runIndex ?? 0) as number;
		const settings = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
		const batching = (settings.batching as { batch?: { batchSize?: number; batchInterval?: number } } | undefined)?.batch;
		const batchSize = (batching?.batchSize ?? 0) > 0 ? batching!.batchSize! : 1;
		const batchInterval = batching?.batchInterval ?? 0;
		const allowedDomains = await allowedDomainsOf(this, description, node);
		const senders = shownSenders(plan, description, node);
		const requests: Array<Promise<INodeExecutionData[]>> = [];
		const contexts: IExecutePaginationFunctions[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (itemIndex > 0 && batchInterval > 0 && itemIndex % batchSize === 0) await sleep(batchInterval);
			const single = singleItem(this, itemIndex);
			contexts.push(single);
			try {
				const { options, preSend, paginate } = requestOptionsOf(this, description, plan, senders, parameters, itemIndex);
				applyRequestOptions(node, options, settings, itemIndex, runIndex);
				const domains = allowedDomains();
				if (domains) (options as unknown as IDataObject).allowedDomains = domains;
				const requestData: DeclarativeRestApiSettings.ResultOptions = {
					options: options as DeclarativeRestApiSettings.HttpRequestOptions,
					preSend,
					postReceive: [],
					requestOperations: { ...(description.requestOperations ?? {}), ...(plan.option.routing?.operations ?? {}) },
					paginate,
				};
				requests.push(
					(async () => {
						for (const action of requestData.preSend) {
							requestData.options = (await action.call(single, requestData.options as IHttpRequestOptions)) as DeclarativeRestApiSettings.HttpRequestOptions;
						}
						return await plan.pagination.call(single, requestData);
					})(),
				);
			} catch (caught) {
				const error = withContext(
					caught instanceof NodeApiError || caught instanceof NodeOperationError
						? caught
						: new NodeOperationError(node, caught instanceof Error ? caught : new Error(String(caught)), { itemIndex, runIndex }),
					itemIndex,
					runIndex,
				);
				if (single.continueOnFail()) {
					requests.push(Promise.resolve([{ json: {}, error }]));
					continue;
				}
				throw error;
			}
		}
		const settled = await Promise.allSettled(requests);
		const output: INodeExecutionData[] = [];
		settled.forEach((result, itemIndex) => {
			if (result.status === 'fulfilled') {
				output.push(...result.value);
				return;
			}
			const error = result.reason as Error & { statusCode?: number; description?: string; isAxiosError?: boolean; response?: { status?: number } };
			if (error.statusCode === 429) {
				error.message = "Try spacing your requests out using the batching settings under 'Options'";
			}
			if (contexts[itemIndex].continueOnFail()) {
				output.push({ json: {}, error: error as NodeApiError });
				return;
			}
			if (error instanceof NodeApiError) throw withContext(error, itemIndex, runIndex);
			throw new NodeApiError(node, error as never, {
				runIndex,
				itemIndex,
				message: error?.message,
				description: error?.description,
				httpCode: error.isAxiosError && error.response ? String(error.response.status) : 'none',
			});
		});
		return [output];
	};
}

/**
 * `customOperations` for every resource and operation of a generated description whose routing
 * this module reproduces; anything else is left to n8n's RoutingNode.
 */
export function directOperations(description: INodeTypeDescription): NonNullable<INodeType['customOperations']> {
	const result: NonNullable<INodeType['customOperations']> = {};
	const resources = description.properties.find((p) => p.name === 'resource');
	for (const { value: resource } of (resources?.options ?? []) as INodePropertyOptions[]) {
		const selector = description.properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as unknown[] | undefined)?.includes(resource),
		);
		for (const { value: operation } of (selector?.options ?? []) as INodePropertyOptions[]) {
			const plan = planFor(description, String(resource), String(operation));
			if (!plan) continue;
			(result[String(resource)] ??= {})[String(operation)] = runOperation(description, plan);
		}
	}
	return result;
}
