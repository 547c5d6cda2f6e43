import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../resources/webhook';

export const EVENT_OPTIONS = WEBHOOK_EVENTS.map((value) => ({
	name: value.replace(/^(\w)(\w*)\.(\w)(\w*)$/, (_m, a: string, b: string, c: string, d: string) => `${a.toUpperCase()}${b} ${c.toUpperCase()}${d}`),
	value,
	description: `Fires on ${value}`,
}));

/** How many delivery IDs a trigger remembers to drop duplicates (AgentRef may deliver twice). */
export const SEEN_IDS_KEPT = 1000;

export const sameEvents = (a: string[] = [], b: string[] = []) =>
	a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/** Both triggers can be limited to one program. */
export const PROGRAM_FILTER: INodeProperties = {
	displayName: 'Program',
	name: 'programId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Only events of this program; leave empty for every program',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchPrograms', searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. prog_123' },
	],
};
