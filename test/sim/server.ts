/**
 * A small HTTP server on loopback that the service simulators build on: routing on the raw
 * (still percent-encoded) path, a request log, and injectable faults.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Query = Record<string, string>;

export interface LoggedRequest {
	method: string;
	/** Path below the simulator's prefix, still percent-encoded as it arrived. */
	path: string;
	query: Query;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	body: unknown;
	/** When the request arrived (ms since epoch) and the status it was answered with. */
	at: number;
	status?: number;
}

export interface SimRequest extends LoggedRequest {
	params: Record<string, string>;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as-is instead of JSON. */
	raw?: string;
}

export type Fault =
	| { kind: 'status'; status: number; body?: unknown; raw?: string; headers?: Record<string, string> }
	/** Close the connection without answering and without handling the request. */
	| { kind: 'reset' }
	/** Handle (commit) the request, then close the connection without answering. */
	| { kind: 'dropAfterCommit' }
	/** Wait before handling. */
	| { kind: 'delay'; ms: number }
	/** Handle, then answer 200 with a body that is not JSON. */
	| { kind: 'malformed' }
	/** Answer an HTML error page, as a proxy in front of an API would. */
	| { kind: 'html'; status: number }
	/** Answer 204 with no body. */
	| { kind: 'empty' }
	/** Handle, then answer with a field of `bytes` characters added to the first record. */
	| { kind: 'huge'; bytes: number }
	/**
	 * Answer with the request's URL (query included) and Authorization header echoed back, as
	 * some APIs and proxies do: in a JSON error body (`message` and `error.message`, which every
	 * simulated API's error format reads), as plain text or as an HTML page; also in a header.
	 */
	| { kind: 'echo'; status: number; format: 'json' | 'text' | 'html' };

/** How `limitRate` answers. */
export interface RateLimitOptions {
	/**
	 * The Retry-After of a 429 (default '1'), or a function of how many were refused before that
	 * gives it (undefined: none), for APIs that send it only sometimes or never.
	 */
	retryAfter?: string | ((refused: number) => string | undefined);
	/**
	 * Send X-RateLimit-Limit, -Remaining and -Reset (seconds until a slot frees, to the
	 * millisecond or rounded up to whole seconds) on every answer.
	 */
	headers?: boolean | 'whole seconds';
}

interface FaultRule {
	fault: Fault;
	method?: string;
	path?: string | RegExp;
	remaining: number;
}

type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
	method: string;
	segments: string[];
	handler: Handler;
}

export class SimServer {
	readonly log: LoggedRequest[] = [];

	private readonly routes: Route[] = [];

	private faults: FaultRule[] = [];

	private server?: http.Server;

	private readonly sockets = new Set<Socket>();

	private rate?: {
		perSecond: number;
		windows: Map<string, number[]>;
		keyOf?: (headers: http.IncomingHttpHeaders) => string;
		options: RateLimitOptions;
		refused: number;
	};

	baseUrl = '';

	/** How far the API's clock is from this machine's: its `Date` header and stamps follow it. */
	clockOffsetMs = 0;

	/** Called with each request before it is handled: tests change the state between two requests with it. */
	beforeHandle?: (req: LoggedRequest) => void;

	/** The API's own clock, for records the simulator stamps. */
	now(): Date {
		return new Date(Date.now() + this.clockOffsetMs);
	}

	constructor(
		readonly prefix: string,
		private readonly notFound: (req: SimRequest) => SimResponse,
		private readonly authorize: (req: SimRequest) => SimResponse | undefined = () => undefined,
	) {}

	route(method: string, pattern: string, handler: Handler) {
		this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
		return this;
	}

	/** The next `times` requests matching method/path get this fault. */
	inject(fault: Fault, match: { method?: string; path?: string | RegExp; times?: number } = {}) {
		this.faults.push({ fault, method: match.method, path: match.path, remaining: match.times ?? 1 });
	}

	/**
	 * Answer 429 with Retry-After past this many requests per second (a sliding window), counted
	 * per key when `keyOf` is given (as an API counts per API key), otherwise over all requests.
	 */
	limitRate(perSecond: number | undefined, keyOf?: (headers: http.IncomingHttpHeaders) => string, options: RateLimitOptions = {}) {
		this.rate = perSecond ? { perSecond, windows: new Map(), keyOf, options, refused: 0 } : undefined;
	}

	clearFaults() {
		this.faults = [];
		this.rate = undefined;
	}

	resetLog() {
		this.log.length = 0;
	}

	/** The requests that reached the simulator, optionally only those to one method and path. */
	requests(method?: string, path?: string) {
		return this.log.filter((r) => (!method || r.method === method) && (!path || r.path === path));
	}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}${this.prefix}`;
		return this.baseUrl;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const rule = this.faults.find(
			(f) =>
				f.remaining > 0 &&
				(!f.method || f.method === method) &&
				(!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
		);
		if (!rule) return undefined;
		rule.remaining--;
		if (rule.remaining === 0) this.faults = this.faults.filter((f) => f !== rule);
		return rule.fault;
	}

	/** The 429 to send when the request is over the rate; otherwise the rate-limit headers to add, if any. */
	private overRate(headers: http.IncomingHttpHeaders): { refuse?: SimResponse; headers?: Record<string, string> } {
		if (!this.rate) return {};
		const now = Date.now();
		const { perSecond, options } = this.rate;
		const key = this.rate.keyOf?.(headers) ?? '';
		const window = (this.rate.windows.get(key) ?? []).filter((t) => now - t < 1000);
		this.rate.windows.set(key, window);
		const over = window.length >= perSecond;
		if (!over) window.push(now);
		// Seconds until the oldest request in the window leaves it and frees a slot: to the
		// millisecond (as some APIs send it), or rounded up to whole seconds.
		const untilFree = (window[0] ?? now) + 1000 - now;
		const limitHeaders = options.headers
			? {
					'x-ratelimit-limit': String(perSecond),
					'x-ratelimit-remaining': String(perSecond - window.length),
					'x-ratelimit-reset': options.headers === 'whole seconds' ? String(Math.max(1, Math.ceil(untilFree / 1000))) : (untilFree / 1000).toFixed(3),
				}
			: undefined;
		if (!over) return { headers: limitHeaders };
		const retryAfter = typeof options.retryAfter === 'function' ? options.retryAfter(this.rate.refused) : (options.retryAfter ?? '1');
		this.rate.refused++;
		return {
			refuse: {
				status: 429,
				headers: { ...limitHeaders, ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) },
				body: { error: 'rate limited' },
			},
		};
	}

	private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
		const segments = path.split('/').filter(Boolean);
		for (const route of this.routes) {
			if (route.method !== method || route.segments.length !== segments.length) continue;
			const params: Record<string, string> = {};
			const ok = route.segments.every((seg, i) => {
				if (seg.startsWith(':')) {
					params[seg.slice(1)] = decodeURIComponent(segments[i]);
					return true;
				}
				return seg === segments[i];
			});
			if (ok) return { route, params };
		}
		return undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = req.url ?? '/';
		const [rawPath, rawQuery = ''] = url.split('?');
		const path = rawPath.startsWith(this.prefix) ? rawPath.slice(this.prefix.length) || '/' : rawPath;
		const query: Query = {};
		for (const [k, v] of new URLSearchParams(rawQuery)) query[k] = v;
		let body: unknown = undefined;
		if (rawBody) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = rawBody;
			}
		}
		const method = req.method ?? 'GET';
		const logged: LoggedRequest = { method, path, query, headers: req.headers, rawBody, body, at: Date.now() };
		this.log.push(logged);
		this.beforeHandle?.(logged);

		let send = (response: SimResponse) => {
			const headers: Record<string, string> = { ...(response.headers ?? {}) };
			if (this.clockOffsetMs) headers.date ??= this.now().toUTCString();
			let payload = '';
			if (response.raw !== undefined) payload = response.raw;
			else if (response.body !== undefined) {
				payload = JSON.stringify(response.body);
				headers['content-type'] ??= 'application/json';
			}
			logged.status = response.status;
			res.writeHead(response.status, headers);
			res.end(response.status === 204 ? undefined : payload);
		};

		const rate = this.overRate(req.headers);
		if (rate.refuse) {
			send(rate.refuse);
			return;
		}
		if (rate.headers) {
			const answer = send;
			send = (response) => answer({ ...response, headers: { ...rate.headers, ...response.headers } });
		}
		const fault = this.takeFault(method, path);
		if (fault?.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			send({ status: fault.status, body: fault.body, raw: fault.raw, headers: fault.headers });
			return;
		}
		if (fault?.kind === 'html') {
			send({
				status: fault.status,
				raw: `<html><body><h1>${fault.status} Error</h1></body></html>`,
				headers: { 'content-type': 'text/html' },
			});
			return;
		}
		if (fault?.kind === 'echo') {
			const echoed = `No route for ${method} ${url}; Authorization: ${String(req.headers.authorization ?? '')}`;
			const headers = { 'x-request-id': echoed.replace(/[^\x20-\x7e]/g, '') };
			if (fault.format === 'json') send({ status: fault.status, body: { message: echoed, error: { code: 'ECHO', message: echoed } }, headers });
			else if (fault.format === 'text') send({ status: fault.status, raw: echoed, headers: { ...headers, 'content-type': 'text/plain' } });
			else send({ status: fault.status, raw: `<html><body><h1>Error</h1><p>${echoed}</p></body></html>`, headers: { ...headers, 'content-type': 'text/html' } });
			return;
		}
		if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
		if (res.destroyed || req.socket.destroyed) return;

		const found = this.match(method, path);
		const simReq: SimRequest = { ...logged, params: found?.params ?? {} };
		const denied = this.authorize(simReq);
		let response: SimResponse;
		if (denied) response = denied;
		else if (!found) response = this.notFound(simReq);
		else {
			try {
				response = await found.route.handler(simReq);
			} catch (error) {
				response = { status: 500, body: { error: String(error) } };
			}
		}

		if (fault?.kind === 'dropAfterCommit') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'malformed') {
			send({ status: 200, raw: '{"data": [trunc', headers: { 'content-type': 'application/json' } });
			return;
		}
		if (fault?.kind === 'empty') {
			send({ status: 204 });
			return;
		}
		if (fault?.kind === 'huge' && response.status < 300) {
			// A copy: handlers may answer with the stored records themselves.
			response = { ...response, body: structuredClone(response.body) };
			padFirstRecord(response.body, fault.bytes);
		}
		send(response);
	}
}

/** Adds `padding` to the first record of any of the simulated APIs' envelopes. */
function padFirstRecord(body: unknown, bytes: number): void {
	if (Array.isArray(body)) return padFirstRecord(body[0], bytes);
	if (typeof body !== 'object' || body === null) return;
	const record = body as Record<string, unknown>;
	for (const envelope of ['data', 'details', 'value']) {
		if (envelope in record && typeof record[envelope] === 'object') return padFirstRecord(record[envelope], bytes);
	}
	record.padding = 'x'.repeat(bytes);
}
