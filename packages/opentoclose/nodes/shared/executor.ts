// Copy made by `npm run sync` from nodes/shared/executor.ts: edit that file, not this one.
import { createHash } from 'crypto';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorToJson, fieldError } from './errors';
import { derivedIdempotencyKey } from './idempotency';
import { shapeOutput } from './output';
import { credentialTag, scrubError } from './scrub';
import type { ServiceConfig } from './service';
import { scrubberFor, sendRequest } from './transport';
import type { FieldSpec, OperationSpec } from './types';
import { checkFieldTypes, takeDeferredError, valueProblem } from './validate';

const PATH_PARAM = /\{(\w+)\}/g;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}


/** The collection an optional field lives in, by HTTP method unless the spec says otherwise. */
export function groupOf(field: FieldSpec, method?: string): string {
	if (field.group) return field.group;
	if (field.in === 'query' && method === 'GET') return 'filters';
	if (method === 'PATCH' || method === 'PUT') return 'updateFields';
	return 'additionalFields';
}

/**
 * One path segment, percent-encoded so that `/`, `?`, `#` or `%` in an ID can never reach
 * another endpoint. `.` and `..` are refused: URL parsers resolve them even when encoded.
 */
export function encodePathSegment(
	ctx: IExecuteSingleFunctions,
	field: FieldSpec,
	value: unknown,
): string {
	const itemIndex = ctx.getItemIndex();
	// An object, a list, null or a boolean would reach the URL as `[object Object]`, `1,2`, `null`.
	const wrong = valueProblem({ ...field, type: 'string' }, value);
	if (wrong) throw fieldError(ctx.getNode(), field.displayName, wrong, itemIndex);
	const text = typeof value === 'string' ? value.trim() : value === undefined ? '' : String(value);
	if (text === '') throw fieldError(ctx.getNode(), field.displayName, 'a value is required', itemIndex);
	if (text === '.' || text === '..') {
		throw fieldError(ctx.getNode(), field.displayName, `"${text}" is not a valid ID`, itemIndex);
	}
	return encodeURIComponent(text);
}

function resolvePath(ctx: IExecuteSingleFunctions, op: OperationSpec): string {
	const fields = new Map((op.fields ?? []).map((f) => [f.name, f]));
	return op.path.replace(PATH_PARAM, (_match, name: string) => {
		const field = fields.get(name);
		if (!field) throw new Error(`Operation ${op.value} has no field for path parameter ${name}`);
		return encodePathSegment(ctx, field, ctx.getNodeParameter(name, '', { extractValue: true }));
	});
}

function checkRequired(ctx: IExecuteSingleFunctions, op: OperationSpec) {
	for (const field of op.fields ?? []) {
		if (!field.required || field.in === 'path' || field.type === 'boolean') continue;
		if (isBlank(ctx.getNodeParameter(field.name, undefined, { extractValue: true }))) {
			throw fieldError(ctx.getNode(), field.displayName, 'a value is required', ctx.getItemIndex());
		}
	}
}

function compact(target: IDataObject | undefined): IDataObject | undefined {
	if (!target) return target;
	for (const [key, value] of Object.entries(target)) {
		if (value === undefined || (typeof value === 'string' && value === '')) delete target[key];
	}
	return target;
}

function toRecords(value: unknown): IDataObject[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry) =>
		typeof entry === 'object' && entry !== null ? (entry as IDataObject) : { value: entry },
	);
}

/**
 * The API's base URL, read from the credential once per node run rather than per item: as a
 * `requestDefaults.baseURL` expression n8n would evaluate it for every item before the first
 * request leaves (about half of its preparation time for 1,000 items), and n8n reads
 * credentials from its database on every call. Keyed by the run's execute data, which every
 * item of one run shares, so nothing outlives the run.
 */
const baseUrls = new WeakMap<object, Promise<{ baseUrl: string; gateKey: string }>>();

/** The base URL and the credential's gate key (see gate.ts), once per run. */
function baseUrlFor(ctx: IExecuteSingleFunctions, service: ServiceConfig): Promise<{ baseUrl: string; gateKey: string }> {
	const run = ctx.getExecuteData?.() as object | undefined;
	const cached = run && baseUrls.get(run);
	if (cached) return cached;
	const url = ctx
		.getCredentials(service.credentialType)
		.then((credentials) => ({ baseUrl: service.baseUrl(credentials), gateKey: credentialTag(credentials) }));
	if (run) baseUrls.set(run, url);
	return url;
}

function buildRequest(
	ctx: IExecuteSingleFunctions,
	service: ServiceConfig,
	op: OperationSpec,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
): { request: IHttpRequestOptions; idempotencyKey?: string } {
	checkFieldTypes(ctx, op, (field) => (field.required || field.in === 'path' ? field.name : `${groupOf(field, op.method)}.${field.name}`));
	const deferred = takeDeferredError(options);
	if (deferred) throw deferred;
	const request = { ...options, method: op.method, url: resolvePath(ctx, op) } as IHttpRequestOptions;
	request.timeout = userTimeout(ctx);
	if (request.timeout === undefined) delete request.timeout;
	checkRequired(ctx, op);
	request.qs = compact({ ...(options.qs ?? {}) });
	request.headers = { ...(options.headers ?? {}) };
	let body = options.body as IDataObject | undefined;
	if (op.bodyDefaults) body = request.body = { ...op.bodyDefaults, ...(body ?? {}) };
	if (op.validate && body) {
		const problem = op.validate(body);
		if (problem) throw new NodeOperationError(ctx.getNode(), problem, { itemIndex: ctx.getItemIndex() });
	}
	if (op.method === 'GET' || !body || (typeof body === 'object' && Object.keys(body).length === 0)) {
		delete request.body;
	}
	if (op.contentType && request.body !== undefined) request.headers['Content-Type'] = op.contentType;

	let idempotencyKey: string | undefined;
	if (op.idempotent) {
		const given = ctx.getNodeParameter('options.idempotencyKey', '') as unknown;
		// An expression may give a number (an order number): it is the key, not a reason to
		// generate another one.
		const text = typeof given === 'number' && Number.isFinite(given) ? String(given) : given;
		if (text !== undefined && text !== null && typeof text !== 'string') {
			throw fieldError(ctx.getNode(), 'Idempotency Key', 'must be text', ctx.getItemIndex());
		}
		// Without a key of the user's, the same item of this node in this execution always gets the
		// same one, so n8n's Retry On Fail cannot write an item twice (see idempotency.ts).
		idempotencyKey = (text ?? '').trim() || derivedIdempotencyKey(ctx, request);
		// The key travels in an HTTP header (AgentRef), where n8n's client silently drops what is
		// not Latin-1: `payout-✓` and `payout-✗` would both arrive as `payout-` and make one
		// write. Refused rather than encoded, so the key the API sees is the key the user gave.
		if (!PRINTABLE_ASCII.test(idempotencyKey)) {
			throw fieldError(
				ctx.getNode(),
				'Idempotency Key',
				'use printable ASCII only (letters, digits, spaces and punctuation such as - _ : .)',
				ctx.getItemIndex(),
			);
		}
		if (service.applyIdempotencyKey) service.applyIdempotencyKey(request, idempotencyKey);
		else request.headers['Idempotency-Key'] = idempotencyKey;
	}
	// n8n's HTTP helper drops an empty object, so the empty JSON object goes as text.
	if (op.sendEmptyBody && request.body === undefined) request.body = '{}';
	return { request, idempotencyKey };
}

/**
 * Whether this page was already received in this listing (and remembers it otherwise). A server
 * that hands out the same page (or cursor) twice would otherwise loop forever. Shared with the
 * poll triggers so both follow one rule.
 */
export function repeatedPage(seen: Set<string>, page: IDataObject[]): boolean {
	const signature = pageSignature(page);
	if (seen.has(signature)) return true;
	seen.add(signature);
	return false;
}

async function runList(
	ctx: IExecuteSingleFunctions,
	service: ServiceConfig,
	op: OperationSpec,
	request: IHttpRequestOptions,
	itemIndex: number,
	gateKey: string,
): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : readLimit(ctx, itemIndex);
	const send = async () =>
		(await sendRequest(ctx, service, request, { retryable: true, itemIndex, gateKey })).body;

	if (op.list === 'array') {
		return toRecords(service.unwrap(await send())).slice(0, limit);
	}

	const pager = service.pagers[op.pager ?? 'default'];
	// A fixed page size keeps page- and offset-based paging aligned; Limit trims the last page.
	const pageSize = Math.min(op.maxPageSize ?? service.maxPageSize, limit);
	const qs = (request.qs ??= {});
	pager.start(qs, pageSize);
	const records: IDataObject[] = [];
	const seenPages = new Set<string>();
	for (;;) {
		const body = await send();
		const page = pager.records(body);
		if (page.length === 0 || repeatedPage(seenPages, page)) break;
		records.push(...page);
		if (records.length >= limit) break;
		if (!pager.advance(qs, body, page.length, pageSize)) break;
	}
	return records.slice(0, limit);
}

/**
 * Limit as a positive whole number. An expression can give anything (`"abc"`, 0, -5, 2.5), which
 * would otherwise reach the API as `pageSize=NaN` or a fraction, or quietly return one record.
 */
function readLimit(ctx: IExecuteSingleFunctions, itemIndex: number): number {
	const value = ctx.getNodeParameter('limit', 50) as unknown;
	const limit = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
		const shown = typeof value === 'string' ? `"${value}"` : String(value);
		throw fieldError(ctx.getNode(), 'Limit', `must be a whole number of at least 1, not ${shown}`, itemIndex);
	}
	return limit;
}

/**
 * What identifies a page: the ids of all its records (or, for records without an id, all of
 * their content), hashed to keep memory flat on long lists. Two different pages that merely
 * agree on their length, first and last record are not the same page.
 */
function pageSignature(page: IDataObject[]): string {
	const hash = createHash('sha1');
	for (const record of page) {
		const id = record.id ?? record.Id ?? record.ID;
		hash.update(typeof id === 'string' || typeof id === 'number' ? `${typeof id}:${id}` : JSON.stringify(record));
		hash.update('\u0000');
	}
	return hash.digest('base64');
}

/**
 * The timeout the user set in the node's Settings → Request Options, or none (the transport
 * then uses the service's default). n8n's routing fills in 5 minutes when the user set nothing,
 * so the value it passes along cannot tell the two apart.
 */
function userTimeout(ctx: IExecuteSingleFunctions): number | undefined {
	const options = ctx.getNodeParameter('requestOptions', {}) as { timeout?: unknown };
	const timeout = Number(options?.timeout);
	return Number.isFinite(timeout) && timeout > 0 ? timeout : undefined;
}

/**
 * The request executor behind every declarative operation of this package. n8n's routing
 * builds the request from the UI fields; this function, hooked in as the operation's
 * `pagination` handler, adds what declarative routing cannot: safe path parameters, required
 * field checks, idempotency keys, retries, paging to the end, and the API's own errors.
 */
export function createExecutor(service: ServiceConfig, op: OperationSpec) {
	return async function executeOperation(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		try {
			const { request, idempotencyKey } = buildRequest(this, service, op, requestData.options);
			const { baseUrl, gateKey } = await baseUrlFor(this, service);
			request.baseURL = baseUrl;
			if (op.prepare) await op.prepare(this, request);
			let records: IDataObject[];
			if (op.list) {
				records = await runList(this, service, op, request, itemIndex, gateKey);
			} else {
				const retryable = op.method === 'GET' || (op.method === 'POST' && !!idempotencyKey);
				const { body } = await sendRequest(this, service, request, {
					retryable,
					itemIndex,
					idempotencyKey,
					hint: op.errorHint,
					gateKey,
				});
				records =
					body === undefined
						? [{ success: true }]
						: toRecords(op.transform ? op.transform(body) : op.output === 'raw' ? body : service.unwrap(body));
			}
			records = shapeOutput(this, op, records);
			return records.map((json) => ({ json, pairedItem }));
		} catch (caught) {
			// Whatever failed (a request, a lookup in `prepare`), no secret leaves in the error.
			const error = scrubError(asNodeError(this.getNode(), caught, itemIndex), await scrubberFor(this, service));
			if (this.continueOnFail()) return [{ json: errorToJson(error), pairedItem }];
			throw error;
		}
	};
}
