import { field, titleCase } from '../../shared/fields';
import type { FieldSpec, OperationSpec } from '../../shared/types';

export const BETA = ' (beta: not verified against the live API)';

export const PERMANENT_DELETE =
	'Deleting is permanent and cannot be undone. To keep the history, update the record and set its status to Inactive instead.';

export interface CrudOptions {
	/** Path of the collection, e.g. `/agents` or `/properties/{propertyId}/notes`. */
	path: string;
	singular: string;
	plural: string;
	/** Leading path fields (the parent property of sub-records). */
	parent?: FieldSpec[];
	idName: string;
	listFilters?: FieldSpec[];
	createFields?: FieldSpec[];
	updateFields?: FieldSpec[];
	/** Operations seen working against the live API; all others are marked beta. */
	verified: Array<'getAll' | 'create' | 'get' | 'update' | 'delete'>;
	/** At least one of these body keys must be set on create and update. */
	oneOf?: string[];
	only?: Array<'getAll' | 'create' | 'get' | 'update' | 'delete'>;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The five operations most Open To Close resources share, with their documented checks. */
export function crud(o: CrudOptions): OperationSpec[] {
	const parent = o.parent ?? [];
	const id = field.pathId(o.idName, `${titleCase(o.singular)} ID`, `Numeric ID of the ${o.singular}`);
	const item = `${o.path}/{${o.idName}}`;
	const beta = (op: CrudOptions['verified'][number]) => (o.verified.includes(op) ? '' : BETA);
	const oneOf = o.oneOf;
	const validate = oneOf
		? (body: Record<string, unknown>) =>
				oneOf.some((k) => body[k] !== undefined && body[k] !== '')
					? undefined
					: `Set at least one of these fields: ${oneOf.join(', ')}`
		: undefined;
	const a = article(o.singular);
	const ops: OperationSpec[] = [
		{ value: 'getAll', name: 'Get Many', action: `Get many ${o.plural}`, description: `List ${o.plural}${beta('getAll')}`, method: 'GET', path: o.path, list: 'paged', fields: [...parent, ...(o.listFilters ?? [])] },
		{ value: 'create', name: 'Create', action: `Create ${o.singular}`, description: `Create ${a} ${o.singular}${beta('create')}`, method: 'POST', path: o.path, fields: [...parent, ...(o.createFields ?? [])], validate },
		{ value: 'get', name: 'Get', action: `Get ${o.singular}`, description: `Get ${a} ${o.singular}${beta('get')}`, method: 'GET', path: item, fields: [...parent, id] },
		{ value: 'update', name: 'Update', action: `Update ${o.singular}`, description: `Replace fields of ${a} ${o.singular} (PUT)${beta('update')}`, method: 'PUT', path: item, fields: [...parent, id, ...(o.updateFields ?? [])] },
		{ value: 'delete', name: 'Delete', action: `Delete ${o.singular}`, description: `Delete ${a} ${o.singular} permanently${beta('delete')}`, method: 'DELETE', path: item, notice: PERMANENT_DELETE, fields: [...parent, id] },
	];
	return o.only ? ops.filter((op) => o.only!.includes(op.value as CrudOptions['verified'][number])) : ops;
}

/** Optional snake_case text fields from (name, Display Name, description) triples. */
export const texts = (entries: Array<[string, string, string]>, extra: Partial<FieldSpec> = {}) =>
	entries.map(([name, displayName, description]) => field.string(camel(name), displayName, description, { wire: name, ...extra }));

export const camel = (snake: string) => snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export const extraJson = (what: string): FieldSpec =>
	field.json('extraFields', 'Extra Fields JSON', `More ${what} fields as a JSON object with the API's snake_case keys, merged into the body`, { spread: true });
