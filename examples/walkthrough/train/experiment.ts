/**
 * The walkthrough's experiment, end to end: train the CNN on Fashion-MNIST with and without translation
 * augmentation, evaluate both after every epoch, measure their accuracy under horizontal shifts, and write the
 * report (`report.json`, PNG charts, a self-contained `index.html`) and the two models. Node-only (files, worker
 * threads); `augkit train` is a thin command-line wrapper around {@link runExperiment}.
 */
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { AugmenterSpec } from '../../../src/augmenters/base/augmenter.ts';
import { fromJSON } from '../../../src/augmenters/index.ts';
import { argumentError } from '../../../src/core/errors.ts';
import { type Image, type UniformBatch, batchImage } from '../../../src/core/image.ts';
import { DataLoader } from '../../../src/data/data-loader.ts';
import { ArrayDataset } from '../../../src/data/dataset.ts';
import type { FashionMnistSource } from '../../../src/data/fashion-mnist.ts';
import { createWorkerPool } from '../../../src/data/worker-pool.ts';
import { loadFashionMnist } from '../../../src/io/fashion-mnist.ts';
import { type BackendName, initBackend } from './backend.ts';
import { saveModel } from './model-io.ts';
import { createModel } from './model.ts';
import { createReplicas, defaultTrainThreads } from './replicas.ts';
import {
  type EpochRecord,
  type ExperimentReport,
  MODEL_LABELS,
  type ModelKind,
  type ModelReport,
  type ProbabilityImage,
  type ShiftReport,
  writeReport,
} from './report.ts';
import { SHIFTS, accuracyVsShift, probabilityTable } from './shift.ts';
import { type BatchProgress, type TrainingReplicas, evaluate, trainEpoch } from './train.ts';

export { type MergeOptions, mergeReports } from './merge-reports.ts';

/** The walkthrough's batch size. */
export const BATCH_SIZE = 64;
/** The walkthrough's Adam learning rate. */
export const LEARNING_RATE = 1e-3;
/** The training image whose class probabilities the walkthrough tabulates over the 11 shifts. */
export const PROBABILITY_IMAGE_INDEX = 24150;

/**
 * The walkthrough's augmentation as pipeline JSON: a horizontal translation by −10 … 10 pixels, zero-filled —
 * `iaa.Sequential([iaa.Affine({ translatePx: { x: [-10, 10] }, mode: 'constant' })])`.
 */
export const WALKTHROUGH_PIPELINE: AugmenterSpec = Object.freeze({
  type: 'Sequential',
  children: [{ type: 'Affine', translatePx: { x: [-10, 10] }, mode: 'constant' }],
}) as AugmenterSpec;

/** A labelled split held in memory, as the experiment uses it. */
export interface LabeledImages {
  /** N×28×28×1 uint8 pixels. */
  readonly images: UniformBatch<Uint8Array>;
  /** One class index per image. */
  readonly labels: Int32Array;
}

/** Fashion-MNIST as loaded for an experiment: the (possibly limited) splits and where they came from. */
export interface ExperimentData {
  readonly train: LabeledImages;
  readonly test: LabeledImages;
  /** Images in the training split before `limit`. */
  readonly trainAvailable: number;
  /** Images in the test split before `testLimit`. */
  readonly testAvailable: number;
  readonly classNames: readonly string[];
  /** Where the training split was read from (the test split comes from the same place). */
  readonly source: FashionMnistSource;
}

/** Something {@link runExperiment} reports while it runs. */
export type ExperimentEvent =
  | {
      /** The data is loaded. */
      readonly type: 'data';
      readonly train: number;
      readonly test: number;
      readonly source: FashionMnistSource;
    }
  | {
      /** A model starts training. */
      readonly type: 'model';
      readonly model: ModelKind;
      readonly epochs: number;
    }
  | {
      /** One training batch is done. */
      readonly type: 'batch';
      readonly model: ModelKind;
      /** 1-based epoch. */
      readonly epoch: number;
      readonly epochs: number;
      /** Training images per epoch. */
      readonly imagesPerEpoch: number;
      readonly progress: BatchProgress;
    }
  | {
      /** One epoch, and its test evaluation, is done. */
      readonly type: 'epoch';
      readonly model: ModelKind;
      readonly epochs: number;
      readonly record: EpochRecord;
    }
  | {
      /** A longer step without batches (shift evaluation, saving, charts) begins. */
      readonly type: 'stage';
      readonly model?: ModelKind;
      readonly message: string;
    };

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** Folder for `report.json`, the PNGs, `index.html` and `models/aug`, `models/plain`; created if needed. */
  readonly out: string;
  /** Epochs per model, a positive integer. Default 10, the walkthrough's. */
  readonly epochs?: number;
  /** Train on the first `limit` training images only (quick runs). Default: all. */
  readonly limit?: number;
  /**
   * Evaluate on the first `testLimit` test images. Default: all of them, except with `limit`, where it is
   * `max(100, round(limit / 20))` so that a quick run's shift evaluation (22 passes) stays quick.
   */
  readonly testLimit?: number;
  /** Train only the model with (`'aug'`) or without (`'plain'`) augmentation. Default: both. */
  readonly only?: ModelKind;
  /**
   * Seed of everything random: the weight initialisation (both models start from the same weights), the shuffling
   * and the augmentation (it replaces any seed in `pipeline`). A non-negative safe integer; default 0.
   */
  readonly seed?: number;
  /** Folder holding the Fashion-MNIST IDX files; default the usual locations (see `loadFashionMnist`). */
  readonly data?: string;
  /** The augmentation pipeline as JSON (an augmenter's `toJSON()` form); default {@link WALKTHROUGH_PIPELINE}. */
  readonly pipeline?: unknown;
  /** How to name the pipeline in the report (e.g. its file's path); default `'walkthrough'` or `'custom'`. */
  readonly pipelineSource?: string;
  /** Worker threads that augment batches ahead of the model (0: on the training thread). Default 1. */
  readonly workers?: number;
  /** Batches augmented ahead of the model. Default `max(2, 2 × workers)`. */
  readonly prefetch?: number;
  /**
   * Threads each training step is split over (data-parallel model replicas, see `createReplicas`). Default: the
   * machine's cores, at most 4, on the wasm and cpu backends; 1 on `'node'` (libtensorflow threads by itself).
   */
  readonly threads?: number;
  /** TensorFlow.js backend; default `'wasm'`. */
  readonly backend?: BackendName;
  /** Called with progress events (batches, epochs, stages). */
  readonly onProgress?: (event: ExperimentEvent) => void;
  /** Already loaded data (tests); `data`, `limit` and `testLimit` are then not used for loading. */
  readonly loaded?: ExperimentData;
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw argumentError('runExperiment', name, 'a positive integer', value);
  }
  return value;
}

function limited(images: UniformBatch<Uint8Array>, labels: Uint8Array, n: number): LabeledImages {
  const stride = images.height * images.width * images.channels;
  return {
    images: { ...images, n, data: images.data.subarray(0, n * stride) },
    labels: Int32Array.from(labels.subarray(0, n)),
  };
}

/** The default test-set size of a run limited to `limit` training images (see `ExperimentOptions.testLimit`). */
export function defaultTestLimit(limit: number | undefined): number | undefined {
  return limit === undefined ? undefined : Math.max(100, Math.round(limit / 20));
}

/**
 * Loads Fashion-MNIST's two splits for an experiment: the first `limit` training images (all by default) and the
 * first `testLimit` test images (see {@link ExperimentOptions.testLimit} for the default).
 *
 * @example const data = await loadExperimentData({ limit: 2000 }); // 2,000 training and 100 test images
 */
export async function loadExperimentData(
  options: { readonly data?: string; readonly limit?: number; readonly testLimit?: number } = {},
): Promise<ExperimentData> {
  if (options.limit !== undefined) positiveInteger('limit', options.limit);
  if (options.testLimit !== undefined) positiveInteger('testLimit', options.testLimit);
  const train = await loadFashionMnist({ split: 'train', dir: options.data });
  const test = await loadFashionMnist({ split: 'test', dir: options.data ?? train.source.dir });
  const nTrain = Math.min(train.images.n, options.limit ?? train.images.n);
  const testLimit = options.testLimit ?? defaultTestLimit(options.limit);
  const nTest = Math.min(test.images.n, testLimit ?? test.images.n);
  return {
    train: limited(train.images, train.labels, nTrain),
    test: limited(test.images, test.labels, nTest),
    trainAvailable: train.images.n,
    testAvailable: test.images.n,
    classNames: train.classNames,
    source: train.source,
  };
}

/**
 * Measures `model` under horizontal shifts −5 … 5: test accuracy with wrap-around and zero fill, and the class
 * probabilities of one image at each shift (both kinds). Shared by `augkit train` and `augkit evaluate`; `onPass`
 * reports each of the 22 passes over the test images.
 *
 * @example const shifts = await evaluateShifts(model, data.test, batchImage(data.train.images, 24150));
 */
export async function evaluateShifts(
  model: tf.LayersModel,
  test: LabeledImages,
  image: Image,
  replicas?: TrainingReplicas,
  onPass?: (done: number, total: number) => void,
): Promise<ShiftReport> {
  const start = performance.now();
  const { shifts, roll, zero } = await accuracyVsShift(model, test.images, test.labels, SHIFTS, { replicas, onPass });
  const probabilities = {
    roll: await probabilityTable(model, image, SHIFTS, 'roll'),
    zero: await probabilityTable(model, image, SHIFTS, 'zero'),
  };
  return {
    shifts: [...shifts],
    accuracy: { roll: [...roll], zero: [...zero] },
    probabilities,
    testImages: test.images.n,
    seconds: (performance.now() - start) / 1000,
  };
}

/**
 * The training image whose probabilities are tabulated: the walkthrough's 24150, or `24150 % n` when fewer than
 * 24,151 images are loaded (the committed sample or `limit`), with a note saying so.
 */
export function probabilityImage(train: LabeledImages, classNames: readonly string[]): ProbabilityImage {
  const n = train.images.n;
  const index = PROBABILITY_IMAGE_INDEX % n;
  const label = train.labels[index];
  return {
    requestedIndex: PROBABILITY_IMAGE_INDEX,
    index,
    label,
    className: classNames[label] ?? String(label),
    note:
      index === PROBABILITY_IMAGE_INDEX
        ? null
        : `only ${n} training images are loaded, so image ${PROBABILITY_IMAGE_INDEX} % ${n} = ${index} is used instead of ${PROBABILITY_IMAGE_INDEX}`,
  };
}

async function trainOne(
  kind: ModelKind,
  data: ExperimentData,
  settings: {
    epochs: number;
    seed: number;
    workers: number;
    prefetch: number;
    threads: number;
    backend: BackendName;
    pipeline: AugmenterSpec;
    out: string;
    image: Image;
  },
  emit: (event: ExperimentEvent) => void,
): Promise<ModelReport> {
  const { epochs, seed, out } = settings;
  const model = createModel({ seed });
  const optimizer = tf.train.adam(LEARNING_RATE);
  const augment = kind === 'aug' ? fromJSON({ ...settings.pipeline, seed }) : undefined;
  const workers = augment === undefined ? 0 : settings.workers;
  const loader = new DataLoader(new ArrayDataset(data.train.images, data.train.labels), {
    batchSize: BATCH_SIZE,
    shuffle: true,
    seed,
    augment,
    workers,
    prefetch: settings.prefetch,
    pool: createWorkerPool,
    reuseBuffers: true, // trainEpoch is done with each batch before it asks for the next
  });
  const imagesPerEpoch = data.train.images.n;
  const records: EpochRecord[] = [];
  const replicas =
    settings.threads > 1
      ? await createReplicas(model, { threads: settings.threads, backend: settings.backend })
      : undefined;
  try {
    emit({ type: 'model', model: kind, epochs });
    for (let e = 0; e < epochs; e++) {
      const epoch = e + 1;
      const result = await trainEpoch(model, optimizer, loader.epoch(e), {
        replicas,
        onBatch: (progress) => emit({ type: 'batch', model: kind, epoch, epochs, imagesPerEpoch, progress }),
      });
      const evalStart = performance.now();
      const test = await evaluate(model, data.test.images, data.test.labels, { replicas });
      const record: EpochRecord = {
        epoch,
        images: result.images,
        trainLoss: result.meanLoss,
        testAccuracy: test.accuracy,
        testLoss: test.loss,
        seconds: result.seconds,
        waitSeconds: result.waitSeconds,
        computeSeconds: result.computeSeconds,
        imagesPerSecond: result.imagesPerSecond,
        waitShare: result.waitShare,
        evalSeconds: (performance.now() - evalStart) / 1000,
      };
      records.push(record);
      emit({ type: 'epoch', model: kind, epochs, record });
    }
  } catch (error) {
    await replicas?.dispose();
    throw error;
  } finally {
    await loader.close();
  }
  try {
    const dir = join(out, 'models', kind);
    emit({ type: 'stage', model: kind, message: `saving the model to ${dir}` });
    await saveModel(model, dir);
    emit({
      type: 'stage',
      model: kind,
      message: `shift evaluation: 11 shifts × 2 kinds × ${data.test.images.n} test images`,
    });
    const shift = await evaluateShifts(model, data.test, settings.image, replicas);
    const last = records[records.length - 1];
    const seconds = records.reduce((s, r) => s + r.seconds, 0);
    const images = records.reduce((s, r) => s + r.images, 0);
    const wait = records.reduce((s, r) => s + r.waitSeconds, 0);
    return {
      kind,
      label: MODEL_LABELS[kind],
      augmented: kind === 'aug',
      pipeline: augment === undefined ? null : augment.toJSON(),
      workers,
      modelDir: join('models', kind),
      parameters: model.countParams(),
      epochs: records,
      final: { testAccuracy: last.testAccuracy, testLoss: last.testLoss },
      training: {
        seconds,
        images,
        imagesPerSecond: images / seconds,
        waitSeconds: wait,
        waitShare: wait / seconds,
        meanEpochSeconds: seconds / records.length,
      },
      shift,
    };
  } finally {
    await replicas?.dispose();
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * Runs the walkthrough's experiment and writes its report into `out`.
 *
 * Trains the walkthrough's CNN (`createModel`) twice — with the augmentation `pipeline` (default: the
 * walkthrough's horizontal translation by −10 … 10 px, zero-filled) and without — or once with `only`. Each model:
 * batches of 64, shuffled per epoch, images scaled to [0, 1], Adam 1e-3, softmax cross-entropy; augmentation runs
 * in DataLoader worker threads with prefetch, so the training loop rarely waits. After every epoch the model is
 * evaluated on the test set (accuracy, loss), and the epoch's time, images/s and share of time spent waiting for
 * data are recorded. Then the model is saved (`out/models/aug`, `out/models/plain`, loadable with `loadModel`),
 * its accuracy is measured at horizontal shifts −5 … 5 (wrap-around and zero-filled), and the class probabilities
 * of training image 24150 (`24150 % n` for smaller training sets) are tabulated over the shifts.
 *
 * Writes `out/report.json` (an {@link ExperimentReport}), PNG charts and a self-contained `out/index.html`, and
 * resolves to the report. Everything random comes from `seed`: both models start from the same weights and see
 * the images in the same order, so augmentation is the only difference between them.
 *
 * @example
 * const report = await runExperiment({ out: 'report', epochs: 1, limit: 2000, onProgress: (e) => log(e) });
 * report.models.aug?.shift.accuracy.zero; // accuracy at shifts −5 … 5
 */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentReport> {
  if (options === null || typeof options !== 'object') {
    throw argumentError('runExperiment', 'options', 'an options object', options, 'type');
  }
  if (typeof options.out !== 'string' || options.out.length === 0) {
    throw argumentError('runExperiment', 'out', 'a folder path', options.out, 'type');
  }
  const started = performance.now();
  const out = resolve(options.out);
  const epochs = positiveInteger('epochs', options.epochs ?? 10);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw argumentError('runExperiment', 'seed', 'a non-negative safe integer', seed);
  }
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 0) {
    throw argumentError('runExperiment', 'workers', 'a non-negative integer', workers);
  }
  const prefetch = positiveInteger('prefetch', options.prefetch ?? Math.max(2, 2 * workers));
  const backendRequested = options.backend ?? 'wasm';
  const threads = options.threads ?? defaultTrainThreads(backendRequested);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw argumentError('runExperiment', 'threads', 'an integer in 1…64', threads);
  }
  const only = options.only;
  if (only !== undefined && only !== 'aug' && only !== 'plain') {
    throw argumentError('runExperiment', 'only', "'aug' or 'plain'", only);
  }
  const kinds: ModelKind[] = only === undefined ? ['aug', 'plain'] : [only];
  // Validate the pipeline (its own JSON paths in errors) before anything slow happens, then give it the run's seed.
  const raw = options.pipeline ?? WALKTHROUGH_PIPELINE;
  fromJSON(raw);
  const pipeline = fromJSON({ ...(raw as AugmenterSpec), seed }).toJSON();
  const pipelineSource = options.pipelineSource ?? (options.pipeline === undefined ? 'walkthrough' : 'custom');
  const emit = options.onProgress ?? (() => {});

  const backend = await initBackend(backendRequested);
  const data = options.loaded ?? (await loadExperimentData(options));
  emit({ type: 'data', train: data.train.images.n, test: data.test.images.n, source: data.source });
  const image = probabilityImage(data.train, data.classNames);
  const settingsForModels = {
    epochs,
    seed,
    workers,
    prefetch,
    threads,
    backend: backendRequested,
    pipeline,
    out,
    image: batchImage(data.train.images, image.index),
  };

  const models: Partial<Record<ModelKind, ModelReport>> = {};
  for (const kind of kinds) models[kind] = await trainOne(kind, data, settingsForModels, emit);

  const report: ExperimentReport = {
    format: 'augkit-experiment-report',
    version: 1,
    createdAt: new Date().toISOString(),
    settings: {
      epochs,
      batchSize: BATCH_SIZE,
      learningRate: LEARNING_RATE,
      optimizer: 'adam',
      seed,
      limit: options.limit ?? null,
      testLimit: data.test.images.n < data.testAvailable ? data.test.images.n : null,
      only: only ?? null,
      workers,
      prefetch,
      threads,
      pipeline,
      pipelineSource,
    },
    data: {
      source: data.source.kind,
      dir: data.source.dir,
      sample: data.source.sample,
      trainImages: data.train.images.n,
      testImages: data.test.images.n,
      trainAvailable: data.trainAvailable,
      testAvailable: data.testAvailable,
      classNames: [...data.classNames],
    },
    environment: {
      backend,
      tfjsVersion: tf.version.tfjs,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
    },
    probabilityImage: image,
    models,
    files: {
      json: 'report.json',
      html: 'index.html',
      charts: {},
      models: Object.fromEntries(kinds.map((k) => [k, join('models', k)])),
    },
    totalSeconds: 0,
  };
  emit({ type: 'stage', message: `writing the report to ${out}` });
  return writeReport(report, out, settingsForModels.image, () => (performance.now() - started) / 1000);
}
