import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { useServiceKit } from '../harness/kit';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';

export const usePrefactor = () =>
	useServiceKit({
		createSim: createPrefactorSim,
		nodeType: () => new Prefactor(),
		credentialType: new PrefactorApi(),
		// The base URL may carry /api/v1: the node trims it.
		credentials: (baseUrl) => ({ apiToken: PREFACTOR_TOKEN, baseUrl }),
	});
