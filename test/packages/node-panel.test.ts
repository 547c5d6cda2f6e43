/**
 * What n8n's node panel shows for each service, from n8n's own rule (editor-ui 2.41,
 * useActionsGeneration.ts generateMergedNodesAndActions, and NodeItem.vue):
 * - a trigger whose type name is the action node's plus "Trigger" is merged into the action
 *   node's entry: its events are listed as that entry's triggers, and the entry takes the
 *   trigger's description (n8n's Stripe entry reads "Handle Stripe events via webhooks");
 * - any other trigger is an entry of its own; if it has an option named Event, Events or
 *   Trigger On with several values, it is shown like an app with actions (named without
 *   "Trigger", no trigger mark), otherwise as one trigger.
 * So each service's entry shows the action node's description only if the merged trigger carries
 * it, and AgentRef's poll trigger reads as a trigger only without such an option. The editor
 * check (test/e2e/editor-check.mjs) asserts what a real n8n shows.
 */
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { AgentRefPollTrigger } from '../../packages/agentref/nodes/AgentRef/AgentRefPollTrigger.node';
import { AgentRefTrigger } from '../../packages/agentref/nodes/AgentRef/AgentRefTrigger.node';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { OpenToCloseTrigger } from '../../packages/opentoclose/nodes/OpenToClose/OpenToCloseTrigger.node';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { PrefactorTrigger } from '../../packages/prefactor/nodes/Prefactor/PrefactorTrigger.node';
import { SignTraker } from '../../packages/signtraker/nodes/SignTraker/SignTraker.node';
import { SignTrakerTrigger } from '../../packages/signtraker/nodes/SignTraker/SignTrakerTrigger.node';

const services: Array<{ action: INodeType; triggers: INodeType[] }> = [
	{ action: new AgentRef(), triggers: [new AgentRefTrigger(), new AgentRefPollTrigger()] },
	{ action: new Prefactor(), triggers: [new PrefactorTrigger()] },
	{ action: new SignTraker(), triggers: [new SignTrakerTrigger()] },
	{ action: new OpenToClose(), triggers: [new OpenToCloseTrigger()] },
];

/** n8n's test for an option that lists a trigger's events as separate panel entries. */
const eventOption = (d: INodeTypeDescription) => d.properties.find((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));

describe.each(services.map((s) => [s.action.description.displayName, s] as const))('%s in the node panel', (_name, { action, triggers }) => {
	const merged = triggers.filter((t) => t.description.name.replace('Trigger', '') === action.description.name);
	const alone = triggers.filter((t) => !merged.includes(t));

	test('one trigger merges into the action entry and lists its events there', () => {
		expect(merged.map((t) => t.description.name)).toEqual([`${action.description.name}Trigger`]);
		expect((eventOption(merged[0].description)?.options ?? []).length).toBeGreaterThan(1);
	});

	test("the entry shows the action node's description", () => {
		expect(merged[0].description.description).toBe(action.description.description);
	});

	test('every other trigger is one trigger entry, not an app with actions', () => {
		for (const t of alone) {
			expect({ trigger: t.description.name, eventOption: eventOption(t.description)?.displayName }).toEqual({ trigger: t.description.name, eventOption: undefined });
			expect(t.description.displayName).toMatch(/ Trigger$/);
		}
	});
});
