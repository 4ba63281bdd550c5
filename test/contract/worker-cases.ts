// What the contract's worker threads run: every case of the suite in one augmenter-like object, so that one pool
// serves the whole registry (a pool runs the one augmenter it was made with). The batch call's epoch says which
// case a batch is for, and that case's augmenter gets the same epoch, so its draws are addressed exactly as on the
// calling thread. Loaded by createWorkerPool's workers as their reviver module.
import type { AugmenterSpec } from '../../src/augmenters/base/augmenter.ts';
import type { Image, PixelArray, UniformBatch } from '../../src/core/image.ts';
import * as iaa from '../../src/index.ts';

/** The JSON a pool of contract cases is made from. */
export interface ContractCasesSpec {
  readonly type: 'ContractCases';
  /** Whether the workers run the WebAssembly kernels (as the calling thread does). */
  readonly wasm: boolean;
  /** Each case's augmenter, by its position: epoch k runs cases[k]. */
  readonly cases: readonly AugmenterSpec[];
}

/** The augmenter-like object a worker runs: it hands each batch to the case its epoch names. */
export class ContractCases {
  private readonly augmenters: iaa.Augmenter[];

  constructor(readonly spec: ContractCasesSpec) {
    this.augmenters = spec.cases.map((c) => iaa.fromJSON(c));
  }

  augmentImages(
    batch: Image[] | UniformBatch,
    options: { epoch?: number; indices?: ArrayLike<number>; out?: PixelArray },
  ): Image[] | UniformBatch {
    const augmenter = this.augmenters[options.epoch ?? -1];
    if (augmenter === undefined) throw new Error(`ContractCases: no case for epoch ${options.epoch}`);
    return augmenter.augmentImages(batch as UniformBatch, options) as Image[] | UniformBatch;
  }

  toJSON(): ContractCasesSpec {
    return this.spec;
  }
}

/** The reviver: sets the worker's kernels as the calling thread's, then rebuilds every case. */
export function fromJSON(spec: ContractCasesSpec): ContractCases {
  iaa.useWasmKernels(spec.wasm);
  if (iaa.wasmKernelsAvailable() !== spec.wasm)
    throw new Error(`ContractCases: cannot set WebAssembly to ${spec.wasm}`);
  return new ContractCases(spec);
}

/** The reviver option of createWorkerPool for these cases. */
export const contractCasesReviver = { module: new URL('./worker-cases.ts', import.meta.url), name: 'fromJSON' };
