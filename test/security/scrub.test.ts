/**
 * The scrubber every package masks errors with (nodes/shared/scrub.ts): a secret is masked in
 * any letter case, at any depth and position of a JSON value (as a value or as a key), and no
 * nesting, cycle or size makes it throw or keep a secret.
 */
import fc from 'fast-check';

import { CIRCULAR, credentialSecrets, makeScrubber, MAX_DEPTH, TOO_DEEP } from '../../nodes/shared/scrub';
import { seeded } from './seeded';

/** Secrets as APIs hand them out: letters, digits and the usual punctuation of keys and tokens. */
const secretArb = fc.stringMatching(/^[A-Za-z0-9_\-.~+/=]{4,40}$/);

/** The same text with each letter's case picked at random. */
const caseVariant = (text: string) =>
	fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

/** One step of a path into a JSON value: into an object under a key, or into a list at a position. */
type Step = { kind: 'object'; key: string; siblings: Record<string, fc.JsonValue> } | { kind: 'list'; before: fc.JsonValue[]; after: fc.JsonValue[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	fc.record({ kind: fc.constant('object' as const), key: fc.string({ maxLength: 6 }), siblings: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }) }),
	fc.record({ kind: fc.constant('list' as const), before: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }), after: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }) }),
);

/** A JSON-ish value with `leaf` placed at the end of `path` (as a string value, or as a key). */
function place(leaf: string, asKey: boolean, path: Step[]): unknown {
	let value: unknown = asKey ? { [leaf]: 'x' } : leaf;
	for (const step of [...path].reverse()) {
		if (step.kind === 'object') value = { ...step.siblings, [step.key]: value };
		else value = [...step.before, value, ...step.after];
	}
	return value;
}

/** Nested `depth` levels deep, alternately in objects and lists, iteratively (a recursion could overflow here). */
function nest(leaf: unknown, depth: number): unknown {
	let value = leaf;
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { error: value };
	return value;
}

const produced = (value: unknown) => JSON.stringify(value) ?? '';

describe('masking', () => {
	test('property: a secret in any letter case, at any depth and position, as a value or a key, is never left in the output', async () => {
		await seeded(
			fc.property(
				secretArb.chain((secret) => fc.tuple(fc.constant(secret), caseVariant(secret))),
				fc.string({ maxLength: 8 }),
				fc.string({ maxLength: 8 }),
				fc.boolean(),
				fc.array(stepArb, { maxLength: 150 }),
				([secret, variant], before, after, asKey, path) => {
					const scrub = makeScrubber(credentialSecrets({ apiKey: secret }));
					const out = produced(scrub(place(`${before}${variant}${after}`, asKey, path)));
					expect(out.toLowerCase()).not.toContain(secret.toLowerCase());
				},
			),
			{ numRuns: 300 },
		);
	});

	test('property: a value without a secret, less than the depth limit deep, comes out unchanged', async () => {
		await seeded(
			fc.property(secretArb, fc.jsonValue({ maxDepth: 6 }), (secret, value) => {
				const text = produced(value);
				fc.pre(!text.toLowerCase().includes(secret.toLowerCase()) && !/api_token(=|%3D)/i.test(text) && !/__proto__/.test(text));
				expect(makeScrubber(credentialSecrets({ apiKey: secret }))(value)).toEqual(value);
			}),
			{ numRuns: 300 },
		);
	});

	test('two secrets that overlap are masked as one stretch, leaving neither half readable', () => {
		const scrub = makeScrubber(credentialSecrets({ apiKey: 'abcd1234', apiToken: '1234wxyz' }));
		expect(scrub('see abcd1234wxyz here')).toBe('see *** here');
	});

	test('a redirect host lower-cased by URL parsing is masked', () => {
		const secret = 'ak_live_MixedCASE_Key';
		const host = new URL(`https://${secret}.evil.example/`).origin;
		expect(host).toBe('https://ak_live_mixedcase_key.evil.example');
		expect(makeScrubber(credentialSecrets({ apiKey: secret }))(`redirect to ${host}`)).toBe('redirect to https://***.evil.example');
	});

	test('an own "__proto__" key of a parsed body stays a key and is scrubbed, and sets no prototype', () => {
		const body = JSON.parse('{"__proto__": {"echo": "key s3cr3t-key"}}') as object;
		const out = makeScrubber(['s3cr3t-key'])(body) as Record<string, unknown>;
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(produced(out)).toBe('{"__proto__":{"echo":"key ***"}}');
	});
});

describe('depth, cycles and size', () => {
	const secret = 'Sk_Deep_0123456789';
	const scrub = makeScrubber(credentialSecrets({ apiKey: secret }));

	test.each([22, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 1_000, 100_000])('a secret %d levels deep is not kept, and the walk does not overflow', (depth) => {
		const out = scrub(nest(`echo ${secret}`, depth));
		const text = produced(out);
		expect(text).not.toContain(secret);
		// Kept (masked) up to the limit; what lies deeper is replaced by a marker.
		if (depth <= MAX_DEPTH) expect(text).toContain('echo ***');
		else expect(text).toContain(TOO_DEEP);
	});

	test('a cycle is cut with a marker; an object met twice is copied once and shared', () => {
		const shared = { echo: secret };
		const cyclic: Record<string, unknown> = { a: shared, b: shared, list: [shared] };
		cyclic.self = cyclic;
		(cyclic.list as unknown[]).push(cyclic.list);
		const out = scrub(cyclic) as Record<string, unknown>;
		expect(out.self).toBe(CIRCULAR);
		expect((out.list as unknown[])[1]).toBe(CIRCULAR);
		expect(out.a).toBe(out.b);
		expect(produced(out)).toBe(`{"a":{"echo":"***"},"b":{"echo":"***"},"list":[{"echo":"***"},"${CIRCULAR}"],"self":"${CIRCULAR}"}`);
	});

	test('a wide body (50,000 entries, 5 MB of text) is scrubbed whole', () => {
		const wide = Array.from({ length: 50_000 }, (_, i) => ({ i, text: `${'x'.repeat(100)}${i % 997 === 0 ? secret.toUpperCase() : ''}` }));
		const out = scrub(wide) as Array<{ text: string }>;
		expect(out).toHaveLength(50_000);
		expect(out[997].text).toBe(`${'x'.repeat(100)}***`);
		expect(produced(out).toLowerCase()).not.toContain(secret.toLowerCase());
	});

	test('a Buffer is scrubbed as its text', () => {
		expect(scrub({ raw: Buffer.from(`key=${secret}`) })).toEqual({ raw: 'key=***' });
	});
});
