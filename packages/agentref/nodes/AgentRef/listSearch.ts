import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchList } from '../shared/listSearch';
import { agentRefService } from './service';

const records = (body: unknown) => (agentRefService.unwrap(body) as IDataObject[]) ?? [];

export const listSearch = {
	async searchPrograms(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, agentRefService, {
			url: '/programs',
			qs: { pageSize: 100 },
			records,
			name: (r) => `${String(r.name ?? r.id)}`,
			filter,
		});
	},

	async searchAffiliates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, agentRefService, {
			url: '/affiliates',
			qs: { pageSize: 100, ...(filter ? { search: filter } : {}) },
			records,
			name: (r) => `${String(r.name ?? r.email ?? r.code ?? r.id)}`,
			filter,
		});
	},

	async searchMyPrograms(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, agentRefService, {
			url: '/me/programs',
			records,
			name: (r) => `${String(r.programName ?? r.programId)}`,
			id: (r) => String(r.programId),
			filter,
		});
	},
};
