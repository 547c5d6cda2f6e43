// Copy made by `npm run sync` from nodes/shared/output.ts: edit that file, not this one.
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { fieldError } from './errors';
import type { OperationSpec } from './types';
import { deferError } from './validate';

/**
 * The shape of an operation's output items, following n8n's UX guidelines: a Delete answers
 * `{ deleted: true }`, and Get / Get Many of records with more than 10 fields offer an Output
 * choice (Simplified / Raw / Selected Fields), which matters most when an AI agent reads them.
 */

/** Operations whose records can be simplified: reading one record or a list of them. */
export const SIMPLIFIABLE = ['get', 'getAll', 'show'];

/** Raw by default, so workflows saved before the option existed keep receiving every field. */
export const DEFAULT_OUTPUT = 'raw';

export function isDelete(op: OperationSpec): boolean {
	return op.method === 'DELETE' && /^Delete\b/.test(op.name);
}

function selectedFields(ctx: IExecuteSingleFunctions): string[] {
	const keys = String(ctx.getNodeParameter('fields', ''))
		.split(',')
		.map((key) => key.trim())
		.filter(Boolean);
	if (!keys.length) throw fieldError(ctx.getNode(), 'Fields', 'name at least one field', ctx.getItemIndex());
	return keys;
}

/**
 * Refuses an empty field list before the request is sent. The refusal surfaces from the executor
 * (deferError), so Continue On Fail gives it the one error shape, `{ error: { message, field } }`:
 * thrown here, n8n's routing would output `{ error: "<text>" }`.
 */
async function checkSelectedFields(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	// Output given as an expression shows Fields to n8n whatever it gives; only Selected Fields needs them.
	if (this.getNodeParameter('output', DEFAULT_OUTPUT) !== 'fields') return options;
	try {
		selectedFields(this);
	} catch (error) {
		return deferError(options, error as Error);
	}
	return options;
}

/** The Output selector and the field list it shows for Selected Fields. */
export function outputProperties(simplified: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: DEFAULT_OUTPUT,
			description: 'How much of each record to return',
			options: [
				{
					name: 'Simplified',
					value: 'simplified',
					// The field names stay out of this text: n8n's casing rules would rewrite "id" and "url".
					description: `Return the ${simplified.length} main fields of each record (the README lists them)`,
				},
				{ name: 'Raw', value: 'raw', description: 'Return every field the API sends' },
				{ name: 'Selected Fields', value: 'fields', description: 'Return only the fields you list' },
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. name, status, createdAt',
			description: 'Comma-separated names of the fields to return, as the API names them',
			displayOptions: { show: { output: ['fields'] } },
			routing: { send: { preSend: [checkSelectedFields] } },
		},
	];
}

function pick(record: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) if (key in record) result[key] = record[key];
	return result;
}

/** Applies the operation's output rules to the records the API answered. */
export function shapeOutput(ctx: IExecuteSingleFunctions, op: OperationSpec, records: IDataObject[]): IDataObject[] {
	if (isDelete(op)) {
		// An API that answers with an explicit "not removed" keeps that answer visible.
		const refused = records.some((r) => r.removed === false || r.deleted === false || r.success === false);
		return [{ deleted: !refused }];
	}
	if (!op.simplified) return records;
	const mode = ctx.getNodeParameter('output', DEFAULT_OUTPUT) as string;
	if (mode === 'simplified') return records.map((r) => pick(r, op.simplified!));
	if (mode === 'fields') {
		const keys = selectedFields(ctx);
		return records.map((r) => pick(r, keys));
	}
	return records;
}
