import { field } from '../../shared/fields';
import type { FieldSpec, OperationSpec } from '../../shared/types';

type Extra = Partial<FieldSpec>;
const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Fields of a write body: Prefactor wraps them in `details`. */
export const det = {
	string: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.string(name, displayName, description, { wire: `details.${snake(name)}`, ...extra }),
	json: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.json(name, displayName, description, { wire: `details.${snake(name)}`, ...extra }),
	boolean: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.boolean(name, displayName, description, { wire: `details.${snake(name)}`, ...extra }),
	dateTime: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.dateTime(name, displayName, description, { in: 'body', wire: `details.${snake(name)}`, ...extra }),
	list: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.string(name, displayName, description, { wire: `details.${snake(name)}`, list: true, ...extra }),
};

/** Flat fields (lifecycle actions, filters) use the snake_case name directly. */
export const flat = {
	string: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.string(name, displayName, description, { wire: snake(name), ...extra }),
	query: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.string(name, displayName, description, { in: 'query', wire: snake(name), ...extra }),
	bool: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.boolean(name, displayName, description, { in: 'query', wire: snake(name), ...extra }),
};

export const idPath = (name: string, what: string) => field.pathId(name, `${what} ID`, `ID (PFID) of the ${what.toLowerCase()}`);

export const sorting = () => flat.query('sorting', 'Sorting', 'Field to sort by, with a leading minus for descending (a minus on the record ID lists newest first)', { placeholder: 'e.g. -name' });

/** A timestamp the API defaults to now; shown filled with now so the run's real time is sent. */
export const timestamp = (displayName = 'Timestamp', description = 'When it happened (ISO 8601); defaults to now'): FieldSpec =>
	field.dateTime('timestamp', displayName, description, { in: 'body', required: true, default: '={{ $now.toISO() }}' });

export interface CrudSpec {
	base: string;
	noun: string;
	plural: string;
	idName: string;
	idLabel: string;
	listFilters?: FieldSpec[];
	createFields?: FieldSpec[];
	updateFields?: FieldSpec[];
	keyed?: boolean;
	only?: string[];
}

const a = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

/** List, get, create, update (PUT) and delete of one Prefactor collection. */
export function crud(s: CrudSpec): OperationSpec[] {
	const id = idPath(s.idName, s.idLabel);
	const item = `${s.base}/{${s.idName}}`;
	const ops: OperationSpec[] = [
		{ value: 'getAll', name: 'Get Many', action: `Get many ${s.plural}`, description: `List ${s.plural}`, method: 'GET', path: s.base, list: 'paged', fields: [...(s.listFilters ?? []), sorting()] },
		{ value: 'get', name: 'Get', action: `Get ${s.noun}`, description: `Get ${a(s.noun)} ${s.noun}`, method: 'GET', path: item, fields: [id] },
		{ value: 'create', name: 'Create', action: `Create ${s.noun}`, description: `Create ${a(s.noun)} ${s.noun}`, method: 'POST', path: s.base, idempotent: s.keyed, fields: s.createFields ?? [] },
		{ value: 'update', name: 'Update', action: `Update ${s.noun}`, description: `Change ${a(s.noun)} ${s.noun}`, method: 'PUT', path: item, fields: [id, ...(s.updateFields ?? [])] },
		{ value: 'delete', name: 'Delete', action: `Delete ${s.noun}`, description: `Delete ${a(s.noun)} ${s.noun} permanently`, method: 'DELETE', path: item, fields: [id] },
	];
	return s.only ? ops.filter((op) => s.only!.includes(op.value)) : ops;
}

/** A POST action on one record (retire, suspend, revoke ...). */
export function action(value: string, name: string, noun: string, path: string, idName: string, idLabel: string, description: string, extra: Partial<OperationSpec> = {}): OperationSpec {
	return { value, name, action: `${name} ${noun}`, description, method: 'POST', path, sendEmptyBody: true, fields: [idPath(idName, idLabel)], ...extra };
}
