import type { FieldLocation, FieldSpec } from '../../shared/types';

/** A program picked from a list or given by ID. */
export function programLocator(
	location: FieldLocation = 'path',
	name = 'programId',
	wire?: string,
	required = true,
): FieldSpec {
	return {
		displayName: 'Program',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		in: location,
		wire,
		description: 'The program, picked from the list or given by its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPrograms', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. prog_123' },
		],
	};
}

/** A plain ID field. */
export function programId(location: FieldLocation = 'path'): FieldSpec {
	return {
		displayName: 'Program ID',
		name: 'programId',
		type: 'string',
		default: '',
		required: true,
		in: location,
		description: 'ID of the program',
	};
}
