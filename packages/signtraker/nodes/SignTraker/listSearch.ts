import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchList } from '../shared/listSearch';
import { signTrakerService } from './service';

const records = (body: unknown) => (Array.isArray(body) ? (body as IDataObject[]) : []);
const named = (r: IDataObject) => String(r.Name ?? r.Id);
const id = (r: IDataObject) => String(r.Id);

/** Resource locator lists; OData narrows agents on the server, the short lists are filtered here. */
export const listSearch = {
	async searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const text = (filter ?? '').replace(/'/g, "''");
		return await searchList(this, signTrakerService, {
			url: '/api/agents',
			qs: {
				$top: 100,
				$orderby: 'LastName,FirstName',
				$select: 'Id,FirstName,LastName,Email',
				...(text ? { $filter: `contains(LastName,'${text}') or contains(FirstName,'${text}') or contains(Email,'${text}')` } : {}),
			},
			records,
			name: (r) => `${String(r.FirstName ?? '')} ${String(r.LastName ?? '')}`.trim() || String(r.Email ?? r.Id),
			id,
		});
	},
	async searchOffices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, signTrakerService, { url: '/api/offices', qs: { $top: 100 }, records, name: named, id, filter });
	},
	async searchOrderPresets(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, signTrakerService, { url: '/api/orderpresets', qs: { $top: 100 }, records, name: named, id, filter });
	},
};
