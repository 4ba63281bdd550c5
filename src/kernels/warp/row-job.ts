import type { Image, PixelArray } from '../../core/image.ts';
import type { BorderMode } from '../border.ts';
import { type Axis, borderAxis } from './border-axis.ts';
import { pickBorder } from './border-loops.ts';
import { pickInterior } from './interior.ts';
import { getTables, saturateU8 } from './tables.ts';
import type { WarpOrder } from './validate.ts';

const EMPTY_I = new Int32Array(0);
const EMPTY_F = new Float64Array(0);
const EMPTY_DV = new DataView(new ArrayBuffer(0));

/** cval as the loops write it: saturate_cast<uchar>(double) for uint8, a float for float32. */
export function warpCval(data: PixelArray, cval: number): number {
  return data instanceof Uint8Array ? saturateU8(cval) : Math.fround(cval);
}

/**
 * Everything a row loop needs to sample `n` images of `src` (each `size` elements, outputs `osize` apart) into `out`:
 * made once per call with every field set (one class, so the loops see one shape). The driver hands each row loop
 * the output row's first element and its source start (`X0`, `Y0`) as arguments, which stay in registers where
 * fields of the job would be reloaded after every call the loop makes. Source positions are `X0 + ax[x]`,
 * `Y0 + ay[x]` in 1/1024 pixel.
 */
export class RowJob {
  readonly s: PixelArray;
  readonly d: PixelArray;
  /** The source's bytes, for the uint8 bilinear and bicubic loops that read several at once (else an empty view). */
  readonly dv: DataView;
  readonly u8: boolean;
  readonly order: WarpOrder;
  readonly sw: number;
  readonly sh: number;
  readonly cn: number;
  /** The source row length in elements. */
  readonly stride: number;
  readonly n: number;
  readonly size: number;
  readonly osize: number;
  /** The interpolation weights of the order: 15-bit integers and floats (empty for nearest). */
  readonly wI: Int32Array;
  readonly wF: Float64Array;
  /** The border tables of both axes (element offsets, -1 for cval). */
  readonly bx: Axis;
  readonly by: Axis;
  /** See {@link warpCval}. */
  readonly cval: number;
  readonly constant: boolean;
  readonly ax: Int32Array;
  readonly ay: Int32Array;
  readonly ow: number;
  readonly oh: number;
  /** The loops for runs whose taps all lie inside the source, and for the others. */
  readonly interior: RowLoop;
  readonly border: RowLoop;
  /**
   * A pixel's taps all lie inside when its integer source position minus `lo` is in [0, spanX) × [0, spanY) (empty
   * for an image smaller than the kernel), and some tap does when minus `tlo` it is in [0, touchX) × [0, touchY).
   */
  readonly lo: number;
  readonly spanX: number;
  readonly spanY: number;
  readonly tlo: number;
  readonly touchX: number;
  readonly touchY: number;
  constructor(
    src: Image,
    out: Image,
    { order, mode, cval }: { order: WarpOrder; mode: BorderMode; cval: number },
    n: number,
    ax: Int32Array,
    ay: Int32Array,
  ) {
    const s = src.data;
    const u8 = s instanceof Uint8Array;
    const t = order === 0 ? undefined : getTables();
    const taps = order === 0 ? 1 : order === 1 ? 2 : 4;
    this.s = s;
    this.d = out.data;
    this.dv = u8 && order !== 0 ? new DataView(s.buffer, s.byteOffset, s.byteLength) : EMPTY_DV;
    this.u8 = u8;
    this.order = order;
    this.sw = src.width;
    this.sh = src.height;
    this.cn = src.channels;
    this.stride = src.width * src.channels;
    this.n = n;
    this.size = src.height * src.width * src.channels;
    this.osize = out.height * out.width * out.channels;
    this.wI = t ? (order === 1 ? t.linearI : t.cubicI) : EMPTY_I;
    this.wF = t ? (order === 1 ? t.linearF : t.cubicF) : EMPTY_F;
    this.bx = borderAxis(src.width, src.channels, mode);
    this.by = borderAxis(src.height, src.width * src.channels, mode);
    this.cval = warpCval(s, cval);
    this.constant = mode === 'constant';
    this.ax = ax;
    this.ay = ay;
    this.ow = out.width;
    this.oh = out.height;
    this.interior = pickInterior(u8, order, src.channels);
    this.border = pickBorder(u8, order);
    this.lo = order === 3 ? 1 : 0;
    this.spanX = Math.max(0, src.width - taps + 1);
    this.spanY = Math.max(0, src.height - taps + 1);
    this.tlo = this.lo - taps + 1;
    this.touchX = src.width + taps - 1;
    this.touchY = src.height + taps - 1;
  }
}

/**
 * A row loop writes output pixels [x0, x1) of the output row starting at element `row`, for each of the job's
 * images, sampling at `X0 + ax[x]`, `Y0 + ay[x]`. Interior loops may assume every tap lies inside the source; border
 * loops read taps through the border tables.
 */
export type RowLoop = (job: RowJob, row: number, X0: number, Y0: number, x0: number, x1: number) => void;

/** Sets d[from … to) to v: a loop for short runs, where calling `fill` costs more than the stores. */
export function fillRun(d: PixelArray, v: number, from: number, to: number): void {
  if (to - from > 48) d.fill(v, from, to);
  else for (let i = from; i < to; i++) d[i] = v;
}
