// Copy made by `npm run sync` from nodes/shared/builder.ts: edit that file, not this one.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';

import { fieldError } from './errors';
import { createExecutor, groupOf } from './executor';
import { outputProperties, SIMPLIFIABLE } from './output';
import type { ServiceConfig } from './service';
import type { FieldSpec, OperationSpec, ResourceSpec } from './types';
import { deferError, jsonShapeProblem } from './validate';

const GROUP_LABELS: Record<string, { displayName: string; placeholder: string }> = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

function parameterPath(field: FieldSpec, method: string): string {
	return field.required ? field.name : `${groupOf(field, method)}.${field.name}`;
}

function place(options: IHttpRequestOptions, field: FieldSpec, value: unknown) {
	const key = field.wire ?? field.name;
	if (field.in === 'query') options.qs = { ...(options.qs ?? {}), [key]: value as string };
	else if (field.in === 'header') options.headers = { ...(options.headers ?? {}), [key]: String(value) };
	else {
		const body: IDataObject = { ...((options.body as IDataObject) ?? {}) };
		if (field.spread) Object.assign(body, value as IDataObject);
		else setPath(body, key, value);
		options.body = body;
	}
}

/** Sets `a.b` as a nested value, the way n8n's routing treats dotted property names. */
function setPath(target: IDataObject, key: string, value: unknown) {
	const parts = key.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) {
		node[part] = { ...((node[part] as IDataObject) ?? {}) };
		node = node[part] as IDataObject;
	}
	node[parts[parts.length - 1]] = value as IDataObject;
}

/** Converts a field whose UI value is not the wire value, failing with the field's name. */
function converter(field: FieldSpec, method: string): PreSendAction {
	const path = parameterPath(field, method);
	const convert = async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const raw = this.getNodeParameter(path, undefined, { extractValue: field.type === 'resourceLocator' }) as unknown;
		const fail = (problem: string) =>
			fieldError(this.getNode(), field.displayName, problem, this.getItemIndex());
		if (raw === undefined || raw === '') return options;
		if (field.clears) {
			if (raw !== true) return options;
			const current = ((options.body as IDataObject) ?? {})[field.wire ?? field.name];
			if (current !== undefined && current !== '' && current !== null) {
				throw fail('cannot be on while a value for the same setting is given');
			}
			place(options, field, null);
			return options;
		}
		let value: unknown = raw;
		if (field.type === 'json') {
			if (typeof raw === 'string') {
				try {
					value = JSON.parse(raw);
				} catch {
					throw fail('is not valid JSON');
				}
			}
			if (field.spread && (typeof value !== 'object' || value === null || Array.isArray(value))) {
				throw fail('must be a JSON object');
			}
			const shape = jsonShapeProblem(field, value);
			if (shape) throw fail(shape);
		} else if (field.type === 'dateTime') {
			const date = new Date(raw as string);
			if (Number.isNaN(date.getTime())) throw fail(`"${String(raw)}" is not a date`);
			value = date.toISOString();
		} else if (field.join) {
			value = Array.isArray(raw) ? raw.join(field.join) : raw;
		} else if (field.cast === 'number') {
			value = Number(raw);
			if (Number.isNaN(value)) throw fail(`"${String(raw)}" is not a number`);
		} else if (field.list) {
			value = Array.isArray(raw)
				? raw
				: String(raw)
						.split(',')
						.map((entry) => entry.trim())
						.filter(Boolean);
		}
		place(options, field, value);
		return options;
	};
	// Refused values surface from the executor, in the one error shape of Continue On Fail.
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		try {
			return await convert.call(this, options);
		} catch (error) {
			return deferError(options, error as Error);
		}
	};
}

function needsConverter(field: FieldSpec): boolean {
	return (
		field.type === 'json' ||
		field.type === 'dateTime' ||
		!!field.list ||
		!!field.join ||
		!!field.cast ||
		!!field.clears ||
		field.in === 'header'
	);
}

/** Whether a description says nothing beyond the display name (n8n compares them this way). */
function repeatsDisplayName(property: INodeProperties): boolean {
	const description = (property.description ?? '').replace(/^The\s/, '').replace(/\.$/, '');
	return description.toLowerCase() === property.displayName.toLowerCase();
}

/** The plain n8n property for one field, with the routing that puts its value in the request. */
function fieldProperty(field: FieldSpec, method: string): INodeProperties {
	const { in: location, wire, list, group, required, join, cast, spread, clears, jsonObject, ...property } = field;
	void [group, join, cast, spread, clears, jsonObject];
	const result: INodeProperties = { ...property } as INodeProperties;
	if (required && field.type !== 'boolean') result.required = true;
	// n8n's UI rules: a description that only repeats the display name is left out, lists of five
	// or more choices are alphabetical (shorter ones keep their order, such as low → critical), and
	// an email field shows what an address looks like.
	if (repeatsDisplayName(result)) delete result.description;
	if ((result.type === 'options' || result.type === 'multiOptions') && (result.options?.length ?? 0) >= 5) {
		result.options = [...(result.options as INodePropertyOptions[])].sort(byName);
	}
	if (result.type === 'string' && /email$/i.test(result.name) && !result.placeholder && !list) {
		result.placeholder = 'e.g. name@email.com';
	}
	if (location === 'path') return result;
	if (needsConverter(field)) {
		result.routing = { send: { preSend: [converter(field, method)] } };
	} else {
		result.routing = {
			send: {
				type: location === 'query' ? 'query' : 'body',
				property: wire ?? field.name,
				// A dotted wire name such as `Office.Id` is a nested body field.
				propertyInDotNotation: (wire ?? '').includes('.'),
			},
		};
	}
	return result;
}

function show(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

function listProperties(resource: string, op: OperationSpec): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(resource, op.value),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			// No maxValue (n8n's rules): the executor asks for at most the API's page size per request.
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: [op.value], returnAll: [false] } },
		},
	];
}

const IDEMPOTENCY_KEY: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'Key that makes retries of this write safe: the API runs a request with the same key only once. Printable ASCII only (letters, digits, spaces, punctuation). Leave empty to have one made from the execution, the node and the item, the same on every try of Retry On Fail (a retry of the whole execution gets new ones: map a key from your data to keep it); it is shown in the error output so the call can be retried by hand with the same key.',
};

/** A property and what makes it the same as another operation's, so they can be shared. */
interface Keyed {
	key: string;
	property: INodeProperties;
}

const keyOf = (property: INodeProperties, spec: unknown) =>
	JSON.stringify([property.name, property.type, spec ?? property, property.displayOptions?.show?.returnAll]);

/** All properties of one operation: its required fields, list controls and optional collections. */
function operationProperties(resource: string, op: OperationSpec): Keyed[] {
	const keyed: Keyed[] = [];
	const add = (property: INodeProperties, spec?: unknown) =>
		keyed.push({ key: keyOf(property, spec), property });
	const groups = new Map<string, FieldSpec[]>();
	if (op.notice) {
		add({
			displayName: op.notice,
			name: 'notice',
			type: 'notice',
			default: '',
			displayOptions: show(resource, op.value),
		});
	}
	for (const field of op.fields ?? []) {
		if (field.required || field.in === 'path') {
			add({ ...fieldProperty(field, op.method), displayOptions: show(resource, op.value) }, field);
		} else {
			const group = groupOf(field, op.method);
			groups.set(group, [...(groups.get(group) ?? []), field]);
		}
	}
	if (op.list) for (const property of listProperties(resource, op)) add(property);
	if (op.simplified) {
		for (const property of outputProperties(op.simplified)) {
			const shown = property.displayOptions?.show ?? {};
			add({ ...property, displayOptions: { show: { ...show(resource, op.value).show, ...shown } } }, [property.name, op.simplified]);
		}
	}
	if (op.idempotent) groups.set('options', [...(groups.get('options') ?? []), IDEMPOTENCY_KEY as FieldSpec]);
	for (const [group, fields] of groups) {
		const options = fields.map((f) => (f === IDEMPOTENCY_KEY ? IDEMPOTENCY_KEY : fieldProperty(f, op.method)));
		add(
			{
				...GROUP_LABELS[group],
				name: group,
				type: 'collection',
				default: {},
				displayOptions: show(resource, op.value),
				options: options.sort(byDisplayName),
			},
			fields,
		);
	}
	return keyed;
}

/**
 * Adds an operation's properties to its resource's, sharing one property among the
 * operations that have the same field (as n8n's own nodes do with displayOptions).
 */
function mergeInto(target: INodeProperties[], seen: Map<string, INodeProperties>, op: string, keyed: Keyed[]) {
	for (const { key, property } of keyed) {
		const existing = seen.get(key);
		if (existing) {
			(existing.displayOptions!.show!.operation as string[]).push(op);
		} else {
			seen.set(key, property);
			target.push(property);
		}
	}
}

/**
 * Turns resource specs into the plain declarative properties of a node: the Resource
 * selector, one Operation selector per resource (each option routed to its endpoint and to
 * the shared executor), and every field with its routing.
 */
export function buildProperties(service: ServiceConfig, resources: ResourceSpec[]): INodeProperties[] {
	const resourceSelector: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map((r) => ({ name: r.name, value: r.value, description: r.description }))
			.sort(byName),
		default: '',
	};
	resourceSelector.default = resources[0].value;
	const properties: INodeProperties[] = [resourceSelector];
	for (const resource of resources) {
		// Get and Get Many of a resource with a Simplified field list get the Output option.
		const operations = resource.operations.map((op) =>
			resource.simplified && SIMPLIFIABLE.includes(op.value) && !op.transform && op.output !== 'raw'
				? { ...op, simplified: resource.simplified }
				: op,
		);
		const options: INodePropertyOptions[] = operations.map((op) => ({
			name: op.name,
			value: op.value,
			action: op.action,
			description: op.description,
			routing: {
				request: { method: op.method, url: op.path },
				send: { paginate: true },
				operations: { pagination: createExecutor(service, op) },
			},
		}));
		const operationSelector: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: options.sort(byName),
			default: '',
		};
		operationSelector.default = resource.operations[0].value;
		properties.push(operationSelector);
		const seen = new Map<string, INodeProperties>();
		for (const op of operations) {
			mergeInto(properties, seen, op.value, operationProperties(resource.value, op));
		}
	}
	return properties;
}

/** Number of operations across resources (for docs and tests). */
export function countOperations(resources: ResourceSpec[]): number {
	return resources.reduce((sum, r) => sum + r.operations.length, 0);
}
