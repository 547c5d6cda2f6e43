// Copy made by `npm run sync` from nodes/shared/fields.ts: edit that file, not this one.
import type { INodePropertyOptions } from 'n8n-workflow';

import type { FieldLocation, FieldSpec } from './types';

type Extra = Partial<FieldSpec>;

/** Short constructors for the common field shapes; the result is a plain FieldSpec. */
export const field = {
	string: (name: string, displayName: string, description: string, extra: Extra = {}): FieldSpec => ({
		displayName,
		name,
		type: 'string',
		default: '',
		description,
		in: 'body',
		...extra,
	}),
	number: (name: string, displayName: string, description: string, extra: Extra = {}): FieldSpec => ({
		displayName,
		name,
		type: 'number',
		default: 0,
		description,
		in: 'body',
		...extra,
	}),
	boolean: (name: string, displayName: string, description: string, extra: Extra = {}): FieldSpec => ({
		displayName,
		name,
		type: 'boolean',
		default: false,
		description,
		in: 'body',
		...extra,
	}),
	options: (
		name: string,
		displayName: string,
		description: string,
		values: Array<string | INodePropertyOptions>,
		extra: Extra = {},
	): FieldSpec => {
		const options = values.map((v) => (typeof v === 'string' ? { name: titleCase(v), value: v } : v));
		const spec: FieldSpec = {
			displayName,
			name,
			type: 'options',
			default: '',
			description,
			in: 'body',
			options,
		};
		spec.default = options[0].value as string;
		return { ...spec, ...extra };
	},
	multiOptions: (
		name: string,
		displayName: string,
		description: string,
		values: string[],
		extra: Extra = {},
	): FieldSpec => ({
		displayName,
		name,
		type: 'multiOptions',
		default: [],
		description,
		in: 'body',
		options: values.map((v) => ({ name: titleCase(v), value: v })),
		...extra,
	}),
	json: (name: string, displayName: string, description: string, extra: Extra = {}): FieldSpec => ({
		displayName,
		name,
		type: 'json',
		default: '{}',
		description,
		in: 'body',
		...extra,
	}),
	dateTime: (name: string, displayName: string, description: string, extra: Extra = {}): FieldSpec => ({
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description,
		in: 'query',
		...extra,
	}),
	/** A required ID that fills a `{name}` placeholder of the path. */
	pathId: (name: string, displayName: string, description: string, extra: Extra = {}): FieldSpec => ({
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		description,
		in: 'path',
		...extra,
	}),
};

/** `recurring_limited` → `Recurring Limited`, `7d` → `7d`. */
export function titleCase(value: string): string {
	return value
		.split(/[_\s-]+/)
		.map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
		.join(' ');
}

export function at(location: FieldLocation, spec: FieldSpec): FieldSpec {
	return { ...spec, in: location };
}
