/**
 * The Output option of Get and Get Many (n8n's UX guidelines, for records with more than 10
 * fields), run through the engine: Raw by default, Simplified keeps the resource's chosen
 * fields, Selected Fields keeps what the user lists. Shown on AgentRef programs.
 */
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

const SIMPLIFIED = ['id', 'name', 'status', 'slug', 'website', 'commissionType', 'commissionPercent', 'cookieDuration', 'payoutThreshold', 'currency'];

const getProgram = (extra: Record<string, unknown> = {}) =>
	kit.run({ resource: 'program', operation: 'get', programId: byId('prog_1'), ...extra });

test('without a choice, Output is Raw: every field the API sent', async () => {
	const [item] = kit.json(await getProgram());
	const stored = kit.sim.state.programs.find((p) => p.id === 'prog_1')!;
	expect(Object.keys(item).length).toBeGreaterThan(10);
	expect(item).toMatchObject(stored);
});

test('Simplified keeps the chosen fields, in the same request', async () => {
	const [item] = kit.json(await getProgram({ output: 'simplified' }));
	const stored = kit.sim.state.programs.find((p) => p.id === 'prog_1')!;
	expect(Object.keys(item).every((key) => SIMPLIFIED.includes(key))).toBe(true);
	expect(item).toEqual(Object.fromEntries(SIMPLIFIED.filter((key) => key in stored).map((key) => [key, stored[key]])));
	expect(kit.sim.requests('GET', '/programs/prog_1')[0].query).toEqual({});
});

test('Selected Fields keeps exactly the listed fields, on every item of Get Many', async () => {
	const items = kit.json(
		await kit.run({ resource: 'program', operation: 'getAll', returnAll: true, output: 'fields', fields: 'id, merchantId ,status' }),
	);
	expect(items).toEqual(kit.sim.state.programs.map((p) => ({ id: p.id, merchantId: p.merchantId, status: p.status })));
});

test('Selected Fields with no field named fails before any request', async () => {
	const result = await getProgram({ output: 'fields', fields: ' , ' });
	expect(result.error?.message).toMatch(/Fields/);
	expect(kit.sim.log).toHaveLength(0);
});

test('operations on smaller records have no Output option', async () => {
	// Affiliates have 9 fields: the full record is already small.
	const [item] = kit.json(await kit.run({ resource: 'affiliate', operation: 'get', affiliateId: byId('aff_1'), output: 'simplified' }));
	expect(item).toMatchObject(kit.sim.state.affiliates.find((a) => a.id === 'aff_1')!);
});
