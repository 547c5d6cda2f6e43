import { SimServer } from '../sim/server';
import { runNode } from '../harness/engine';
import { AgentRef } from '../../nodes/AgentRef/AgentRef.node';
import { AgentRefApi } from '../../credentials/AgentRefApi.credentials';

test('smoke', async () => {
	const sim = new SimServer('/api/v1', () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'nope' }, meta: { requestId: 'r1' } } }));
	sim.route('GET', '/programs/:id', (req) => ({ status: 200, body: { data: { id: req.params.id, name: 'P' }, meta: { requestId: 'r' } } }));
	const base = await sim.start();
	const result = await runNode({
		nodeType: new AgentRef(),
		credentialTypes: [new AgentRefApi()],
		credentials: { agentRefApi: { apiKey: 'ak_live_x', baseUrl: base } },
		parameters: { resource: 'program', operation: 'get', programId: { __rl: true, mode: 'id', value: 'a/b' } },
	});
	console.log(JSON.stringify(result.items), result.error, sim.log);
	await sim.stop();
});
