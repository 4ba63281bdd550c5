// The one place where a Warp moves pixels: it picks the kernel for the warp's kind and runs it with the
// sampling rule (interpolation order, border mode, fill value) the augmenter drew.
import type { Image } from '../core/image.ts';
import type { BorderMode } from '../kernels/border.ts';
import { cropImage } from '../kernels/crop.ts';
import { elasticWarp } from '../kernels/elastic.ts';
import { flipHorizontal, flipVertical } from '../kernels/flip.ts';
import { padCvalFor, padImage } from '../kernels/pad.ts';
import { resizeAuto, resizeImage } from '../kernels/resize.ts';
import { rotate90 } from '../kernels/rot90.ts';
import { Scratch } from '../kernels/scratch.ts';
import { type WarpOrder, warpAffine, warpAffineBatch, warpAffineEach } from '../kernels/warp-affine.ts';
import { warpPerspective } from '../kernels/warp-perspective.ts';
import type { Mat2x3, Warp } from './warp.ts';

/** How a matrix warp reads the input: interpolation order, border mode and the fill value under 'constant'. */
export interface Sampling {
  readonly order: WarpOrder;
  readonly mode: BorderMode;
  readonly cval: number;
  /** uint8 images get `cval` truncated to an integer first (imgaug's Affine hands OpenCV `int(cval)`). */
  readonly truncateCval?: boolean;
}

/** The sampling a kernel gets for an image of this dtype: `cval` truncated where the sampling asks for it. */
function kernelSampling(sampling: Sampling, u8: boolean): Sampling {
  if (!u8 || !sampling.truncateCval || Number.isInteger(sampling.cval)) return sampling;
  return { order: sampling.order, mode: sampling.mode, cval: Math.trunc(sampling.cval) };
}

/** Flips and resizes ignore the sampling; this is what they are called with. */
export const NEAREST: Sampling = { order: 0, mode: 'constant', cval: 0 };

// The intermediate images of chains (two slots, taken in turn); a chain never contains a chain.
const scratch = new Scratch();

/**
 * Moves `image`'s pixels by `warp` into `out` (of `warp.output`'s shape, same channels and dtype); never mutates
 * `image`, and `out` must not share memory with it. Matrix warps follow OpenCV's arithmetic (see `warpAffine`,
 * `warpPerspective`) with `sampling`; flips, crops, pads and quarter turns are exact index maps (pads with
 * numpy.pad's modes, see `padImage`), resizes OpenCV's resize.
 */
export function applyWarp(image: Image, warp: Warp, out: Image, sampling: Sampling): void {
  switch (warp.kind) {
    case 'identity':
      out.data.set(image.data);
      return;
    case 'affine':
      warpAffine(image, warp.matrix, out, kernelSampling(sampling, image.data instanceof Uint8Array));
      return;
    case 'perspective':
      warpPerspective(image, warp.matrix, out, kernelSampling(sampling, image.data instanceof Uint8Array));
      return;
    case 'flip':
      if (warp.axis === 'x') flipHorizontal(image, out);
      else flipVertical(image, out);
      return;
    case 'resize':
      if (warp.interpolation === 'auto') resizeAuto(image, out);
      else resizeImage(image, out, warp.interpolation);
      return;
    case 'crop':
      cropImage(image, warp.sides.top, warp.sides.left, out);
      return;
    case 'pad':
      padImage(image, out, warp.sides, warp.mode, padCvalFor(warp.cval, warp.mode, image.data instanceof Uint8Array));
      return;
    case 'rot90':
      rotate90(image, warp.k, out);
      return;
    case 'displacement': {
      // The field's own sampling is the image's; maps sample otherwise (augmentables/maps.ts).
      const { field } = warp;
      const s = kernelSampling(sampling, image.data instanceof Uint8Array);
      const same = s.order === field.order && s.mode === field.mode && Object.is(s.cval, field.cval);
      elasticWarp(image, same ? field : { ...field, order: s.order, mode: s.mode, cval: s.cval }, out);
      return;
    }
    case 'blend':
      throw new Error("applyWarp: a 'blend' warp moves labels only (its pixels are the blend augmenter's)");
    case 'chain': {
      let current = image;
      const last = warp.steps.length - 1;
      for (let k = 0; k < last; k++) {
        const { output } = warp.steps[k];
        const data = scratch.like(k & 1, image.data, output.height * output.width * output.channels);
        const next: Image = { data, height: output.height, width: output.width, channels: output.channels };
        applyWarp(current, warp.steps[k], next, sampling);
        current = next;
      }
      if (last >= 0) applyWarp(current, warp.steps[last], out, sampling);
      else out.data.set(image.data);
      return;
    }
  }
}

/** One image of a batch: its warp and how it samples. */
export interface SampledWarp {
  readonly warp: Warp;
  readonly sampling: Sampling;
}

/** Whether two images of a batch move their pixels alike (a run that can go to a kernel in one call). */
function sameWarp(a: SampledWarp, b: SampledWarp): boolean {
  // Constant options give every image one params object.
  if (a === b) return true;
  const v = a.warp;
  const w = b.warp;
  if (v.kind !== w.kind) return false;
  if (v.kind === 'flip') return v.axis === (w as typeof v).axis;
  if (v.kind !== 'identity' && v.kind !== 'affine') return false;
  const s = a.sampling;
  const t = b.sampling;
  if (s.order !== t.order || s.mode !== t.mode || !Object.is(s.cval, t.cval)) return false;
  if (v.kind === 'identity') return true;
  const m = v.matrix;
  const n = (w as typeof v).matrix;
  return m[0] === n[0] && m[1] === n[1] && m[2] === n[2] && m[3] === n[3] && m[4] === n[4] && m[5] === n[5];
}

// Runs of fewer images with one affine transformation go with the images of their own: sharing the coordinates
// saves less than the separate kernel call costs.
const SHARED_MIN = 4;
const IDENTITY: Mat2x3 = [1, 0, 0, 0, 1, 0];
// uint8 images of at least this many bytes with a whole-pixel shift are shifted one call each rather than with the
// per-image kernel: above it the copies that one call saves cost more than the call (bench/README.md, "Whole-pixel
// shifts").
const SHIFT_ALONE_BYTES = 64 << 10;

/**
 * Whether `applyWarpBatch` would warp some of these images together: a run of at least `SHARED_MIN` images with one
 * bilinear affine transformation, whose output coordinates the kernel computes once for the whole run. A translation
 * by whole pixels does not count: the kernel's shift path copies its rows image by image, sharing nothing.
 */
export function sharesWarpWork(warps: readonly SampledWarp[]): boolean {
  for (let start = 0; start < warps.length; ) {
    let end = start + 1;
    while (end < warps.length && sameWarp(warps[start], warps[end])) end++;
    const { warp, sampling } = warps[start];
    if (end - start >= SHARED_MIN && sampling.order === 1 && warp.kind === 'affine' && !wholeShift(warp.matrix)) {
      return true;
    }
    start = end;
  }
  return false;
}

/**
 * Whether a matrix only translates, by whole pixels up to rounding (imgaug's matrix for translatePx 10 moves by
 * 10.000000000000014, which the kernel's fixed point rounds to 10): a speed hint, the bytes do not depend on it.
 */
function wholeShift(m: Mat2x3): boolean {
  const whole = (v: number) => Math.abs(v - Math.round(v)) < 1e-6;
  return m[0] === 1 && m[1] === 0 && m[3] === 0 && m[4] === 1 && whole(m[2]) && whole(m[5]);
}

/**
 * Moves a uniform batch's pixels, image k by `warps[k]`, when every warp keeps the input's shape (`batch` and
 * `out` hold the images one after another, `size` elements each, seen as one tall image). The bytes are those of
 * `applyWarp` image by image. Runs of consecutive images with the same warp go to a kernel together: a copy for
 * identities, one flip for left-right flips (rows stay within their image), and for a uint8 bilinear affine warp
 * the kernel that computes each output pixel's coordinates once for the whole run. Other affine images go to the
 * kernel together too, each with its matrix (one WebAssembly call for a uint8 batch); anything else is warped
 * image by image.
 */
export function applyWarpBatch(batch: Image, warps: readonly SampledWarp[], out: Image, size: number): void {
  const { width, channels } = batch;
  const height = size / (width * channels);
  const n = warps.length;
  const u8 = batch.data instanceof Uint8Array;
  const alone: number[] = [];
  let affine = false;
  for (let start = 0; start < n; ) {
    const first = warps[start];
    const { warp, sampling } = first;
    let end = start + 1;
    while (end < n && sameWarp(first, warps[end])) end++;
    const short = end - start < SHARED_MIN;
    const from = start * size;
    const to = end * size;
    if (warp.kind === 'identity' && !(short && u8 && sampling.order === 1)) {
      out.data.set(batch.data.subarray(from, to), from);
    } else if (warp.kind === 'flip' && warp.axis === 'x') {
      const rows = height * (end - start);
      const whole = from === 0 && to === batch.data.length;
      flipHorizontal(
        { data: whole ? batch.data : batch.data.subarray(from, to), height: rows, width, channels },
        { data: whole ? out.data : out.data.subarray(from, to), height: rows, width, channels },
      );
    } else if (
      warp.kind === 'affine' &&
      u8 &&
      sampling.order === 1 &&
      (!short || (size >= SHIFT_ALONE_BYTES && wholeShift(warp.matrix)))
    ) {
      // A whole-pixel shift of a large image goes here even alone: the kernel's shift path copies its rows once,
      // where the per-image kernel below would copy the image into WebAssembly memory and back as well.
      warpAffineBatch(
        { data: batch.data.subarray(from, to), n: end - start, height, width, channels },
        warp.matrix,
        { data: out.data.subarray(from, to), n: end - start, height, width, channels },
        kernelSampling(sampling, u8),
      );
    } else if (warp.kind === 'affine' || warp.kind === 'identity') {
      for (let k = start; k < end; k++) alone.push(k);
      affine = true;
    } else {
      for (let k = start; k < end; k++) {
        const image = { data: batch.data.subarray(k * size, (k + 1) * size), height, width, channels };
        applyWarp(image, warps[k].warp, { ...image, data: out.data.subarray(k * size, (k + 1) * size) }, sampling);
      }
    }
    start = end;
  }
  if (!affine) return;
  const matrices: Mat2x3[] = new Array(n);
  const options: Sampling[] = new Array(n);
  for (const k of alone) {
    const { warp, sampling } = warps[k];
    // A few skipped warps among warped images travel with them as exact identity warps, which copy the pixels:
    // the kernel's batch then stays one run of consecutive images (one copy each way).
    matrices[k] = warp.kind === 'affine' ? warp.matrix : IDENTITY;
    options[k] = kernelSampling(sampling, u8);
  }
  warpAffineEach(
    { data: batch.data, n, height, width, channels },
    matrices,
    { data: out.data, n, height, width, channels },
    options,
    alone,
  );
}
