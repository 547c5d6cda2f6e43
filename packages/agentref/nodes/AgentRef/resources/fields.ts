import { field } from '../../shared/fields';
import type { FieldLocation, FieldSpec } from '../../shared/types';

function locator(
	entity: string,
	searchListMethod: string,
	placeholder: string,
	location: FieldLocation,
	name: string,
	wire: string | undefined,
	required: boolean,
): FieldSpec {
	return {
		displayName: entity,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		in: location,
		wire,
		description: `The ${entity.toLowerCase()}, picked from the list or given by its ID`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
		],
	};
}

/** A merchant program, picked from GET /programs or given by ID. */
export const programLocator = (location: FieldLocation = 'path', name = 'programId', wire?: string, required = true) =>
	locator('Program', 'searchPrograms', 'e.g. prog_123', location, name, wire, required);

/** An affiliate, picked from GET /affiliates or given by ID. */
export const affiliateLocator = (location: FieldLocation = 'path', name = 'affiliateId', wire?: string, required = true) =>
	locator('Affiliate', 'searchAffiliates', 'e.g. aff_123', location, name, wire, required);

/** A program the affiliate belongs to, picked from GET /me/programs (affiliate key). */
export const myProgramLocator = (location: FieldLocation = 'query', name = 'programId', wire = 'program_id') =>
	locator('Program', 'searchMyPrograms', 'e.g. prog_123', location, name, wire, true);

export const PERIODS = ['7d', '30d', '90d', 'all'];

export const period = (location: FieldLocation = 'query') =>
	field.options('period', 'Period', 'Time window for the figures', PERIODS, { in: location });

export const SOURCES = ['browser', 'api', 'mcp', 'invite', 'import'];

export const dateRange = (): FieldSpec[] => [
	field.dateTime('startDate', 'Start Date', 'Only records created at or after this time'),
	field.dateTime('endDate', 'End Date', 'Only records created at or before this time'),
];

export const CENTS = 'Amounts are in cents (minor units): 5000 means 50.00 in the program currency.';
