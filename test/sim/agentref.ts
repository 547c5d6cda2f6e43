/**
 * A stateful AgentRef API v1 simulator, faithful to ../shared/apis/agentref.md: the
 * `{data, meta}` envelope, page/pageSize, offset/limit and cursor paging with `hasMore`, the
 * error envelope, key types and scopes, and Idempotency-Key replay on POST.
 */
import { createHash, createHmac } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { SimServer } from './server';

type Rec = Record<string, unknown>;

export const MERCHANT_KEY = 'ak_live_sim_merchant';
export const AFFILIATE_KEY = 'ak_aff_sim_affiliate';
export const NO_SCOPE_KEY = 'ak_live_sim_noscope';

let requestCounter = 0;
const requestId = () => `req_sim_${++requestCounter}`;

export function ok(data: unknown, status = 200): SimResponse {
	return { status, body: { data, meta: { requestId: requestId() } } };
}

export function fail(status: number, code: string, message: string, details?: unknown): SimResponse {
	return {
		status,
		body: { error: { code, message, ...(details ? { details } : {}) }, meta: { requestId: requestId() } },
		headers: status === 429 ? { 'retry-after': '1' } : undefined,
	};
}

/**
 * The marketing-resource lists: `limit`/`offset` over a plain array. Without `limit` the API
 * answers a first page only (20 here), which is why a node must page to get them all.
 */
function sliceByOffset<T>(records: T[], query: Record<string, unknown>): T[] {
	const limit = Math.min(100, Math.max(1, Number(query.limit ?? 20)));
	const offset = Math.max(0, Number(query.offset ?? 0));
	return records.slice(offset, offset + limit);
}

/** Pages a list the way the API does: page/pageSize, offset/limit, or cursor/limit. */
export function page(list: Rec[], query: Record<string, string>, cursors: boolean): SimResponse {
	const size = Math.min(100, Math.max(1, Number(query.pageSize ?? query.limit ?? 20)));
	let start = 0;
	let pageNo = 1;
	if (query.cursor) start = Number(Buffer.from(query.cursor, 'base64url').toString());
	else if (query.offset !== undefined) start = Number(query.offset);
	else if (query.page) {
		pageNo = Math.max(1, Number(query.page));
		start = (pageNo - 1) * size;
	}
	if (query.cursor || query.offset !== undefined) pageNo = Math.floor(start / size) + 1;
	const data = list.slice(start, start + size);
	const hasMore = start + size < list.length;
	const meta: Rec = { total: list.length, page: pageNo, pageSize: size, hasMore, requestId: requestId() };
	if (cursors && hasMore) meta.nextCursor = Buffer.from(String(start + size)).toString('base64url');
	return { status: 200, body: { data, meta } };
}

const now = () => new Date().toISOString();

export interface AgentRefState {
	programs: Rec[];
	affiliates: Rec[];
	applications: Rec[];
	conversions: Rec[];
	payouts: Rec[];
	pendingPayouts: Rec[];
	flags: Rec[];
	coupons: Rec[];
	invites: Rec[];
	webhooks: Rec[];
	resources: Rec[];
	links: Rec[];
	earnings: Rec[];
	marketplace: Rec[];
	merchant: Rec;
	notifications: Rec;
	billing: Rec;
	payoutInfo: Rec;
	secrets: Record<string, string>;
}

export function seedState(): AgentRefState {
	const program = (i: number): Rec => ({
		id: `prog_${i}`,
		merchantId: 'merch_1',
		name: i === 1 ? 'Test Program' : `Program ${i}`,
		description: null,
		slug: `program-${i}`,
		website: 'https://agentref.dev',
		status: 'active',
		marketplaceStatus: 'public',
		commissionType: 'one_time',
		commissionPercent: 20,
		cookieDuration: 30,
		payoutThreshold: 5000,
		currency: 'USD',
		autoApproveAffiliates: true,
		createdAt: '2026-01-01T00:00:00Z',
		updatedAt: '2026-01-01T00:00:00Z',
	});
	return {
		programs: [1, 2, 3].map(program),
		affiliates: [1, 2].map((i) => ({
			id: `aff_${i}`,
			userId: `user_${i}`,
			programId: 'prog_1',
			name: i === 1 ? 'Jane Doe' : 'Max Mustermann',
			code: i === 1 ? 'jane' : 'max',
			status: 'approved',
			totalClicks: 10 * i,
			totalConversions: i,
			totalEarnings: 1000 * i,
			createdAt: '2026-01-02T00:00:00Z',
		})),
		applications: [{ id: 'app_1', status: 'pending', programId: 'prog_1', email: 'new@example.com' }],
		conversions: [],
		payouts: [],
		pendingPayouts: [
			{ affiliateId: 'aff_1', email: 'jane@example.com', programId: 'prog_1', pendingAmount: 6000, currency: 'USD', meetsThreshold: true },
		],
		flags: [{ id: 'flag_1', affiliateId: 'aff_2', type: 'self_referral', status: 'open', details: null, note: null, createdAt: now(), resolvedAt: null }],
		coupons: [],
		invites: [{ token: 'tok_1', email: 'affiliate@example.com', programId: 'prog_1', expiresAt: '2027-01-01T00:00:00Z', createdAt: '2026-01-01T00:00:00Z' }],
		webhooks: [],
		resources: [{ id: 'res_1', programId: 'prog_1', kind: 'social_posts', title: 'Launch', status: 'draft', media: [{ id: 'med_1' }, { id: 'med_2' }] }],
		links: [{ id: 'link_1', programId: 'prog_1', name: 'Home', code: 'jane-home', targetUrl: null, isActive: true }],
		earnings: [{ id: 'earn_1', programId: 'prog_1', amount: 100 }],
		marketplace: [{ id: 'prog_1', programId: 'prog_1', name: 'Test Program', commissionPercent: 30, category: 'SaaS' }],
		merchant: { id: 'merch_1', userId: 'user_m', companyName: 'AgentRef Inc', timezone: 'UTC', defaultCookieDuration: 30, defaultPayoutThreshold: 5000, trackingRequiresConsent: false, trackingParamAliases: ['ref'], billingRequirementStatus: 'not_required', onboardingCompleted: false, onboardingStep: 2 },
		notifications: { newAffiliate: true, newConversion: true, commissionApproved: true, payoutProcessed: true, weeklyDigest: false },
		billing: { tier: 'free', monthlyRevenue: 0, nextTier: 'starter', stripeSubscriptionId: null },
		payoutInfo: { payoutMethod: 'bank_transfer', bankIban: '****1234', bankBic: 'COBADEFFXXX', bankAccountHolder: 'Jane Doe' },
		secrets: {},
	};
}

export interface AgentRefSim extends SimServer {
	state: AgentRefState;
	/** Whether list answers carry `meta.nextCursor` (cursor paging). */
	cursors: boolean;
	/** Signs a webhook delivery the way AgentRef does (Svix scheme). */
	sign(secret: string, id: string, timestamp: number, body: string): string;
}

const find = (list: Rec[], key: string, value: string) => list.find((r) => r[key] === value);

const merchantOnly = /^\/(programs|applications|affiliates|conversions|payouts|flags|billing|merchant|onboarding|webhooks|marketing-resources|coupons)(\/|$)/;
const affiliateOnly = /^\/(me\/.+|marketplace\/.*)$/;

export function createAgentRefSim(): AgentRefSim {
	const sim = new SimServer(
		'/api/v1',
		() => fail(404, 'NOT_FOUND', 'Route not found'),
		(req) => {
			const auth = String(req.headers.authorization ?? '');
			const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
			if (![MERCHANT_KEY, AFFILIATE_KEY, NO_SCOPE_KEY].includes(key)) {
				return fail(401, 'INVALID_AUTH', 'Invalid API key');
			}
			if (key === NO_SCOPE_KEY && req.path !== '/me') {
				return fail(403, 'INSUFFICIENT_SCOPE', 'The API key is missing the required scope');
			}
			if (key === AFFILIATE_KEY && merchantOnly.test(req.path)) {
				return fail(403, 'FORBIDDEN', 'Merchant key required');
			}
			if (key === MERCHANT_KEY && affiliateOnly.test(req.path)) {
				return fail(403, 'FORBIDDEN', 'Affiliate key required');
			}
			return undefined;
		},
	) as AgentRefSim;
	sim.state = seedState();
	sim.cursors = false;
	sim.sign = (secret, id, timestamp, body) => {
		const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
		return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
	};
	const s = () => sim.state;
	let seq = 1000;
	const nextId = (prefix: string) => `${prefix}_${++seq}`;
	const body = (req: SimRequest) => (req.body ?? {}) as Rec;
	const list = (items: Rec[], req: SimRequest) => page(items, req.query, sim.cursors);

	// Idempotency-Key replay: same key and body answer the stored response; another body is a conflict.
	const replays = new Map<string, { hash: string; response: SimResponse }>();
	const idem =
		(handler: (req: SimRequest) => SimResponse) =>
		(req: SimRequest): SimResponse => {
			const key = req.headers['idempotency-key'] as string | undefined;
			if (!key) return handler(req);
			const hash = createHash('sha256').update(`${req.path}|${req.rawBody}`).digest('hex');
			const seen = replays.get(key);
			if (seen) {
				return seen.hash === hash
					? seen.response
					: fail(409, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key was used with a different request');
			}
			const response = handler(req);
			if (response.status < 300) replays.set(key, { hash, response });
			return response;
		};
	const byId = (items: () => Rec[], key = 'id', param = 'id') => (req: SimRequest) => {
		const rec = find(items(), key, req.params[param]);
		return rec ? ok(rec) : fail(404, 'NOT_FOUND', `Not found: ${req.params[param]}`);
	};
	const filterBy = (items: Rec[], req: SimRequest, keys: string[]) =>
		items.filter((r) => keys.every((k) => req.query[k] === undefined || String(r[k]) === req.query[k]));
	const setStatus = (items: () => Rec[], status: string, extra: (req: SimRequest) => Rec = () => ({})) =>
		idem((req) => {
			const rec = find(items(), 'id', req.params.id);
			if (!rec) return fail(404, 'NOT_FOUND', `Not found: ${req.params.id}`);
			Object.assign(rec, { status, ...extra(req) });
			return ok(rec);
		});

	// Identity and affiliate workspace
	sim.route('GET', '/me', (req) => {
		const affiliate = String(req.headers.authorization).includes('ak_aff_');
		return ok({
			key: { ownerType: affiliate ? 'affiliate' : 'merchant', keyType: 'full', scopes: [] },
			owner: affiliate ? { affiliateId: 'aff_1' } : { merchantId: 'merch_1' },
			...(affiliate ? {} : { programs: s().programs.map((p) => ({ id: p.id, name: p.name, status: p.status })) }),
		});
	});
	sim.route('GET', '/me/overview', () => ok({ affiliateProfileId: 'afp_1', programCount: 1, activeProgramCount: 1, totalEarnings: 100, programStats: [] }));
	sim.route('GET', '/me/programs', () => ok([{ affiliateId: 'aff_1', programId: 'prog_1', programName: 'Test Program', code: 'jane', isApproved: true }]));
	sim.route('GET', '/me/programs/:programId', (req) =>
		req.params.programId === 'prog_1'
			? ok({ affiliateId: 'aff_1', programId: 'prog_1', programName: 'Test Program', allowedLandingPages: [{ path: '/pricing', label: 'Pricing' }] })
			: fail(404, 'NOT_FOUND', 'Program not found'),
	);
	sim.route('GET', '/me/earnings', () => ok({ total: 100 }));
	sim.route('GET', '/me/earnings/:programId', (req) => list(s().earnings.filter((e) => e.programId === req.params.programId), req));
	sim.route('GET', '/me/payouts', (req) => list(s().payouts.filter((p) => !req.query.program_id || p.programId === req.query.program_id), req));
	sim.route('GET', '/me/links', (req) => ok(s().links.filter((l) => l.programId === req.query.program_id)));
	sim.route('POST', '/me/links', idem((req) => {
		const b = body(req);
		if (!b.name) return fail(400, 'VALIDATION_ERROR', 'name is required', { fields: { name: 'required' } });
		const link = { id: nextId('link'), programId: req.query.program_id, name: b.name, code: b.custom_slug ?? nextId('code'), targetUrl: null, isActive: true };
		s().links.push(link);
		return ok(link, 201);
	}));
	sim.route('PATCH', '/me/links/:id', (req) => {
		const link = find(s().links, 'id', req.params.id);
		if (!link) return fail(404, 'NOT_FOUND', 'Link not found');
		Object.assign(link, body(req));
		return ok(link);
	});
	sim.route('DELETE', '/me/links/:id', (req) => {
		const i = s().links.findIndex((l) => l.id === req.params.id);
		if (i < 0) return fail(404, 'NOT_FOUND', 'Link not found');
		s().links.splice(i, 1);
		return ok({ deleted: true, id: req.params.id });
	});
	sim.route('GET', '/me/clicks', () => ok({ totalClicks: 4 }));
	sim.route('GET', '/me/payout-info', () => ok(s().payoutInfo));
	sim.route('PATCH', '/me/payout-info', (req) => {
		const b = body(req);
		Object.assign(s().payoutInfo, b, b.bankIban ? { bankIban: `****${String(b.bankIban).slice(-4)}` } : {});
		return ok(s().payoutInfo);
	});
	sim.route('GET', '/me/programs/:programId/marketing-resources', (req) => ok(sliceByOffset(s().resources.filter((r) => r.programId === req.params.programId), req.query)));
	sim.route('GET', '/me/marketing-resources/:id', (req) => {
		if (!req.query.program_id) return fail(400, 'VALIDATION_ERROR', 'program_id is required');
		return byId(() => s().resources)(req);
	});
	sim.route('POST', '/me/marketing-resources/download-url', (req) => ok({ url: 'https://cdn.example.com/file', expires_at: '2027-01-01T00:00:00Z', target: body(req) }));
	sim.route('POST', '/me/marketing-resources/social-posts/:id/render', (req) =>
		ok({ body: 'Post https://ref.example/link', disclosure: '#ad', resourceId: req.params.id }),
	);
	sim.route('GET', '/marketplace/programs', (req) => list(s().marketplace, req));
	sim.route('POST', '/marketplace/apply/:programId', (req) => ok({ id: nextId('app'), programId: req.params.programId, message: body(req).message ?? null, status: 'pending' }, 201));
	sim.route('GET', '/invites/:token', byId(() => s().invites, 'token', 'token'));
	sim.route('POST', '/invites/:token/claim', (req) =>
		find(s().invites, 'token', req.params.token)
			? ok({ affiliateId: 'aff_1', programId: 'prog_1' }, 201)
			: fail(404, 'NOT_FOUND', 'Invite not found'),
	);

	// Programs
	sim.route('GET', '/programs', (req) => list(filterBy(s().programs, req, ['status']), req));
	sim.route('GET', '/programs/:id', (req) => {
		const p = find(s().programs, 'id', req.params.id);
		return p ? ok({ ...p, readiness: 'ready' }) : fail(404, 'NOT_FOUND', `Program not found: ${req.params.id}`);
	});
	sim.route('POST', '/programs', idem((req) => {
		const b = body(req);
		const missing = ['name', 'commissionType', 'commissionPercent'].filter((k) => b[k] === undefined);
		if (missing.length) return fail(400, 'VALIDATION_ERROR', 'Invalid request', { fields: Object.fromEntries(missing.map((k) => [k, 'required'])) });
		const p = { id: nextId('prog'), merchantId: 'merch_1', status: 'active', currency: 'USD', ...b, createdAt: now(), updatedAt: now() };
		s().programs.push(p);
		return ok(p, 201);
	}));
	sim.route('PATCH', '/programs/:id', (req) => {
		const p = find(s().programs, 'id', req.params.id);
		if (!p) return fail(404, 'NOT_FOUND', 'Program not found');
		Object.assign(p, body(req), { updatedAt: now() });
		return ok(p);
	});
	sim.route('DELETE', '/programs/:id', (req) => {
		const p = find(s().programs, 'id', req.params.id);
		if (!p) return fail(404, 'NOT_FOUND', 'Program not found');
		p.status = 'archived';
		return ok(p);
	});
	sim.route('GET', '/programs/:id/stats', (req) => ok({ programId: req.params.id, period: req.query.period ?? 'all', totalRevenue: 10000, conversionsByStatus: { pending: 1, approved: 10, rejected: 0, refunded: 0 } }));
	sim.route('GET', '/programs/:id/affiliates', (req) => list(s().affiliates.filter((a) => a.programId === req.params.id), req));
	sim.route('GET', '/programs/:id/coupons', (req) => ok(s().coupons.filter((c) => c.programId === req.params.id)));
	sim.route('POST', '/programs/:id/coupons', idem((req) => {
		const b = body(req);
		if (!b.affiliateId || !b.code) return fail(400, 'VALIDATION_ERROR', 'affiliateId and code are required');
		const c = { id: nextId('coup'), programId: req.params.id, ...b, createdAt: now() };
		s().coupons.push(c);
		return ok(c);
	}));
	sim.route('DELETE', '/coupons/:id', (req) => {
		const i = s().coupons.findIndex((c) => c.id === req.params.id);
		if (i < 0) return fail(404, 'NOT_FOUND', 'Coupon not found');
		return ok(s().coupons.splice(i, 1)[0]);
	});
	sim.route('GET', '/programs/:id/invites', (req) => ok(s().invites.filter((i) => i.programId === req.params.id)));
	sim.route('POST', '/programs/:id/invites', idem((req) => {
		const inv = { token: nextId('tok'), programId: req.params.id, email: null, ...body(req), createdAt: now() };
		s().invites.push(inv);
		return ok(inv);
	}));
	sim.route('PATCH', '/programs/:id/marketplace', (req) => ok({ programId: req.params.id, ...body(req) }));
	sim.route('POST', '/programs/:id/connect-stripe', (req) =>
		ok({ connected: false, method: 'oauth_url', programId: req.params.id, authUrl: 'https://connect.stripe.com/oauth/authorize', message: 'Continue in Stripe.' }),
	);
	sim.route('DELETE', '/programs/:id/connect-stripe', (req) => ok({ success: true, programId: req.params.id }));
	sim.route('GET', '/programs/:id/tracking/status', (req) => ok({ programId: req.params.id, status: 'ok', health: { scriptInstalled: { complete: true } } }));

	// Applications and affiliates
	sim.route('GET', '/applications', (req) => list(filterBy(s().applications, req, ['status', 'programId']), req));
	sim.route('GET', '/applications/:id', byId(() => s().applications));
	for (const [action, status] of [['approve', 'approved'], ['decline', 'declined'], ['block', 'blocked']]) {
		sim.route('POST', `/applications/:id/${action}`, setStatus(() => s().applications, status, (req) => ({ note: body(req).note ?? null })));
	}
	sim.route('GET', '/affiliates', (req) => {
		let items = filterBy(s().affiliates, req, ['programId', 'status']);
		if (req.query.search) items = items.filter((a) => JSON.stringify(a).toLowerCase().includes(req.query.search.toLowerCase()));
		if (req.query.sortBy) {
			const k = req.query.sortBy;
			items = [...items].sort((a, b) => (String(a[k]) < String(b[k]) ? -1 : 1));
			if (req.query.sortOrder === 'desc') items.reverse();
		}
		return list(items, req);
	});
	sim.route('GET', '/affiliates/:id', (req) => {
		const a = find(s().affiliates, 'id', req.params.id);
		if (!a) return fail(404, 'NOT_FOUND', `Affiliate not found: ${req.params.id}`);
		return ok(req.query.include === 'stats' ? { ...a, stats: { clicks: a.totalClicks } } : a);
	});
	sim.route('POST', '/affiliates/:id/block', setStatus(() => s().affiliates, 'blocked', (req) => ({ blockReason: body(req).reason ?? null })));
	sim.route('POST', '/affiliates/:id/unblock', setStatus(() => s().affiliates, 'approved'));

	// Conversions, payouts, flags
	const inRange = (r: Rec, req: SimRequest) => {
		const from = req.query.startDate ?? req.query.from;
		const to = req.query.endDate ?? req.query.to;
		return (!from || String(r.createdAt) >= from) && (!to || String(r.createdAt) <= to);
	};
	sim.route('GET', '/conversions', (req) => list(filterBy(s().conversions, req, ['programId', 'affiliateId', 'status']).filter((r) => inRange(r, req)), req));
	sim.route('GET', '/conversions/stats', (req) => ok({ total: s().conversions.length, pending: 0, approved: 0, totalRevenue: 0, totalCommissions: 0, period: req.query.period ?? null }));
	sim.route('GET', '/conversions/recent', (req) => ok([...s().conversions].reverse().slice(0, Number(req.query.limit ?? 10))));
	sim.route('GET', '/payouts', (req) => list(filterBy(s().payouts, req, ['programId', 'affiliateId', 'status']).filter((r) => inRange(r, req)), req));
	sim.route('GET', '/payouts/pending', (req) => list(filterBy(s().pendingPayouts, req, ['programId']), req));
	sim.route('GET', '/payouts/stats', () => ok({ totalPaid: 0, totalPending: 6000, count: s().payouts.length }));
	sim.route('POST', '/payouts', idem((req) => {
		const b = body(req);
		if (!b.affiliateId || !b.programId || !b.method) return fail(400, 'VALIDATION_ERROR', 'affiliateId, programId and method are required');
		const p = { id: nextId('pay'), ...b, amount: 6000, status: 'pending', createdAt: now(), completedAt: null };
		s().payouts.push(p);
		return ok(p, 201);
	}));
	sim.route('GET', '/flags', (req) => list(filterBy(s().flags, req, ['status', 'type', 'affiliateId']), req));
	sim.route('GET', '/flags/stats', () => ok({ open: s().flags.filter((f) => f.status === 'open').length, reviewed: 0, dismissed: 0, confirmed: 0, total: s().flags.length }));
	sim.route('POST', '/flags/:id/resolve', idem((req) => {
		const f = find(s().flags, 'id', req.params.id);
		if (!f) return fail(404, 'NOT_FOUND', 'Flag not found');
		const b = body(req);
		if (!b.status) return fail(400, 'VALIDATION_ERROR', 'status is required');
		Object.assign(f, { status: b.status, note: b.note ?? null, resolvedAt: now() });
		return ok(f);
	}));

	// Billing, merchant, onboarding
	sim.route('GET', '/billing', () => ok(s().billing));
	sim.route('GET', '/billing/tiers', () => ok(['free', 'starter', 'growth', 'pro'].map((id, i) => ({ id, name: id, price: i * 4900, bookable: i > 0 }))));
	sim.route('POST', '/billing/subscribe', idem((req) => {
		s().billing.tier = body(req).tier;
		return ok(s().billing);
	}));
	sim.route('GET', '/merchant', () => ok(s().merchant));
	sim.route('PATCH', '/merchant', (req) => ok(Object.assign(s().merchant, body(req))));
	sim.route('GET', '/merchant/notifications', () => ok(s().notifications));
	sim.route('PUT', '/merchant/notifications', (req) => ok(Object.assign(s().notifications, body(req))));
	sim.route('POST', '/onboarding/merchant', (req) => ok({ merchantId: 'merch_1', companyName: body(req).companyName }));
	sim.route('POST', '/onboarding/complete', () => ok({ onboardingCompleted: true, onboardingStep: 4 }));

	// Webhook endpoints
	sim.route('GET', '/webhooks', (req) => ok(s().webhooks.filter((w) => !req.query.programId || w.programId === req.query.programId)));
	sim.route('POST', '/webhooks', (req) => {
		const b = body(req);
		if (!b.name || !b.url || !Array.isArray(b.subscribedEvents) || !b.subscribedEvents.length) {
			return fail(400, 'VALIDATION_ERROR', 'name, url and subscribedEvents are required');
		}
		const secret = `whsec_${Buffer.from(nextId('secret').padEnd(24, 'x')).toString('base64')}`;
		const endpoint = { id: nextId('wh'), name: b.name, url: b.url, status: 'active', programId: b.programId ?? null, schemaVersion: 2, subscribedEvents: b.subscribedEvents, secretLastFour: secret.slice(-4), createdAt: now(), updatedAt: now(), disabledAt: null };
		s().webhooks.push(endpoint);
		s().secrets[endpoint.id] = secret;
		return ok({ endpoint, signingSecret: secret }, 201);
	});
	sim.route('GET', '/webhooks/:id', byId(() => s().webhooks));
	sim.route('PATCH', '/webhooks/:id', (req) => {
		const w = find(s().webhooks, 'id', req.params.id);
		if (!w) return fail(404, 'NOT_FOUND', 'Webhook not found');
		return ok(Object.assign(w, body(req), { updatedAt: now() }));
	});
	sim.route('DELETE', '/webhooks/:id', (req) => {
		const i = s().webhooks.findIndex((w) => w.id === req.params.id);
		if (i < 0) return fail(404, 'NOT_FOUND', 'Webhook not found');
		s().webhooks.splice(i, 1);
		return ok({ success: true });
	});
	sim.route('POST', '/webhooks/:id/rotate-secret', (req) => {
		const w = find(s().webhooks, 'id', req.params.id);
		if (!w) return fail(404, 'NOT_FOUND', 'Webhook not found');
		const secret = `whsec_${Buffer.from(nextId('rotated').padEnd(24, 'y')).toString('base64')}`;
		s().secrets[String(w.id)] = secret;
		w.secretLastFour = secret.slice(-4);
		return ok({ endpoint: w, signingSecret: secret });
	});

	// Marketing resources (merchant side, snake_case bodies)
	const resource = (req: SimRequest, param = 'id') => find(s().resources, 'id', req.params[param]);
	const needsProgram = (handler: (req: SimRequest, r: Rec) => SimResponse) => (req: SimRequest) => {
		if (!body(req).program_id) return fail(400, 'VALIDATION_ERROR', 'program_id is required');
		const r = resource(req);
		return r ? handler(req, r) : fail(404, 'NOT_FOUND', 'Resource not found');
	};
	sim.route('GET', '/programs/:id/marketing-resources', (req) => ok(sliceByOffset(s().resources.filter((r) => r.programId === req.params.id && (!req.query.status || r.status === req.query.status)), req.query)));
	sim.route('POST', '/programs/:id/marketing-resources/social-posts', idem((req) => {
		const b = body(req);
		if (!b.title || !b.body || !Array.isArray(b.platforms)) return fail(400, 'VALIDATION_ERROR', 'title, body and platforms are required');
		const r = { id: nextId('res'), programId: req.params.id, kind: 'social_posts', media: [], status: 'draft', ...b };
		s().resources.push(r);
		return ok(r, 201);
	}));
	sim.route('PATCH', '/marketing-resources/social-posts/:id', needsProgram((req, r) => ok(Object.assign(r, body(req)))));
	sim.route('POST', '/marketing-resources/social-posts/:id/media/upload-sessions', idem(needsProgram((req) => ok({ bucket: 'media', upload_path: `uploads/${body(req).file_name}`, upload_token: 'upl_tok', signed_url: 'https://storage.example.com/upload', expires_in_seconds: 600 }))));
	sim.route('POST', '/marketing-resources/social-posts/:id/media/complete', idem(needsProgram((req, r) => {
		(r.media as Rec[]).push({ id: nextId('med'), file_name: body(req).file_name, alt_text: body(req).alt_text ?? null });
		return ok(r);
	})));
	sim.route('POST', '/marketing-resources/social-posts/:id/media/reorder', idem(needsProgram((req, r) => {
		const ids = body(req).media_ids as string[];
		r.media = ids.map((id) => ({ id }));
		return ok(r.media);
	})));
	sim.route('PATCH', '/marketing-resources/social-posts/:id/media/:mediaId', needsProgram((req, r) => ok({ ...r, updatedMedia: req.params.mediaId })));
	sim.route('DELETE', '/marketing-resources/social-posts/:id/media/:mediaId', needsProgram((req, r) => {
		r.media = (r.media as Rec[]).filter((m) => m.id !== req.params.mediaId);
		return ok({ removed: true, media_id: req.params.mediaId });
	}));
	sim.route('POST', '/marketing-resources/social-posts/:id/media/:mediaId/replace', idem(needsProgram((req, r) => ok({ ...r, replacedMedia: req.params.mediaId }))));
	sim.route('POST', '/marketing-resources/:id/publish', idem(needsProgram((req, r) => {
		r.status = 'published';
		return ok({ resource: r, notification: { requested: body(req).notify_affiliates === true } });
	})));
	sim.route('POST', '/marketing-resources/:id/unpublish', idem(needsProgram((_req, r) => ok(Object.assign(r, { status: 'draft' })))));
	sim.route('POST', '/marketing-resources/:id/archive', idem(needsProgram((_req, r) => ok(Object.assign(r, { status: 'archived' })))));
	sim.route('POST', '/marketing-resources/:id/notify', idem(needsProgram((_req, r) => ok({ resourceId: r.id, accepted: true }))));
	sim.route('POST', '/marketing-resources/download-url', idem((req) =>
		body(req).program_id ? ok({ url: 'https://cdn.example.com/file', expires_at: '2027-01-01T00:00:00Z', target: body(req) }) : fail(400, 'VALIDATION_ERROR', 'program_id is required'),
	));

	return sim;
}
