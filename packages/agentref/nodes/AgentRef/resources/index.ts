import type { ResourceSpec } from '../../shared/types';
import { affiliateResource } from './affiliate';
import {
	marketplaceResource,
	myAccountResource,
	myLinkResource,
	myMarketingResourceResource,
	myPayoutInfoResource,
	myPayoutResource,
	myProgramResource,
} from './affiliateWorkspace';
import { applicationResource } from './application';
import { billingResource } from './billing';
import { conversionResource } from './conversion';
import { couponResource } from './coupon';
import { flagResource } from './flag';
import { inviteResource } from './invite';
import { marketingResourceResource } from './marketingResource';
import { merchantResource } from './merchant';
import { onboardingResource } from './onboarding';
import { payoutResource } from './payout';
import { programResource } from './program';
import { webhookResource } from './webhook';

/** Merchant resources first, then the affiliate workspace (affiliate key). */
export const agentRefResources: ResourceSpec[] = [
	programResource,
	affiliateResource,
	applicationResource,
	conversionResource,
	payoutResource,
	couponResource,
	inviteResource,
	flagResource,
	webhookResource,
	marketingResourceResource,
	merchantResource,
	billingResource,
	onboardingResource,
	myAccountResource,
	myProgramResource,
	myLinkResource,
	myPayoutResource,
	myPayoutInfoResource,
	myMarketingResourceResource,
	marketplaceResource,
];
