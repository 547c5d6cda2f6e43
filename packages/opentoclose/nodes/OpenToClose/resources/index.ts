import type { ResourceSpec } from '../../shared/types';
import { agentResource, contactResource, tagResource, teamResource, userResource } from './people';
import {
	propertyContactResource,
	propertyDocumentResource,
	propertyEmailResource,
	propertyNoteResource,
	propertyResource,
	propertyTaskResource,
} from './property';

export const openToCloseResources: ResourceSpec[] = [
	agentResource,
	contactResource,
	propertyResource,
	propertyContactResource,
	propertyDocumentResource,
	propertyEmailResource,
	propertyNoteResource,
	propertyTaskResource,
	tagResource,
	teamResource,
	userResource,
];
