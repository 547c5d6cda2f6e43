/**
 * Every AgentRef operation, run through n8n-core against the simulator: the exact request
 * (method, encoded path, query, body, auth and idempotency headers) and the output items.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { agentRefResources } from '../../packages/agentref/nodes/AgentRef/resources';
import { AFFILIATE_KEY, MERCHANT_KEY } from '../sim/agentref';
import type { AgentRefSim } from '../sim/agentref';
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

interface Case {
	params: INodeParameters;
	affiliate?: boolean;
	method: string;
	path: string;
	query?: Record<string, string>;
	body?: unknown;
	/** Checks the output items against the simulator's state. */
	output: (items: IDataObject[], sim: AgentRefSim) => void;
}

const one = (expected: IDataObject) => (items: IDataObject[]) => {
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject(expected);
};
const many = (count: (sim: AgentRefSim) => number, sample?: IDataObject) => (items: IDataObject[], sim: AgentRefSim) => {
	expect(items).toHaveLength(count(sim));
	if (sample) expect(items[0]).toMatchObject(sample);
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const cases: Record<string, Case> = {
	'program.getAll': {
		params: { returnAll: true, filters: { status: 'active' } },
		method: 'GET', path: '/programs', query: { status: 'active', page: '1', pageSize: '100' },
		output: (items, sim) => expect(items.map((i) => i.id)).toEqual(sim.state.programs.filter((p) => p.status === 'active').map((p) => p.id)),
	},
	'program.get': { params: { programId: byId('prog_1') }, method: 'GET', path: '/programs/prog_1', output: one({ id: 'prog_1', readiness: 'ready' }) },
	'program.create': {
		params: { name: 'New Program', commissionType: 'recurring', commissionPercent: 15, additionalFields: { website: 'https://new.agentref.dev', cookieDuration: 45, currency: 'EUR', payoutThreshold: 5000 } },
		method: 'POST', path: '/programs',
		body: { name: 'New Program', commissionType: 'recurring', commissionPercent: 15, website: 'https://new.agentref.dev', cookieDuration: 45, currency: 'EUR', payoutThreshold: 5000 },
		output: (items, sim) => {
			one({ name: 'New Program', status: 'active' })(items);
			expect(sim.state.programs.find((p) => p.id === items[0].id)).toBeDefined();
		},
	},
	'program.update': {
		params: { programId: byId('prog_2'), updateFields: { name: 'Renamed', status: 'paused' } },
		method: 'PATCH', path: '/programs/prog_2', body: { name: 'Renamed', status: 'paused' },
		output: (items, sim) => {
			one({ id: 'prog_2', name: 'Renamed', status: 'paused' })(items);
			expect(sim.state.programs.find((p) => p.id === 'prog_2')).toMatchObject({ name: 'Renamed' });
		},
	},
	'program.delete': { params: { programId: byId('prog_3') }, method: 'DELETE', path: '/programs/prog_3', output: one({ id: 'prog_3', status: 'archived' }) },
	'program.getStats': { params: { programId: byId('prog_1'), filters: { period: '30d' } }, method: 'GET', path: '/programs/prog_1/stats', query: { period: '30d' }, output: one({ programId: 'prog_1', conversionsByStatus: { approved: 10 } }) },
	'program.getAffiliates': {
		params: { programId: byId('prog_1'), returnAll: false, limit: 1, filters: { includeBlocked: true, source: 'api' } },
		method: 'GET', path: '/programs/prog_1/affiliates', query: { includeBlocked: 'true', source: 'api', page: '1', pageSize: '1' },
		output: many(() => 1, { programId: 'prog_1' }),
	},
	'program.updateMarketplace': { params: { programId: byId('prog_1'), updateFields: { status: 'public', category: 'SaaS' } }, method: 'PATCH', path: '/programs/prog_1/marketplace', body: { status: 'public', category: 'SaaS' }, output: one({ programId: 'prog_1', status: 'public', category: 'SaaS' }) },
	'program.connectStripe': { params: { programId: byId('prog_1'), method: 'oauth_url' }, method: 'POST', path: '/programs/prog_1/connect-stripe', body: { method: 'oauth_url' }, output: one({ connected: false, authUrl: 'https://connect.stripe.com/oauth/authorize' }) },
	'program.disconnectStripe': { params: { programId: byId('prog_1') }, method: 'DELETE', path: '/programs/prog_1/connect-stripe', output: one({ success: true, programId: 'prog_1' }) },
	'program.getTrackingStatus': { params: { programId: byId('prog_1') }, method: 'GET', path: '/programs/prog_1/tracking/status', output: one({ programId: 'prog_1', health: { scriptInstalled: { complete: true } } }) },

	'affiliate.getAll': {
		params: { returnAll: true, filters: { programId: byId('prog_1'), search: 'jane', sortBy: 'createdAt', sortOrder: 'desc', status: 'approved' } },
		method: 'GET', path: '/affiliates', query: { programId: 'prog_1', search: 'jane', sortBy: 'createdAt', sortOrder: 'desc', status: 'approved', page: '1', pageSize: '100' },
		output: many(() => 1, { id: 'aff_1', code: 'jane' }),
	},
	'affiliate.get': { params: { affiliateId: byId('aff_1'), options: { include: 'stats' } }, method: 'GET', path: '/affiliates/aff_1', query: { include: 'stats' }, output: one({ id: 'aff_1', stats: { clicks: 10 } }) },
	'affiliate.block': { params: { affiliateId: byId('aff_2'), additionalFields: { reason: 'fraud' } }, method: 'POST', path: '/affiliates/aff_2/block', body: { reason: 'fraud' }, output: one({ id: 'aff_2', status: 'blocked' }) },
	'affiliate.unblock': { params: { affiliateId: byId('aff_2') }, method: 'POST', path: '/affiliates/aff_2/unblock', output: one({ id: 'aff_2', status: 'approved' }) },

	'application.getAll': { params: { returnAll: true, filters: { status: 'pending' } }, method: 'GET', path: '/applications', query: { status: 'pending', page: '1', pageSize: '100' }, output: many((sim) => sim.state.applications.filter((a) => a.status === 'pending').length, { id: 'app_1' }) },
	'application.get': { params: { applicationId: 'app_1' }, method: 'GET', path: '/applications/app_1', output: one({ id: 'app_1' }) },
	'application.approve': { params: { applicationId: 'app_1', additionalFields: { note: 'looks good' }, options: { idempotencyKey: 'idem-app-1' } }, method: 'POST', path: '/applications/app_1/approve', body: { note: 'looks good' }, output: one({ id: 'app_1', status: 'approved', note: 'looks good' }) },
	'application.decline': { params: { applicationId: 'app_1' }, method: 'POST', path: '/applications/app_1/decline', output: one({ id: 'app_1', status: 'declined' }) },
	'application.block': { params: { applicationId: 'app_1' }, method: 'POST', path: '/applications/app_1/block', output: one({ id: 'app_1', status: 'blocked' }) },

	'conversion.getAll': {
		params: { returnAll: true, filters: { status: 'approved', startDate: '2026-01-01T00:00:00.000Z' } },
		method: 'GET', path: '/conversions', query: { status: 'approved', startDate: '2026-01-01T00:00:00.000Z', page: '1', pageSize: '100' },
		output: many((sim) => sim.state.conversions.filter((c) => c.status === 'approved').length, { status: 'approved' }),
	},
	'conversion.getStats': { params: { filters: { period: '7d' } }, method: 'GET', path: '/conversions/stats', query: { period: '7d' }, output: one({ period: '7d' }) },
	'conversion.getRecent': { params: { limit: 2 }, method: 'GET', path: '/conversions/recent', query: { limit: '2' }, output: many(() => 2) },

	'payout.getAll': { params: { returnAll: false, limit: 5, filters: { status: 'pending' } }, method: 'GET', path: '/payouts', query: { status: 'pending', page: '1', pageSize: '5' }, output: many((sim) => Math.min(5, sim.state.payouts.length)) },
	'payout.getPending': { params: { returnAll: true }, method: 'GET', path: '/payouts/pending', query: { page: '1', pageSize: '100' }, output: many(() => 1, { affiliateId: 'aff_1', pendingAmount: 6000 }) },
	'payout.getStats': { params: {}, method: 'GET', path: '/payouts/stats', output: one({ totalPending: 6000 }) },
	'payout.create': {
		params: { affiliateId: byId('aff_1'), programId: byId('prog_1'), method: 'paypal', options: { idempotencyKey: 'idem-pay-1' } },
		method: 'POST', path: '/payouts', body: { affiliateId: 'aff_1', programId: 'prog_1', method: 'paypal' },
		output: (items, sim) => {
			one({ affiliateId: 'aff_1', status: 'pending' })(items);
			expect(sim.state.payouts.filter((p) => p.id === items[0].id)).toHaveLength(1);
		},
	},

	'coupon.getAll': { params: { programId: byId('prog_1'), returnAll: true }, method: 'GET', path: '/programs/prog_1/coupons', output: many((sim) => sim.state.coupons.filter((c) => c.programId === 'prog_1').length) },
	'coupon.create': { params: { programId: byId('prog_1'), affiliateId: byId('aff_1'), code: 'JANE10', additionalFields: { expiresAt: '2027-01-01T00:00:00Z' } }, method: 'POST', path: '/programs/prog_1/coupons', body: { affiliateId: 'aff_1', code: 'JANE10', expiresAt: '2027-01-01T00:00:00.000Z' }, output: one({ code: 'JANE10', programId: 'prog_1' }) },
	'coupon.delete': {
		params: { couponId: 'coup_x' }, method: 'DELETE', path: '/coupons/coup_x',
		output: (items, sim) => {
			expect(items).toEqual([{ deleted: true }]);
			expect(sim.state.coupons.find((c) => c.id === 'coup_x')).toBeUndefined();
		},
	},

	'invite.getAll': { params: { programId: byId('prog_1'), returnAll: true }, method: 'GET', path: '/programs/prog_1/invites', output: many((sim) => sim.state.invites.filter((i) => i.programId === 'prog_1').length, { programId: 'prog_1' }) },
	'invite.create': { params: { programId: byId('prog_1'), additionalFields: { email: 'new@example.com', usageLimit: 5, isPublic: false } }, method: 'POST', path: '/programs/prog_1/invites', body: { email: 'new@example.com', usageLimit: 5, isPublic: false }, output: one({ email: 'new@example.com', programId: 'prog_1' }) },
	'invite.getByToken': { params: { token: 'tok_1' }, method: 'GET', path: '/invites/tok_1', output: one({ token: 'tok_1', programId: 'prog_1' }) },
	'invite.claim': { params: { token: 'tok_1' }, affiliate: true, method: 'POST', path: '/invites/tok_1/claim', output: one({ affiliateId: 'aff_1', programId: 'prog_1' }) },

	'flag.getAll': { params: { returnAll: true, filters: { status: 'open', type: 'self_referral' } }, method: 'GET', path: '/flags', query: { status: 'open', type: 'self_referral', page: '1', pageSize: '100' }, output: many(() => 1, { id: 'flag_1' }) },
	'flag.getStats': { params: {}, method: 'GET', path: '/flags/stats', output: one({ open: 1, total: 1 }) },
	'flag.resolve': { params: { flagId: 'flag_1', status: 'confirmed', additionalFields: { note: 'confirmed fraud', blockAffiliate: true } }, method: 'POST', path: '/flags/flag_1/resolve', body: { status: 'confirmed', note: 'confirmed fraud', blockAffiliate: true }, output: one({ id: 'flag_1', status: 'confirmed' }) },

	'webhook.getAll': { params: { returnAll: true, filters: { programId: byId('prog_1') } }, method: 'GET', path: '/webhooks', query: { programId: 'prog_1' }, output: many((sim) => sim.state.webhooks.filter((w) => w.programId === 'prog_1').length) },
	'webhook.create': {
		params: { name: 'Primary', url: 'https://example.com/webhooks', subscribedEvents: ['program.created'], additionalFields: { programId: byId('prog_1'), schemaVersion: 2 } },
		method: 'POST', path: '/webhooks', body: { name: 'Primary', url: 'https://example.com/webhooks', subscribedEvents: ['program.created'], programId: 'prog_1', schemaVersion: 2 },
		output: (items, sim) => {
			expect(items).toHaveLength(1);
			const endpoint = items[0].endpoint as IDataObject;
			expect(items[0].signingSecret).toBe(sim.state.secrets[String(endpoint.id)]);
		},
	},
	'webhook.get': { params: { webhookId: 'wh_x' }, method: 'GET', path: '/webhooks/wh_x', output: one({ id: 'wh_x' }) },
	'webhook.update': { params: { webhookId: 'wh_x', updateFields: { name: 'Renamed', subscribedEvents: ['program.updated'] } }, method: 'PATCH', path: '/webhooks/wh_x', body: { name: 'Renamed', subscribedEvents: ['program.updated'] }, output: one({ id: 'wh_x', name: 'Renamed', subscribedEvents: ['program.updated'] }) },
	'webhook.rotateSecret': {
		params: { webhookId: 'wh_x' }, method: 'POST', path: '/webhooks/wh_x/rotate-secret',
		output: (items, sim) => expect(items[0].signingSecret).toBe(sim.state.secrets.wh_x),
	},
	'webhook.delete': { params: { webhookId: 'wh_x' }, method: 'DELETE', path: '/webhooks/wh_x', output: (items) => expect(items).toEqual([{ deleted: true }]) },

	'marketingResource.getAll': { params: { programId: byId('prog_1'), returnAll: true, filters: { kind: 'social_posts', status: 'draft' } }, method: 'GET', path: '/programs/prog_1/marketing-resources', query: { kind: 'social_posts', status: 'draft', limit: '100', offset: '0' }, output: many((sim) => sim.state.resources.filter((r) => r.status === 'draft').length) },
	'marketingResource.createSocialPost': {
		params: { programId: byId('prog_1'), title: 'Launch', body: 'Try {{affiliate_link}}', platforms: ['linkedin'], additionalFields: { status: 'published' } },
		method: 'POST', path: '/programs/prog_1/marketing-resources/social-posts', body: { title: 'Launch', body: 'Try {{affiliate_link}}', platforms: ['linkedin'], status: 'published' },
		output: one({ title: 'Launch', kind: 'social_posts' }),
	},
	'marketingResource.updateSocialPost': { params: { resourceId: 'res_1', programId: byId('prog_1'), updateFields: { title: 'New title', platforms: ['x', 'linkedin'] } }, method: 'PATCH', path: '/marketing-resources/social-posts/res_1', body: { program_id: 'prog_1', title: 'New title', platforms: ['x', 'linkedin'] }, output: one({ id: 'res_1', title: 'New title' }) },
	'marketingResource.createMediaUploadSession': { params: { resourceId: 'res_1', programId: byId('prog_1'), fileName: 'a.png', mimeType: 'image/png', fileSizeBytes: 1024 }, method: 'POST', path: '/marketing-resources/social-posts/res_1/media/upload-sessions', body: { program_id: 'prog_1', file_name: 'a.png', mime_type: 'image/png', file_size_bytes: 1024 }, output: one({ upload_path: 'uploads/a.png', upload_token: 'upl_tok' }) },
	'marketingResource.completeMediaUpload': { params: { resourceId: 'res_1', programId: byId('prog_1'), uploadPath: 'uploads/a.png', uploadToken: 'upl_tok', fileName: 'a.png', additionalFields: { altText: 'Logo', sortOrder: 1 } }, method: 'POST', path: '/marketing-resources/social-posts/res_1/media/complete', body: { program_id: 'prog_1', upload_path: 'uploads/a.png', upload_token: 'upl_tok', file_name: 'a.png', alt_text: 'Logo', sort_order: 1 }, output: one({ id: 'res_1' }) },
	'marketingResource.reorderMedia': { params: { resourceId: 'res_1', programId: byId('prog_1'), mediaIds: 'med_2, med_1' }, method: 'POST', path: '/marketing-resources/social-posts/res_1/media/reorder', body: { program_id: 'prog_1', media_ids: ['med_2', 'med_1'] }, output: (items) => expect(items).toEqual([{ id: 'med_2' }, { id: 'med_1' }]) },
	'marketingResource.updateMedia': { params: { resourceId: 'res_1', mediaId: 'med_1', programId: byId('prog_1'), updateFields: { altText: 'New alt' } }, method: 'PATCH', path: '/marketing-resources/social-posts/res_1/media/med_1', body: { program_id: 'prog_1', alt_text: 'New alt' }, output: one({ updatedMedia: 'med_1' }) },
	'marketingResource.deleteMedia': { params: { resourceId: 'res_1', mediaId: 'med_1', programId: byId('prog_1') }, method: 'DELETE', path: '/marketing-resources/social-posts/res_1/media/med_1', body: { program_id: 'prog_1' }, output: (items) => expect(items).toEqual([{ deleted: true }]) },
	'marketingResource.replaceMedia': { params: { resourceId: 'res_1', mediaId: 'med_2', programId: byId('prog_1'), uploadPath: 'uploads/b.png', uploadToken: 'upl_tok', fileName: 'b.png' }, method: 'POST', path: '/marketing-resources/social-posts/res_1/media/med_2/replace', body: { program_id: 'prog_1', upload_path: 'uploads/b.png', upload_token: 'upl_tok', file_name: 'b.png' }, output: one({ replacedMedia: 'med_2' }) },
	'marketingResource.publish': { params: { resourceId: 'res_1', programId: byId('prog_1'), additionalFields: { notifyAffiliates: true } }, method: 'POST', path: '/marketing-resources/res_1/publish', body: { program_id: 'prog_1', notify_affiliates: true }, output: one({ resource: { id: 'res_1', status: 'published' }, notification: { requested: true } }) },
	'marketingResource.unpublish': { params: { resourceId: 'res_1', programId: byId('prog_1') }, method: 'POST', path: '/marketing-resources/res_1/unpublish', body: { program_id: 'prog_1' }, output: one({ id: 'res_1', status: 'draft' }) },
	'marketingResource.archive': { params: { resourceId: 'res_1', programId: byId('prog_1') }, method: 'POST', path: '/marketing-resources/res_1/archive', body: { program_id: 'prog_1' }, output: one({ id: 'res_1', status: 'archived' }) },
	'marketingResource.notify': { params: { resourceId: 'res_1', programId: byId('prog_1') }, method: 'POST', path: '/marketing-resources/res_1/notify', body: { program_id: 'prog_1' }, output: one({ resourceId: 'res_1', accepted: true }) },
	'marketingResource.getDownloadUrl': { params: { programId: byId('prog_1'), additionalFields: { resourceId: 'res_1', bundle: 'social_post_media' } }, method: 'POST', path: '/marketing-resources/download-url', body: { program_id: 'prog_1', resource_id: 'res_1', bundle: 'social_post_media' }, output: one({ url: 'https://cdn.example.com/file' }) },

	'merchant.get': { params: {}, method: 'GET', path: '/merchant', output: one({ id: 'merch_1', companyName: 'AgentRef Inc' }) },
	'merchant.update': { params: { updateFields: { companyName: 'AgentRef GmbH', trackingRequiresConsent: true, trackingParamAliases: 'ref, partner' } }, method: 'PATCH', path: '/merchant', body: { companyName: 'AgentRef GmbH', trackingRequiresConsent: true, trackingParamAliases: ['ref', 'partner'] }, output: one({ companyName: 'AgentRef GmbH', trackingParamAliases: ['ref', 'partner'] }) },
	'merchant.getNotifications': { params: {}, method: 'GET', path: '/merchant/notifications', output: one({ newAffiliate: true }) },
	'merchant.updateNotifications': { params: { updateFields: { weeklyDigest: true, newConversion: false } }, method: 'PUT', path: '/merchant/notifications', body: { weeklyDigest: true, newConversion: false }, output: one({ weeklyDigest: true, newConversion: false, newAffiliate: true }) },

	'billing.get': { params: {}, method: 'GET', path: '/billing', output: one({ tier: 'free' }) },
	'billing.getTiers': { params: {}, method: 'GET', path: '/billing/tiers', output: many(() => 4, { id: 'free' }) },
	'billing.subscribe': { params: { tier: 'growth' }, method: 'POST', path: '/billing/subscribe', body: { tier: 'growth' }, output: one({ tier: 'growth' }) },

	'onboarding.createMerchant': { params: { companyName: 'AgentRef' }, method: 'POST', path: '/onboarding/merchant', body: { companyName: 'AgentRef' }, output: one({ merchantId: 'merch_1', companyName: 'AgentRef' }) },
	'onboarding.complete': { params: {}, method: 'POST', path: '/onboarding/complete', output: one({ onboardingCompleted: true, onboardingStep: 4 }) },

	'myAccount.getIdentity': { params: {}, affiliate: true, method: 'GET', path: '/me', output: one({ key: { ownerType: 'affiliate' }, owner: { affiliateId: 'aff_1' } }) },
	'myAccount.getOverview': { params: {}, affiliate: true, method: 'GET', path: '/me/overview', output: one({ affiliateProfileId: 'afp_1' }) },
	'myAccount.getEarnings': { params: {}, affiliate: true, method: 'GET', path: '/me/earnings', output: one({ total: 100 }) },
	'myAccount.getProgramEarnings': { params: { programId: byId('prog_1'), returnAll: true, filters: { period: '90d' } }, affiliate: true, method: 'GET', path: '/me/earnings/prog_1', query: { period: '90d', page: '1', pageSize: '100' }, output: many(() => 1, { id: 'earn_1', amount: 100 }) },
	'myAccount.getClicks': { params: { programId: byId('prog_1'), filters: { startDate: '2026-01-01T00:00:00Z' } }, affiliate: true, method: 'GET', path: '/me/clicks', query: { program_id: 'prog_1', startDate: '2026-01-01T00:00:00.000Z' }, output: one({ totalClicks: 4 }) },

	'myProgram.getAll': { params: { returnAll: true }, affiliate: true, method: 'GET', path: '/me/programs', output: many(() => 1, { programId: 'prog_1' }) },
	'myProgram.get': { params: { programId: byId('prog_1') }, affiliate: true, method: 'GET', path: '/me/programs/prog_1', output: one({ programId: 'prog_1', allowedLandingPages: [{ path: '/pricing', label: 'Pricing' }] }) },

	'myLink.getAll': { params: { programId: byId('prog_1'), returnAll: true }, affiliate: true, method: 'GET', path: '/me/links', query: { program_id: 'prog_1' }, output: many((sim) => sim.state.links.filter((l) => l.programId === 'prog_1').length) },
	'myLink.create': { params: { programId: byId('prog_1'), name: 'Pricing', additionalFields: { destinationPath: '/pricing', customSlug: 'jane-review' }, options: { idempotencyKey: 'idem-link-1' } }, affiliate: true, method: 'POST', path: '/me/links', query: { program_id: 'prog_1' }, body: { name: 'Pricing', destination_path: '/pricing', custom_slug: 'jane-review' }, output: one({ code: 'jane-review', name: 'Pricing' }) },
	'myLink.update': { params: { linkId: 'link_1', programId: byId('prog_1'), updateFields: { isActive: false, targetUrl: 'https://example.com/x' } }, affiliate: true, method: 'PATCH', path: '/me/links/link_1', query: { program_id: 'prog_1' }, body: { isActive: false, targetUrl: 'https://example.com/x' }, output: one({ id: 'link_1', isActive: false }) },
	'myLink.delete': { params: { linkId: 'link_1', programId: byId('prog_1') }, affiliate: true, method: 'DELETE', path: '/me/links/link_1', query: { program_id: 'prog_1' }, output: (items) => expect(items).toEqual([{ deleted: true }]) },

	'myPayout.getAll': { params: { returnAll: true, filters: { programId: byId('prog_1') } }, affiliate: true, method: 'GET', path: '/me/payouts', query: { program_id: 'prog_1', page: '1', pageSize: '100' }, output: many((sim) => sim.state.payouts.filter((p) => p.programId === 'prog_1').length) },

	'myPayoutInfo.get': { params: {}, affiliate: true, method: 'GET', path: '/me/payout-info', output: one({ bankIban: '****1234' }) },
	'myPayoutInfo.update': { params: { updateFields: { payoutMethod: 'bank_transfer', bankAccountHolder: 'Jane Doe', bankIban: 'DE89370400440532013000', bankBic: 'COBADEFFXXX' } }, affiliate: true, method: 'PATCH', path: '/me/payout-info', body: { payoutMethod: 'bank_transfer', bankAccountHolder: 'Jane Doe', bankIban: 'DE89370400440532013000', bankBic: 'COBADEFFXXX' }, output: one({ bankIban: '****3000' }) },

	'myMarketingResource.getAll': { params: { programId: byId('prog_1'), returnAll: true, filters: { kind: 'social_posts' } }, affiliate: true, method: 'GET', path: '/me/programs/prog_1/marketing-resources', query: { kind: 'social_posts', limit: '100', offset: '0' }, output: many((sim) => sim.state.resources.filter((r) => r.programId === 'prog_1').length) },
	'myMarketingResource.get': { params: { resourceId: 'res_1', programId: byId('prog_1') }, affiliate: true, method: 'GET', path: '/me/marketing-resources/res_1', query: { program_id: 'prog_1' }, output: one({ id: 'res_1' }) },
	'myMarketingResource.getDownloadUrl': { params: { programId: byId('prog_1'), additionalFields: { mediaId: 'med_1' } }, affiliate: true, method: 'POST', path: '/me/marketing-resources/download-url', body: { program_id: 'prog_1', media_id: 'med_1' }, output: one({ url: 'https://cdn.example.com/file' }) },
	'myMarketingResource.renderSocialPost': { params: { resourceId: 'res_1', programId: byId('prog_1'), additionalFields: { affiliateLinkId: 'link_1' } }, affiliate: true, method: 'POST', path: '/me/marketing-resources/social-posts/res_1/render', body: { program_id: 'prog_1', affiliate_link_id: 'link_1' }, output: one({ body: 'Post https://ref.example/link', disclosure: '#ad' }) },

	'marketplace.getAll': { params: { returnAll: true, filters: { sort: 'commission', minCommission: 10 } }, affiliate: true, method: 'GET', path: '/marketplace/programs', query: { sort: 'commission', minCommission: '10', page: '1', pageSize: '100' }, output: many(() => 1, { programId: 'prog_1', commissionPercent: 30 }) },
	'marketplace.apply': { params: { programId: 'prog_1', additionalFields: { message: 'I build AI agents.' } }, affiliate: true, method: 'POST', path: '/marketplace/apply/prog_1', body: { message: 'I build AI agents.' }, output: one({ programId: 'prog_1', message: 'I build AI agents.', status: 'pending' }) },
};

const allOperations = agentRefResources.flatMap((r) => r.operations.map((o) => ({ key: `${r.value}.${o.value}`, op: o })));

test('the table covers every one of the 86 operations', () => {
	expect(allOperations).toHaveLength(86);
	expect(Object.keys(cases).sort()).toEqual(allOperations.map((o) => o.key).sort());
});

describe.each(allOperations)('$key', ({ key, op }) => {
	test('sends the exact request and outputs the records', async () => {
		const c = cases[key];
		const [resource, operation] = key.split('.');
		// state the case relies on
		if (!kit.sim.state.coupons.some((c) => c.id === 'coup_x')) {
			kit.sim.state.coupons.push({ id: 'coup_x', programId: 'prog_1', code: 'X', affiliateId: 'aff_1' });
		}
		if (!kit.sim.state.webhooks.some((w) => w.id === 'wh_x')) {
			kit.sim.state.webhooks.push({ id: 'wh_x', name: 'Existing', programId: 'prog_1', subscribedEvents: ['program.created'], schemaVersion: 2 });
		}
		kit.sim.state.conversions.push(
			{ id: `conv_${key}_1`, status: 'approved', amount: 10000, commission: 2000, createdAt: '2026-02-01T00:00:00Z' },
			{ id: `conv_${key}_2`, status: 'pending', amount: 5000, commission: 1000, createdAt: '2026-02-02T00:00:00Z' },
		);
		kit.sim.state.payouts.push({ id: `pay_${key}`, programId: 'prog_1', affiliateId: 'aff_1', status: 'pending', amount: 6000, createdAt: '2026-02-01T00:00:00Z' });
		kit.sim.resetLog();

		const result = await kit.run(
			{ resource, operation, ...c.params },
			c.affiliate ? { credentials: { apiKey: AFFILIATE_KEY, baseUrl: kit.baseUrl } } : {},
		);
		if (result.error) throw result.error;

		expect(kit.sim.log).toHaveLength(1);
		const [req] = kit.sim.log;
		expect(req.method).toBe(c.method);
		expect(req.path).toBe(c.path);
		expect(req.query).toEqual(c.query ?? {});
		if (c.body === undefined) expect(req.rawBody).toBe('');
		else expect(req.body).toEqual(c.body);
		expect(req.headers.authorization).toBe(`Bearer ${c.affiliate ? AFFILIATE_KEY : MERCHANT_KEY}`);
		if (op.idempotent) {
			const given = (c.params.options as IDataObject | undefined)?.idempotencyKey;
			expect(req.headers['idempotency-key']).toEqual(given ?? expect.stringMatching(UUID));
		} else {
			expect(req.headers['idempotency-key']).toBeUndefined();
		}
		c.output(result.items.map((i) => i.json), kit.sim);
		for (const item of result.items) expect(item.pairedItem).toEqual({ item: 0 });
	});
});
