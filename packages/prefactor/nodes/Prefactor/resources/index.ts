import type { ResourceSpec } from '../../shared/types';
import {
	accountResource,
	adminUserResource,
	alertResource,
	apiTokenResource,
	integrationResource,
	inviteResource,
	personResource,
	riskProfileResource,
	teamResource,
	utilityResource,
} from './admin';
import {
	agentResource,
	deploymentResource,
	environmentResource,
	instanceResource,
	schemaVersionResource,
	spanResource,
	versionResource,
} from './core';

/** The everyday run-reporting resources first, then administration. */
export const prefactorResources: ResourceSpec[] = [
	instanceResource,
	spanResource,
	agentResource,
	versionResource,
	schemaVersionResource,
	deploymentResource,
	environmentResource,
	alertResource,
	accountResource,
	apiTokenResource,
	adminUserResource,
	inviteResource,
	personResource,
	teamResource,
	riskProfileResource,
	integrationResource,
	utilityResource,
];
