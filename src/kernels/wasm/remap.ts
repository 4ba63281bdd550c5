/**
 * remap on a uint8 image, bilinear or bicubic, in WebAssembly (wasm/warp.c, remap_u8): the same positions, runs and
 * taps as warp-affine.ts's remap and sampleRows, which stay the reference and the fallback, so the same bytes.
 */
import { type Exports, active, align16, arena, heapViews } from './simd.ts';

interface RemapExports extends Exports {
  remap_u8(
    src: number,
    dst: number,
    sw: number,
    sh: number,
    cn: number,
    ow: number,
    oh: number,
    mapX: number,
    mapY: number,
    order: number,
    wtab: number,
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

/** The inputs of {@link remapU8Wasm}. */
export interface RemapJob {
  readonly src: Uint8Array;
  readonly out: Uint8Array;
  readonly sw: number;
  readonly sh: number;
  readonly cn: number;
  readonly ow: number;
  readonly oh: number;
  /** Source positions per output pixel, in 1/32 pixel. */
  readonly mapX: Int32Array;
  readonly mapY: Int32Array;
  readonly order: 1 | 3;
  /** The bicubic weights per 1/32 cell (16 per cell, in 1/32768); unused for bilinear. */
  readonly wtab: Int32Array;
  /** Border tables (element offsets at coordinates −off…, or −1 for cval), as warp-affine.ts builds them. */
  readonly tx: Int32Array;
  readonly txOff: number;
  readonly ty: Int32Array;
  readonly tyOff: number;
  /** cval rounded and clipped to 0–255. */
  readonly cval: number;
  readonly constant: boolean;
}

/** Images needing more of the module's memory than this are left to TypeScript (memory never shrinks). */
const MAX_BYTES = 48 << 20;

/**
 * Remaps one image (see {@link RemapJob}) into `job.out`. Returns false, having written nothing, when the
 * WebAssembly kernels are unavailable, the image is too large, or a tap falls outside the border tables.
 */
export function remapU8Wasm(job: RemapJob): boolean {
  const exports = active() as RemapExports | null;
  if (exports === null) return false;
  const { sw, sh, cn, ow, oh, tx, ty } = job;
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  const count = ow * oh;
  const wtabBytes = job.order === 3 ? align16(4 * job.wtab.length) : 0;
  const mapBytes = align16(4 * count);
  const rowInts = align16(4 * ow);
  // The source gets 16 bytes of slack: the bilinear interior loop loads a few bytes past a tap.
  const srcBytes = align16(size) + 16;
  const total =
    wtabBytes + 2 * mapBytes + 2 * rowInts + align16(ow) + align16(4 * tx.length) + align16(4 * ty.length) + srcBytes;
  if (total + osize > MAX_BYTES) return false;
  const base = arena(exports, total + osize + 16);
  const wAt = base;
  const mxAt = wAt + wtabBytes;
  const myAt = mxAt + mapBytes;
  const axAt = myAt + mapBytes;
  const ayAt = axAt + rowInts;
  const clsAt = ayAt + rowInts;
  const txAt = clsAt + align16(ow);
  const tyAt = txAt + align16(4 * tx.length);
  const srcAt = tyAt + align16(4 * ty.length);
  const dstAt = srcAt + srcBytes;
  const { u8, i32 } = heapViews(exports);
  if (job.order === 3) i32.set(job.wtab, wAt >> 2);
  i32.set(job.mapX.subarray(0, count), mxAt >> 2);
  i32.set(job.mapY.subarray(0, count), myAt >> 2);
  i32.set(tx, txAt >> 2);
  i32.set(ty, tyAt >> 2);
  u8.set(job.src.subarray(0, size), srcAt);
  const failed = exports.remap_u8(
    srcAt,
    dstAt,
    sw,
    sh,
    cn,
    ow,
    oh,
    mxAt,
    myAt,
    job.order,
    wAt,
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
