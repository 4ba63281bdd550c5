import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape } from '../../core/image.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter } from '../base/augmenter.ts';

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

// The children's address segments, built once per list of children rather than once per image.
const segmentCache = new WeakMap<readonly Augmenter[], string[]>();

function segmentsOf(children: readonly Augmenter[]): string[] {
  let segments = segmentCache.get(children);
  if (!segments) {
    segments = children.map((child, k) => childSegment(k, child));
    segmentCache.set(children, segments);
  }
  return segments;
}

/** Draws params for the children at `order` (positions into `children`), threading the shape through them. */
export function drawChain(
  children: readonly Augmenter[],
  order: readonly number[],
  random: RandomSource,
  shape: Shape,
): ChainParams {
  const params: unknown[] = new Array(children.length);
  const shapes: Shape[] = [];
  const segments = segmentsOf(children);
  let current = shape;
  for (const k of order) {
    const child = children[k];
    params[k] = child.drawParams(child.childSource(random, segments[k]), current);
    current = child.outputShape(current, params[k]);
    shapes.push(current);
  }
  return { order, params, shapes };
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
      const data = scratch(level, j & 1, image.data, shape);
      const next: Image = { data, height: shape.height, width: shape.width, channels: shape.channels };
      children[k].applyInto(current, params[k], next);
      current = next;
    }
    children[order[last]].applyInto(current, params[order[last]], out);
  } finally {
    depth--;
  }
}

// How many chains are running inside one another (a Sequential in a Sequential), and two scratch buffers per
// depth and dtype; a buffer grows to the largest image it has held.
let depth = 0;
const scratchU8: Uint8Array[] = [];
const scratchF32: Float32Array[] = [];

function scratch(level: number, slot: number, like: PixelArray, shape: Shape): PixelArray {
  const n = shape.height * shape.width * shape.channels;
  const pool: PixelArray[] = like instanceof Uint8Array ? scratchU8 : scratchF32;
  const at = 2 * level + slot;
  let buffer = pool[at];
  if (buffer === undefined || buffer.buffer.byteLength < n * buffer.BYTES_PER_ELEMENT) {
    buffer = like instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n);
    pool[at] = buffer;
  }
  return buffer.length === n ? buffer : (buffer.subarray(0, n) as PixelArray);
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
