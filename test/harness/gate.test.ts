import { GateCancelled, HostGate } from '../../nodes/shared/gate';

/** Starts a request through the gate and returns when it started and how to answer it. */
async function start(gate: HostGate, t0: number) {
	const ticket = await gate.acquire();
	return { at: Date.now() - t0, since: ticket.since, limited: ticket.limited, answer: () => gate.release(ticket) };
}

describe('HostGate', () => {
	test('a request unanswered for the stall time gives its slot to a waiting one; an idle gate keeps no stall timer', async () => {
		const gate = new HostGate(1, 300);
		const t0 = Date.now();
		const hung = await start(gate, t0);
		const next = await start(gate, t0);
		expect(next.at - hung.at).toBeGreaterThanOrEqual(290);
		next.answer();
		hung.answer();

		// A waiter served before the stall time: the watch stops at once instead of sleeping on.
		const slow = new HostGate(1, 60_000);
		const first = await start(slow, t0);
		const second = start(slow, t0);
		const watching = () => (slow as unknown as { watching: boolean }).watching;
		expect(watching()).toBe(true);
		first.answer();
		(await second).answer();
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(watching()).toBe(false);
	});

	test('without a 429 it only bounds the requests in flight', async () => {
		const gate = new HostGate(2);
		const t0 = Date.now();
		const first = await start(gate, t0);
		const second = await start(gate, t0);
		let thirdStarted = false;
		const third = start(gate, t0).then((r) => ((thirdStarted = true), r));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(thirdStarted).toBe(false);
		first.answer();
		const { limited } = await third;
		expect([first.limited, second.limited, limited]).toEqual([false, false, false]);
	});

	test('after a 429 it allows as many per span as the API accepted, counting those in flight', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		// The API accepted three requests, then refused one asking for 1 s.
		for (let i = 0; i < 3; i++) gate.record(Date.now());
		gate.pause(1000);

		// The three accepted still fill the window: nobody starts before they age out (1.01 s).
		const a = await start(gate, t0);
		expect(a.at).toBeGreaterThanOrEqual(1000);
		expect(a.limited).toBe(true);
		const b = await start(gate, t0);
		const c = await start(gate, t0);
		expect(c.at - a.at).toBeLessThan(50);

		// Three in flight: a fourth waits for an answer, and that answer then counts for a span.
		let fourthAt = -1;
		const fourth = start(gate, t0).then((r) => ((fourthAt = r.at), r));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(fourthAt).toBe(-1);
		const answeredAt = Date.now() - t0;
		a.answer();
		b.answer();
		c.answer();
		const d = await fourth;
		expect(d.at - answeredAt).toBeGreaterThanOrEqual(1000);
		d.answer();
	}, 10_000);

	test('the other 429s of the same burst do not tighten the learned limit', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		for (let i = 0; i < 4; i++) gate.record(Date.now());
		gate.pause(1000);
		gate.pause(1000);
		gate.pause(1000);
		const started = [];
		for (let i = 0; i < 4; i++) started.push(await start(gate, t0));
		// All four fit in one window once the accepted ones aged out: the limit is still 4.
		expect(started[3].at - started[0].at).toBeLessThan(50);
		for (const s of started) s.answer();
	}, 10_000);

	test('only answers the API accepted teach the limit: 5xx and 429 answers do not count', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		// Two requests accepted (a 200 and a 404), three answered 5xx by a failing server.
		gate.record(Date.now(), 200);
		gate.record(Date.now(), 404);
		for (const status of [500, 502, 503]) gate.record(Date.now(), status);
		gate.record(Date.now(), 429);
		gate.pause(1000);
		const a = await start(gate, t0);
		const b = await start(gate, t0);
		// The limit is 2 per span: a third waits while the first two are in flight.
		let thirdStarted = false;
		const third = start(gate, t0).then((r) => ((thirdStarted = true), r));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(thirdStarted).toBe(false);
		expect([a.limited, b.limited]).toEqual([true, true]);
		a.answer();
		b.answer();
		(await third).answer();
	}, 10_000);

	test('a request waiting for a slot leaves the queue when its execution is cancelled', async () => {
		const gate = new HostGate(1);
		const t0 = Date.now();
		const first = await start(gate, t0);
		const controller = new AbortController();
		const cancelled = gate.acquire(controller.signal);
		let nextStarted = false;
		const next = start(gate, t0).then((r) => ((nextStarted = true), r));
		controller.abort();
		await expect(cancelled).rejects.toBeInstanceOf(GateCancelled);
		first.answer();
		// The slot goes to the next waiter, not to the cancelled one.
		(await next).answer();
		expect(nextStarted).toBe(true);
	});

	test('requests that hang give their slots to waiting requests, at most as many as the slots', async () => {
		const gate = new HostGate(2, 200);
		const t0 = Date.now();
		const hung = [await start(gate, t0), await start(gate, t0)];
		// Both slots are held by requests that will not answer: the next ones still start.
		const third = await start(gate, t0);
		const fourth = await start(gate, t0);
		expect(third.at).toBeGreaterThanOrEqual(200);
		// Two set aside is the most: a fifth waits for an answer, however long the others hang.
		let fifthStarted = false;
		const fifth = start(gate, t0).then((r) => ((fifthStarted = true), r));
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(fifthStarted).toBe(false);
		// A hung request finally answers: one fewer is set aside, so the oldest waiting one may pass.
		hung[0].answer();
		(await fifth).answer();
		for (const r of [hung[1], third, fourth]) r.answer();
		// Every slot is free again: two start at once.
		const again = [await start(gate, t0), await start(gate, t0)];
		for (const r of again) r.answer();
	}, 10_000);

	test('answers accepted after the 429 for requests started before it count towards the limit', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		// Five requests of one burst: two answered before the 429, three still in flight.
		const inFlight = [await gate.acquire(), await gate.acquire(), await gate.acquire()];
		for (let i = 0; i < 2; i++) gate.record(Date.now());
		gate.pause(1000);
		for (const ticket of inFlight) {
			gate.release(ticket);
			gate.record(Date.now(), 200, ticket.since);
		}
		// The API accepted five in the span, not two: five start together once those aged out.
		const started = [];
		for (let i = 0; i < 5; i++) started.push(await start(gate, t0));
		expect(started[4].at - started[0].at).toBeLessThan(50);
		let sixthAt = -1;
		const sixth = start(gate, t0).then((r) => ((sixthAt = r.at), r));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sixthAt).toBe(-1);
		for (const s of started) s.answer();
		(await sixth).answer();
	}, 10_000);

	test('a learned limit kept saturated without a 429 is raised: a share another process left is found again', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		for (let i = 0; i < 3; i++) gate.record(Date.now());
		gate.pause(1000);
		// Requests answered at once, as fast as the gate lets them start, for 8 s.
		const starts: number[] = [];
		while (Date.now() - t0 < 8000) {
			const r = await start(gate, t0);
			starts.push(r.at);
			r.answer();
			gate.record(Date.now());
		}
		const inWindow = (from: number) => starts.filter((at) => at >= from && at < from + 1000).length;
		// Three per window at first; more once five quiet windows have passed.
		expect(inWindow(1100)).toBe(3);
		expect(inWindow(6900)).toBeGreaterThan(3);
	}, 15_000);

	test('a 429 to a raise goes back to the count before it without holding the other requests', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		for (let i = 0; i < 3; i++) gate.record(Date.now());
		gate.pause(1000);
		// Keep the limit of 3 saturated until it is raised: a fourth request then starts in one window.
		const starts: number[] = [];
		let probe: Awaited<ReturnType<typeof start>> | undefined;
		while (!probe && Date.now() - t0 < 8000) {
			const r = await start(gate, t0);
			starts.push(r.at);
			const window = starts.filter((at) => at > r.at - 1000).length;
			if (window > 3) probe = r;
			else {
				r.answer();
				gate.record(Date.now());
			}
		}
		expect(probe).toBeDefined();
		// The API refuses the raised request: only it waits; nothing else is held.
		probe!.answer();
		gate.record(Date.now(), 429);
		expect(gate.pause(1000, probe!.since)).toBe(false);
		// Back to 3 per window: the next window lets 3 through, a fourth waits for room.
		const next = [];
		for (let i = 0; i < 3; i++) next.push(await start(gate, t0));
		let fourthAt = -1;
		const fourth = start(gate, t0).then((r) => ((fourthAt = r.at), r));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(fourthAt).toBe(-1);
		for (const r of next) r.answer();
		(await fourth).answer();
	}, 20_000);

	test('a longer Retry-After during a pause lengthens it', async () => {
		const gate = new HostGate(8);
		const t0 = Date.now();
		gate.pause(200);
		gate.pause(1500);
		const a = await start(gate, t0);
		expect(a.at).toBeGreaterThanOrEqual(1500);
		a.answer();
	}, 10_000);
});
