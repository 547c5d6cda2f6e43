import { field } from '../../shared/fields';
import type { FieldLocation, FieldSpec } from '../../shared/types';

type Extra = Partial<FieldSpec>;

/** SignTraker bodies are PascalCase; n8n parameter names stay camelCase. */
const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);

export const pc = {
	string: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.string(name, displayName, description, { wire: pascal(name), ...extra }),
	number: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.number(name, displayName, description, { wire: pascal(name), ...extra }),
	boolean: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.boolean(name, displayName, description, { wire: pascal(name), ...extra }),
	dateTime: (name: string, displayName: string, description: string, extra: Extra = {}) =>
		field.dateTime(name, displayName, description, { in: 'body', wire: pascal(name), ...extra }),
};

function locator(entity: string, method: string, location: FieldLocation, name: string, wire: string | undefined, required: boolean): FieldSpec {
	return {
		displayName: entity,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		in: location,
		wire,
		description: `The ${entity.toLowerCase()}, picked from the list or given by its numeric ID`,
		...(location === 'path' ? {} : { cast: 'number' as const }),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: method, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 1234' },
		],
	};
}

export const agentLocator = (location: FieldLocation = 'path', name = 'agentId', wire?: string, required = true) =>
	locator('Agent', 'searchAgents', location, name, wire, required);
export const officeLocator = (location: FieldLocation = 'body', name = 'officeId', wire = 'Office.Id', required = true) =>
	locator('Office', 'searchOffices', location, name, wire, required);
export const presetLocator = (required = true) =>
	locator('Order Preset', 'searchOrderPresets', 'body', 'presetId', 'PresetId', required);

export const idPath = (name: string, displayName: string) =>
	field.pathId(name, displayName, `Numeric ID of the ${displayName.replace(/ ID$/, '').toLowerCase()}`);
