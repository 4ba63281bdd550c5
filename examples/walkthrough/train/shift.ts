/**
 * The walkthrough's shift-robustness experiment: how a classifier's accuracy and class probabilities change when
 * every test image is moved sideways by a few pixels.
 */
import * as tf from '@tensorflow/tfjs';
import type { Image, UniformBatch } from '../../../src/core/image.ts';
import { type EvaluateOptions, batchToTensor, evaluate } from './train.ts';

/** How pixels that leave one side of the image are handled by {@link shiftImages}. */
export type ShiftKind = 'roll' | 'zero';

/** The walkthrough's horizontal shifts, −5 … 5 pixels. */
export const SHIFTS: readonly number[] = Object.freeze(Array.from({ length: 11 }, (_, i) => i - 5));

/** Accuracy at each shift, for both kinds of shift. */
export interface ShiftAccuracy {
  /** The shifts in pixels; positive moves the content right. */
  readonly shifts: readonly number[];
  /** Accuracy (0 … 1) at each shift with wrap-around (`np.roll`). */
  readonly roll: readonly number[];
  /** Accuracy (0 … 1) at each shift with zero fill (a real translation). */
  readonly zero: readonly number[];
}

function checkShift(owner: string, dx: number): void {
  if (!Number.isInteger(dx)) throw new RangeError(`${owner}: dx must be an integer number of pixels; received ${dx}`);
}

/**
 * Returns a copy of `batch` with every image moved horizontally by `dx` pixels (positive: to the right).
 *
 * `'roll'` wraps the columns that leave one side around to the other, like the walkthrough's
 * `np.roll(images, dx, axis=2)`; `'zero'` fills the uncovered columns with 0, a real translation. The data type
 * (uint8 or float32) is kept, and `batch` is not modified. |dx| ≥ width rolls modulo the width, or zero-fills
 * everything.
 *
 * @example
 * shiftImages({ data: new Uint8Array([1, 2, 3]), n: 1, height: 1, width: 3, channels: 1 }, 1, 'roll').data
 * // → [3, 1, 2]
 */
export function shiftImages<B extends UniformBatch>(batch: B, dx: number, kind: ShiftKind): B {
  checkShift('shiftImages', dx);
  if (kind !== 'roll' && kind !== 'zero') {
    throw new RangeError(`shiftImages: kind must be 'roll' or 'zero'; received ${JSON.stringify(kind)}`);
  }
  const { data, n, height, width, channels } = batch;
  const out = new (data.constructor as Uint8ArrayConstructor | Float32ArrayConstructor)(data.length);
  const rowLen = width * channels;
  const rows = n * height;
  if (kind === 'roll') {
    const s = ((dx % width) + width) % width;
    const split = (width - s) * channels;
    for (let r = 0, o = 0; r < rows; r++, o += rowLen) {
      out.set(data.subarray(o, o + split), o + s * channels);
      out.set(data.subarray(o + split, o + rowLen), o);
    }
  } else if (Math.abs(dx) < width) {
    const keep = (width - Math.abs(dx)) * channels;
    const from = dx >= 0 ? 0 : -dx * channels;
    const to = dx >= 0 ? dx * channels : 0;
    for (let r = 0, o = 0; r < rows; r++, o += rowLen) {
      out.set(data.subarray(o + from, o + from + keep), o + to);
    }
  }
  return { ...batch, data: out };
}

/**
 * Measures `model`'s test accuracy with every image shifted by each of `shifts`, once with wrap-around and once
 * with zero fill.
 *
 * A model trained without translation augmentation is expected to lose accuracy quickly as |shift| grows; one
 * trained with it should stay flat. `options.onPass(done, total)` is called after each of the 2 × shifts passes over
 * the images (for progress: a pass over 10,000 images takes seconds).
 *
 * @example
 * const { shifts, roll, zero } = await accuracyVsShift(model, test.images, test.labels);
 */
export async function accuracyVsShift(
  model: tf.LayersModel,
  images: UniformBatch,
  labels: Int32Array,
  shifts: readonly number[] = SHIFTS,
  options: EvaluateOptions & { readonly onPass?: (done: number, total: number) => void } = {},
): Promise<ShiftAccuracy> {
  shifts.forEach((dx) => checkShift('accuracyVsShift', dx));
  const roll: number[] = [];
  const zero: number[] = [];
  const total = 2 * shifts.length;
  for (const dx of shifts) {
    roll.push((await evaluate(model, shiftImages(images, dx, 'roll'), labels, options)).accuracy);
    options.onPass?.(roll.length + zero.length, total);
    zero.push((await evaluate(model, shiftImages(images, dx, 'zero'), labels, options)).accuracy);
    options.onPass?.(roll.length + zero.length, total);
  }
  return { shifts: [...shifts], roll, zero };
}

/**
 * Returns `model`'s class probabilities (softmax of its logits) for one image at each shift: one row per shift,
 * one column per class — the walkthrough's 11×10 table for training image 24150.
 *
 * @param kind `'roll'` (default, the walkthrough's `np.roll`) or `'zero'`.
 * @example
 * const table = await probabilityTable(model, trainImage24150); // table[5] is the unshifted image
 */
export async function probabilityTable(
  model: tf.LayersModel,
  image: Image,
  shifts: readonly number[] = SHIFTS,
  kind: ShiftKind = 'roll',
): Promise<number[][]> {
  shifts.forEach((dx) => checkShift('probabilityTable', dx));
  const { data, height, width, channels } = image;
  const one: UniformBatch = { data, n: 1, height, width, channels };
  const stride = data.length;
  const stacked = new (data.constructor as Uint8ArrayConstructor | Float32ArrayConstructor)(stride * shifts.length);
  shifts.forEach((dx, i) => stacked.set(shiftImages(one, dx, kind).data, i * stride));
  const probs = tf.tidy(() => {
    const x = batchToTensor({ data: stacked, n: shifts.length, height, width, channels });
    return tf.softmax(model.predict(x) as tf.Tensor2D);
  });
  const table = (await probs.array()) as number[][];
  probs.dispose();
  return table;
}
