/** The shape of the experiment's `report.json` and of `augkit evaluate`'s result. */
import type { AugmenterSpec } from '../../../src/augmenters/base/augmenter.ts';
import type { FashionMnistSource } from '../../../src/data/fashion-mnist.ts';

/** The two models of the experiment: trained with augmentation, and without. */
export type ModelKind = 'aug' | 'plain';

/** How the report names each model. */
export const MODEL_LABELS: Readonly<Record<ModelKind, string>> = Object.freeze({
  aug: 'with augmentation',
  plain: 'without augmentation',
});

/** How the report names each kind of shift. */
export const SHIFT_KIND_LABELS = Object.freeze({ roll: 'wrap-around', zero: 'zero-filled' });

/** One epoch of one model: training totals and the test evaluation that followed it. */
export interface EpochRecord {
  /** 1-based. */
  readonly epoch: number;
  /** Training images seen in this epoch. */
  readonly images: number;
  /** Mean training loss over the epoch (softmax cross-entropy, on augmented images for the augmented model). */
  readonly trainLoss: number;
  /** Accuracy (0 … 1) on the test images after this epoch, unshifted. */
  readonly testAccuracy: number;
  /** Mean softmax cross-entropy on the test images after this epoch. */
  readonly testLoss: number;
  /** Wall time of the epoch's training loop (evaluation not included). */
  readonly seconds: number;
  /** Time the loop waited for the next batch (data loading and augmentation not hidden by prefetch). */
  readonly waitSeconds: number;
  /** Time spent in training steps. */
  readonly computeSeconds: number;
  /** Training throughput of the epoch: images / seconds. */
  readonly imagesPerSecond: number;
  /** waitSeconds / seconds, 0 … 1: the share of the epoch the model waited for data. */
  readonly waitShare: number;
  /** Time of the test evaluation after the epoch. */
  readonly evalSeconds: number;
}

/** Accuracy and class probabilities of one model under horizontal shifts. */
export interface ShiftReport {
  /** The shifts in pixels, −5 … 5; positive moves the content right. */
  readonly shifts: number[];
  /** Test accuracy (0 … 1) at each shift, with wrap-around (`roll`) and with zero fill (`zero`). */
  readonly accuracy: { readonly roll: number[]; readonly zero: number[] };
  /**
   * Class probabilities of the report's probability image at each shift: one row per shift (in `shifts` order),
   * one column per class; `roll` is the walkthrough's table, `zero` the same with zero-filled shifts.
   */
  readonly probabilities: { readonly roll: number[][]; readonly zero: number[][] };
  /** Test images each accuracy was measured on. */
  readonly testImages: number;
  /** Wall time of the shift evaluation. */
  readonly seconds: number;
}

/** One trained model in the report. */
export interface ModelReport {
  readonly kind: ModelKind;
  /** Its name in charts and tables, from {@link MODEL_LABELS}. */
  readonly label: string;
  /** True for the model trained with the augmentation pipeline. */
  readonly augmented: boolean;
  /** The augmentation pipeline as run (JSON with its seed), or null for the plain model. */
  readonly pipeline: AugmenterSpec | null;
  /** Worker threads that augmented its batches (0 for the plain model or on-thread augmentation). */
  readonly workers: number;
  /** Where the model was saved, relative to the report folder (`models/aug` or `models/plain`). */
  readonly modelDir: string;
  /** Number of trainable and non-trainable parameters. */
  readonly parameters: number;
  /** One record per epoch. */
  readonly epochs: EpochRecord[];
  /** The last epoch's test accuracy and loss (unshifted). */
  readonly final: { readonly testAccuracy: number; readonly testLoss: number };
  /** Training totals over all epochs. */
  readonly training: {
    readonly seconds: number;
    readonly images: number;
    readonly imagesPerSecond: number;
    readonly waitSeconds: number;
    /** waitSeconds / seconds, 0 … 1. */
    readonly waitShare: number;
    readonly meanEpochSeconds: number;
  };
  /** The shift evaluation of the final model. */
  readonly shift: ShiftReport;
}

/** The training image whose probabilities are tabulated. */
export interface ProbabilityImage {
  /** The walkthrough's image, 24150. */
  readonly requestedIndex: number;
  /** The index used: `requestedIndex % n` for a training set of n images. */
  readonly index: number;
  readonly label: number;
  readonly className: string;
  /** Why `index` differs from `requestedIndex`, or null when it does not. */
  readonly note: string | null;
}

/** `report.json`: everything the experiment measured, and how it was run. */
export interface ExperimentReport {
  /** Always `'augkit-experiment-report'`. */
  readonly format: 'augkit-experiment-report';
  /** Version of this layout; 1. */
  readonly version: 1;
  /** When the report was written (ISO 8601). */
  readonly createdAt: string;
  readonly settings: {
    readonly epochs: number;
    readonly batchSize: number;
    readonly learningRate: number;
    readonly optimizer: 'adam';
    /** Seed of weights, shuffling and augmentation. */
    readonly seed: number;
    /** Training images used when limited, else null (all). */
    readonly limit: number | null;
    /** Test images used when limited, else null (all). */
    readonly testLimit: number | null;
    /** The one model trained, or null for both. */
    readonly only: ModelKind | null;
    readonly workers: number;
    readonly prefetch: number;
    /** Threads each training step was split over (data-parallel replicas); 1 = the training thread alone. */
    readonly threads: number;
    /** The augmentation pipeline as run: its JSON with the run's seed at the root. */
    readonly pipeline: AugmenterSpec;
    /** `'walkthrough'`, a pipeline file's path, or `'custom'`. */
    readonly pipelineSource: string;
  };
  readonly data: {
    /** Which location the data came from (see `loadFashionMnist`). */
    readonly source: FashionMnistSource['kind'];
    readonly dir: string;
    /** True for the small sample committed in the repository. */
    readonly sample: boolean;
    /** Training images used. */
    readonly trainImages: number;
    /** Test images used. */
    readonly testImages: number;
    /** Images in the training split as found. */
    readonly trainAvailable: number;
    /** Images in the test split as found. */
    readonly testAvailable: number;
    readonly classNames: string[];
  };
  readonly environment: {
    /** The TensorFlow.js backend in use (`wasm`, `cpu`, `tensorflow`). */
    readonly backend: string;
    readonly tfjsVersion: string;
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
  };
  readonly probabilityImage: ProbabilityImage;
  /** The trained models: both, or the one chosen with `only`. */
  readonly models: Partial<Record<ModelKind, ModelReport>>;
  /** The report's files, relative to its folder. */
  readonly files: {
    readonly json: string;
    readonly html: string;
    /** PNG charts by name (`shiftAccuracy`, `probabilitiesAug`, …). */
    readonly charts: Record<string, string>;
    /** Saved model folders by kind. */
    readonly models: Partial<Record<ModelKind, string>>;
  };
  /** Wall time of the whole run, charts included. */
  readonly totalSeconds: number;
}

/** `evaluation.json` of `augkit evaluate`: the shift evaluation of one saved model. */
export interface EvaluationReport {
  /** Always `'augkit-evaluation'`. */
  readonly format: 'augkit-evaluation';
  readonly version: 1;
  readonly createdAt: string;
  /** The model folder, as given. */
  readonly model: string;
  readonly data: {
    readonly source: FashionMnistSource['kind'];
    readonly dir: string;
    readonly sample: boolean;
    readonly testImages: number;
    readonly testAvailable: number;
    readonly classNames: string[];
  };
  readonly probabilityImage: ProbabilityImage;
  readonly shift: ShiftReport;
}
