// A tiny augmenter with the real contract's shape (augmentImages addressed by epoch and dataset index, toJSON,
// fromJSON), for the data layer's tests while the real augmenters are in progress. Each output pixel is
// (pixel + hash(seed, epoch, index, position)) mod 256, so a sample's result depends only on its address.
import type { Image, UniformBatch } from '../../src/core/image.ts';
import { isUniformBatch } from '../../src/core/image.ts';

/** The JSON form of the stand-in. */
export interface StandInSpec {
  readonly type: 'StandIn';
  readonly seed: number;
  /** Throw when a batch holds this dataset index (to test error propagation). */
  readonly throwAt?: number;
  /** Return a list of images 1 pixel wider instead of the input's kind (sizes change). */
  readonly grow?: boolean;
  /** Write the result over the input batch and return the input itself (an augmenter working in place). */
  readonly inPlace?: boolean;
}

function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x1234567, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(c + 0x51ed27, 0x297a2d39);
  h = Math.imul(h ^ (h >>> 13), 0x68e31da4) ^ Math.imul(d + 0x1b873593, 0x7feb352d);
  return (h ^ (h >>> 16)) >>> 0;
}

function failHere(index: number): never {
  throw new Error(`stand-in failure at dataset index ${index}`);
}

/** The stand-in augmenter. */
export class StandIn {
  readonly calls: { epoch?: number; indices?: number[]; n: number }[] = [];
  constructor(readonly spec: StandInSpec) {}

  augmentImages(
    batch: Image[] | UniformBatch,
    { epoch = 0, indices }: { epoch?: number; indices?: ArrayLike<number> } = {},
  ): Image[] | UniformBatch {
    const images: readonly Image[] = isUniformBatch(batch)
      ? Array.from({ length: batch.n }, (_, i) => {
          const size = batch.height * batch.width * batch.channels;
          return { ...batch, data: batch.data.subarray(i * size, (i + 1) * size) };
        })
      : batch;
    this.calls.push({ epoch, indices: indices ? Array.from(indices) : undefined, n: images.length });
    const out = images.map((image, k) => {
      const index = indices ? indices[k] : k;
      if (index === this.spec.throwAt) failHere(index);
      const width = image.width + (this.spec.grow ? 1 : 0);
      const data = new Uint8Array(image.height * width * image.channels);
      for (let p = 0; p < data.length; p++) {
        const source = p < image.data.length ? image.data[p] : 0;
        data[p] = (source + hash(this.spec.seed, epoch, index, p)) & 255;
      }
      return { data, height: image.height, width, channels: image.channels };
    });
    if (this.spec.inPlace && !this.spec.grow) {
      images.forEach((image, k) => image.data.set(out[k].data));
      return batch;
    }
    if (this.spec.grow || !isUniformBatch(batch)) return out;
    const size = batch.height * batch.width * batch.channels;
    const data = new Uint8Array(batch.n * size);
    out.forEach((image, i) => data.set(image.data, i * size));
    return { data, n: batch.n, height: batch.height, width: batch.width, channels: batch.channels };
  }

  toJSON(): StandInSpec {
    return this.spec;
  }
}

/** Rebuilds a stand-in from its JSON (what workers call). */
export function fromJSON(spec: StandInSpec): StandIn {
  return new StandIn(spec);
}

/** The reviver option that makes a worker pool rebuild stand-ins. */
export const standInReviver = { module: new URL('./stand-in-augmenter.ts', import.meta.url), name: 'fromJSON' };
