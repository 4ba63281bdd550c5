import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countAllocations } from '../../../test/helpers/allocations.ts';
import { countDifferences, fixtureBytes, warpPerspectiveFixture } from '../../../test/helpers/fixtures.ts';
import { randomImage } from '../../../test/helpers/images.ts';
import type { Image } from '../../core/image.ts';
import { resizeAuto } from '../../kernels/resize.ts';
import { useWasmKernels } from '../../kernels/table.ts';
import { warpPerspective } from '../../kernels/warp-perspective.ts';
import { PerspectiveTransform, perspectiveFromJitter } from './perspective-transform.ts';

const { fixture, images } = warpPerspectiveFixture();

describe('PerspectiveTransform', () => {
  it('computes imgaug’s matrix and size for given corner offsets (narrow quadrilaterals and fitOutput included)', () => {
    for (const k of fixture.augmenter) {
      const got = perspectiveFromJitter(k.jitter, images[k.image], k.fitOutput);
      assert.equal(got.height, k.height);
      assert.equal(got.width, k.width);
      for (let i = 0; i < 9; i++) {
        const tol = 1e-9 * Math.max(1, Math.abs(k.matrix[i]));
        assert.ok(Math.abs(got.matrix[i] - k.matrix[i]) <= tol, `entry ${i}: ${got.matrix[i]} vs ${k.matrix[i]}`);
      }
    }
    assert.ok(fixture.augmenter.some((k) => k.fitOutput));
  });

  it('warps and resizes back to the bytes imgaug produces for those offsets', () => {
    for (const k of fixture.augmenter) {
      const src = images[k.image];
      const { matrix, height, width } = perspectiveFromJitter(k.jitter, src, k.fitOutput);
      const warped = { data: new Uint8Array(height * width * src.channels), height, width, channels: src.channels };
      warpPerspective(src, matrix, warped, { order: 1, mode: 'constant', cval: 0 });
      assert.deepEqual(warped.data, fixtureBytes(k.warped));
      const kept = { ...src, data: new Uint8Array(src.data.length) };
      resizeAuto(warped, kept);
      // imgaug resizes back with OpenCV's area mode when a side grows (bit-exact here) and bilinear otherwise
      // (within 1 on about 1% of values, see resize.ts).
      const expected = fixtureBytes(k.kept);
      const { differing, maxDiff } = countDifferences(expected, kept.data);
      assert.ok(maxDiff <= 1, `image ${k.image}: off by ${maxDiff}`);
      assert.ok(differing <= 0.02 * expected.length);
    }
  });

  it('leaves the image unchanged with scale 0 (every corner stays put), uint8 and float32', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 2, max: 40 }),
        fc.constantFrom(1, 3, 4),
        fc.nat(),
        fc.boolean(),
        (h, w, c, seed, float) => {
          const u8 = randomImage(h, w, c, seed);
          const image: Image = float ? { ...u8, data: Float32Array.from(u8.data, (v) => v / 3) } : u8;
          assert.deepEqual(PerspectiveTransform(0, { seed }).augmentImage(image).data, image.data);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads only the image under mode replicate: a flat image stays flat whatever cval is', () => {
    const image = { data: new Uint8Array(31 * 37 * 3).fill(50), height: 31, width: 37, channels: 3 };
    const replicate = PerspectiveTransform({ scale: [0.05, 0.3], mode: 'replicate', cval: 255, seed: 3 });
    const fitted = PerspectiveTransform({ scale: 0.1, fitOutput: true, mode: 'constant', cval: 255, seed: 3 });
    for (let k = 0; k < 20; k++) {
      assert.ok(replicate.augmentImage(image).data.every((v) => v === 50));
      // With fitOutput the canvas shows the whole tilted image, so its corners are cval under constant.
      assert.ok(fitted.augmentImage(image).data.some((v) => v > 200));
    }
  });

  it('gives the warped size with keepSize false, never below 2×2, and the same draws as with keepSize', () => {
    const image = randomImage(30, 50, 3, 9);
    const a = PerspectiveTransform({ scale: [0.05, 0.3], keepSize: false, seed: 4 });
    const sizes = new Set<string>();
    for (let k = 0; k < 30; k++) {
      const out = a.augmentImage(image);
      // The quadrilateral lies inside the image: no side is longer than the diagonal.
      assert.ok(out.height >= 2 && out.width >= 2 && out.height <= 58 && out.width <= 58);
      sizes.add(`${out.height}×${out.width}`);
    }
    assert.ok(sizes.size > 5, 'sizes vary per image');
  });

  it('with fitOutput keeps every input pixel inside the canvas (no bright pixel cut off)', () => {
    // A white frame on the image's outermost pixels: fitOutput must show all four sides.
    const image = { data: new Uint8Array(20 * 24), height: 20, width: 24, channels: 1 };
    for (let x = 0; x < 24; x++) image.data[x] = image.data[19 * 24 + x] = 255;
    for (let y = 0; y < 20; y++) image.data[y * 24] = image.data[y * 24 + 23] = 255;
    const aug = PerspectiveTransform({ scale: 0.1, fitOutput: true, keepSize: false, seed: 8 });
    for (let k = 0; k < 10; k++) {
      const out = aug.augmentImage(image);
      const rows = out.height;
      const cols = out.width;
      const lit = (r0: number, r1: number, c0: number, c1: number) => {
        for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) if (out.data[r * cols + c] > 60) return true;
        return false;
      };
      const third = (n: number) => Math.max(1, Math.floor(n / 3));
      assert.ok(lit(0, third(rows), 0, cols), 'top side visible');
      assert.ok(lit(rows - third(rows), rows, 0, cols), 'bottom side visible');
      assert.ok(lit(0, rows, 0, third(cols)), 'left side visible');
      assert.ok(lit(0, rows, cols - third(cols), cols), 'right side visible');
    }
  });

  it('rejects bad options with a message naming them', () => {
    assert.throws(() => PerspectiveTransform(-0.1), /PerspectiveTransform.*scale/);
    assert.throws(() => PerspectiveTransform({ mode: 'reflect' as 'constant' }), /mode/);
    assert.throws(() => PerspectiveTransform({ keepSize: 1 as unknown as boolean }), /keepSize.*true or false/);
  });

  it('round-trips through JSON', () => {
    const aug = PerspectiveTransform({ scale: [0.01, 0.1], keepSize: false, mode: ['constant', 'replicate'], seed: 2 });
    assert.deepEqual(aug.toJSON(), {
      type: 'PerspectiveTransform',
      seed: 2,
      scale: [0.01, 0.1],
      keepSize: false,
      fitOutput: false,
      cval: 0,
      mode: ['constant', 'replicate'],
    });
  });

  // Scratch memory grows to the largest warped size it has seen, so the probe runs the same calls twice: the first
  // pass may grow it, the second (the same draws, so the same sizes) must take no new memory at all.
  for (const wasm of [true, false]) {
    it(`augmentImage with out allocates no typed-array memory per call (${wasm ? 'WebAssembly' : 'TypeScript'} kernels)`, () => {
      const was = useWasmKernels(wasm);
      try {
        for (const [image, options] of [
          [randomImage(40, 48, 3, 5), { scale: [0.02, 0.15] as [number, number] }],
          [randomImage(28, 28, 1, 6), { scale: 0.1, mode: 'replicate' as const }],
          [randomImage(30, 20, 3, 7), { scale: 0.08, keepSize: false, fitOutput: true }],
          [randomImage(24, 32, 3, 8), { scale: 0.1, fitOutput: true }],
        ] as const) {
          const aug = PerspectiveTransform({ ...options, seed: 4 });
          const out = new Uint8Array(8192 * 3);
          const calls = () => {
            for (let epoch = 0; epoch < 12; epoch++) aug.augmentImage(image, { out, epoch, index: epoch % 3 });
          };
          calls();
          const { count, what } = countAllocations(calls);
          assert.equal(count, 0, `${JSON.stringify(options)}: ${what.slice(0, 8).join(', ')}`);
        }
      } finally {
        useWasmKernels(was);
      }
    });
  }
});
