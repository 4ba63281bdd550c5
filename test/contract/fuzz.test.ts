// Fuzzing every registered augmenter's options (issue 27): garbage (wrong types, NaN, ±Infinity, huge and tiny
// numbers, reversed and empty ranges, nested objects, strings, parameters whose bounds leave the valid range) and
// plausible values, through the API and through JSON; and valid random options (each default range narrowed at
// random) on random images, which must all be accepted. Each trial must end one of two ways: rejected with an error
// that names the augmenter and the option, or accepted, and then every image it augments keeps its dtype and channel
// count, stays within the pixel limit and holds finite values, and the inputs are left as they were. No internal
// error (a kernel's, a typed array's, the stack's) may reach the user. The augmenters come from the registry, so a
// new one is fuzzed without new code.
//
// Seeded and deterministic. `AUGKIT_FUZZ_TALLY=1` prints how each category of input ended, for the closing note.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { registry } from '../../src/augmenters/index.ts';
import * as iaa from '../../src/index.ts';
import { factoryOf, isImageRefusal, takes } from './cases.ts';

const { iap } = iaa;
const TYPES = [...registry.keys()].sort();
// A hang detector, not a speed test: the slowest accepted trial takes well under a second on this machine.
const HANG_MS = 30_000;

const images = [
  iaa.makeImage(
    new Uint8Array(4 * 5 * 3).map((_, i) => (i * 37) & 255),
    4,
    5,
    3,
  ),
  iaa.makeImage(
    new Float32Array(3 * 4).map((_, i) => i / 11 - 0.2),
    3,
    4,
    1,
  ),
];
const batch: iaa.UniformBatch = {
  data: new Uint8Array(2 * 3 * 3 * 2).map((_, i) => i * 7),
  n: 2,
  height: 3,
  width: 3,
  channels: 2,
};

type Category = 'type' | 'nan-inf' | 'huge-tiny' | 'range' | 'nested' | 'param' | 'plausible';
type Outcome = 'clear error' | 'unclear error' | 'accepted nonsense' | 'hang' | 'data lost' | 'ok';
interface Trial {
  readonly category: Category;
  readonly via: 'api' | 'json';
  readonly type: string;
  readonly options: Record<string, unknown>;
}

const MODES = ['constant', 'edge', 'reflect', 'symmetric', 'wrap', 'nearest', 'linear', 'cubic', 'replicate', 'keep'];

/** Garbage per category; `json` leaves out what JSON cannot hold (parameter objects, NaN, functions, undefined). */
function garbage(category: Exclude<Category, 'plausible'>, json: boolean): fc.Arbitrary<unknown> {
  const num = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 });
  switch (category) {
    case 'type':
      return fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom('1', 'edge', ''),
        ...(json ? [] : [fc.constant(() => 1), fc.constant(new Uint8Array(2))]),
      );
    case 'nan-inf':
      return json
        ? fc.constantFrom(null, [null, 1], { uniform: [null, 1] })
        : fc.constantFrom(Number.NaN, Infinity, -Infinity, [0, Infinity], [Number.NaN, 1], [-Infinity, Infinity]);
    case 'huge-tiny':
      return fc.oneof(
        fc.constantFrom(
          1e308,
          -1e308,
          1e300,
          1e15,
          -1e15,
          2 ** 31,
          2 ** 32,
          2 ** 53,
          1e-308,
          -1e-308,
          5e-324,
          -0,
          1e9,
          1e6,
          65536,
        ),
        fc.tuple(fc.constantFrom(-1e308, -1e9, 0, 1e-300), fc.constantFrom(1e9, 1e308, 1e15)).map(([a, b]) => [a, b]),
      );
    case 'range':
      return fc.oneof(
        fc.tuple(num, num).map(([a, b]) => (a > b ? [a, b] : [b + 1, a])),
        fc.constantFrom([], [1], [1, 2, 3], [[1, 2], 3], ['a', 'b']),
      );
    case 'nested':
      return fc.oneof(
        fc.constantFrom(
          {},
          { x: 1, z: 2 },
          { height: { width: 1 } },
          { fraction: { fraction: 2 } },
          { x: { y: [1, 2] } },
        ),
        fc.record({ x: num, y: fc.constantFrom('a', null, [2, 1]) }),
        fc.constantFrom({ type: 'Multiply', mul: 2 }, [{ type: 'Identity' }, 3], { uniform: [1, 2], extra: 1 }),
      );
    case 'param':
      return json
        ? fc.constantFrom(
            { uniform: [-1e9, 1e9] },
            { normal: [0, 1e6] },
            { choice: [-5, 5] },
            { choice: ['a', 'b'] },
            { uniform: [2, 1] },
            { normal: ['x', 1] },
            { bogus: [1] },
            { divide: [1, { uniform: [-1, 1] }] },
            { truncatedNormal: [0, 1, -1e9, 1e9] },
            { clip: [{ normal: [1e9, 1] }, null, null] },
            { discreteUniform: [-3, 3] },
          )
        : fc
            .constantFrom(
              () => iap.uniform(-1e9, 1e9),
              () => iap.normal(0, 1e6),
              () => iap.choice([-5, 5]),
              () => iap.choice(['a', 'b']),
              () => iap.constant(1e300),
              () => iap.divide(1, iap.uniform(-1, 1)),
              () => iap.truncatedNormal(0, 1, -1e9, 1e9),
              () => iap.clip(iap.normal(1e9, 1), null, null),
              () => iap.discreteUniform(-3, 3),
              () => iap.multiply(iap.normal(0, 1), 1e300),
            )
            .map((make) => make());
  }
}

/** Values a user might well write: small numbers, ordered ranges, names, per-axis objects, booleans. */
function plausible(json: boolean): fc.Arbitrary<unknown> {
  const small = fc.oneof(fc.double({ noNaN: true, min: -3, max: 3 }), fc.integer({ min: -40, max: 40 }));
  const range = fc.tuple(small, small).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  const value = fc.oneof(
    small,
    range,
    fc.boolean(),
    fc.constantFrom(...MODES),
    fc.constantFrom([0, 1], [0, 1, 3], ['edge', 'constant']),
  );
  const params = json
    ? fc.constantFrom({ uniform: [0.1, 0.9] }, { normal: [1, 0.5] }, { choice: [0, 1] })
    : fc.constantFrom(iap.uniform(0.1, 0.9), iap.normal(1, 0.5), iap.choice([0, 1]));
  return fc.oneof(
    value,
    params,
    fc.record({ x: range, y: small }, { requiredKeys: [] }),
    fc.record({ height: fc.integer({ min: -2, max: 9 }) }),
  );
}

const CATEGORIES: Exclude<Category, 'plausible'>[] = ['type', 'nan-inf', 'huge-tiny', 'range', 'nested', 'param'];

/** One option of `type` set to a value of `category`, the others left at their defaults (so the outcome is that value's). */
function trialsOf(type: string, category: Category, via: 'api' | 'json', extra: number): fc.Arbitrary<Trial> {
  const value = category === 'plausible' ? plausible(via === 'json') : garbage(category, via === 'json');
  const keys = registry.get(type)?.keys ?? [];
  const options =
    keys.length === 0
      ? fc.constant({ [`bogus${extra}`]: 1 })
      : fc
          .uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 1 + extra })
          .chain((chosen) =>
            fc
              .tuple(...chosen.map(() => value))
              .map((values) => Object.fromEntries(chosen.map((k, i) => [k, values[i]]))),
          );
  return options.map((o) => ({ category, via, type, options: o }));
}

function fuzzedTypes(via: 'api' | 'json'): string[] {
  return via === 'api' ? TYPES.filter((t) => registry.get(t)?.kind !== 'meta') : TYPES;
}

/**
 * At least `runs` trials, spread evenly over the augmenters (each with a seed of its own), so that every registered
 * augmenter is tried however many there are; drawing the type at random left some out once there were ~130.
 */
function sampleTrials(category: Category, via: 'api' | 'json', runs: number, extra: number, seed: number): Trial[] {
  const types = fuzzedTypes(via);
  const perType = Math.max(1, Math.ceil(runs / types.length));
  return types.flatMap((type, i) =>
    fc.sample(trialsOf(type, category, via, extra), { seed: seed + 1009 * i, numRuns: perType }),
  );
}

const INTERNAL =
  /Invalid typed array length|Maximum call stack|Cannot read propert|is not a function|is not iterable|out of memory|Array buffer allocation/;

/** Clear: names a registered augmenter and one of the options (given, or required and missing). */
function isClear(trial: Trial, error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const m = error.message;
  if (INTERNAL.test(m)) return false;
  // 'image': an augmenter refusing an image it does not take (its definition's `accepts`) names the rule.
  const names = [...(registry.get(trial.type)?.keys ?? []), ...Object.keys(trial.options), 'options', 'type', 'image'];
  return TYPES.some((t) => m.includes(t)) && names.some((o) => m.includes(o));
}

function build(trial: Trial): iaa.Augmenter {
  if (trial.via === 'json') return iaa.fromJSON({ type: trial.type, seed: 3, ...trial.options });
  return factoryOf(trial.type)({ ...trial.options, seed: 3 });
}

/** Checks one augmented image; returns what is wrong with it, or undefined. */
function wrongOutput(input: iaa.Image, out: iaa.Image): string | undefined {
  if (out.data.constructor !== input.data.constructor) return `dtype ${out.data.constructor.name}`;
  if (out.channels !== input.channels) return `${out.channels} channels`;
  if (out.height * out.width > 8192 * 8192 || out.data.length !== out.height * out.width * out.channels) return 'size';
  for (let i = 0; i < out.data.length; i++) if (!Number.isFinite(out.data[i])) return `value ${out.data[i]} at ${i}`;
  return undefined;
}

// Copies of the inputs: no trial may change what the user passed in.
const originals = [...images.map((i) => i.data.slice()), batch.data.slice()];
const inputsChanged = () =>
  [...images.map((i) => i.data), batch.data].some((d, k) => d.some((v, j) => !Object.is(v, originals[k][j])));

function run(trial: Trial): { outcome: Outcome; detail: string } {
  const result = runOnce(trial);
  if (!inputsChanged()) return result;
  images.forEach((image, k) => image.data.set(originals[k]));
  batch.data.set(originals[images.length]);
  return { outcome: 'data lost', detail: `an input changed (${result.outcome})` };
}

function runOnce(trial: Trial): { outcome: Outcome; detail: string } {
  const start = performance.now();
  const timed = (outcome: Outcome, detail: string) =>
    performance.now() - start > HANG_MS ? { outcome: 'hang' as const, detail } : { outcome, detail };
  let aug: iaa.Augmenter;
  try {
    aug = build(trial);
  } catch (e) {
    return timed(isClear(trial, e) ? 'clear error' : 'unclear error', String(e));
  }
  try {
    for (const image of images) {
      const wrong = wrongOutput(image, aug.augmentImage(image));
      if (wrong) return timed('accepted nonsense', wrong);
    }
    const out = aug.augmentImages(batch, { epoch: 1 });
    for (const [i, image] of (iaa.isUniformBatch(out) ? iaa.batchToImages(out) : out).entries()) {
      const wrong = wrongOutput(iaa.batchToImages(batch)[i], image);
      if (wrong) return timed('accepted nonsense', `batch: ${wrong}`);
    }
  } catch (e) {
    return timed(isClear(trial, e) ? 'clear error' : 'unclear error', `while augmenting: ${e}`);
  }
  try {
    // What was accepted must serialise to JSON that builds it again.
    iaa.fromJSON(JSON.parse(JSON.stringify(aug.toJSON())));
  } catch (e) {
    return timed('accepted nonsense', `its JSON does not build: ${e}`);
  }
  return timed('ok', '');
}

const tally = new Map<string, Record<Outcome, number>>();
after(() => {
  if (!process.env.AUGKIT_FUZZ_TALLY) return;
  const rows = [...tally].map(
    ([k, v]) =>
      `${k.padEnd(16)} ${Object.values(v)
        .map((n) => String(n).padStart(8))
        .join('')}`,
  );
  process.stdout.write(`${''.padEnd(16)}   clear unclear nonsense    hang    lost      ok\n${rows.join('\n')}\n`);
});

function fuzz(category: Category, runs: number, extra = 0): void {
  const bad: string[] = [];
  const counts = tally.get(category) ?? {
    'clear error': 0,
    'unclear error': 0,
    'accepted nonsense': 0,
    hang: 0,
    'data lost': 0,
    ok: 0,
  };
  tally.set(category, counts);
  for (const via of ['api', 'json'] as const) {
    for (const trial of sampleTrials(category, via, runs, extra, 27 + CATEGORIES.length * extra)) {
      const { outcome, detail } = run(trial);
      counts[outcome]++;
      if (outcome !== 'clear error' && outcome !== 'ok') {
        bad.push(`${outcome}: ${trial.type} ${via} ${show(trial.options)} → ${detail}`);
      }
    }
  }
  assert.deepEqual(bad.slice(0, 5), [], `${bad.length} trials went wrong`);
}

function show(options: Record<string, unknown>): string {
  return iaa.iap.isParam(options)
    ? 'param'
    : JSON.stringify(options, (_k, v) =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : iaa.iap.isParam(v) ? { param: v.spec } : v,
      );
}

/**
 * Valid random options: each augmenter's default JSON with every `[min, max]` range narrowed to a random sub-range
 * and every boolean drawn, so all of them must be accepted (a sub-range of a valid range is valid).
 */
function narrowed(value: unknown, integer = false): fc.Arbitrary<unknown> {
  if (typeof value === 'boolean') return fc.boolean();
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    const [a, b] = value as [number, number];
    return fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([u, v]) => {
        const [x, y] = [a + (b - a) * Math.min(u, v), a + (b - a) * Math.max(u, v)];
        // An integer option's range stays integral (rounding keeps a ≤ x ≤ y ≤ b for integral a and b).
        const fit = (t: number) => Math.min(Math.max(integer ? Math.round(t) : t, a), b);
        return [fit(x), fit(y)];
      });
  }
  return fc.constant(value);
}

const LEAVES = TYPES.filter((t) => registry.get(t)?.kind !== 'meta');
const defaults = new Map(
  LEAVES.map((t) => {
    const { type: _t, seed: _s, ...options } = factoryOf(t)({}).toJSON();
    return [t, options];
  }),
);

const validLeaf: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...LEAVES).chain((type) => {
  const options = defaults.get(type) ?? {};
  return fc
    .record(
      Object.fromEntries(
        Object.entries(options).map(([k, v]) => [
          k,
          narrowed(v, registry.get(type)?.definition.options[k]?.meta.range?.startsWith('an integer')),
        ]),
      ),
    )
    .map((o) => ({ type, ...o }));
});
const validSpec = fc.oneof(
  { weight: 3, arbitrary: validLeaf },
  {
    weight: 1,
    arbitrary: fc
      .array(validLeaf, { minLength: 1, maxLength: 3 })
      .chain((children) =>
        fc.constantFrom(
          { type: 'Sequential', randomOrder: true, children },
          { type: 'OneOf', children },
          { type: 'SomeOf', n: [0, children.length], children },
          { type: 'Sometimes', p: 0.5, then: children[0], else: children.slice(1) },
        ),
      ),
  },
);
const randomImage = fc
  .record({
    h: fc.integer({ min: 1, max: 6 }),
    w: fc.integer({ min: 1, max: 6 }),
    c: fc.integer({ min: 1, max: 5 }),
    float: fc.boolean(),
    seed: fc.nat(),
  })
  .map(({ h, w, c, float, seed }) => {
    const data = float ? new Float32Array(h * w * c) : new Uint8Array(h * w * c);
    for (let i = 0; i < data.length; i++) data[i] = float ? ((seed + i * 97) % 1000) / 999 : (seed + i * 97) & 255;
    return iaa.makeImage(data, h, w, c);
  });

describe('fuzzing every registered augmenter', () => {
  it('accepts valid random options (narrowed default ranges, any booleans) and keeps every invariant on random images', () => {
    const bad: string[] = [];
    for (const [spec, image, seed] of fc.sample(fc.tuple(validSpec, randomImage, fc.nat()), {
      seed: 27,
      numRuns: 1500,
    })) {
      try {
        const aug = iaa.fromJSON({ ...spec, seed });
        const wrong = wrongOutput(image, aug.augmentImage(image));
        if (wrong) bad.push(`${show(spec)} on ${image.height}×${image.width}×${image.channels}: ${wrong}`);
      } catch (e) {
        // A refusal is right when some augmenter in the spec does not take this image (see `accepts`).
        if (
          isImageRefusal(e) &&
          !takes(String((e as { owner: unknown }).owner), image.channels, image.data instanceof Float32Array)
        )
          continue;
        bad.push(`${show(spec)} on ${image.height}×${image.width}×${image.channels}: ${e}`);
      }
    }
    assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of 1500 valid trials went wrong`);
  });

  for (const category of CATEGORIES) {
    it(`rejects or safely runs ${category} garbage in one option`, () => fuzz(category, 250));
  }
  it('rejects or safely runs garbage in several options at once', () => {
    for (const category of CATEGORIES) fuzz(category, 50, 2);
  });
  it('runs plausible random options, or rejects them clearly', () => fuzz('plausible', 500, 1));
  it('covers every registered augmenter (meta ones through JSON)', () => {
    for (const via of ['api', 'json'] as const) {
      const seen = new Set(sampleTrials('type', via, 50, 0, 27).map((t) => t.type));
      assert.deepEqual([...seen].sort(), fuzzedTypes(via));
    }
    assert.ok(fuzzedTypes('json').length > fuzzedTypes('api').length);
  });
});
