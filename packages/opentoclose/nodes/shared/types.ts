// Copy made by `npm run sync` from nodes/shared/types.ts: edit that file, not this one.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where a UI field lands in the request. */
export type FieldLocation = 'path' | 'query' | 'body' | 'header';

/**
 * One UI field of an operation: a plain n8n property (display name, name, type, default,
 * description, options ...) plus where its value goes in the request.
 * - type `json`: parsed and validated before sending.
 * - type `dateTime`: validated as a date, sent as ISO 8601.
 * - `list: true` on a string: comma-separated text sent as a string array.
 * - type `resourceLocator`: the extracted ID is sent.
 */
export type FieldSpec = Omit<INodeProperties, 'routing' | 'displayOptions' | 'required'> & {
	in: FieldLocation;
	/** The API's own name for the value when it differs from `name` (snake_case, dotted paths). */
	wire?: string;
	/** Required fields are shown at top level; optional ones go into a collection. */
	required?: boolean;
	list?: boolean;
	/** Send a multi-select as one string joined with this separator (e.g. OData `$select`). */
	join?: string;
	/** Send the UI value as a number (IDs picked in a resource locator arrive as text). */
	cast?: 'number';
	/** A JSON object merged into the body's root rather than set under one key. */
	spread?: boolean;
	/**
	 * A boolean that, when on, sends `null` under `wire` to clear a value the API keeps (off sends
	 * nothing). Refused when another field already sets that value.
	 */
	clears?: boolean;
	/** A `json` field the API documents as an object (`orNull`: null is allowed too). */
	jsonObject?: true | 'orNull';
	/** Override the collection an optional field is placed in (default depends on method). */
	group?: 'additionalFields' | 'filters' | 'updateFields' | 'options';
};

/** How a list endpoint answers: pages to follow with the service's pager, or one plain array. */
export type ListStyle = 'paged' | 'array';

export interface OperationSpec {
	/** Operation value, camelCase, unique within its resource. */
	value: string;
	/** Title Case display name such as "Get Many". */
	name: string;
	/** Sentence shown in the node panel, e.g. "Get many programs". */
	action: string;
	description: string;
	method: HttpMethod;
	/** Path with `{param}` placeholders; each placeholder must be a `path` field. */
	path: string;
	fields?: FieldSpec[];
	list?: ListStyle;
	/** Which of the service's pagers follows this list (default `default`). */
	pager?: string;
	/** POST whose retries are made safe with an idempotency key (generated per item when empty). */
	idempotent?: boolean;
	/** A documented trap worth a notice in the editor (cents, permanent delete, ...). */
	notice?: string;
	/** Content type for the body, when not JSON (e.g. JSON Merge Patch). */
	contentType?: string;
	/** A smaller page size than the service's for this list (e.g. an endpoint capped lower). */
	maxPageSize?: number;
	/**
	 * Work the request needs before it is sent, such as looking up tenant-specific IDs; it may
	 * change the request and throw a NodeOperationError naming a field.
	 */
	prepare?: (ctx: IExecuteSingleFunctions, request: IHttpRequestOptions) => Promise<void>;
	/** Send `{}` when no body field is set (APIs that require a JSON body). */
	sendEmptyBody?: boolean;
	/** Body values sent unless the user set them (APIs that need explicit booleans). */
	bodyDefaults?: IDataObject;
	/** A documented rule checked on the final request body; returns the problem, if any. */
	validate?: (body: IDataObject) => string | undefined;
	/** Advice added to this operation's API errors (a rule the API enforces). */
	errorHint?: string;
	/** Reshape the answer instead of the service's envelope unwrapping. */
	transform?: (body: unknown) => unknown;
	/** Per-operation output shaping, on top of the service's envelope unwrapping. */
	output?: 'records' | 'raw';
	/** The fields the Output option's Simplified keeps (set by the builder from the resource). */
	simplified?: string[];
}

export interface ResourceSpec {
	value: string;
	name: string;
	description?: string;
	operations: OperationSpec[];
	/**
	 * For records with more than 10 fields: the ones (at most 10) that Get and Get Many keep when
	 * Output is Simplified.
	 */
	simplified?: string[];
}
