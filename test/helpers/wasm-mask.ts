// Checks shared by the mask augmenters' tests (Dropout, SaltAndPepper, Salt, Pepper): on uint8 batches and single
// images, the WebAssembly masks (src/kernels/wasm/mask.ts) give exactly the bytes of the TypeScript loops; the share
// of pixels a mask replaces.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import type { Augmenter } from '../../src/augmenters/base/augmenter.ts';
import { type Image, type UniformBatch, makeImage } from '../../src/core/image.ts';
import { wasmKernelsAvailable } from '../../src/kernels/wasm/simd.ts';
import { itKeepsPixelProperties } from './pixel-properties.ts';
import { withWasmKernels } from './wasm.ts';

/** Builds the augmenter under test: p a number or a per-image range, perChannel a probability. */
export type MakeMask = (p: number | [number, number], perChannel: number | boolean, seed: number) => Augmenter;

/** N×H×W×C uint8 values in 1…254 from `seed` (xorshift), so that both 0 and 255 show as changes. */
export function maskBatch(n: number, height: number, width: number, channels: number, seed: number): UniformBatch {
  const data = new Uint8Array(n * height * width * channels);
  let s = seed | 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = 1 + ((s >>> 0) % 254);
  }
  return { data, n, height, width, channels };
}

/** The first index where two byte arrays differ, or −1. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** `run()` with the WebAssembly kernels off: the TypeScript loops' result. */
function typescript<T>(run: () => T): T {
  return withWasmKernels(false, run);
}

/** Augments `batch` as a uniform batch and image 0 on its own, in WebAssembly and in TypeScript; asserts equal bytes. */
export function assertSameBytes(aug: Augmenter, batch: UniformBatch, epoch: number, label: string): void {
  assert.equal(wasmKernelsAvailable(), true, 'the WebAssembly kernels must run for this comparison');
  const run = () => aug.augmentImages(batch, { epoch }) as UniformBatch;
  const wasm = run();
  const ts = typescript(run);
  const at = firstDifference(wasm.data as Uint8Array, ts.data as Uint8Array);
  assert.equal(at, -1, `${label}: batch differs at value ${at} (wasm ${wasm.data[at]}, TypeScript ${ts.data[at]})`);
  const size = batch.height * batch.width * batch.channels;
  const image: Image = { ...batch, data: batch.data.subarray(0, size) };
  const one = () => aug.augmentImage(image, { epoch, index: 0 }).data as Uint8Array;
  const single = firstDifference(one(), typescript(one));
  assert.equal(single, -1, `${label}: single image differs at value ${single}`);
}

const pArbitrary: fc.Arbitrary<number | [number, number]> = fc.oneof(
  fc.constantFrom(0, 2 ** -40, 1e-4, 1 - 2 ** -40, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constant<[number, number]>([0, 1]),
);

/**
 * Random cases: channels 1, 3 or 4 (2 and 5 now and then), perChannel false, true or per image, p one of 0, tiny,
 * random, 1 − 2⁻⁴⁰, 1 or a range drawn per image, images up to 80×120 (several chunks of draws), 1 to 6 images.
 */
export function checkWasmMatchesTypeScript(make: MakeMask, runs = 80): void {
  fc.assert(
    fc.property(
      fc.record({
        channels: fc.oneof(fc.constantFrom(1, 3, 4), fc.constantFrom(2, 5)),
        perChannel: fc.constantFrom(0, 1, 0.5),
        p: pArbitrary,
        height: fc.integer({ min: 1, max: 80 }),
        width: fc.integer({ min: 1, max: 120 }),
        n: fc.integer({ min: 1, max: 6 }),
        seed: fc.nat({ max: 0x7fffffff }),
        epoch: fc.nat({ max: 1000 }),
      }),
      ({ channels, perChannel, p, height, width, n, seed, epoch }) => {
        const batch = maskBatch(n, height, width, channels, seed + 1);
        const label = `p ${p}, perChannel ${perChannel}, ${n}×${height}×${width}×${channels}`;
        assertSameBytes(make(p, perChannel, seed), batch, epoch, label);
      },
    ),
    { numRuns: runs },
  );
}

/**
 * The tests every mask augmenter with a WebAssembly twin gets (Dropout, SaltAndPepper): the pixel properties over
 * random p and perChannel (augmenters seeded with `seed`), and the WebAssembly masks' bytes against the TypeScript
 * loops on random cases and on a batch larger than one module call.
 */
export function itChecksMaskAugmenter(make: MakeMask, seed: number): void {
  itKeepsPixelProperties(
    ({ p, perChannel }) => make(p, perChannel, seed),
    fc.record({ p: fc.double({ min: 0, max: 1, noNaN: true }), perChannel: fc.boolean() }),
  );

  it('gives the TypeScript loops’ bytes in WebAssembly, batches and single images (uint8, random cases)', () => {
    checkWasmMatchesTypeScript(make);
  });

  it('gives the TypeScript loops’ bytes in WebAssembly for a batch larger than one module call (45×256×256×3)', () => {
    assertSameBytes(make(0.1, 0.5, 4), maskBatch(45, 256, 256, 3, 9), 2, '45×256×256×3');
  });
}

/**
 * Augments a grey (128) 400×250 image with `aug`, an augmenter with p = 0.1, and asserts that every value stays
 * 128 or becomes `value`, and that 10 % ± 0.5 % of the 100,000 pixels become it.
 */
export function assertReplacesTenPercent(aug: Augmenter, value: number): void {
  const out = aug.augmentImage(makeImage(new Uint8Array(400 * 250).fill(128), 400, 250, 1));
  let replaced = 0;
  for (const v of out.data) {
    assert.ok(v === 128 || v === value, `value ${v}`);
    if (v === value) replaced++;
  }
  assert.ok(Math.abs(replaced / 100_000 - 0.1) < 0.005, `replaced ${replaced / 100_000}`);
}

/**
 * Augments a grey (128) 50×50 RGB image with `whole` (no perChannel) and asserts that every pixel keeps equal
 * channels, then with `split` (p = 0.5, perChannel) and asserts that 3/4 ± 0.04 of the pixels have unequal channels
 * (three fair coins differ that often).
 */
export function assertChannelsDecided(whole: Augmenter, split: Augmenter): void {
  const grey = makeImage(new Uint8Array(50 * 50 * 3).fill(128), 50, 50, 3);
  const kept = whole.augmentImage(grey).data;
  for (let i = 0; i < kept.length; i += 3) {
    const [r, g, b] = kept.subarray(i, i + 3);
    assert.ok(r === g && g === b, `pixel ${i / 3} is (${r}, ${g}, ${b})`);
  }
  const mixed = split.augmentImage(grey).data;
  let unequal = 0;
  for (let i = 0; i < mixed.length; i += 3) if (new Set(mixed.subarray(i, i + 3)).size > 1) unequal++;
  assert.ok(Math.abs(unequal / 2500 - 0.75) < 0.04, `mixed ${unequal / 2500}`);
}
