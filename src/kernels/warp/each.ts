import { argumentError } from '../../core/errors.ts';
import type { PixelArray, UniformBatch } from '../../core/image.ts';
import { Scratch } from '../scratch.ts';
import { defineKernel } from '../table.ts';
import { warpLinearU8EachWasm } from '../wasm/warp.ts';
import { imageOf, invertAffineInto, warp } from './affine.ts';
import { borderAxis } from './border-axis.ts';
import { saturateU8 } from './tables.ts';
import { type WarpAffineOptions, validateBuffers, validateCount, validateWarp } from './validate.ts';

/**
 * Warps image k of `src` by `matrices[k]` with `options[k]` into image k of `out` (every output of `out`'s size),
 * giving exactly the bytes of {@link warpAffine} image by image. uint8 bilinear images go to the WebAssembly kernel
 * together, one call per border mode, which saves most of the per-image cost on small images; the others are warped
 * one by one. `out` may not share memory with `src`. With `only` (image indices, increasing), just those images are
 * warped and the others' outputs are left as they are. Returns `out`.
 *
 * @example warpAffineEach(batch, [m0, m1], out, [opts, opts]) // two images, two rotations
 */
export function warpAffineEach<A extends PixelArray>(
  src: UniformBatch<A>,
  matrices: readonly ArrayLike<number>[],
  out: UniformBatch<A>,
  options: readonly WarpAffineOptions[],
  only?: readonly number[],
): UniformBatch<A> {
  const n = src.n;
  validateCount('warpAffineEach', n, out.n);
  if (matrices.length !== n) throw argumentError('warpAffineEach', 'matrices', `${n} matrices`, matrices.length);
  if (options.length !== n) throw argumentError('warpAffineEach', 'options', `${n} options`, options.length);
  validateBuffers('warpAffineEach', src, out, n);
  const list = only ?? Array.from({ length: n }, (_, k) => k);
  for (let j = 0; j < list.length; j++) {
    const k = list[j];
    if (!Number.isInteger(k) || k < 0 || k >= n || (j > 0 && k <= list[j - 1])) {
      throw argumentError('warpAffineEach', `only[${j}]`, `increasing image indices in 0…${n - 1}`, k);
    }
    validateWarp('warpAffineEach', matrices[k], options[k]);
  }
  warpListed(src, matrices, out, options, list);
  return out;
}

/** Image by image, each by its own matrix and options. */
function warpEachReference(
  src: UniformBatch,
  matrices: readonly ArrayLike<number>[],
  out: UniformBatch,
  options: readonly WarpAffineOptions[],
  list: readonly number[],
): void {
  for (const k of list) warp(imageOf(src, src.n, k), matrices[k], imageOf(out, src.n, k), options[k], 1);
}

/**
 * The uint8 bilinear images in one WebAssembly call per border mode, then the others (and any it declined) image by
 * image. False, having written nothing, when the WebAssembly kernels are unavailable or no image is bilinear.
 */
function warpEachWasm(
  src: UniformBatch,
  matrices: readonly ArrayLike<number>[],
  out: UniformBatch,
  options: readonly WarpAffineOptions[],
  list: readonly number[],
): boolean {
  const n = src.n;
  // 1 once an image is warped, 2 when the WebAssembly kernel declined it.
  const done = new Uint8Array(n);
  linearEachWasm(src as UniformBatch<Uint8Array>, matrices, out, options, list, done);
  if (!done.includes(1)) return false;
  for (const k of list) {
    if (done[k] !== 1) warp(imageOf(src, n, k), matrices[k], imageOf(out, n, k), options[k], 1);
  }
  return true;
}

const warpListed = defineKernel({
  name: 'warpAffineEach',
  reference: warpEachReference,
  wasm: warpEachWasm,
  when: (src) => src.data instanceof Uint8Array,
  condition: 'uint8 (its bilinear images; the others image by image in TypeScript)',
});

// The WebAssembly job's per-image arrays (kernels are synchronous).
const scratch = new Scratch();

/** uint8 bilinear images go to the WebAssembly kernel, one call per border mode; marks in `done` what it warped. */
function linearEachWasm(
  src: UniformBatch<Uint8Array>,
  matrices: readonly ArrayLike<number>[],
  out: UniformBatch,
  options: readonly WarpAffineOptions[],
  list: readonly number[],
  done: Uint8Array,
): void {
  for (let first = 0; first < list.length; first++) {
    const k0 = list[first];
    const mode = options[k0].mode;
    if (options[k0].order !== 1 || done[k0] !== 0) continue;
    let count = 0;
    for (let j = first; j < list.length; j++) {
      const o = options[list[j]];
      if (o.order === 1 && o.mode === mode && done[list[j]] === 0) count++;
    }
    const images = scratch.i32(0, count);
    const inv = new Float64Array(scratch.buffer(1, 48 * count), 0, 6 * count);
    const cvals = scratch.i32(2, count);
    for (let j = first, i = 0; i < count; j++) {
      const k = list[j];
      const o = options[k];
      if (o.order !== 1 || o.mode !== mode || done[k] !== 0) continue;
      images[i] = k;
      invertAffineInto(matrices[k], inv, 6 * i);
      cvals[i] = saturateU8(o.cval);
      done[k] = 1;
      i++;
    }
    const ax = borderAxis(src.width, src.channels, mode);
    const ay = borderAxis(src.height, src.width * src.channels, mode);
    const failed = warpLinearU8EachWasm({
      src: src.data,
      out: out.data as Uint8Array,
      images,
      inv,
      cvals,
      sw: src.width,
      sh: src.height,
      cn: src.channels,
      ow: out.width,
      oh: out.height,
      tx: ax.table,
      txOff: ax.off,
      ty: ay.table,
      tyOff: ay.off,
      constant: mode === 'constant',
    });
    if (failed === null) {
      for (const k of images) done[k] = 0;
      return;
    }
    for (const i of failed) done[images[i]] = 2;
  }
}
