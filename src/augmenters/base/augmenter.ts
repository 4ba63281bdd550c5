import * as labels from '../../augmentables/augment.ts';
import { argumentError } from '../../core/errors.ts';
import {
  type Batch,
  type Image,
  type PixelArray,
  type Shape,
  type UniformBatch,
  allocLike,
  assertUniformBatch,
  batchImage,
  isUniformBatch,
  shapeOf,
  viewLike,
} from '../../core/image.ts';
import type { Warp } from '../../geometry/warp.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { hashString } from '../../random/stream-id.ts';
import { RandomSource, checkSeed, getSeed, seedToKey } from '../../random/stream.ts';
import { checkIndex, checkOut, normaliseImage, resolveIndices } from './inputs.ts';
import { listPool, outputImages, packedData, poolOf, sharedListShape } from './list-images.ts';

/** Options every augmenter takes. */
export interface CommonOptions {
  /** This augmenter's seed (a non-negative integer). Default: the root seed in force when it was created. */
  readonly seed?: number;
  /** A name for this augmenter: it becomes its address in the random tree, instead of its position. */
  readonly name?: string;
}

/** How a batch call is addressed in the random tree. */
export interface AugmentOptions {
  /** The call counter (the DataLoader passes the epoch). Default: the augmenter's own counter, +1 per call. */
  readonly epoch?: number;
  /** The samples' dataset indices (default 0…n−1): a sample's result depends on its index, not its position. */
  readonly indices?: ArrayLike<number>;
  /**
   * Where to write the result, so that a caller that recycles buffers allocates nothing per call. A uniform result
   * (one N×H×W×C buffer) uses it when `out` has exactly its length and data type. A list result (a list given, or
   * outputs of different sizes, e.g. `fitOutput`) with one data type is written as consecutive views into `out` when
   * they fit, or else into one new buffer with a quarter to spare, which the caller can pass as `out` next time.
   * `augmentImage` writes into `out` itself when it has exactly the output's length and data type, into its start
   * when it is longer. Otherwise a new buffer is allocated. It must not share memory with the input. The result's
   * `data` tells which was used.
   */
  readonly out?: PixelArray;
}

/** The JSON form of an augmenter: `{ "type": "Multiply", "mul": [0.8, 1.2], "perChannel": false }`. */
export interface AugmenterSpec {
  readonly type: string;
  readonly [option: string]: unknown;
}

/**
 * The augmenter contract. `drawParams` makes every random choice for one sample; `applyInto` turns an image and
 * those choices into pixels, deterministically, writing into a buffer of `outputShape`'s size and never touching
 * the input. Everything else (single images, batches, determinism, JSON) is built on these.
 */
export abstract class Augmenter<P = unknown> {
  abstract readonly type: string;
  readonly name: string | undefined;
  /** True when the user gave this augmenter its own seed: inside a pipeline it then ignores its parent's. @internal */
  readonly hasOwnSeed: boolean;
  private seedValue: number;
  private callCounter = 0;
  private pinnedCall: number | undefined;

  constructor(common: CommonOptions, owner: string) {
    if (common.seed !== undefined) checkSeed(common.seed, owner, 'seed');
    if (common.name !== undefined && (typeof common.name !== 'string' || common.name.length === 0)) {
      throw argumentError(owner, 'name', 'a non-empty string', common.name, 'type');
    }
    this.name = common.name;
    this.hasOwnSeed = common.seed !== undefined;
    this.seedValue = common.seed ?? getSeed();
  }

  /** The seed this augmenter's draws come from when it is the root of a pipeline. */
  get seed(): number {
    return this.seedValue;
  }

  /** Every random choice for one sample of the given shape, and nothing else. */
  abstract drawParams(random: RandomSource, shape: Shape): P;

  /** The output's shape for an input of `shape` with these params (the same shape unless geometry changes it). */
  outputShape(shape: Shape, _params: P): Shape {
    return shape;
  }

  /** Writes the augmented image into `out` (of `outputShape`'s size, same dtype); never mutates `image`. */
  abstract applyInto(image: Image, params: P, out: Image): void;

  /** Where these params move the points of an image of `shape`: what its labels follow (see `augment`). */
  abstract warpOf(shape: Shape, params: P): Warp;

  /**
   * Optionally, the params that every sample of `shape` gets because they draw nothing random (all options
   * constant): a batch then uses them for every sample instead of drawing per sample. Undefined otherwise. Must be
   * exactly what `drawParams` would return for any address.
   */
  fixedParams(_shape: Shape): P | undefined {
    return undefined;
  }

  /**
   * Optionally maps a whole uniform batch at once when outputs keep the input's shape (e.g. one lookup table over
   * all images that share constant parameters). Returns false to fall back to `applyInto` per image.
   * @internal
   */
  applyUniformBatch(_batch: UniformBatch, _params: readonly P[], _out: PixelArray): boolean {
    return false;
  }

  /**
   * Optionally, whether the batch path does work once for several of these images (one warp's source coordinates
   * for every image that shares it): a list of large separate images is then gathered for it in pieces, instead of
   * going one image at a time without a copy (see listAsBatch).
   */
  sharesBatchWork(_params: readonly P[]): boolean {
    return false;
  }

  /**
   * Whether a batch of more than a megabyte goes to the kernels in pieces of whole images (see applyBatchInto): true
   * where the batch path passes over the pixels more than once or shares work between images, whose pieces then stay
   * in the core's cache between passes; a kernel of one pass loses a little to the extra calls (bench/README.md,
   * "Batches in pieces"). By default, where `sharesBatchWork` holds.
   */
  batchInPieces(params: readonly P[]): boolean {
    return this.sharesBatchWork(params);
  }

  /**
   * Applies drawn params (one per image) to a uniform batch, writing image i's result to the i-th `shape`-sized
   * slot of `out` (`shape` is the outputs' common shape, by default the input's). Tries `applyUniformBatch` when the
   * shape is kept, and otherwise applies the images one by one; either way the bytes are those of `applyInto`.
   * `out` must not share memory with the batch.
   * @internal
   */
  applyBatchInto(batch: UniformBatch, params: readonly P[], out: PixelArray, shape: Shape = batch): void {
    const { n, height, width, channels } = batch;
    const size = shape.height * shape.width * shape.channels;
    const chunk = chunkOf(batch);
    if (chunk < n && this.batchInPieces(params)) {
      // A large batch a few images at a time: each piece stays in the core's cache while the kernel works on it.
      const inSize = height * width * channels;
      for (let at = 0; at < n; at += chunk) {
        const m = Math.min(chunk, n - at);
        const data = batch.data.subarray(at * inSize, (at + m) * inSize) as PixelArray;
        const to = out.subarray(at * size, (at + m) * size) as PixelArray;
        this.applyBatchInto({ data, n: m, height, width, channels }, params.slice(at, at + m), to, shape);
      }
      return;
    }
    if (n === 0 || (sameSize(shape, batch) && this.applyUniformBatch(batch, params, out))) return;
    for (let i = 0; i < n; i++) {
      // Object literals, not spreads of `shape`: cheaper per image.
      this.applyInto(batchImage(batch, i), params[i], {
        data: out.subarray(i * size, (i + 1) * size) as PixelArray,
        height: shape.height,
        width: shape.width,
        channels: shape.channels,
      });
    }
  }

  /** The options in their JSON form (without type, seed and name). */
  protected abstract optionsToJSON(): Record<string, unknown>;

  /** Applies drawn params to one image and returns a new image: the explicit replay path. */
  apply(image: Image, params: P): Image {
    const shape = this.outputShape(shapeOf(image), params);
    const out: Image = { ...shape, data: allocLike(image.data, shape.height * shape.width * shape.channels) };
    this.applyInto(image, params, out);
    return out;
  }

  // The seed split into Philox's key words and the root path's hash, computed once per seed (not per image).
  private rootKey: [number, number, number] | undefined;

  /** The random source for sample `index` of call `call` when this augmenter is the root. @internal */
  rootSource(call: number, index: number): RandomSource {
    if (!this.rootKey) {
      const [k0, k1] = seedToKey(this.seedValue);
      this.rootKey = [k0, k1, hashString(this.name ?? this.type)];
    }
    const [k0, k1, path] = this.rootKey;
    return RandomSource.fromKey(k0, k1, call, index, path);
  }

  /** The random source for this augmenter as child `segment` of a pipeline whose source is `parent`. @internal */
  childSource(parent: RandomSource, segment: string): RandomSource {
    return this.hasOwnSeed
      ? parent.withSeed(this.seedValue, this.name ?? this.type)
      : parent.child(this.name ?? segment);
  }

  /** The call a call with this `epoch` option is (the counter advances when none is pinned or given). */
  nextCall(epoch: number | undefined): number {
    if (this.pinnedCall !== undefined) return this.pinnedCall;
    if (epoch !== undefined) {
      if (!Number.isInteger(epoch) || epoch < 0 || epoch > 0xffffffff) {
        throw argumentError(this.type, 'epoch', 'an integer in [0, 2^32 - 1]', epoch);
      }
      return epoch;
    }
    return this.callCounter++ >>> 0;
  }

  /**
   * Augments one image and returns a new one (the input is never changed).
   * @example const out = iaa.Multiply(0.5).augmentImage(image);
   */
  augmentImage(image: Image, options: Omit<AugmentOptions, 'indices'> & { index?: number } = {}): Image {
    const input = normaliseImage(image, this.type);
    const given = options.out;
    if (given !== undefined) checkOut(this.type, given, input.data, 'the image');
    const call = this.nextCall(options.epoch);
    const index = options.index ?? 0;
    checkIndex(this.type, 'index', index);
    const params = this.drawParams(this.rootSource(call, index), shapeOf(input));
    if (given === undefined) return this.apply(input, params);
    const shape = this.outputShape(input, params);
    const size = shape.height * shape.width * shape.channels;
    const data =
      given.constructor !== input.data.constructor || given.length < size
        ? allocLike(input.data, size)
        : given.length === size
          ? given
          : (given.subarray(0, size) as PixelArray);
    const out: Image = { data, height: shape.height, width: shape.width, channels: shape.channels };
    this.applyInto(input, params, out);
    return out;
  }

  /**
   * Augments a batch: a list of images (sizes may differ) or one N×H×W×C buffer. Returns the same kind it was
   * given; a uniform batch becomes a list only when the outputs differ in size (e.g. `fitOutput`). All parameters
   * are drawn for all images first, then each image is processed with no allocation beyond its output.
   * @example aug.augmentImages(images, { epoch: 3, indices: [10, 11, 12] })
   */
  augmentImages(batch: readonly Image[], options?: AugmentOptions, drawn?: labels.Drawn): Image[];
  augmentImages(batch: UniformBatch, options?: AugmentOptions, drawn?: labels.Drawn): UniformBatch | Image[];
  augmentImages(batch: Batch, options?: AugmentOptions, drawn?: labels.Drawn): Batch;
  augmentImages(batch: Batch, options: AugmentOptions = {}, drawn?: labels.Drawn): Batch {
    const uniform = isUniformBatch(batch);
    if (!uniform && !Array.isArray(batch)) {
      throw argumentError(
        this.type,
        'batch',
        'an array of images or a uniform batch { data, n, height, width, channels }',
        batch,
        'type',
      );
    }
    const n = uniform ? assertUniformBatch(batch, this.type).n : (batch as Image[]).length;
    const given = options.out;
    if (given !== undefined) {
      if (uniform) checkOut(this.type, given, batch.data, 'the batch');
      else {
        // Only an image in out's buffer can overlap it (malformed images are reported below).
        const buffer = given.buffer;
        for (const image of batch as Image[]) {
          if (image?.data?.buffer === buffer) checkOut(this.type, given, image.data, 'the batch');
        }
      }
    }
    const indices = resolveIndices(this.type, options.indices, n);
    const call = this.nextCall(options.epoch);
    // A uniform batch's images share one shape object, and views on them are made only when applied one by one; so
    // do the images of a list of one shape and data type, which goes through the batch path too (see listAsBatch).
    const listShape = uniform ? undefined : sharedListShape(batch as Image[], this.type);
    const batchShape = uniform ? shapeOf(batch) : listShape;
    let fixed = batchShape !== undefined ? this.fixedParams(batchShape) : undefined;
    const inputs: Image[] = listShape !== undefined ? (batch as Image[]) : new Array(n);
    const params: P[] = new Array(n);
    const shapes: Shape[] = new Array(n);
    let sameShape = true;
    let sameInputs = !uniform;
    for (let i = 0; i < n; i++) {
      let shape = batchShape;
      if (shape === undefined) {
        inputs[i] = normaliseImage((batch as Image[])[i], this.type, 'batch', i);
        shape = shapeOf(inputs[i]);
        if (i === 0) fixed = this.fixedParams(shape);
        else if (!sameSize(shape, inputs[0]) || inputs[i].data.constructor !== inputs[0].data.constructor) {
          sameInputs = false;
          fixed = undefined; // the first image's shape's
        }
      }
      params[i] = fixed !== undefined ? fixed : this.drawParams(this.rootSource(call, indices[i]), shape);
      shapes[i] = this.outputShape(shape, params[i]);
      if (i > 0 && !sameSize(shapes[i], shapes[0])) sameShape = false;
    }
    drawn?.(params);
    if (sameInputs && sameShape && n > 0) return this.listAsBatch(inputs, params, shapes, given);
    if (uniform && sameShape) {
      const shape = n > 0 ? shapes[0] : shapeOf(batch);
      const size = shape.height * shape.width * shape.channels;
      const data =
        given !== undefined && given.length === size * n && given.constructor === batch.data.constructor
          ? given
          : allocLike(batch.data, size * n);
      this.applyBatchInto(batch, params, data, shape);
      return { data, n, height: shape.height, width: shape.width, channels: shape.channels };
    }
    const images = uniform ? Array.from({ length: n }, (_, i) => batchImage(batch, i)) : inputs;
    const pool = given !== undefined ? listPool(images, shapes, given) : undefined;
    const outputs: Image[] = new Array(n);
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const s = shapes[i];
      const size = s.height * s.width * s.channels;
      const data = pool ? (pool.subarray(offset, offset + size) as PixelArray) : allocLike(images[i].data, size);
      offset += size;
      const out: Image = { ...s, data };
      this.applyInto(images[i], params[i], out);
      outputs[i] = out;
    }
    return outputs;
  }

  /**
   * A list of images of one shape and data type, whose outputs share one shape too, through `applyBatchInto` (so
   * through the batch kernels, as a packed N×H×W×C batch goes). Images consecutive in one buffer (views of a packed
   * batch) are read where they lie. Separate small images are gathered into a reused buffer a cache-sized chunk at
   * a time (a kernel call per small image costs more than the copy), and so are large ones when the batch path
   * shares work between them (`sharesBatchWork`); other large ones go one at a time as they are, where a copy would
   * cost more than the call. The outputs are consecutive views of one buffer: `out` where they
   * fit (see `AugmentOptions.out`), else one new buffer.
   */
  private listAsBatch(inputs: readonly Image[], params: readonly P[], shapes: readonly Shape[], given?: PixelArray) {
    const n = inputs.length;
    const { height, width, channels } = inputs[0];
    const inSize = height * width * channels;
    const shape = shapes[0];
    const size = shape.height * shape.width * shape.channels;
    const total = n * size;
    const pool =
      given !== undefined && given.constructor === inputs[0].data.constructor ? poolOf(total, given) : undefined;
    const out = pool !== undefined ? (pool.subarray(0, total) as PixelArray) : allocLike(inputs[0].data, total);
    const packed = packedData(inputs, inSize);
    if (packed !== undefined) {
      this.applyBatchInto({ data: packed, n, height, width, channels }, params, out, shape);
    } else {
      const gather = inSize * inputs[0].data.BYTES_PER_ELEMENT <= GATHER_MAX_BYTES || this.sharesBatchWork(params);
      const chunk = gather ? chunkOf(inputs[0]) : 1;
      // The gather buffer is this call's until it returns; an augmenter calling augmentImages from inside its own
      // apply gathers into fresh memory instead.
      const scratch = gathering ? new Scratch() : gatherScratch;
      gathering = true;
      try {
        for (let at = 0; at < n; at += chunk) {
          const m = Math.min(chunk, n - at);
          const data = m === 1 ? inputs[at].data : scratch.like(0, inputs[0].data, m * inSize);
          if (m > 1) for (let i = 0; i < m; i++) data.set(inputs[at + i].data as never, i * inSize);
          const part = m === n ? params : params.slice(at, at + m);
          const to = out.subarray(at * size, (at + m) * size) as PixelArray;
          this.applyBatchInto({ data, n: m, height, width, channels }, part, to, shape);
        }
      } finally {
        gathering = scratch !== gatherScratch;
      }
    }
    return outputImages(out, n, shape);
  }

  /** Augments images with their labels (keypoints, boxes, polygons, maps), same draws: see augmentables/augment.ts. */
  augment<T extends labels.AugmentInput>(input: T, options: labels.LabelOptions = {}): labels.AugmentResult<T> {
    return labels.augmentLabelled(this, input, options);
  }

  /**
   * A copy that repeats the same draws on every call (imgaug's `to_deterministic`): use it to apply one random
   * transformation to several inputs. The copy is pinned to this augmenter's current call.
   */
  toDeterministic(): this {
    const copy = this.clone();
    copy.pinnedCall = this.pinnedCall ?? this.callCounter;
    return copy;
  }

  /** Sets a new seed and restarts the call counter, so the next calls draw anew from that seed. */
  reseed(seed: number): this {
    this.seedValue = checkSeed(seed, this.type, 'seed');
    this.rootKey = undefined;
    this.callCounter = 0;
    return this;
  }

  /** A copy with the same options, seed and call counter. */
  clone(): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(copy, this);
    return copy;
  }

  /**
   * The JSON form: `fromJSON` rebuilds an augmenter that behaves identically, in this process or another. It holds
   * the seed in use (so a pipeline file or a worker reproduces the same draws); children inside it hold a seed only
   * when they were given their own.
   */
  toJSON(): AugmenterSpec {
    return this.specWith(true);
  }

  /** The JSON form of this augmenter as a child inside a pipeline's JSON. @internal */
  childJSON(): AugmenterSpec {
    return this.specWith(this.hasOwnSeed);
  }

  private specWith(seed: boolean): AugmenterSpec {
    return {
      type: this.type,
      ...(this.name !== undefined ? { name: this.name } : {}),
      ...(seed ? { seed: this.seedValue } : {}),
      ...this.optionsToJSON(),
    };
  }
}

/**
 * The most bytes of input a batch call hands its kernels at once where pieces pay (`batchInPieces`): larger batches
 * go in pieces of whole images, which stay in the core's cache (2–4 MB here) between the kernel's passes over them.
 */
const CHUNK_BYTES = 1 << 20;

/** Images of at most this many bytes, given as a list of separate buffers, are gathered (see listAsBatch). */
const GATHER_MAX_BYTES = 64 << 10;

/** How many images of `shape` (of `data`'s type) make one piece of a batch: at least one. */
function chunkOf(image: Shape & { readonly data: PixelArray }): number {
  const bytes = image.height * image.width * image.channels * image.data.BYTES_PER_ELEMENT;
  return Math.max(1, Math.floor(CHUNK_BYTES / bytes));
}

// The buffer lists of small separate images are gathered into, a chunk at a time, reused from call to call;
// `gathering` while a call uses it.
const gatherScratch = new Scratch();
let gathering = false;

function sameSize(a: Shape, b: Shape): boolean {
  return a.height === b.height && a.width === b.width && a.channels === b.channels;
}
