// Copy made by `npm run sync` from nodes/shared/validate.ts: edit that file, not this one.
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fieldError } from './errors';
import type { FieldSpec, OperationSpec } from './types';

/** How a value of the wrong type is named in the error, so the user can find the expression. */
function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length === 1 ? 'a list with one entry' : 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	if (typeof value === 'number') return `the number ${String(value)}`;
	return `"${String(value)}"`;
}

const isText = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * Why a field's value cannot be sent, or undefined when it can. Expressions may resolve to any
 * JSON value; sent as they are, an object becomes `[object Object]`, a list `1,2`, null `null`.
 * A one-element list is refused too, on purpose: it is almost always an expression that picked
 * a whole array (`{{ $json.ids }}`) instead of one entry (`{{ $json.ids[0] }}`).
 */
export function valueProblem(field: FieldSpec, value: unknown): string | undefined {
	if (value === undefined || value === '') return undefined;
	const hint = Array.isArray(value) && value.length === 1 ? ' (pick one entry, e.g. {{ $json.ids[0] }})' : '';
	switch (field.type) {
		case 'number': {
			if (typeof value === 'number' && Number.isFinite(value)) return undefined;
			if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return undefined;
			return `must be a number, not ${kindOf(value)}${hint}`;
		}
		case 'boolean':
			if (typeof value === 'boolean' || value === 'true' || value === 'false') return undefined;
			return `must be true or false, not ${kindOf(value)}`;
		case 'multiOptions':
			if (Array.isArray(value) && value.every(isText)) return undefined;
			return `must be a list of values, not ${kindOf(value)}`;
		case 'json':
			// Text is parsed when the request is built, and any JSON value may be meant; fields the
			// API documents as objects are checked then (jsonShapeProblem).
			return undefined;
		case 'string':
		case 'options':
		case 'dateTime':
		case 'resourceLocator': {
			if (isText(value)) return undefined;
			// A list field takes a list of values as well as comma-separated text.
			if ((field.list || field.join) && Array.isArray(value) && value.every(isText)) return undefined;
			if (field.type === 'options' && (field.options ?? []).some((o) => 'value' in o && o.value === value)) return undefined;
			return `must be text or a number, not ${kindOf(value)}${hint}`;
		}
		default:
			return undefined;
	}
}

/**
 * An optional record picker added to a body but left empty (or an expression giving ""). Sent as
 * it is, `""` would be written as the record's reference; no API takes an empty ID, and a
 * relation is removed by its own option (such as Remove Program Scope), never by an empty pick.
 * Query filters are left alone: an empty filter is dropped before the request.
 */
function emptyLocatorProblem(field: FieldSpec, value: unknown): string | undefined {
	if (field.type !== 'resourceLocator' || field.required || field.in !== 'body') return undefined;
	if (typeof value !== 'string' || value.trim() !== '') return undefined;
	return 'is empty: pick one from the list, enter an ID, or remove the field';
}

/** The JSON value a `json` field must hold when the API documents an object. */
export function jsonShapeProblem(field: FieldSpec, value: unknown): string | undefined {
	if (!field.jsonObject) return undefined;
	if (value === null && field.jsonObject === 'orNull') return undefined;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return undefined;
	return `must be a JSON object${field.jsonObject === 'orNull' ? ' (or null)' : ''}, not ${kindOf(value)}`;
}

/**
 * Checks the type of every field the operation shows, before any request. `pathOf` gives the
 * parameter path of a field (required fields at the top, optional ones in their collection).
 */
export function checkFieldTypes(
	ctx: IExecuteSingleFunctions,
	op: OperationSpec,
	pathOf: (field: FieldSpec) => string,
): void {
	for (const field of op.fields ?? []) {
		// Path parameters are checked where they are read (encodePathSegment), once per item.
		if (field.in === 'path') continue;
		let value: unknown;
		try {
			value = ctx.getNodeParameter(pathOf(field), undefined, { extractValue: field.type === 'resourceLocator' });
		} catch {
			// A parameter hidden for this operation is not sent either.
			continue;
		}
		const problem = valueProblem(field, value) ?? emptyLocatorProblem(field, value);
		if (problem) throw fieldError(ctx.getNode(), field.displayName, problem, ctx.getItemIndex());
	}
}

/**
 * Errors raised while n8n's routing prepares a request (in a field's preSend) are kept here and
 * thrown by the executor instead, so that they reach Continue On Fail in the same shape as every
 * other error rather than n8n's `{ error: "<message>" }`.
 */
const deferred = new WeakMap<object, Error>();

export function deferError(options: IHttpRequestOptions, error: Error): IHttpRequestOptions {
	if (!deferred.has(options)) deferred.set(options, error);
	return options;
}

export function takeDeferredError(options: object | undefined): Error | undefined {
	if (!options) return undefined;
	const error = deferred.get(options);
	deferred.delete(options);
	return error;
}
