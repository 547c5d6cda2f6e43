/** The shared shape of the "every operation" tables: one case runs one operation and checks it. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, SimServer } from '../sim/server';
import type { ServiceKit } from './kit';

export interface OperationCase<S extends SimServer> {
	params: INodeParameters;
	method: string;
	path: string;
	/** Expected query string, without the credential's own parameters. */
	query?: Record<string, string>;
	/** Expected JSON body; undefined means no body at all. */
	body?: unknown;
	output: (items: IDataObject[], sim: S) => void;
}

/**
 * Runs `resource.operation` with the case's parameters and asserts the one request it made
 * (method, raw path, query, body) and its output; `extra` checks service-specific headers.
 */
export async function expectOperation<S extends SimServer>(
	kit: ServiceKit<S>,
	key: string,
	c: OperationCase<S>,
	extra: (req: LoggedRequest) => void,
	credentialQuery: Record<string, string> = {},
) {
	const [resource, operation] = key.split('.');
	const result = await kit.run({ resource, operation, ...c.params });
	if (result.error) throw result.error;
	expect(kit.sim.log).toHaveLength(1);
	const [req] = kit.sim.log;
	expect(req.method).toBe(c.method);
	expect(req.path).toBe(c.path);
	expect(req.query).toEqual({ ...(c.query ?? {}), ...credentialQuery });
	if (c.body === undefined) expect(req.rawBody).toBe('');
	else expect(req.body).toEqual(c.body);
	extra(req);
	c.output(result.items.map((i) => i.json), kit.sim);
	return result;
}
