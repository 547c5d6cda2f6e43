import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchList } from '../shared/listSearch';
import { openToCloseService } from './service';

/** Team members come from GET /teams: each team lists its `team_members`. */
function members(body: unknown): IDataObject[] {
	const teams = (openToCloseService.unwrap(body) ?? []) as IDataObject[];
	return (Array.isArray(teams) ? teams : []).flatMap((team) =>
		((team.team_members ?? []) as IDataObject[]).map((m) => ({ ...m, teamName: team.name ?? team.title ?? team.id })),
	);
}

const personName = (r: IDataObject) =>
	String(r.name ?? (`${String(r.first_name ?? '')} ${String(r.last_name ?? '')}`.trim() || r.email || r.id));

export const listSearch = {
	async searchTeamMembers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, openToCloseService, {
			url: '/teams',
			qs: { limit: 100 },
			records: members,
			name: (r) => `${personName(r)} (${String(r.teamName)})`,
			filter,
		});
	},
};
