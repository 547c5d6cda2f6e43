import { OpenToCloseApi } from '../../credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../nodes/OpenToClose/OpenToClose.node';
import { useServiceKit } from '../harness/kit';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';

export const useOpenToClose = () =>
	useServiceKit({
		createSim: createOpenToCloseSim,
		nodeType: () => new OpenToClose(),
		credentialType: new OpenToCloseApi(),
		credentials: (baseUrl) => ({ apiToken: OTC_TOKEN, baseUrl }),
	});
