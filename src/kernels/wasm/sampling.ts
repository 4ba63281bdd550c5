/**
 * What the WebAssembly per-pixel samplers (wasm/warp.c: remap_u8, warp_perspective_linear_u8) share: the source
 * image, the border tables and cval, one output row's scratch, and the output, laid out in the module's memory after
 * each kernel's own inputs. Their C signatures end with the same arguments, which {@link SamplingLayout.tail} gives.
 */
import { alignedLike, copySpan } from '../copy.ts';
import { type Exports, align16, arena, heapViews } from './simd.ts';

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
export interface SamplingLayout {
  /** The first of the `ownBytes` bytes reserved for the kernel's own inputs (16-byte aligned). */
  readonly ownAt: number;
  readonly srcAt: number;
  readonly dstAt: number;
  /** tx, tx.length, txOff, ty, ty.length, tyOff, cval, constant, and one row's ax, ay and class scratch. */
  readonly tail: readonly number[];
}

/** More of the module's memory than this, and the image is left to TypeScript (the memory never shrinks). */
export const MAX_SAMPLING_BYTES = 48 << 20;

/**
 * Reserves `ownBytes` for the kernel's inputs, then copies the border tables and the source (with 16 bytes of slack:
 * the interior loops load a few bytes past a tap) into the module's memory. Returns undefined, having done nothing,
 * when the whole would exceed {@link MAX_SAMPLING_BYTES}.
 */
export function layOutSampling(exports: Exports, job: SamplingJob, ownBytes: number): SamplingLayout | undefined {
  const { tx, ty, ow } = job;
  const size = job.sh * job.sw * job.cn;
  const own = align16(ownBytes);
  const rowInts = align16(4 * ow);
  const txBytes = align16(4 * tx.length);
  const tyBytes = align16(4 * ty.length);
  // 8 bytes more each for placing the pixels at a shared buffer's alignment (see copy.ts).
  const srcBytes = align16(size) + 24;
  const total = own + 2 * rowInts + align16(ow) + txBytes + tyBytes + srcBytes + job.oh * ow * job.cn + 8;
  if (total > MAX_SAMPLING_BYTES) return undefined;
  const ownAt = arena(exports, total + 16);
  const axAt = ownAt + own;
  const ayAt = axAt + rowInts;
  const clsAt = ayAt + rowInts;
  const txAt = clsAt + align16(ow);
  const tyAt = txAt + txBytes;
  const srcAt = alignedLike(tyAt + tyBytes, job.src);
  const { u8, i32 } = heapViews(exports);
  i32.set(tx, txAt >> 2);
  i32.set(ty, tyAt >> 2);
  copySpan(u8, srcAt, job.src, 0, size);
  const tail = [
    txAt,
    tx.length,
    job.txOff,
    tyAt,
    ty.length,
    job.tyOff,
    job.cval,
    job.constant ? 1 : 0,
    axAt,
    ayAt,
    clsAt,
  ];
  return { ownAt, srcAt, dstAt: alignedLike(tyAt + tyBytes + srcBytes, job.out), tail };
}

/** Copies the sampled image from the module's memory to `job.out`. */
export function copySampledOut(exports: Exports, job: SamplingJob, layout: SamplingLayout): void {
  copySpan(job.out, 0, heapViews(exports).u8, layout.dstAt, job.oh * job.ow * job.cn);
}
