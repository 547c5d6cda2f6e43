import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { useServiceKit } from '../harness/kit';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';

export const useOpenToClose = () =>
	useServiceKit({
		createSim: createOpenToCloseSim,
		nodeType: () => new OpenToClose(),
		credentialType: new OpenToCloseApi(),
		credentials: (baseUrl) => ({ apiToken: OTC_TOKEN, baseUrl }),
	});
