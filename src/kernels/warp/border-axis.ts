import type { Image } from '../../core/image.ts';
import { type BorderMode, borderIndex } from '../border.ts';
import type { SamplingJob } from '../wasm/sampling.ts';
import { saturateU8 } from './tables.ts';

/**
 * A border table: the element offset read at every integer coordinate −off … n − 1 − off of an axis of `len` pixels
 * (borderIndex · step), or -1 for cval. It spans a few axis lengths around the axis; taps beyond it (near-singular
 * matrices) call borderIndex. Tables depend only on (len, step, mode), so the last few are kept. The border loops
 * read every tap through one of these, so a border mode's rule lives in `border.ts` alone.
 */
export interface Axis {
  readonly table: Int32Array;
  readonly n: number;
  readonly off: number;
  readonly len: number;
  readonly step: number;
  readonly mode: BorderMode;
}

const axisCache: Axis[] = [];

/** The border table of an axis of `len` pixels whose neighbours are `step` elements apart. */
export function borderAxis(len: number, step: number, mode: BorderMode): Axis {
  for (let i = 0; i < axisCache.length; i++) {
    const a = axisCache[i];
    if (a.len === len && a.step === step && a.mode === mode) return a;
  }
  const from = -2 * len - 64;
  const n = 5 * len + 129;
  const table = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = borderIndex(from + i, len, mode);
    table[i] = p < 0 ? -1 : p * step;
  }
  const axis: Axis = { table, n, off: -from, len, step, mode };
  // Two axes per call: 16 entries hold both axes of one shape in all five modes (a mode drawn per image, as
  // Affine's mode: [...] does, rebuilt a table on most calls with 8), or a few modes of a few shapes.
  if (axisCache.length >= 16) axisCache.pop();
  axisCache.unshift(axis);
  return axis;
}

/** The element offset read at coordinate p on an axis (borderIndex · step), or -1 for cval. */
export function tap(a: Axis, p: number): number {
  const i = p + a.off;
  if (i >= 0 && i < a.n) return a.table[i];
  const q = borderIndex(p, a.len, a.mode);
  return q < 0 ? -1 : q * a.step;
}

/**
 * What the WebAssembly samplers (src/kernels/wasm/sampling.ts) need besides positions, for sampling the uint8 image
 * `src` into `out` under `mode`: both buffers and sizes, both border tables, cval (rounded half to even and clipped
 * to 0–255) and whether it is used.
 */
export function samplingJob(src: Image, out: Image, mode: BorderMode, cval: number): SamplingJob {
  const bx = borderAxis(src.width, src.channels, mode);
  const by = borderAxis(src.height, src.width * src.channels, mode);
  return {
    src: src.data as Uint8Array,
    out: out.data as Uint8Array,
    sw: src.width,
    sh: src.height,
    cn: src.channels,
    ow: out.width,
    oh: out.height,
    tx: bx.table,
    txOff: bx.off,
    ty: by.table,
    tyOff: by.off,
    cval: saturateU8(cval),
    constant: mode === 'constant',
  };
}
