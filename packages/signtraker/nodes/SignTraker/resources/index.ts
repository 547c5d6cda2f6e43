import type { ResourceSpec } from '../../shared/types';
import { agentResource } from './agent';
import {
	changeOrderResource,
	creditAwardResource,
	enterpriseResource,
	officeResource,
	orderPresetResource,
	orderResource,
	serviceOrderResource,
} from './orders';

export const signTrakerResources: ResourceSpec[] = [
	agentResource,
	orderResource,
	serviceOrderResource,
	changeOrderResource,
	creditAwardResource,
	officeResource,
	enterpriseResource,
	orderPresetResource,
];
