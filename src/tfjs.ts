/**
 * augkit/tfjs: TensorFlow.js adapters — batches to tensors, labels to one-hot, a DataLoader to a `tf.data.Dataset`.
 * Runs in browsers and Node. tfjs is needed by this entry only (the rest of augkit does not import it; install
 * `@tensorflow/tfjs`). Tensors are made with `@tensorflow/tfjs-core` and datasets with `@tensorflow/tfjs-data`, the
 * packages `@tensorflow/tfjs` re-exports, on whatever backend is active.
 * @example
 * import { toTensor, oneHot, toDataset } from 'augkit/tfjs';
 * const xs = toTensor(batch.images);          // float32 [N, H, W, C], values / 255
 * const ys = oneHot(batch.labels, 10);        // float32 [N, 10]
 * await model.fitDataset(toDataset(loader, { numClasses: 10 }), { epochs: 5 });
 */
import { type Tensor1D, type Tensor2D, type Tensor4D, tensor1d, tensor2d, tensor4d } from '@tensorflow/tfjs-core';
import { type Dataset, generator } from '@tensorflow/tfjs-data';
import { argumentError } from './core/errors.ts';
import { type Batch, type Image, isUniformBatch } from './core/image.ts';

/** Options of `toTensor`. */
export interface ToTensorOptions {
  /** Multiplies every value; default 1/255 (uint8 0–255 → 0–1). */
  readonly scale?: number;
  /** `'NHWC'` (default, tfjs' convention) or `'NCHW'`. */
  readonly layout?: 'NHWC' | 'NCHW';
}

/**
 * A float32 tensor of a batch: [N, H, W, C] (or [N, C, H, W]), each value × `scale`. One pass over the pixels makes
 * the float array the tensor keeps (uint8 → float32, scaling and any transpose fused, lists of images stacked in the
 * same pass). A float32 uniform batch with `scale: 1` in NHWC is handed to tfjs as is: no copy at all, so do not
 * modify the batch afterwards. Dispose the tensor when done (or use `tf.tidy`).
 * @example toTensor(batch)                           // [N, 28, 28, 1], values 0–1
 * @example toTensor(batch, { scale: 1, layout: 'NCHW' }) // [N, 1, 28, 28], values 0–255
 */
export function toTensor(batch: Batch, options: ToTensorOptions = {}): Tensor4D {
  const { scale = 1 / 255, layout = 'NHWC' } = options;
  if (typeof scale !== 'number' || !Number.isFinite(scale))
    throw argumentError('toTensor', 'scale', 'a finite number', scale);
  if (layout !== 'NHWC' && layout !== 'NCHW') throw argumentError('toTensor', 'layout', "'NHWC' or 'NCHW'", layout);
  const images: readonly Image[] = isUniformBatch(batch) ? [] : (batch as readonly Image[]);
  const first = isUniformBatch(batch) ? batch : images[0];
  if (first === undefined) throw argumentError('toTensor', 'batch', 'a non-empty batch', batch);
  const n = isUniformBatch(batch) ? batch.n : images.length;
  const { height: h, width: w, channels: c } = first;
  const shape: [number, number, number, number] = layout === 'NHWC' ? [n, h, w, c] : [n, c, h, w];
  if (isUniformBatch(batch) && batch.data instanceof Float32Array && scale === 1 && layout === 'NHWC') {
    return tensor4d(batch.data, shape, 'float32');
  }
  const size = h * w * c;
  const out = new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    let src: ArrayLike<number>;
    let at = 0;
    if (isUniformBatch(batch)) {
      src = batch.data;
      at = i * size;
    } else {
      const image = images[i];
      if (image.height !== h || image.width !== w || image.channels !== c) {
        throw argumentError(
          'toTensor',
          `batch[${i}]`,
          `an image of ${h}×${w}×${c} like batch[0]`,
          `${image.height}×${image.width}×${image.channels}`,
        );
      }
      src = image.data;
    }
    const base = i * size;
    if (layout === 'NHWC' || c === 1) {
      for (let k = 0; k < size; k++) out[base + k] = src[at + k] * scale;
    } else {
      const plane = h * w;
      for (let p = 0; p < plane; p++) {
        for (let ch = 0; ch < c; ch++) out[base + ch * plane + p] = src[at + p * c + ch] * scale;
      }
    }
  }
  return tensor4d(out, shape, 'float32');
}

/**
 * A float32 [N, depth] one-hot tensor of integer labels 0…depth−1, built in one array (no intermediate tensors).
 * @example oneHot(new Int32Array([9, 0]), 10) // [[0,…,0,1], [1,0,…,0]]
 */
export function oneHot(labels: ArrayLike<number>, depth: number): Tensor2D {
  if (!Number.isInteger(depth) || depth < 1) throw argumentError('oneHot', 'depth', 'a positive integer', depth);
  const n = labels.length;
  const out = new Float32Array(n * depth);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= depth) {
      throw argumentError('oneHot', `labels[${i}]`, `an integer from 0 to ${depth - 1}`, label);
    }
    out[i * depth + label] = 1;
  }
  return tensor2d(out, [n, depth], 'float32');
}

/** Options of `toDataset`: `toTensor`'s for the images, and how labels become `ys`. */
export interface ToDatasetOptions extends ToTensorOptions {
  /** Labels become one-hot float32 [N, numClasses] (`oneHot`); without it, an int32 [N] tensor of the labels. */
  readonly numClasses?: number;
}

/** A batch as `model.fitDataset` takes it: images and labels as tensors (a type, not an interface: tfjs-data's
 * element type needs the index signature a type alias has implicitly). */
export type TensorBatch = { readonly xs: Tensor4D; readonly ys: Tensor2D | Tensor1D };

/** What `toDataset` needs of a loader: an async iterable of batches with images and labels (a `DataLoader`). */
export interface LabeledBatches {
  [Symbol.asyncIterator](): AsyncIterator<{ readonly images: Batch; readonly labels?: ArrayLike<number> }>;
}

/**
 * A `tf.data.Dataset` of `{ xs, ys }` batches from a DataLoader, for `model.fitDataset`. Each iteration of the
 * dataset (each fitDataset epoch) iterates the loader once, which is its next epoch: the same batches, augmentation
 * and order as `for await` over the loader. The loader's batches must carry labels.
 * @example await model.fitDataset(toDataset(loader, { numClasses: 10 }), { epochs: 5 });
 * @example toDataset(loader, { scale: 1 })   // xs in 0–255, ys the int32 labels
 */
export function toDataset(loader: LabeledBatches, options: ToDatasetOptions = {}): Dataset<TensorBatch> {
  if (typeof loader?.[Symbol.asyncIterator] !== 'function') {
    throw argumentError('toDataset', 'loader', 'a DataLoader (an async iterable of batches)', loader);
  }
  const { numClasses, ...tensorOptions } = options;
  if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1)) {
    throw argumentError('toDataset', 'numClasses', 'a positive integer', numClasses);
  }
  async function* batches(): AsyncGenerator<TensorBatch> {
    for await (const { images, labels } of loader) {
      if (labels === undefined) throw argumentError('toDataset', 'loader', 'batches with labels', labels);
      const ys = numClasses === undefined ? tensor1d(Int32Array.from(labels), 'int32') : oneHot(labels, numClasses);
      yield { xs: toTensor(images, tensorOptions), ys };
    }
  }
  return generator(batches);
}
