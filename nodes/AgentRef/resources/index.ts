import type { ResourceSpec } from '../../shared/types';
import { programResource } from './program';

export const agentRefResources: ResourceSpec[] = [programResource];
