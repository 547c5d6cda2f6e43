import { faultSuite } from '../harness/faults';
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

faultSuite(kit, {
	displayName: 'AgentRef',
	read: { params: { resource: 'merchant', operation: 'get' }, path: '/merchant' },
	write: { params: { resource: 'program', operation: 'connectStripe', programId: byId('prog_1'), method: 'oauth_url' }, method: 'POST', path: '/programs/prog_1/connect-stripe' },
	keyedWrite: {
		params: { resource: 'payout', operation: 'create', affiliateId: byId('aff_1'), programId: byId('prog_1'), method: 'paypal' },
		path: '/payouts',
		created: (sim) => sim.state.payouts.length,
	},
	pathParam: { params: (id) => ({ resource: 'program', operation: 'get', programId: byId(id) }), prefix: '/programs/' },
});
