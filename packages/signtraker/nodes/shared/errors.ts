// Copy made by `npm run sync` from nodes/shared/errors.ts: edit that file, not this one.
import type { IDataObject, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiErrorInfo, ServiceConfig } from './service';

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not found',
	405: 'Method not allowed',
	409: 'Conflict',
	413: 'Payload too large',
	422: 'Unprocessable entity',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

/** The fields every API error of this package carries, in errors and in Continue On Fail output. */
export interface ApiErrorFields extends IDataObject {
	message: string;
	httpStatus: number | null;
	code: string | null;
	requestId: string | null;
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/** Turns an HTTP error answer into a NodeApiError with the API's own message, code and request id. */
export function httpError(
	node: INode,
	service: ServiceConfig,
	status: number,
	body: unknown,
	headers: IDataObject,
	itemIndex: number,
	extra: IDataObject = {},
): NodeApiError {
	let info: ApiErrorInfo = {};
	// An HTML page comes from a proxy or gateway, not from the API: its markup is no message.
	const html = typeof body === 'string' && /^\s*</.test(body);
	try {
		if (!html) info = service.parseError(body, headers) ?? {};
	} catch {
		info = {};
	}
	const requestId = info.requestId ?? headerValue(headers, 'x-request-id');
	const message =
		info.message ??
		(typeof body === 'string' && body.trim() && !/^\s*</.test(body)
			? body.trim().slice(0, 300)
			: `${service.displayName} answered ${status} ${STATUS_TEXT[status] ?? 'error'}`);
	const fields: ApiErrorFields = {
		message,
		httpStatus: status,
		code: info.code ?? null,
		requestId: requestId ?? null,
		...extra,
	};
	if (info.details !== undefined) fields.details = info.details as IDataObject;
	return apiError(node, service, fields, itemIndex);
}

/**
 * A redirect answer, which is never followed: n8n would send the credential along to wherever
 * it points. Names the status and the target's origin (never its path or query, which may
 * carry a token). URL parsing lower-cases the host, so a key an API echoes into it comes out in
 * another case: the scrubber every error passes through masks secrets in any case.
 */
export function redirectError(
	node: INode,
	service: ServiceConfig,
	status: number,
	request: Pick<IHttpRequestOptions, 'baseURL' | 'url'>,
	headers: IDataObject,
	itemIndex: number,
	extra: IDataObject = {},
): NodeApiError {
	const location = headerValue(headers, 'location');
	let target = 'an unknown location';
	if (location) {
		try {
			target = new URL(location, `${String(request.baseURL ?? '').replace(/\/+$/, '')}/`).origin;
		} catch {
			target = 'an invalid location';
		}
	}
	return apiError(
		node,
		service,
		{
			message: `${service.displayName} answered ${status} with a redirect to ${target}, which is not followed`,
			httpStatus: status,
			code: null,
			requestId: headerValue(headers, 'x-request-id') ?? null,
			...extra,
			hint: `The credential is only ever sent to its own base URL: check the ${service.displayName} credential's Base URL (the address the API redirects to may be the right one)`,
		},
		itemIndex,
	);
}

/** A transport failure (reset, timeout, unparseable body) as a NodeApiError without a status. */
export function transportError(
	node: INode,
	service: ServiceConfig,
	message: string,
	itemIndex: number,
	extra: IDataObject = {},
	httpStatus: number | null = null,
): NodeApiError {
	return apiError(
		node,
		service,
		{ message, httpStatus, code: null, requestId: null, ...extra },
		itemIndex,
	);
}

function apiError(
	node: INode,
	service: ServiceConfig,
	fields: ApiErrorFields,
	itemIndex: number,
): NodeApiError {
	const parts: string[] = [];
	if (fields.code) parts.push(`Code: ${fields.code}`);
	if (fields.httpStatus) parts.push(`HTTP status: ${fields.httpStatus}`);
	if (fields.requestId) parts.push(`Request ID: ${fields.requestId}`);
	if (fields.idempotencyKey) parts.push(`Idempotency key: ${String(fields.idempotencyKey)}`);
	const hint =
		fields.httpStatus === 401 || fields.httpStatus === 403
			? service.authHint?.(fields.httpStatus, {
					code: fields.code ?? undefined,
					message: fields.message,
				})
			: undefined;
	const advice: string[] = [];
	if (hint) advice.push(hint);
	if (fields.hint) advice.push(String(fields.hint));
	const details = describeDetails(fields.details);
	if (details) advice.push(details);
	parts.push(...advice);
	const error = new NodeApiError(node, fields as unknown as JsonObject, {
		message: fields.message,
		description: parts.join('. '),
		httpCode: fields.httpStatus ? String(fields.httpStatus) : undefined,
		itemIndex,
	});
	// NodeApiError may replace the message with a generic one for known status codes;
	// the API's own words are what a user needs to fix the call.
	error.message = fields.message;
	(error as unknown as { apiFields: ApiErrorFields }).apiFields = fields;
	// What to check, without the status, code and request id the output has as fields.
	if (advice.length) (error as unknown as { advice: string }).advice = advice.join('. ');
	return error;
}

/** Field-level validation errors as one readable line. */
function describeDetails(details: unknown): string | undefined {
	if (details === undefined || details === null) return undefined;
	if (Array.isArray(details)) {
		const lines = details.map((d) =>
			typeof d === 'object' && d !== null
				? Object.entries(d as IDataObject)
						.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
						.join(', ')
				: String(d),
		);
		return lines.length ? `Errors: ${lines.join('; ')}` : undefined;
	}
	if (typeof details === 'object') {
		const text = JSON.stringify(details);
		return text === '{}' ? undefined : `Details: ${text}`;
	}
	return `Details: ${String(details)}`;
}

/**
 * What a failed item outputs under Continue On Fail, the same shape for every error:
 * `{ error: { message, description?, httpStatus?, code?, requestId?, field?, idempotencyKey?, details? } }`.
 * `message` is always there; the others only when known: `description` says what to check,
 * `httpStatus`, `code` (the API's error code, or a network code such as ECONNRESET) and
 * `requestId` come from the API's answer, `field` names the input field that was refused,
 * `idempotencyKey` is the key a write was sent with (to retry it by hand), `details` the API's
 * field-level errors.
 */
export function errorToJson(error: unknown): IDataObject {
	const e = (error ?? {}) as {
		apiFields?: ApiErrorFields;
		advice?: string;
		field?: string;
		message?: string;
		description?: string | null;
	};
	const fields = e.apiFields;
	const out: IDataObject = { message: fields?.message ?? (error instanceof Error ? error.message : String(error)) };
	const description = fields ? e.advice : e.description;
	if (description) out.description = description;
	if (fields) {
		if (fields.httpStatus) out.httpStatus = fields.httpStatus;
		const code = fields.code ?? (fields.networkCode as string | undefined);
		if (code) out.code = code;
		if (fields.requestId) out.requestId = fields.requestId;
		if (fields.idempotencyKey) out.idempotencyKey = fields.idempotencyKey;
		if (fields.details !== undefined) out.details = fields.details;
	}
	if (e.field) out.field = e.field;
	return { error: out };
}

/** An input refused before any request; `field` is the field's display name. */
export function fieldError(node: INode, field: string, problem: string, itemIndex: number) {
	const error = new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: `Check the "${field}" field of item ${itemIndex + 1}.`,
	});
	(error as unknown as { field: string }).field = field;
	return error;
}

/** Errors of this package already are n8n errors; anything unexpected is wrapped so n8n can show it. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
