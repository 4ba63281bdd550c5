import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { UniformBatch } from '../../../src/core/image.ts';
import { initBackend } from './backend.ts';
import { SHIFTS, accuracyVsShift, probabilityTable, shiftImages } from './shift.ts';

// A 2×4 grey image:   1 2 3 4
//                     5 6 7 8
const tiny = (): UniformBatch<Uint8Array> => ({
  data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
  n: 1,
  height: 2,
  width: 4,
  channels: 1,
});

const H = 3;
const W = 10;

/** One image per column: a vertical bar of 255 in column `c` of a 3×10 image, black elsewhere. */
function barImages(): UniformBatch<Uint8Array> {
  const data = new Uint8Array(W * H * W);
  for (let c = 0; c < W; c++) for (let y = 0; y < H; y++) data[c * H * W + y * W + c] = 255;
  return { data, n: W, height: H, width: W, channels: 1 };
}

/**
 * A fixed-weight classifier on 3×10 images: flatten, then one dense layer whose logit for class k sums the pixels
 * of the columns `columnsOf(k)`, plus `bias[k]`.
 */
function columnModel(classes: number, columnsOf: (k: number) => number[], bias: number[]): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [H, W, 1] }), tf.layers.dense({ units: classes })],
  });
  const kernel = new Float32Array(H * W * classes);
  for (let k = 0; k < classes; k++) {
    for (const x of columnsOf(k)) for (let y = 0; y < H; y++) kernel[(y * W + x) * classes + k] = 1;
  }
  model.setWeights([tf.tensor2d(kernel, [H * W, classes]), tf.tensor1d(bias)]);
  return model;
}

describe('shiftImages', () => {
  it('rolls right by 1, wrapping the last column to the front', () => {
    assert.deepEqual(Array.from(shiftImages(tiny(), 1, 'roll').data), [4, 1, 2, 3, 8, 5, 6, 7]);
  });

  it('rolls left by 1, wrapping the first column to the back', () => {
    assert.deepEqual(Array.from(shiftImages(tiny(), -1, 'roll').data), [2, 3, 4, 1, 6, 7, 8, 5]);
  });

  it('rolls modulo the width', () => {
    assert.deepEqual(Array.from(shiftImages(tiny(), 5, 'roll').data), [4, 1, 2, 3, 8, 5, 6, 7]);
    assert.deepEqual(Array.from(shiftImages(tiny(), -4, 'roll').data), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('moves right by 1 with zero fill', () => {
    assert.deepEqual(Array.from(shiftImages(tiny(), 1, 'zero').data), [0, 1, 2, 3, 0, 5, 6, 7]);
  });

  it('moves left by 2 with zero fill', () => {
    assert.deepEqual(Array.from(shiftImages(tiny(), -2, 'zero').data), [3, 4, 0, 0, 7, 8, 0, 0]);
  });

  it('zero-fills everything when the shift is the width or more', () => {
    assert.deepEqual(Array.from(shiftImages(tiny(), 4, 'zero').data), [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(shiftImages(tiny(), -7, 'zero').data), [0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('moves a pixel’s channels together and keeps images of a batch apart', () => {
    // Two 1×2 images with 2 channels: [(1,2) (3,4)] and [(5,6) (7,8)].
    const batch = { data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), n: 2, height: 1, width: 2, channels: 2 };
    const rolled = shiftImages(batch, 1, 'roll');
    assert.ok(rolled.data instanceof Float32Array);
    assert.deepEqual(Array.from(rolled.data), [3, 4, 1, 2, 7, 8, 5, 6]);
    assert.deepEqual(Array.from(shiftImages(batch, -1, 'zero').data), [3, 4, 0, 0, 7, 8, 0, 0]);
    assert.deepEqual(Array.from(batch.data), [1, 2, 3, 4, 5, 6, 7, 8], 'input unchanged');
  });

  it('rejects a fractional shift', () => {
    assert.throws(() => shiftImages(tiny(), 0.5, 'roll'), /dx must be an integer number of pixels; received 0.5/);
  });
});

describe('accuracyVsShift', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('finds a bar-column classifier perfect at shift 0 and always wrong elsewhere', async () => {
    // Class c = bar in column c; the model's logit c sums column c, and an 11th class, "no bar", has logit 0.5.
    // Any shift moves the bar to another column (roll) or off the image (zero fill: "no bar", never a label).
    const model = columnModel(W + 1, (k) => (k < W ? [k] : []), [...new Array(W).fill(0), 0.5]);
    const labels = Int32Array.from({ length: W }, (_, c) => c);
    const result = await accuracyVsShift(model, barImages(), labels, SHIFTS, { numClasses: W + 1 });
    const expected = SHIFTS.map((dx) => (dx === 0 ? 1 : 0));
    assert.deepEqual(result.shifts, [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    assert.deepEqual(result.roll, expected);
    assert.deepEqual(result.zero, expected);
    model.dispose();
  });

  it('tells roll and zero fill apart with a left-half / right-half classifier', async () => {
    // Class 0 = bar in columns 0–4, class 1 = columns 5–9. Logit 0 has a bias of 0.5, so an empty image is class 0.
    // Shift by d > 0: bars in columns 5−d…4 cross to the right half (wrong); bars in 10−d…9 wrap to the left
    //   half (roll, wrong) or leave the image (zero: class 0, wrong): 10 − 2d correct either way.
    // Shift by −d: bars in 5…4+d cross to the left half (wrong); bars in 0…d−1 wrap to the right half (roll,
    //   wrong) or leave (zero: class 0, right): 10 − 2d correct with roll, 10 − d with zero fill.
    const model = columnModel(2, (k) => (k === 0 ? [0, 1, 2, 3, 4] : [5, 6, 7, 8, 9]), [0.5, 0]);
    const labels = Int32Array.from({ length: W }, (_, c) => (c < 5 ? 0 : 1));
    const result = await accuracyVsShift(model, barImages(), labels, SHIFTS, { numClasses: 2 });
    assert.deepEqual(
      result.roll,
      SHIFTS.map((dx) => (10 - 2 * Math.abs(dx)) / 10),
    );
    assert.deepEqual(
      result.zero,
      SHIFTS.map((dx) => (dx >= 0 ? 10 - 2 * dx : 10 + dx) / 10),
    );
    model.dispose();
  });
});

describe('probabilityTable', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('gives one softmax row per shift, peaked where the bar has moved', async () => {
    const model = columnModel(W, (k) => [k], new Array(W).fill(0));
    const bars = barImages();
    const image = { data: bars.data.subarray(3 * H * W, 4 * H * W), height: H, width: W, channels: 1 };
    const table = await probabilityTable(model, image);
    assert.equal(table.length, 11);
    // The bar (3 pixels of 1.0) gives its column a logit of 3 and the others 0.
    const peak = Math.exp(3) / (Math.exp(3) + 9);
    const rest = 1 / (Math.exp(3) + 9);
    SHIFTS.forEach((dx, row) => {
      const column = (((3 + dx) % W) + W) % W;
      assert.equal(table[row].length, 10);
      table[row].forEach((p, k) => {
        const want = k === column ? peak : rest;
        assert.ok(Math.abs(p - want) < 1e-5, `shift ${dx}, class ${k}: ${p} ≠ ${want}`);
      });
    });
    model.dispose();
  });
});
