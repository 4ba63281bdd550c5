/**
 * The training loop (softmax cross-entropy, a custom `optimizer.minimize` step per batch) and evaluation.
 */
import * as tf from '@tensorflow/tfjs';
import { type Batch, type UniformBatch, isUniformBatch } from '../../../src/core/image.ts';

/** A batch of images with one class index per image. */
export interface LabeledBatch {
  /**
   * N×H×W×C images, or a list of images of one size (as a DataLoader yields them); uint8 data is scaled by 1/255,
   * float32 data is used as it is.
   */
  readonly images: Batch;
  /** Class index of each image, 0 … numClasses − 1. */
  readonly labels: Int32Array;
}

/** What {@link trainEpoch} reports after each batch. */
export interface BatchProgress {
  /** 0-based index of the batch in this epoch. */
  readonly batch: number;
  /** Images in this batch. */
  readonly batchSize: number;
  /** Images trained on so far in this epoch, this batch included. */
  readonly imagesSeen: number;
  /** Mean softmax cross-entropy of this batch (before the step's update). */
  readonly loss: number;
  /** Milliseconds spent waiting for this batch to arrive from the iterator. */
  readonly waitMs: number;
  /** Milliseconds spent on this batch's training step, the loss read included. */
  readonly computeMs: number;
  /** This batch's throughput: batchSize / (waitMs + computeMs), in images per second. */
  readonly imagesPerSecond: number;
  /** Throughput of the epoch so far, in images per second. */
  readonly epochImagesPerSecond: number;
  /** Share of the epoch so far spent waiting for data, 0 … 1. */
  readonly waitShare: number;
}

/** Totals of one {@link trainEpoch} call. */
export interface EpochResult {
  readonly batches: number;
  readonly images: number;
  /** Mean training loss over the epoch's images (batch losses weighted by batch size). */
  readonly meanLoss: number;
  /** Wall time of the epoch. */
  readonly seconds: number;
  /** Time spent waiting for the next batch. */
  readonly waitSeconds: number;
  /** Time spent in training steps. */
  readonly computeSeconds: number;
  readonly imagesPerSecond: number;
  /** waitSeconds / seconds: the share of the epoch the model waited for data, 0 … 1. */
  readonly waitShare: number;
}

/** Options for {@link trainEpoch}. */
export interface TrainOptions {
  /** Number of classes (one-hot depth). Default 10. */
  readonly numClasses?: number;
  /**
   * Splits every batch across these model replicas (worker threads) and applies their averaged gradients: the same
   * step as without, up to float rounding, on more cores. Made by `createReplicas(model, …)`; its `numClasses` wins.
   */
  readonly replicas?: TrainingReplicas;
  /** Called after every batch, once its loss has been read. */
  readonly onBatch?: (progress: BatchProgress) => void;
}

/** The result of {@link evaluate}. */
export interface Evaluation {
  /** Share of images whose highest logit is their label, 0 … 1. */
  readonly accuracy: number;
  /** Mean softmax cross-entropy. */
  readonly loss: number;
  readonly correct: number;
  readonly n: number;
}

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  /** Images per forward pass. Default 256. */
  readonly batchSize?: number;
  /** Number of classes. Default 10. */
  readonly numClasses?: number;
  /** Splits each forward pass over these replicas' threads (made by `createReplicas` for this model). */
  readonly replicas?: TrainingReplicas;
}

function checkBatch(owner: string, images: UniformBatch, labels: Int32Array, numClasses: number): void {
  const { data, n, height, width, channels } = images;
  if (!(data instanceof Uint8Array || data instanceof Float32Array)) {
    throw new TypeError(`${owner}: images.data must be a Uint8Array or a Float32Array`);
  }
  for (const [name, v] of Object.entries({ n, height, width, channels })) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`${owner}: images.${name} must be a positive integer; received ${v}`);
  }
  if (data.length !== n * height * width * channels) {
    throw new RangeError(
      `${owner}: images.data must hold n·height·width·channels = ${n * height * width * channels} values; received ${data.length}`,
    );
  }
  if (!(labels instanceof Int32Array) || labels.length !== n) {
    throw new RangeError(
      `${owner}: labels must be an Int32Array with one label per image (${n}); received ${labels?.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0 || l >= numClasses) {
      throw new RangeError(`${owner}: labels[${i}] must be in 0…${numClasses - 1}; received ${l}`);
    }
  }
}

/**
 * Turns an N×H×W×C batch into a float32 tensor of shape [N, H, W, C]: uint8 values are scaled by 1/255 to 0–1,
 * float32 values are copied as they are.
 *
 * @example
 * const x = batchToTensor({ data: new Uint8Array(784), n: 1, height: 28, width: 28, channels: 1 });
 */
export function batchToTensor(images: UniformBatch): tf.Tensor4D {
  const { data, n, height, width, channels } = images;
  const shape: [number, number, number, number] = [n, height, width, channels];
  if (data instanceof Float32Array) return tf.tensor4d(data, shape);
  // Scaling on the host is one pass over the bytes and avoids an int32 upload plus two kernels.
  return tf.tensor4d(scaledBytes(data as Uint8Array, 1 / 255), shape);
}

/** `data`'s bytes times `scale` in a new Float32Array (a loop of its own: see the README's Development section). */
function scaledBytes(data: Uint8Array, scale: number): Float32Array {
  const f = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) f[i] = data[i] * scale;
  return f;
}

/**
 * Returns `batch` as one N×H×W×C buffer: a uniform batch as it is, a list of images copied into one buffer.
 * Throws when the images differ in size or data type (the model needs one input shape).
 *
 * @example
 * const uniform = toUniformBatch([imageA, imageB]);
 */
export function toUniformBatch(batch: Batch): UniformBatch {
  if (isUniformBatch(batch)) return batch;
  if (!Array.isArray(batch) || batch.length === 0) {
    throw new RangeError('toUniformBatch: a batch must be a uniform batch or a non-empty list of images');
  }
  const { height, width, channels, data } = batch[0];
  const stride = height * width * channels;
  const out =
    data instanceof Uint8Array ? new Uint8Array(stride * batch.length) : new Float32Array(stride * batch.length);
  batch.forEach((image, i) => {
    if (image.height !== height || image.width !== width || image.channels !== channels) {
      throw new RangeError(
        `toUniformBatch: image ${i} is ${image.height}×${image.width}×${image.channels}, but image 0 is ${height}×${width}×${channels}`,
      );
    }
    if (image.data.constructor !== data.constructor) {
      throw new TypeError(
        `toUniformBatch: image ${i} has ${image.data.constructor.name} data, image 0 ${data.constructor.name}`,
      );
    }
    out.set(image.data, i * stride);
  });
  return { data: out, n: batch.length, height, width, channels };
}

/** What `trainEpoch` and `evaluate` need of data-parallel replicas (see `createReplicas` in `augkit/tfjs`). */
export interface TrainingReplicas {
  /** Threads the batch is split over, the calling thread included. */
  readonly threads: number;
  /** One optimizer step on `images`; resolves to the batch's mean loss. */
  step(images: UniformBatch, labels: Int32Array, optimizer: tf.Optimizer): Promise<number>;
  /** The model's logits for `images` (inference), [n, classes], computed on all threads. */
  logits(images: UniformBatch): Promise<tf.Tensor2D>;
}

/**
 * The training loss of one batch: the mean softmax cross-entropy of the model's logits (forward pass in training
 * mode, {@link trainingForward}) against one-hot labels.
 */
export function batchLoss(
  model: tf.LayersModel,
  images: UniformBatch,
  labels: Int32Array,
  numClasses: number,
): tf.Scalar {
  return tf.tidy(() => {
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses);
    return tf.losses.softmaxCrossEntropy(y, trainingForward(model, batchToTensor(images))) as tf.Scalar;
  });
}

/**
 * `model.apply(x, { training: true })`, except that a first Conv2D layer (linear or relu, with bias, channels-last,
 * dilation 1) runs as `tf.conv2d` plus a bias add instead of tfjs-layers' fused convolution. The fused op's gradient
 * computes the input gradient eagerly, and for the first layer that is the gradient with respect to the images,
 * which nothing uses (43 ms of a ~700 ms step at batch 64 on wasm). The plain op's input gradient is only
 * computed when something needs it. Values and weight gradients are the same.
 */
export function trainingForward(model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  const layers = model.layers;
  let start = 0;
  let t = x;
  const first = layers[0];
  const plain = first === undefined ? null : plainConv(first);
  if (plain !== null) {
    t = plain(x);
    start = 1;
  }
  if (start === 0) return model.apply(x, { training: true }) as tf.Tensor;
  for (let i = start; i < layers.length; i++) t = layers[i].apply(t, { training: true }) as tf.Tensor;
  return t;
}

function plainConv(layer: tf.layers.Layer): ((x: tf.Tensor) => tf.Tensor) | null {
  if (layer.getClassName() !== 'Conv2D') return null;
  const c = layer.getConfig() as Record<string, unknown>;
  const dilation = c.dilationRate;
  const unitDilation = dilation === 1 || (Array.isArray(dilation) && dilation.every((d) => d === 1));
  const activation = c.activation;
  if (c.dataFormat !== 'channelsLast' || !unitDilation || c.useBias !== true) return null;
  if (activation !== 'linear' && activation !== 'relu') return null;
  if (layer.trainableWeights.length !== 2) return null;
  const kernel = layer.trainableWeights[0].read() as tf.Tensor4D;
  const bias = layer.trainableWeights[1].read() as tf.Tensor1D;
  const strides = c.strides as [number, number];
  const padding = c.padding as 'valid' | 'same';
  return (x) => {
    const y = tf.add(tf.conv2d(x as tf.Tensor4D, kernel, strides, padding), bias);
    return activation === 'relu' ? tf.relu(y) : y;
  };
}

function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * Trains `model` for one pass over `batches`, one `optimizer.minimize` step per batch on the mean softmax
 * cross-entropy of the model's logits, and returns the epoch's totals.
 *
 * The loop times two things separately: waiting for the iterator's next batch (data loading and augmentation
 * that did not overlap with training) and the training step. Their ratio is the "share of time waiting for
 * data". Losses are read with `await data()`, so a GPU backend is not stalled synchronously. Use the walkthrough's
 * optimizer, `tf.train.adam(1e-3)`; it keeps its moment estimates between epochs.
 *
 * @example
 * const result = await trainEpoch(model, tf.train.adam(1e-3), loader.epoch(0), {
 *   onBatch: (p) => console.log(p.batch, p.loss.toFixed(3), p.epochImagesPerSecond.toFixed(0)),
 * });
 */
export async function trainEpoch(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  batches: AsyncIterable<LabeledBatch> | Iterable<LabeledBatch>,
  options: TrainOptions = {},
): Promise<EpochResult> {
  const numClasses = options.numClasses ?? 10;
  const vars = trainableVariables(model);
  const start = performance.now();
  let waitMs = 0;
  let computeMs = 0;
  let images = 0;
  let count = 0;
  let lossSum = 0;
  let waitStart = performance.now();
  for await (const { images: given, labels } of batches) {
    const computeStart = performance.now();
    const waited = computeStart - waitStart;
    const batch = toUniformBatch(given);
    checkBatch('trainEpoch', batch, labels, numClasses);
    let loss: number;
    if (options.replicas === undefined) {
      const cost = tf.tidy(() => {
        const c = optimizer.minimize(() => batchLoss(model, batch, labels, numClasses), true, vars);
        if (c === null) throw new Error('trainEpoch: the optimizer returned no loss');
        return c;
      });
      loss = (await cost.data())[0];
      cost.dispose();
    } else {
      loss = await options.replicas.step(batch, labels, optimizer);
    }
    const computed = performance.now() - computeStart;
    waitMs += waited;
    computeMs += computed;
    images += batch.n;
    lossSum += loss * batch.n;
    const total = waitMs + computeMs;
    options.onBatch?.({
      batch: count,
      batchSize: batch.n,
      imagesSeen: images,
      loss,
      waitMs: waited,
      computeMs: computed,
      imagesPerSecond: (batch.n * 1000) / (waited + computed),
      epochImagesPerSecond: (images * 1000) / total,
      waitShare: total > 0 ? waitMs / total : 0,
    });
    count++;
    waitStart = performance.now();
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    batches: count,
    images,
    meanLoss: images > 0 ? lossSum / images : Number.NaN,
    seconds,
    waitSeconds: waitMs / 1000,
    computeSeconds: computeMs / 1000,
    imagesPerSecond: seconds > 0 ? images / seconds : 0,
    waitShare: seconds > 0 ? waitMs / 1000 / seconds : 0,
  };
}

/**
 * Computes `model`'s accuracy and mean softmax cross-entropy on labelled images, in forward passes of `batchSize`.
 *
 * @example
 * const { accuracy, loss } = await evaluate(model, test.images, test.labels);
 */
export async function evaluate(
  model: tf.LayersModel,
  images: UniformBatch,
  labels: Int32Array,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const numClasses = options.numClasses ?? 10;
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`evaluate: batchSize must be a positive integer; received ${batchSize}`);
  }
  checkBatch('evaluate', images, labels, numClasses);
  const { n, height, width, channels } = images;
  const stride = height * width * channels;
  let correct = 0;
  let lossSum = 0;
  for (let i = 0; i < n; i += batchSize) {
    const m = Math.min(batchSize, n - i);
    const part: UniformBatch = { ...images, n: m, data: images.data.subarray(i * stride, (i + m) * stride) };
    const computed = options.replicas === undefined ? undefined : await options.replicas.logits(part);
    const [lossT, correctT] = tf.tidy(() => {
      const logits = computed ?? (model.predict(batchToTensor(part)) as tf.Tensor2D);
      const y = tf.tensor1d(labels.subarray(i, i + m), 'int32');
      const l = tf.losses.softmaxCrossEntropy(tf.oneHot(y, numClasses), logits, undefined, undefined, tf.Reduction.SUM);
      return [l, tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'int32'))];
    });
    lossSum += (await lossT.data())[0];
    correct += (await correctT.data())[0];
    tf.dispose([lossT, correctT, computed]);
  }
  return { accuracy: correct / n, loss: lossSum / n, correct, n };
}
