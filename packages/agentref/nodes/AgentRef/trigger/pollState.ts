/**
 * The AgentRef Poll Trigger now runs on the shared poll engine; its state layout and helpers
 * live in ../../shared/pollState.ts (this module stays so existing imports keep working).
 */
export type { PollState, Position } from '../../shared/pollState';
export { byPosition, order, RecentMemory } from '../../shared/pollState';
