/**
 * fast-check with a seed that can be replayed: taken from FC_SEED when set, else random, and
 * printed on failure (`FC_SEED=<seed> npx jest <file>` runs the same cases again).
 */
import fc from 'fast-check';

export async function seeded<Ts>(property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): Promise<void> {
	const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
	try {
		await fc.assert(property as fc.IAsyncProperty<Ts>, { seed, ...params });
	} catch (error) {
		const message = `Replay with FC_SEED=${seed}\n${(error as Error).message}`;
		console.error(message);
		throw new Error(message);
	}
}
