import { SignTrakerApi } from '../../packages/signtraker/credentials/SignTrakerApi.credentials';
import { SignTraker } from '../../packages/signtraker/nodes/SignTraker/SignTraker.node';
import { useServiceKit } from '../harness/kit';
import { createSignTrakerSim, SIGNTRAKER_KEY } from '../sim/signtraker';

export const useSignTraker = () =>
	useServiceKit({
		createSim: createSignTrakerSim,
		nodeType: () => new SignTraker(),
		credentialType: new SignTrakerApi(),
		credentials: (baseUrl) => ({ apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl }),
	});

export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
