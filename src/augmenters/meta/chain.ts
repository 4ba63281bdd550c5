import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape, UniformBatch } from '../../core/image.ts';
import { type Warp, identityWarp } from '../../geometry/warp.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter } from '../base/augmenter.ts';
import type { OptionDef } from '../base/define.ts';

/** The drawn params of a chain of children: which children run, in which order, with their own params. */
export interface ChainParams {
  /** Child positions in application order. */
  readonly order: readonly number[];
  /** Params per child position (undefined for children that do not run). */
  readonly params: readonly unknown[];
  /** The shape after each applied step (`shapes[k]` is the output of step k). */
  readonly shapes: readonly Shape[];
}

/** Checks that `children` is a list of augmenters; names the owner and option in the error. */
export function checkChildren(owner: string, option: string, children: unknown): Augmenter[] {
  if (!Array.isArray(children)) throw argumentError(owner, option, 'an array of augmenters', children, 'type');
  children.forEach((c, i) => {
    if (!(c instanceof Augmenter)) throw argumentError(owner, `${option}[${i}]`, 'an augmenter', c, 'type');
  });
  return children as Augmenter[];
}

/** The random address of child k: its name, or `k:Type`. */
export function childSegment(k: number, child: Augmenter): string {
  return `${k}:${child.type}`;
}

/** A meta augmenter's children with their address segments, computed once per augmenter (in `prepare`). */
export interface Children {
  readonly list: readonly Augmenter[];
  readonly segments: readonly string[];
}

export function childrenOf(list: readonly Augmenter[]): Children {
  return { list, segments: list.map((child, k) => childSegment(k, child)) };
}

/**
 * The `children` option of a meta augmenter: a list of augmenters (non-empty when `nonEmpty`), or with `acceptsOne`
 * also a single augmenter, taken as a list of one (imgaug's `handle_children_list`); JSON holds a list of specs.
 */
export function childrenOption(
  doc: string,
  nonEmpty = false,
  acceptsOne = false,
): OptionDef<Augmenter | readonly Augmenter[] | undefined, readonly Augmenter[]> {
  return {
    default: nonEmpty ? undefined : [],
    meta: {
      type: 'augmenter[]',
      ...(nonEmpty ? { range: 'at least one' } : {}),
      doc,
    },
    parse(owner, option, value) {
      const list = checkChildren(owner, option, acceptsOne && value instanceof Augmenter ? [value] : value);
      if (nonEmpty && list.length === 0) throw argumentError(owner, option, 'a non-empty array of augmenters', value);
      return list;
    },
    toJSON: (given) => (given instanceof Augmenter ? [given] : given)?.map((c) => c.childJSON()),
    fromJSON(value, path, build) {
      if (acceptsOne && !Array.isArray(value) && value !== null && typeof value === 'object') return build(value, path);
      if (!Array.isArray(value)) {
        throw Object.assign(new TypeError('children must be an array'), {
          option: 'children',
          detail: 'expected an array of augmenters',
        });
      }
      return value.map((c, i) => build(c, `${path}[${i}]`));
    },
  };
}

/** Draws params for the children at `order` (positions into `children`), threading the shape through them. */
export function drawChain(
  children: Children,
  order: readonly number[],
  random: RandomSource,
  shape: Shape,
): ChainParams {
  const { list, segments } = children;
  const params: unknown[] = new Array(list.length);
  const shapes: Shape[] = [];
  let current = shape;
  for (const k of order) {
    const child = list[k];
    params[k] = child.drawParams(child.childSource(random, segments[k]), current);
    current = child.outputShape(current, params[k]);
    shapes.push(current);
  }
  return { order, params, shapes };
}

/**
 * The steps every meta augmenter that runs a chain of its children shares (the output shape, one image, a uniform
 * batch); `prepared.children` are the children its params index.
 */
export const chainSteps = {
  outputShape: (_prepared: unknown, shape: Shape, params: ChainParams): Shape => chainOutputShape(shape, params),
  warp: (prepared: { readonly children: Children }, shape: Shape, params: ChainParams): Warp =>
    chainWarp(prepared.children.list, params, shape),
  apply(image: Image, params: ChainParams, out: Image, prepared: { readonly children: Children }): void {
    applyChain(prepared.children.list, params, image, out);
  },
  applyBatch(
    batch: Image,
    params: readonly ChainParams[],
    out: Image,
    size: number,
    prepared: { readonly children: Children },
  ): boolean {
    const { width, channels } = batch;
    const uniform = { data: batch.data, n: params.length, height: size / (width * channels), width, channels };
    return applyChainBatch(prepared.children.list, params, uniform, out.data);
  },
};

/**
 * The warp of a chain: its children's warps in order, as one chain (identities left out; a single warp as itself;
 * a child's chain flattened in unless it carries `forMap`), so that labels move as the image does.
 */
export function chainWarp(children: readonly Augmenter[], chain: ChainParams, shape: Shape): Warp {
  const steps: Warp[] = [];
  let current = shape;
  chain.order.forEach((k, j) => {
    const warp = children[k].warpOf(current, chain.params[k]);
    // A chain with its own rule for maps of another size (one augmenter's steps) stays one step.
    if (warp.kind === 'chain' && warp.forMap === undefined) steps.push(...warp.steps);
    else if (warp.kind !== 'identity') steps.push(warp);
    current = chain.shapes[j];
  });
  if (steps.length === 0) return identityWarp(current);
  return steps.length === 1 ? steps[0] : { kind: 'chain', steps, output: current };
}

/** The shape a chain produces. */
export function chainOutputShape(shape: Shape, chain: ChainParams): Shape {
  return chain.shapes.length > 0 ? chain.shapes[chain.shapes.length - 1] : shape;
}

/**
 * Runs the chain on `image`, the last step writing into `out`; an empty chain copies the image. The steps in
 * between write into scratch buffers reused from image to image (two per nesting depth, taken in turn), not into
 * a fresh image each: a step's input and output are never the same buffer, and no intermediate image outlives
 * the call.
 */
export function applyChain(children: readonly Augmenter[], chain: ChainParams, image: Image, out: Image): void {
  const { order, params, shapes } = chain;
  if (order.length === 0) {
    out.data.set(image.data);
    return;
  }
  const last = order.length - 1;
  if (last === 0) {
    children[order[0]].applyInto(image, params[order[0]], out);
    return;
  }
  const level = depth++;
  try {
    let current = image;
    for (let j = 0; j < last; j++) {
      const k = order[j];
      const shape = shapes[j];
      const data = scratch(level, j & 1, image.data, shape.height * shape.width * shape.channels);
      const next: Image = { data, height: shape.height, width: shape.width, channels: shape.channels };
      children[k].applyInto(current, params[k], next);
      current = next;
    }
    children[order[last]].applyInto(current, params[order[last]], out);
  } finally {
    depth--;
  }
}

/**
 * Runs every image's chain over a uniform batch step by step, each child on many images per call (its
 * `applyBatchInto`, so its batch kernel when it has one), and writes the results into `out`; gives the bytes of
 * `applyChain` image by image. Returns false, touching nothing, unless every step of every chain keeps the input's
 * shape.
 *
 * The images are first laid out sorted by their order (for `randomOrder`, images 3 and 7 that apply [1, 0] sit next
 * to each other), so at each step the images that go to one child mostly form a few contiguous runs: a run goes to
 * the child in one call, straight from one buffer to the next, with no copies per step. Only a layout that differs
 * from the batch's costs one copy in and one copy out. Between steps the results stay in the two scratch buffers of
 * this nesting depth (the ones `applyChain` uses one image at a time), which grow to the largest batch they held.
 */
export function applyChainBatch(
  children: readonly Augmenter[],
  chains: readonly ChainParams[],
  batch: UniformBatch,
  out: PixelArray,
): boolean {
  const { n, height, width, channels } = batch;
  let steps = 0;
  for (let i = 0; i < n; i++) {
    const { order, shapes } = chains[i];
    for (const s of shapes) {
      if (s.height !== height || s.width !== width || s.channels !== channels) return false;
    }
    if (order.length > steps) steps = order.length;
  }
  if (steps === 0) {
    out.set(batch.data);
    return true;
  }
  const size = height * width * channels;
  const level = depth++;
  try {
    const layout = sortedLayout(chains, n, level);
    const first = scratch(level, 0, batch.data, n * size);
    const second = scratch(level, 1, batch.data, n * size);
    let src = batch.data;
    if (layout !== undefined) {
      for (let p = 0; p < n; p++) first.set(batch.data.subarray(layout[p] * size, (layout[p] + 1) * size), p * size);
      src = first;
    }
    const runParams = runParamsOf(level);
    for (let j = 0; j < steps; j++) {
      const dst = j === steps - 1 && layout === undefined ? out : src === first ? second : first;
      for (let p = 0; p < n; ) {
        const k = childAt(chains[layout === undefined ? p : layout[p]], j);
        let q = p + 1;
        while (q < n && childAt(chains[layout === undefined ? q : layout[q]], j) === k) q++;
        const from = src.subarray(p * size, q * size) as PixelArray;
        const to = dst.subarray(p * size, q * size) as PixelArray;
        if (k < 0) {
          // These images' chains ended at an earlier step (SomeOf, Sometimes): carried over unchanged.
          to.set(from);
        } else {
          runParams.length = q - p;
          for (let r = p; r < q; r++) runParams[r - p] = chains[layout === undefined ? r : layout[r]].params[k];
          children[k].applyBatchInto({ data: from, n: q - p, height, width, channels }, runParams, to);
        }
        p = q;
      }
      src = dst;
    }
    if (layout !== undefined) {
      for (let p = 0; p < n; p++) out.set(src.subarray(p * size, (p + 1) * size), layout[p] * size);
    }
    return true;
  } finally {
    depth--;
  }
}

/** The child at step j of a chain, or −1 when the chain has fewer steps. */
function childAt(chain: ChainParams, j: number): number {
  return j < chain.order.length ? chain.order[j] : -1;
}

/**
 * The batch positions in the order of their chains' orders (compared step by step, a shorter order first), or
 * undefined when the batch is already in that order (as when every image has the same order).
 */
function sortedLayout(chains: readonly ChainParams[], n: number, level: number): number[] | undefined {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = compareOrders(chains[i - 1].order, chains[i].order) <= 0;
  if (sorted) return undefined;
  const layout = layoutOf(level);
  layout.length = n;
  for (let i = 0; i < n; i++) layout[i] = i;
  // Stable (ECMAScript 2019): images with the same order keep their batch order, so their memory stays in sequence.
  return layout.sort((a, b) => compareOrders(chains[a].order, chains[b].order));
}

function compareOrders(a: readonly number[], b: readonly number[]): number {
  const common = Math.min(a.length, b.length);
  for (let j = 0; j < common; j++) if (a[j] !== b[j]) return a[j] - b[j];
  return a.length - b.length;
}

// How many chains are running inside one another (a Sequential in a Sequential), and two scratch buffers per
// depth and dtype; a buffer grows to the largest image (or batch, for applyChainBatch) it has held. A batch chain at
// one depth and the image chains its children run at the next never share buffers.
let depth = 0;
const scratchU8: Uint8Array[] = [];
const scratchF32: Float32Array[] = [];
// applyChainBatch's layout and params lists, one of each per depth.
const layouts: number[][] = [];
const runParamLists: unknown[][] = [];

function scratch(level: number, slot: number, like: PixelArray, n: number): PixelArray {
  const pool: PixelArray[] = like instanceof Uint8Array ? scratchU8 : scratchF32;
  const at = 2 * level + slot;
  let buffer = pool[at];
  if (buffer === undefined || buffer.buffer.byteLength < n * buffer.BYTES_PER_ELEMENT) {
    buffer = like instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n);
    pool[at] = buffer;
  }
  return buffer.length === n ? buffer : (buffer.subarray(0, n) as PixelArray);
}

function layoutOf(level: number): number[] {
  layouts[level] ??= [];
  return layouts[level];
}

function runParamsOf(level: number): unknown[] {
  runParamLists[level] ??= [];
  return runParamLists[level];
}

/** Fisher–Yates shuffle of 0…n−1 from a stream. */
export function shuffledOrder(n: number, random: RandomSource, stream: string): number[] {
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = random.stream(stream);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
