// Copy made by `npm run sync` from nodes/shared/listSearch.ts: edit that file, not this one.
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ServiceConfig } from './service';
import { sendRequest } from './transport';

export interface ListSearchSpec {
	url: string;
	qs?: IDataObject;
	records(body: unknown): IDataObject[];
	name(record: IDataObject): string;
	id?(record: IDataObject): string;
	filter?: string;
}

/** Feeds a resource locator's "From List" mode from one list request, filtered by name. */
export async function searchList(
	ctx: ILoadOptionsFunctions,
	service: ServiceConfig,
	spec: ListSearchSpec,
): Promise<INodeListSearchResult> {
	const credentials = await ctx.getCredentials(service.credentialType);
	const baseURL = service.baseUrl(credentials);
	const { body } = await sendRequest(
		ctx,
		service,
		{ baseURL, url: spec.url, method: 'GET', qs: spec.qs },
		{ retryable: true, itemIndex: 0 },
	);
	const needle = spec.filter?.toLowerCase();
	const results = spec
		.records(body)
		.map((record) => ({
			name: spec.name(record),
			value: spec.id ? spec.id(record) : String(record.id),
		}))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value.includes(needle));
	return { results };
}
