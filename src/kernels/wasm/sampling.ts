/**
 * What the WebAssembly per-pixel samplers (wasm/warp.c: remap_u8, warp_perspective_linear_u8) share: the source
 * image, the border tables and cval, one output row's scratch, and the output, laid out in the module's memory after
 * each kernel's own inputs. Their C signatures end with the same arguments, which {@link SamplingLayout.tail} gives.
 */
import { alignedLike, copySpan } from '../copy.ts';
import { align16, heapViews, reserve, totalBytes } from './arena.ts';
import type { Exports } from './simd.ts';

/** One uint8 image to sample into `out`, with warp-affine.ts's border tables. */
export interface SamplingJob {
  readonly src: Uint8Array;
  readonly out: Uint8Array;
  readonly sw: number;
  readonly sh: number;
  readonly cn: number;
  readonly ow: number;
  readonly oh: number;
  /** Border tables (element offsets at coordinates −off…, or −1 for cval), as warp-affine.ts builds them. */
  readonly tx: Int32Array;
  readonly txOff: number;
  readonly ty: Int32Array;
  readonly tyOff: number;
  /** cval rounded and clipped to 0–255. */
  readonly cval: number;
  readonly constant: boolean;
}

/** Where things went, and the kernels' common trailing arguments. */
export interface SamplingLayout<K extends string> {
  /** The kernel's own regions, by the names it asked for. */
  readonly own: Record<K, number>;
  readonly srcAt: number;
  readonly dstAt: number;
  /** tx, tx.length, txOff, ty, ty.length, tyOff, cval, constant, and one row's ax, ay and class scratch. */
  readonly tail: readonly number[];
}

/** More of the module's memory than this, and the image is left to TypeScript (the memory never shrinks). */
export const MAX_SAMPLING_BYTES = 48 << 20;

/**
 * Allocates the kernel's own regions (`own`, bytes by name) and the common ones, then copies the border tables and
 * the source (with 16 bytes of slack: the interior loops load a few bytes past a tap) into the module's memory.
 * Returns undefined, having done nothing, when the whole would exceed {@link MAX_SAMPLING_BYTES}.
 */
export function layOutSampling<K extends string>(
  exports: Exports,
  job: SamplingJob,
  own: Readonly<Record<K, number>>,
): SamplingLayout<K> | undefined {
  const { tx, ty, ow } = job;
  const size = job.sh * job.sw * job.cn;
  // The common regions after the kernel's own, each 16-byte aligned (as allocate lays them out), computed without
  // an object per region: this runs once per image, and on 28×28 images the generic layout cost a fifth of the
  // perspective warp's time.
  const row = align16(4 * ow);
  const rowClass = align16(ow);
  const borderX = align16(4 * tx.length);
  const borderY = align16(4 * ty.length);
  // 8 bytes more each for placing the pixels at a shared buffer's alignment (see copy.ts).
  const src = align16(size + 24);
  const out = align16(job.oh * ow * job.cn + 8);
  const ownBytes = totalBytes(own);
  const bytes = ownBytes + 2 * row + rowClass + borderX + borderY + src + out;
  if (bytes > MAX_SAMPLING_BYTES) return undefined;
  let at = reserve(exports, bytes);
  const regions = {} as Record<K, number>;
  for (const name in own) {
    if (COMMON_REGIONS.includes(name)) throw new Error(`augkit: layOutSampling: region ${name} is taken`);
    regions[name] = at;
    at += align16(own[name]);
  }
  const rowXAt = at;
  const rowYAt = rowXAt + row;
  const rowClassAt = rowYAt + row;
  const borderXAt = rowClassAt + rowClass;
  const borderYAt = borderXAt + borderX;
  const srcBase = borderYAt + borderY;
  const outBase = srcBase + src;
  const srcAt = alignedLike(srcBase, job.src);
  const { u8, i32 } = heapViews(exports);
  i32.set(tx, borderXAt >> 2);
  i32.set(ty, borderYAt >> 2);
  copySpan(u8, srcAt, job.src, 0, size);
  const tail = [
    borderXAt,
    tx.length,
    job.txOff,
    borderYAt,
    ty.length,
    job.tyOff,
    job.cval,
    job.constant ? 1 : 0,
    rowXAt,
    rowYAt,
    rowClassAt,
  ];
  return { own: regions, srcAt, dstAt: alignedLike(outBase, job.out), tail };
}

// The names of the regions every sampler gets, which a kernel's own regions may not take.
const COMMON_REGIONS: readonly string[] = ['rowX', 'rowY', 'rowClass', 'borderX', 'borderY', 'src', 'out'];

/** Copies the sampled image from the module's memory to `job.out`. */
export function copySampledOut(exports: Exports, job: SamplingJob, layout: SamplingLayout<string>): void {
  copySpan(job.out, 0, heapViews(exports).u8, layout.dstAt, job.oh * job.ow * job.cn);
}

/**
 * Calls the module's sampling kernel `kernel(src, dst, sw, sh, cn, ow, oh, ...args, ...tail)` on a job laid out by
 * layOutSampling and copies the result to `job.out`; false, with nothing written to `job.out`, when the kernel
 * reports a tap outside the border tables.
 */
export function runSampler(
  exports: Exports,
  kernel: (...args: number[]) => number,
  job: SamplingJob,
  layout: SamplingLayout<string>,
  ...args: number[]
): boolean {
  const failed = kernel(layout.srcAt, layout.dstAt, job.sw, job.sh, job.cn, job.ow, job.oh, ...args, ...layout.tail);
  if (failed !== 0) return false;
  copySampledOut(exports, job, layout);
  return true;
}
