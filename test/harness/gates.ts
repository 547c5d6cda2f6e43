// Each package carries its own copy of the shared helpers, so each has its own registry of
// per-host gates (as it has in n8n, where every package is loaded on its own). A test that
// starts from a clean slate resets all four.
import { resetGates as resetAgentRef } from '../../packages/agentref/nodes/shared/gate';
import { resetGates as resetOpenToClose } from '../../packages/opentoclose/nodes/shared/gate';
import { resetGates as resetPrefactor } from '../../packages/prefactor/nodes/shared/gate';
import { resetGates as resetSignTraker } from '../../packages/signtraker/nodes/shared/gate';

export function resetGates(): void {
	for (const reset of [resetAgentRef, resetOpenToClose, resetPrefactor, resetSignTraker]) reset();
}
