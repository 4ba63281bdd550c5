import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Image, Shape } from '../core/image.ts';
import * as iaa from '../index.ts';
import { getPerspectiveTransform } from '../kernels/warp-perspective.ts';
import { NEAREST, type Sampling, applyWarp } from './apply.ts';
import { type Warp, mapPoint } from './warp.ts';

const shape = (height: number, width: number): Shape => ({ height, width, channels: 1 });
const BILINEAR: Sampling = { order: 1, mode: 'constant', cval: 0 };

/** A black image with a bright 3×3 block centred on pixel (x, y). */
function dot(height: number, width: number, x: number, y: number): Image {
  const data = new Uint8Array(height * width);
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) data[(y + dy) * width + x + dx] = 255;
  return { data, height, width, channels: 1 };
}

/** The intensity-weighted centre of an image (where a warped dot ended up). */
function centroid(image: Image): [number, number] {
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const v = image.data[y * image.width + x];
      sum += v;
      sx += v * x;
      sy += v * y;
    }
  }
  assert.ok(sum > 0, 'the dot is still in the image');
  return [sx / sum, sy / sum];
}

function warped(image: Image, warp: Warp, sampling: Sampling): Image {
  const { height, width, channels } = warp.output;
  const out: Image = { data: new Uint8Array(height * width * channels), height, width, channels };
  applyWarp(image, warp, out, sampling);
  return out;
}

/** Requires the dot drawn at (x, y) to land within `tolerance` pixels of where `mapPoint` sends (x, y). */
function landsWhereMapped(warp: Warp, x: number, y: number, input: Shape, sampling: Sampling, tolerance: number) {
  const [cx, cy] = centroid(warped(dot(input.height, input.width, x, y), warp, sampling));
  const mapped = mapPoint(warp, x, y, input);
  assert.ok(mapped !== undefined);
  const distance = Math.hypot(cx - mapped[0], cy - mapped[1]);
  assert.ok(distance <= tolerance, `dot at ${cx},${cy}, mapped to ${mapped} (${distance.toFixed(3)} px apart)`);
}

describe('mapPoint', () => {
  it('maps points by hand-derived rules for each kind of warp', () => {
    const s = shape(3, 5);
    assert.deepEqual(mapPoint({ kind: 'identity', output: s }, 1.5, 2, s), [1.5, 2]);
    assert.deepEqual(mapPoint({ kind: 'flip', axis: 'x', output: s }, 0, 2, s), [4, 2]);
    assert.deepEqual(mapPoint({ kind: 'flip', axis: 'y', output: s }, 1, 0, s), [1, 2]);
    assert.deepEqual(mapPoint({ kind: 'affine', matrix: [1, 0, 3, 0, 1, -1], output: s }, 2, 2, s), [5, 1]);
    // 4 → 8 pixels: pixel 0's centre (0.5 of 4 from the left edge) is 1 of 8 from it, the centre of output pixel 0.5.
    assert.deepEqual(
      mapPoint({ kind: 'resize', interpolation: 'linear', output: shape(8, 8) }, 0, 3, shape(4, 4)),
      [0.5, 6.5],
    );
    assert.deepEqual(
      mapPoint({ kind: 'perspective', matrix: [2, 0, 0, 0, 2, 0, 0, 0, 2], output: s }, 3, 1, s),
      [3, 1],
    );
    const chain: Warp = {
      kind: 'chain',
      steps: [
        { kind: 'flip', axis: 'x', output: s },
        { kind: 'affine', matrix: [1, 0, 0, 0, 1, 10], output: s },
      ],
      output: s,
    };
    assert.deepEqual(mapPoint(chain, 0, 0, s), [4, 10]);
  });

  it('sends each pixel of a flip exactly where the pixels go', () => {
    const s = shape(4, 6);
    const image: Image = { data: Uint8Array.from({ length: 24 }, (_, i) => i), height: 4, width: 6, channels: 1 };
    for (const axis of ['x', 'y'] as const) {
      const out = warped(image, { kind: 'flip', axis, output: s }, NEAREST);
      for (let y = 0; y < 4; y++) {
        for (let x = 0; x < 6; x++) {
          const [mx, my] = mapPoint({ kind: 'flip', axis, output: s }, x, y, s) ?? [-1, -1];
          assert.equal(out.data[my * 6 + mx], image.data[y * 6 + x], `${axis}: pixel ${x},${y}`);
        }
      }
    }
  });

  it('sends each pixel of a crop, a pad and a quarter turn exactly where the pixels go', () => {
    const input = shape(4, 6);
    const image: Image = { data: Uint8Array.from({ length: 24 }, (_, i) => i + 1), height: 4, width: 6, channels: 1 };
    const sides = { top: 1, right: 2, bottom: 0, left: 3 };
    const warps: Warp[] = [
      { kind: 'crop', sides, output: shape(3, 1) },
      { kind: 'pad', sides, mode: 'constant', cval: 0, output: shape(5, 11) },
      { kind: 'rot90', k: 0, output: input },
      { kind: 'rot90', k: 1, output: shape(6, 4) },
      { kind: 'rot90', k: 2, output: input },
      { kind: 'rot90', k: 3, output: shape(6, 4) },
    ];
    for (const warp of warps) {
      const out = warped(image, warp, NEAREST);
      let seen = 0;
      for (let y = 0; y < 4; y++) {
        for (let x = 0; x < 6; x++) {
          const [mx, my] = mapPoint(warp, x, y, input) ?? [-1, -1];
          if (mx < 0 || my < 0 || mx >= warp.output.width || my >= warp.output.height) continue;
          assert.equal(
            out.data[my * warp.output.width + mx],
            image.data[y * 6 + x],
            `${JSON.stringify(warp)}: ${x},${y}`,
          );
          seen++;
        }
      }
      assert.equal(seen, warp.kind === 'crop' ? 3 : 24);
    }
    // Hand-derived: a clockwise turn sends the top-left pixel to the top-right corner.
    assert.deepEqual(mapPoint(warps[3], 0, 0, input), [3, 0]);
    assert.deepEqual(mapPoint(warps[5], 0, 0, input), [0, 5]);
  });

  it('puts a bright dot where the point maps, for random affine matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 70, max: 130 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 12, max: 28 }),
        fc.integer({ min: 12, max: 28 }),
        (degrees, percent, tx, ty, x, y) => {
          const a = (degrees * Math.PI) / 180;
          const k = percent / 100;
          const [cx, cy] = [20, 20];
          // Rotate and scale about the centre, then shift.
          const matrix = [
            k * Math.cos(a),
            -k * Math.sin(a),
            cx - k * (Math.cos(a) * cx - Math.sin(a) * cy) + tx,
            k * Math.sin(a),
            k * Math.cos(a),
            cy - k * (Math.sin(a) * cx + Math.cos(a) * cy) + ty,
          ] as const;
          landsWhereMapped({ kind: 'affine', matrix, output: shape(41, 41) }, x, y, shape(41, 41), BILINEAR, 0.6);
        },
      ),
      { numRuns: 60, seed: 28 },
    );
  });

  it('puts a bright dot where the point maps, for perspective warps, resizes and their chain', () => {
    const input = shape(40, 40);
    const matrix = getPerspectiveTransform([2, 1, 38, 3, 37, 39, 1, 36], [0, 0, 39, 0, 39, 39, 0, 39]);
    const perspective: Warp = { kind: 'perspective', matrix, output: input };
    const resize: Warp = { kind: 'resize', interpolation: 'linear', output: shape(120, 100) };
    const chain: Warp = { kind: 'chain', steps: [perspective, { ...resize }], output: resize.output };
    for (const [x, y] of [
      [8, 8],
      [30, 12],
      [20, 20],
      [11, 31],
    ]) {
      landsWhereMapped(perspective, x, y, input, BILINEAR, 0.75);
      landsWhereMapped(resize, x, y, input, BILINEAR, 0.3);
      landsWhereMapped(chain, x, y, input, BILINEAR, 1);
    }
  });

  it("follows the pixels of Affine's and PerspectiveTransform's drawn warps", () => {
    const input = shape(41, 41);
    const augs: iaa.Augmenter[] = [
      iaa.Affine({ rotate: [-30, 30], scale: [0.8, 1.2], translatePx: [-4, 4], seed: 3 }),
      iaa.Affine({ rotate: [-30, 30], fitOutput: true, seed: 4 }),
      iaa.PerspectiveTransform({ scale: 0.05, seed: 5 }),
      iaa.PerspectiveTransform({ scale: 0.05, keepSize: false, seed: 6 }),
    ];
    for (const aug of augs) {
      for (let index = 0; index < 5; index++) {
        const params = aug.drawParams(aug.rootSource(0, index), input);
        const image = dot(41, 41, 14 + index * 3, 24 - index * 2);
        const out = aug.apply(image, params);
        const mapped = mapPoint((params as { warp: Warp }).warp, 14 + index * 3, 24 - index * 2, input);
        assert.ok(mapped !== undefined);
        const [cx, cy] = centroid(out);
        assert.ok(Math.hypot(cx - mapped[0], cy - mapped[1]) <= 1, `${aug.type} #${index}: ${[cx, cy]} vs ${mapped}`);
      }
    }
  });
});
