/**
 * warpPerspective on a uint8 image with bilinear interpolation in WebAssembly (wasm/warp.c,
 * warp_perspective_linear_u8): positions, runs and taps as warp-perspective.ts and warp-affine.ts's sampleRows compute
 * them, the same bytes; those stay the reference and the fallback.
 */
import { type Exports, active, align16, arena, heapViews } from './simd.ts';

interface PerspectiveExports extends Exports {
  warp_perspective_linear_u8(
    src: number,
    dst: number,
    sw: number,
    sh: number,
    cn: number,
    ow: number,
    oh: number,
    m: number,
    tx: number,
    txn: number,
    txoff: number,
    ty: number,
    tyn: number,
    tyoff: number,
    cval: number,
    constant: number,
    ax: number,
    ay: number,
    cls: number,
  ): number;
}

/** The inputs of {@link warpPerspectiveLinearU8Wasm}. */
export interface PerspectiveJob {
  readonly src: Uint8Array;
  readonly out: Uint8Array;
  readonly sw: number;
  readonly sh: number;
  readonly cn: number;
  readonly ow: number;
  readonly oh: number;
  /** The inverse matrix, row-major 3×3. */
  readonly inverse: Float64Array;
  /** Border tables (element offsets at coordinates −off…, or −1 for cval), as warp-affine.ts builds them. */
  readonly tx: Int32Array;
  readonly txOff: number;
  readonly ty: Int32Array;
  readonly tyOff: number;
  /** cval rounded and clipped to 0–255. */
  readonly cval: number;
  readonly constant: boolean;
}

/**
 * Warps one image (see {@link PerspectiveJob}) into `job.out`. Returns false, having written nothing, when the
 * WebAssembly kernels are unavailable or a position falls outside the border tables (a near-singular matrix).
 */
export function warpPerspectiveLinearU8Wasm(job: PerspectiveJob): boolean {
  const exports = active() as PerspectiveExports | null;
  if (exports === null) return false;
  const { sw, sh, cn, ow, oh, tx, ty } = job;
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  const rowInts = align16(4 * ow);
  // The source gets 16 bytes of slack: the interior loop loads a few bytes past a tap.
  const srcBytes = align16(size) + 16;
  const total = 80 + 2 * rowInts + align16(ow) + align16(4 * tx.length) + align16(4 * ty.length) + srcBytes + osize;
  const base = arena(exports, total + 16);
  const mAt = base;
  const axAt = mAt + 80;
  const ayAt = axAt + rowInts;
  const clsAt = ayAt + rowInts;
  const txAt = clsAt + align16(ow);
  const tyAt = txAt + align16(4 * tx.length);
  const srcAt = tyAt + align16(4 * ty.length);
  const dstAt = srcAt + srcBytes;
  const { u8, i32, f64 } = heapViews(exports);
  f64.set(job.inverse.subarray(0, 9), mAt >> 3);
  i32.set(tx, txAt >> 2);
  i32.set(ty, tyAt >> 2);
  u8.set(job.src.subarray(0, size), srcAt);
  const failed = exports.warp_perspective_linear_u8(
    srcAt,
    dstAt,
    sw,
    sh,
    cn,
    ow,
    oh,
    mAt,
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
  );
  if (failed !== 0) return false;
  job.out.set(u8.subarray(dstAt, dstAt + osize));
  return true;
}
