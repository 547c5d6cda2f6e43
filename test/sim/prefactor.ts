/**
 * A stateful Prefactor simulator, faithful to ../shared/apis/prefactor.md: Bearer tokens,
 * `{status, details}` / `{status, summaries, pagination}` envelopes, `pagination[offset]` and
 * `pagination[page_size]` (≤100) with `next_page_offset`, body idempotency keys with replay,
 * the run state machine (409 on finishing twice), and `{status:"error", code, message, errors}`.
 */
import { createHash } from 'node:crypto';

import type { SimRequest, SimResponse } from './server';
import { SimServer } from './server';

type Rec = Record<string, unknown>;

export const PREFACTOR_TOKEN = 'pf_sim_token_0123456789';

const ok = (details: unknown, extra: Rec = {}): SimResponse => ({ status: 200, body: { status: 'success', details, ...extra } });
const raw = (body: Rec): SimResponse => ({ status: 200, body: { status: 'success', ...body } });
const fail = (status: number, code: string, message: string, errors?: Rec): SimResponse => ({ status, body: { status: 'error', code, message, ...(errors ? { errors } : {}) } });

/** `sorting=<field>` or `-<field>` (descending, nulls first as Postgres does), ties by id in the same direction. */
function sorted(items: Rec[], sorting: string | undefined): Rec[] {
	if (!sorting) return items;
	const desc = sorting.startsWith('-');
	const field = sorting.replace(/^-/, '');
	const key = (r: Rec) => (r[field] === null || r[field] === undefined ? null : String(r[field]));
	return [...items].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const byField = ka === kb ? 0 : ka === null ? (desc ? -1 : 1) : kb === null ? (desc ? 1 : -1) : (ka < kb ? -1 : 1) * (desc ? -1 : 1);
		return byField || (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0) * (desc ? -1 : 1);
	});
}

export function listPage(unsorted: Rec[], query: Record<string, string>): SimResponse {
	const items = sorted(unsorted, query.sorting);
	const size = Number(query['pagination[page_size]'] ?? 25);
	const offset = Number(query['pagination[offset]'] ?? 0);
	if (!Number.isInteger(size) || size < 1 || size > 100) return fail(422, 'validation_errors', 'Invalid pagination', { 'pagination.page_size': ['must be between 1 and 100'] });
	const next = offset + size < items.length ? offset + size : null;
	return raw({ summaries: items.slice(offset, offset + size), pagination: { item_count: items.length, page_size: size, page_offset: offset, next_page_offset: next, previous_page_offset: offset > 0 ? Math.max(0, offset - size) : null }, sorting: null });
}

export interface PrefactorSim extends SimServer {
	state: Record<string, Rec[]>;
	/** Where this server reads span create's idempotency key (the SDKs disagree; see §12). */
	spanKeyIn: 'top' | 'details';
	/**
	 * Stops a run the way an operator's Terminate in Prefactor would, at the moment a span is
	 * created: return a reason for the span (its details) that should find its run terminated.
	 */
	terminateWhen?: (span: Rec) => string | undefined;
	/** The spans of one run as a tree (children in the order they were stored). */
	spanTree(instanceId: string): SpanNode[];
}

export interface SpanNode {
	span: Rec;
	children: SpanNode[];
}

let counter = 0;
/** A PFID-shaped id (32 Crockford base32 characters starting 0–7). */
export const pfid = () => `01${(++counter).toString(32).padStart(30, '0')}`;

export function createPrefactorSim(): PrefactorSim {
	const sim = new SimServer(
		'/api/v1',
		() => fail(404, 'not_found', 'Not found'),
		(req) => (req.headers.authorization === `Bearer ${PREFACTOR_TOKEN}` ? undefined : fail(401, 'bad_authtoken', 'Invalid or expired token')),
	) as PrefactorSim;
	const seedTime = '2026-01-01T00:00:00Z';
	sim.spanKeyIn = 'top';
	sim.state = {
		agent: [{ type: 'agent', id: 'agent_1', name: 'Support Bot', external_identifier: 'support-bot', status: 'active', inserted_at: seedTime }],
		agent_instance: [{ type: 'agent_instance', id: 'inst_done', agent_id: 'agent_1', status: 'complete' }],
		agent_spans: [{ type: 'agent_span', id: 'span_1', agent_instance_id: 'inst_done', agent_id: 'agent_1', schema_name: 'agent:llm', status: 'complete', payload: { q: 1 }, sensitive_encoding: false }],
		agent_version: [{ type: 'agent_version', id: 'ver_1', agent_id: 'agent_1', external_identifier: '1.0.0' }],
		agent_schema_version: [{ type: 'agent_schema_version', id: 'sv_1', agent_id: 'agent_1', external_identifier: 'v1.0.0' }],
		agent_deployment: [{ type: 'agent_deployment', id: 'dep_1', agent_id: 'agent_1', environment_id: 'env_1', current_version_id: 'ver_1' }, { type: 'agent_deployment', id: 'dep_2', agent_id: 'agent_1', environment_id: 'env_2', current_version_id: null }],
		environment: [{ type: 'environment', id: 'env_1', account_id: 'acc_1', name: 'production', external_identifier: 'prod' }, { type: 'environment', id: 'env_2', account_id: 'acc_1', name: 'staging' }],
		account: [{ type: 'account', id: 'acc_1', name: 'Acme' }],
		api_token: [{ type: 'api_token', id: 'tok_1', account_id: 'acc_1', token_scope: 'account', status: 'active' }, { type: 'api_token', id: 'tok_2', account_id: 'acc_1', token_scope: 'account', status: 'revoked' }],
		admin_user: [{ type: 'admin_user', id: 'adm_1', account_id: 'acc_1', email: 'admin@example.com', name: 'Ada' }],
		admin_user_invite: [{ type: 'admin_user_invite', id: 'inv_1', account_id: 'acc_1', email: 'new@example.com', status: 'pending' }],
		person: [{ type: 'person', id: 'per_1', email: 'p@example.com', name: 'Pat', team_ids: ['team_1'] }, { type: 'person', id: 'per_2', email: 'q@example.com', name: 'Quinn', team_ids: [] }],
		team: [{ type: 'team', id: 'team_1', name: 'Platform' }, { type: 'team', id: 'team_2', name: 'Old' }],
		risk_profile: [{ type: 'risk_profile', id: 'rp_1', name: 'Standard', ruleset: {} }, { type: 'risk_profile', id: 'rp_2', name: 'Old', ruleset: {} }],
		alerts: [{ type: 'alert', id: 'al_1', agent_instance_id: 'inst_done', name: 'cost', severity: 'warning', status: 'raised' }],
		account_integration: [{ type: 'account_integration', id: 'int_1', integration_type: 'slack', status: 'active', config: {} }, { type: 'account_integration', id: 'int_2', integration_type: 'slack', status: 'paused', config: {} }],
	};
	const coll = (name: string) => (sim.state[name] ??= []);
	const body = (req: SimRequest) => (req.body ?? {}) as Rec;
	const find = (name: string, id: string) => coll(name).find((r) => r.id === id);

	// Replays: the same idempotency_key with the same body answers the first result.
	const replays = new Map<string, { hash: string; response: SimResponse }>();
	const keyed = (handler: (req: SimRequest) => SimResponse, keyOf = (req: SimRequest) => body(req).idempotency_key) => (req: SimRequest): SimResponse => {
		const key = keyOf(req) as string | undefined;
		if (key !== undefined && (typeof key !== 'string' || key.length > 64)) return fail(422, 'validation_errors', 'Invalid idempotency key', { idempotency_key: ['must be at most 64 characters'] });
		if (!key) return handler(req);
		const hash = createHash('sha256').update(`${req.method} ${req.path} ${req.rawBody}`).digest('hex');
		const seen = replays.get(key);
		if (seen) return seen.hash === hash ? seen.response : fail(409, 'idempotency_key_already_used', 'Idempotency key already used with another request');
		const response = handler(req);
		if (response.status < 300) replays.set(key, { hash, response });
		return response;
	};

	const filterList = (name: string, req: SimRequest, keys: string[]) =>
		coll(name).filter((r) => keys.every((k) => req.query[k] === undefined || r[k] === req.query[k]));

	/** Generic collection routes: list (with filters), get, create, update, delete. */
	const collection = (name: string, filters: string[], required: string[], extra: Rec = {}) => {
		sim.route('GET', `/${name}`, (req) => listPage(filterList(name, req, filters), req.query));
		sim.route('POST', `/${name}`, keyed((req) => {
			const details = body(req).details as Rec | undefined;
			const missing = required.filter((k) => !details?.[k]);
			if (!details || missing.length) return fail(422, 'validation_errors', 'Validation failed', Object.fromEntries(missing.map((k) => [k, ['Required field']])));
			const rec = { type: name, id: details.id ?? pfid(), ...extra, ...details, inserted_at: new Date().toISOString() };
			coll(name).push(rec);
			return name === 'api_token' ? ok(rec, { token: `pf_secret_${String(rec.id)}` }) : ok(rec);
		}));
	};
	const item = (name: string) => {
		sim.route('GET', `/${name}/:id`, (req) => {
			const rec = find(name, req.params.id);
			return rec ? ok(rec) : fail(404, 'not_found', `${name} not found`);
		});
		sim.route('PUT', `/${name}/:id`, keyed((req) => {
			const rec = find(name, req.params.id);
			if (!rec) return fail(404, 'not_found', `${name} not found`);
			return ok(Object.assign(rec, (body(req).details ?? {}) as Rec));
		}));
		sim.route('DELETE', `/${name}/:id`, keyed((req) => {
			const list = coll(name);
			const i = list.findIndex((r) => r.id === req.params.id);
			if (i < 0) return fail(404, 'not_found', `${name} not found`);
			if (name === 'api_token' && list[i].status !== 'revoked') return fail(409, 'invalid_action', 'Only revoked tokens can be deleted');
			return ok(list.splice(i, 1)[0]);
		}));
	};
	const show = (name: string, idParam: string) =>
		sim.route('GET', `/${name}/show`, (req) => {
			const rec = coll(name).find((r) => (req.query[idParam] && r.id === req.query[idParam]) || (req.query.external_identifier && r.external_identifier === req.query.external_identifier));
			if (!rec) return fail(404, 'not_found', `${name} not found`);
			// Agent show: `environment_id` scopes the instance counts to one environment.
			if (name === 'agent' && req.query.include_counts === 'true') {
				const runs = coll('agent_instance').filter((i) => i.agent_id === rec.id && (!req.query.environment_id || i.environment_id === req.query.environment_id));
				return ok({ ...rec, counts: { instances: runs.length } });
			}
			return ok(rec);
		});
	const setStatus = (name: string, verb: string, status: string, from?: string[]) =>
		sim.route('POST', `/${name}/:id/${verb}`, keyed((req) => {
			const rec = find(name, req.params.id);
			if (!rec) return fail(404, 'not_found', `${name} not found`);
			if (from && !from.includes(String(rec.status))) return fail(409, 'invalid_action', `Cannot ${verb} from ${String(rec.status)}`);
			rec.status = status;
			return ok(rec);
		}));

	show('agent', 'agent_id');
	collection('agent', ['risk_profile_id', 'team_id', 'owner_person_id'], ['name'], { status: 'pending' });
	item('agent');
	setStatus('agent', 'retire', 'retired', ['active', 'pending', 'dormant']);
	setStatus('agent', 'reinstate', 'active', ['retired']);

	show('agent_instance', 'agent_instance_id');
	sim.route('GET', '/agent_instance', (req) => (req.query.agent_id ? listPage(filterList('agent_instance', req, ['agent_id', 'agent_version_id']), req.query) : fail(422, 'validation_errors', 'agent_id is required', { agent_id: ['Required field'] })));
	sim.route('POST', '/agent_instance/register', keyed((req) => {
		const b = body(req);
		const version = b.agent_version as Rec | undefined;
		const schema = b.agent_schema_version as Rec | undefined;
		const errors: Rec = {};
		if (!version?.name || !version?.external_identifier) errors.agent_version = ['name and external_identifier are required'];
		if (!schema?.external_identifier) errors.agent_schema_version = ['external_identifier is required'];
		if (Object.keys(errors).length) return fail(422, 'validation_errors', 'Validation failed', errors);
		const rec = { type: 'agent_instance', id: b.id ?? pfid(), agent_id: b.agent_id ?? 'agent_1', environment_id: b.environment_id ?? 'env_1', status: 'pending', purpose: b.purpose ?? 'live', started_at: null, finished_at: null, quality_payloads: {} };
		coll('agent_instance').push(rec);
		return ok(rec);
	}));
	const instanceAction = (verb: string, apply: (rec: Rec, b: Rec) => SimResponse | undefined) =>
		sim.route('POST', `/agent_instance/:id/${verb}`, keyed((req) => {
			const rec = find('agent_instance', req.params.id);
			if (!rec) return fail(404, 'not_found', 'Agent instance not found');
			return apply(rec, body(req)) ?? ok(rec);
		}));
	instanceAction('start', (rec, b) => {
		if (rec.status !== 'pending') return fail(409, 'invalid_action', 'Only a pending instance can start');
		Object.assign(rec, { status: 'active', started_at: b.timestamp });
		return undefined;
	});
	instanceAction('finish', (rec, b) => {
		const status = (b.status as string) ?? 'complete';
		if (!['pending', 'active'].includes(String(rec.status))) return fail(409, 'invalid_action', 'Instance already finished');
		if (status === 'cancelled' && rec.status !== 'pending') return fail(409, 'invalid_action', 'Only a pending instance can be cancelled');
		Object.assign(rec, { status, finished_at: b.timestamp ?? new Date().toISOString() });
		return undefined;
	});
	instanceAction('record_quality', (rec, b) => {
		(rec.quality_payloads as Rec)[String(b.name)] = b.payload;
		return undefined;
	});
	instanceAction('terminate', (rec, b) => {
		if (rec.status !== 'active') return fail(409, 'invalid_action', 'Only an active instance can be terminated');
		Object.assign(rec, { status: 'terminated', termination_reason: b.reason, finished_at: b.timestamp });
		return undefined;
	});
	sim.route('GET', '/agent_instance/:id/agent_context', (req) => (find('agent_instance', req.params.id) ? raw({ agent_context: { body: { format: 'agent_context_v1', spans: coll('agent_spans').filter((s) => s.agent_instance_id === req.params.id) }, generated_at: seedTime, span_count: 1 } }) : fail(404, 'not_found', 'Agent instance not found')));
	item('agent_instance');

	sim.route('GET', '/agent_spans', (req) => listPage(filterList('agent_spans', req, ['agent_instance_id', 'agent_id']), req.query));
	// The SDKs disagree on where span create's key goes (Python: inside `details`, TS: top level);
	// `spanKeyIn` picks which one this server honours, so tests can cover either reading.
	const spanKey = (req: SimRequest) =>
		sim.spanKeyIn === 'details' ? ((body(req).details as Rec | undefined)?.idempotency_key) : body(req).idempotency_key;
	/** Stores one span (from span create or a bulk item); the answer carries the run's control. */
	const createSpan = (details: Rec | undefined): SimResponse => {
		const { idempotency_key: _key, ...d } = (details ?? {}) as Rec;
		void _key;
		if (!d?.agent_instance_id || !d.schema_name || !d.status || typeof d.payload !== 'object') return fail(422, 'validation_errors', 'Validation failed', { details: ['agent_instance_id, schema_name, status and payload are required'] });
		if (d.result_payload !== undefined && d.result_payload !== null && !['complete', 'failed', 'cancelled'].includes(String(d.status))) return fail(422, 'validation_errors', 'Validation failed', { result_payload: ['only with a terminal status'] });
		if (d.parent_span_id && !find('agent_spans', String(d.parent_span_id))) return fail(422, 'validation_errors', 'Validation failed', { parent_span_id: ['does not exist'] });
		const instance = find('agent_instance', String(d.agent_instance_id));
		if (d.agent_instance_id !== 'inst_done' && !instance) return fail(404, 'not_found', 'Agent instance not found');
		const rec = { type: 'agent_span', id: d.id ?? pfid(), sensitive_encoding: false, ...d };
		coll('agent_spans').push(rec);
		const reason = instance && instance.status === 'active' ? sim.terminateWhen?.(rec) : undefined;
		if (instance && reason !== undefined) Object.assign(instance, { status: 'terminated', termination_reason: reason, finished_at: new Date().toISOString() });
		return ok(rec, { control: { terminate: instance?.status === 'terminated', reason: (instance?.termination_reason as string) ?? null } });
	};
	sim.route('POST', '/agent_spans', keyed((req) => createSpan(body(req).details as Rec | undefined), spanKey));
	sim.route('POST', '/agent_spans/create_test_spans', (req) => {
		const b = body(req);
		const made = Array.from({ length: Number(b.count ?? 1) }, () => ({ type: 'agent_span', id: pfid(), agent_instance_id: b.agent_instance_id, schema_name: 'test', status: 'complete' }));
		coll('agent_spans').push(...made);
		return raw({ ids: made.map((s) => s.id) });
	});
	sim.route('POST', '/agent_spans/:id/finish', keyed((req) => {
		const rec = find('agent_spans', req.params.id);
		if (!rec) return fail(404, 'not_found', 'Span not found');
		if (!['pending', 'active'].includes(String(rec.status))) return fail(409, 'invalid_action', 'Span already finished');
		const b = body(req);
		Object.assign(rec, { status: b.status ?? 'complete', result_payload: b.result_payload ?? null, finished_at: b.timestamp });
		return ok(rec, { control: { terminate: false, reason: null } });
	}));
	sim.route('POST', '/agent_spans/:id/discard_sensitive', (req) => {
		const rec = find('agent_spans', req.params.id);
		return rec ? ok(Object.assign(rec, { payload: {}, result_payload: null })) : fail(404, 'not_found', 'Span not found');
	});
	sim.route('GET', '/agent_spans/:id', (req) => {
		const rec = find('agent_spans', req.params.id);
		return rec ? ok(req.query.redacted === 'true' ? { ...rec, payload: { redacted: true } } : rec) : fail(404, 'not_found', 'Span not found');
	});

	collection('agent_version', ['agent_id'], ['agent_id', 'external_identifier']);
	item('agent_version');
	collection('agent_schema_version', ['agent_id'], ['agent_id', 'external_identifier']);
	item('agent_schema_version');
	collection('agent_deployment', ['agent_id'], ['agent_id', 'environment_id']);
	item('agent_deployment');
	show('environment', 'environment_id');
	collection('environment', ['account_id'], ['account_id', 'name']);
	item('environment');
	sim.route('GET', '/account', (req) => listPage(coll('account'), req.query));
	item('account');
	collection('api_token', ['account_id'], ['token_scope'], { status: 'active' });
	item('api_token');
	setStatus('api_token', 'suspend', 'suspended', ['active']);
	setStatus('api_token', 'activate', 'active', ['suspended']);
	setStatus('api_token', 'revoke', 'revoked', ['active', 'suspended']);
	sim.route('GET', '/admin_user', (req) => listPage(filterList('admin_user', req, ['account_id']), req.query));
	item('admin_user');
	collection('admin_user_invite', ['account_id'], ['email'], { status: 'pending' });
	item('admin_user_invite');
	setStatus('admin_user_invite', 'revoke', 'revoked', ['pending']);
	collection('person', ['team_id'], ['email', 'name']);
	item('person');
	collection('team', [], ['name']);
	item('team');
	sim.route('GET', '/risk_profile/template', (req) => raw({ ruleset: { name: req.query.template_name, thresholds: { medium: 10, high: 20, critical: 30 } } }));
	collection('risk_profile', [], ['name', 'ruleset']);
	item('risk_profile');
	sim.route('GET', '/alerts/count', (req) => raw({ count: filterList('alerts', req, ['status', 'severity']).length }));
	sim.route('GET', '/alerts', (req) => listPage(filterList('alerts', req, ['agent_instance_id', 'agent_id', 'environment_id', 'status', 'severity', 'name']), req.query));
	sim.route('GET', '/alerts/:id', (req) => (find('alerts', req.params.id) ? ok(find('alerts', req.params.id)) : fail(404, 'not_found', 'Alert not found')));
	for (const [verb, status] of [['raise', 'raised'], ['clear', 'cleared']]) {
		sim.route('POST', `/alerts/${verb}`, (req) => {
			const b = body(req);
			if (!b.agent_instance_id || !b.name) return fail(422, 'validation_errors', 'Validation failed', { agent_instance_id: ['Required field'] });
			let alert = coll('alerts').find((a) => a.agent_instance_id === b.agent_instance_id && a.name === b.name);
			const instance = coll('agent_instance').find((r) => r.id === b.agent_instance_id);
			if (!alert) coll('alerts').push((alert = { type: 'alert', id: pfid(), agent_id: instance?.agent_id, environment_id: instance?.environment_id, agent_instance_id: b.agent_instance_id, name: b.name }));
			const at = (b[`${status}_at`] as string | undefined) ?? new Date().toISOString();
			const stamps = status === 'raised' ? { raised_at: at, cleared_at: null } : { cleared_at: at };
			return ok(Object.assign(alert, { status, severity: b.severity ?? alert.severity, payload: b.payload ?? alert.payload, version: Number(alert.version ?? 0) + 1, ...stamps }));
		});
	}
	collection('account_integration', [], ['integration_type', 'status', 'config']);
	item('account_integration');
	sim.route('POST', '/account_integration/:id/test', (req) => (find('account_integration', req.params.id) ? raw({ delivered: true }) : fail(404, 'not_found', 'Integration not found')));
	sim.route('GET', '/ping', () => ok({ token_type: 'api' }));
	sim.route('POST', '/pfid/generate', (req) => raw({ pfids: Array.from({ length: Number(body(req).count ?? 1) }, () => pfid()) }));
	// Bulk: items in order, each in its own transaction with its own key (replayed like a single
	// request); processing stops at the first error, and later items are absent from the answer.
	sim.route('POST', '/bulk', (req) => {
		const items = body(req).items as Rec[] | undefined;
		if (!Array.isArray(items) || !items.length) return fail(422, 'validation_errors', 'items must not be empty');
		const keys = items.map((it) => it.idempotency_key);
		if (keys.some((k) => typeof k !== 'string' || k.length < 8 || k.length > 128) || new Set(keys).size !== keys.length) return fail(422, 'validation_errors', 'Each item needs a unique idempotency_key of 8 to 128 characters');
		const outputs: Rec = {};
		for (const it of items) {
			const key = String(it.idempotency_key);
			let answer: SimResponse;
			if (it._type === 'agents/list') answer = raw({ summaries: coll('agent') });
			else if (it._type === 'agent_spans/create') {
				const hash = createHash('sha256').update(JSON.stringify(it)).digest('hex');
				const seen = replays.get(key);
				if (seen) answer = seen.hash === hash ? seen.response : fail(409, 'idempotency_key_already_used', 'Idempotency key already used with another request');
				else {
					answer = createSpan(it.details as Rec | undefined);
					if (answer.status < 300) replays.set(key, { hash, response: answer });
				}
			} else answer = fail(400, 'not_implemented', `Unknown type ${String(it._type)}`);
			outputs[key] = answer.body;
			if (answer.status >= 300) break;
		}
		return raw({ outputs });
	});
	// For a driver outside this process (the end-to-end run): the `nth` span of a tool, in any run,
	// finds its run terminated with `reason`, as if an operator pressed Terminate just then.
	sim.route('POST', '/__terminate_when', (req) => {
		const { toolName, nth = 1, reason } = body(req) as { toolName?: string; nth?: number; reason?: string };
		const seen = new Map<string, number>();
		sim.terminateWhen = toolName
			? (span) => {
					if ((span.payload as Rec | undefined)?.tool_name !== toolName) return undefined;
					const count = (seen.get(String(span.agent_instance_id)) ?? 0) + 1;
					seen.set(String(span.agent_instance_id), count);
					return count === nth ? String(reason ?? 'Terminated by an operator') : undefined;
				}
			: undefined;
		return raw({ terminateWhen: toolName ? { toolName, nth, reason } : null });
	});
	sim.spanTree = (instanceId) => {
		const spans = coll('agent_spans').filter((s) => s.agent_instance_id === instanceId);
		const node = (span: Rec): SpanNode => ({ span, children: spans.filter((c) => c.parent_span_id === span.id).map(node) });
		return spans.filter((s) => !s.parent_span_id).map(node);
	};
	return sim;
}
