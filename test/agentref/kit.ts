import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { useServiceKit } from '../harness/kit';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';

export const useAgentRef = () =>
	useServiceKit({
		createSim: createAgentRefSim,
		nodeType: () => new AgentRef(),
		credentialType: new AgentRefApi(),
		credentials: (baseUrl) => ({ apiKey: MERCHANT_KEY, baseUrl }),
	});

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
