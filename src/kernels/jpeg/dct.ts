/**
 * The lossy core of a baseline JPEG on one 8×8 block, in libjpeg's integer arithmetic: the "islow" forward DCT
 * (jfdctint.c, the Loeffler–Ligtenberg–Moschytz factorisation with 13-bit constants), libjpeg-turbo's quantisation
 * by reciprocal, and the islow inverse DCT (jidctint.c) with its descaling and clipping. Both DCTs run rows then
 * columns (forward) or columns then rows (inverse) with two extra bits of precision between the passes.
 */
import type { QuantTable } from './tables.ts';

/** The DCT's fixed-point constants: round(c · 2^13) for the rotations of the LL&M flow graph. */
const C0_298 = 2446; // √2 · (−c1 + c3 + c5 − c7), with cK = cos(Kπ/16)
const C0_390 = 3196; // √2 · (c5 − c3), negated
const C0_541 = 4433; // √2 · c6
const C0_765 = 6270; // √2 · (c2 − c6)
const C0_899 = 7373; // √2 · (c7 − c3), negated
const C1_175 = 9633; // √2 · c3
const C1_501 = 12299; // √2 · (c1 + c3 − c5 − c7)
const C1_847 = 15137; // √2 · (c2 + c6)
const C1_961 = 16069; // √2 · (−c3 − c5), negated
const C2_053 = 16819; // √2 · (c1 + c3 − c5 + c7)
const C2_562 = 20995; // √2 · (−c1 − c3), negated
const C3_072 = 25172; // √2 · (c1 + c3 + c5 − c7)

/** Shifts right by n bits, rounding half up (libjpeg's DESCALE). */
function descale(x: number, n: number): number {
  return (x + (1 << (n - 1))) >> n;
}

/**
 * One pass of the forward DCT over 8 values at `at`, `at + step`, … of `ws`, in place. The even outputs 0 and 4 are
 * shifted left by `evenShift` (pass 1) or descaled by −`evenShift` bits (pass 2); the rotated ones by `shift` bits.
 */
function forwardPass(ws: Int32Array, at: number, step: number, evenShift: number, shift: number): void {
  const d0 = ws[at];
  const d1 = ws[at + step];
  const d2 = ws[at + 2 * step];
  const d3 = ws[at + 3 * step];
  const d4 = ws[at + 4 * step];
  const d5 = ws[at + 5 * step];
  const d6 = ws[at + 6 * step];
  const d7 = ws[at + 7 * step];
  const s07 = d0 + d7;
  const s16 = d1 + d6;
  const s25 = d2 + d5;
  const s34 = d3 + d4;
  const e10 = s07 + s34;
  const e13 = s07 - s34;
  const e11 = s16 + s25;
  const e12 = s16 - s25;
  if (evenShift >= 0) {
    ws[at] = (e10 + e11) << evenShift;
    ws[at + 4 * step] = (e10 - e11) << evenShift;
  } else {
    ws[at] = descale(e10 + e11, -evenShift);
    ws[at + 4 * step] = descale(e10 - e11, -evenShift);
  }
  const z = (e12 + e13) * C0_541;
  ws[at + 2 * step] = descale(z + e13 * C0_765, shift);
  ws[at + 6 * step] = descale(z - e12 * C1_847, shift);
  // Odd part: the differences d0 − d7 … d3 − d4.
  const t7 = d0 - d7;
  const t6 = d1 - d6;
  const t5 = d2 - d5;
  const t4 = d3 - d4;
  const z5 = (t4 + t6 + t5 + t7) * C1_175;
  const z1 = -(t4 + t7) * C0_899;
  const z2 = -(t5 + t6) * C2_562;
  const z3 = -(t4 + t6) * C1_961 + z5;
  const z4 = -(t5 + t7) * C0_390 + z5;
  ws[at + 7 * step] = descale(t4 * C0_298 + z1 + z3, shift);
  ws[at + 5 * step] = descale(t5 * C2_053 + z2 + z4, shift);
  ws[at + 3 * step] = descale(t6 * C3_072 + z2 + z3, shift);
  ws[at + step] = descale(t7 * C1_501 + z1 + z4, shift);
}

/**
 * The forward DCT of 64 level-shifted samples (value − 128, row by row) in place; the coefficients come out scaled
 * up by 8, as libjpeg's quantiser expects.
 */
export function forwardDct(ws: Int32Array): void {
  for (let row = 0; row < 64; row += 8) forwardPass(ws, row, 1, 2, 11);
  for (let col = 0; col < 8; col++) forwardPass(ws, col, 8, -2, 15);
}

/**
 * Quantises the forward DCT's output and dequantises it again, in place: each value divided by 8 · step with rounding
 * half away from zero, as libjpeg-turbo's reciprocal multiplication computes it (its SIMD and C quantisers agree),
 * then multiplied by step, as the decoder does. Returns a bit per column (bit c for column c) whose AC terms are
 * not all zero, and bit 8 when the first column's are not: the inverse DCT's shortcuts.
 */
export function quantize(ws: Int32Array, table: QuantTable): number {
  const { step, reciprocal, correction, shift } = table;
  let columns = 0;
  for (let i = 0; i < 64; i++) {
    const v = ws[i];
    // The product stays below 2^32: its low 32 bits (Math.imul's) shifted unsigned are libjpeg's 32-bit product.
    const m = Math.imul((v < 0 ? -v : v) + correction[i], reciprocal[i]) >>> shift[i];
    if (m === 0) ws[i] = 0;
    else {
      ws[i] = (v < 0 ? -m : m) * step[i];
      columns |= SHORTCUT_BIT[i];
    }
  }
  return columns;
}

/** What a non-zero coefficient rules out for {@link quantize}'s result: its column's bit, 256 in the first row. */
const SHORTCUT_BIT = Int32Array.from({ length: 64 }, (_, i) => (i >= 8 ? 1 << (i & 7) : i > 0 ? 256 : 0));

/**
 * One pass of the inverse DCT over 8 values at `at`, `at + step`, … of `src`; writes the 8 results, descaled by
 * `shift` bits, to `dst` at `to`, `to + dstStep`, ….
 */
function inversePass(
  src: Int32Array,
  at: number,
  step: number,
  dst: Int32Array,
  to: number,
  dstStep: number,
  shift: number,
): void {
  // Even part: inputs 0, 2, 4, 6.
  const y2 = src[at + 2 * step];
  const y6 = src[at + 6 * step];
  const z1 = (y2 + y6) * C0_541;
  const r2 = z1 - y6 * C1_847;
  const r3 = z1 + y2 * C0_765;
  const y0 = src[at];
  const y4 = src[at + 4 * step];
  const r0 = (y0 + y4) * 8192;
  const r1 = (y0 - y4) * 8192;
  const e10 = r0 + r3;
  const e13 = r0 - r3;
  const e11 = r1 + r2;
  const e12 = r1 - r2;
  // Odd part: inputs 7, 5, 3, 1.
  const y7 = src[at + 7 * step];
  const y5 = src[at + 5 * step];
  const y3 = src[at + 3 * step];
  const y1 = src[at + step];
  const z5 = (y7 + y3 + y5 + y1) * C1_175;
  const o1 = -(y7 + y1) * C0_899;
  const o2 = -(y5 + y3) * C2_562;
  const o3 = -(y7 + y3) * C1_961 + z5;
  const o4 = -(y5 + y1) * C0_390 + z5;
  const t0 = y7 * C0_298 + o1 + o3;
  const t1 = y5 * C2_053 + o2 + o4;
  const t2 = y3 * C3_072 + o2 + o3;
  const t3 = y1 * C1_501 + o1 + o4;
  dst[to] = descale(e10 + t3, shift);
  dst[to + 7 * dstStep] = descale(e10 - t3, shift);
  dst[to + dstStep] = descale(e11 + t2, shift);
  dst[to + 6 * dstStep] = descale(e11 - t2, shift);
  dst[to + 2 * dstStep] = descale(e12 + t1, shift);
  dst[to + 5 * dstStep] = descale(e12 - t1, shift);
  dst[to + 3 * dstStep] = descale(e13 + t0, shift);
  dst[to + 4 * dstStep] = descale(e13 - t0, shift);
}

/**
 * Inverse-transforms 64 dequantised coefficients in `coef` (natural order) into 8×8 samples of `out` at `offset` (rows
 * `stride` apart), clipped to 0–255. `columns` is what {@link quantize} returned; `coef` is used as scratch.
 *
 * libjpeg skips the arithmetic for a column whose AC terms are all zero (each output is the DC term, shifted), and
 * for such a row in the second pass; the full arithmetic gives the same numbers there, so the shortcuts are for speed
 * only. libjpeg-turbo's SIMD decoder saturates where its C code wraps results beyond ±512 through a 1024-entry
 * table; samples that far outside 0–255 do not arise from an 8-bit image, and this clips like the SIMD code.
 */
export function inverseDct(
  coef: Int32Array,
  columns: number,
  ws: Int32Array,
  out: Uint8Array,
  offset: number,
  stride: number,
): void {
  if (columns === 0) {
    // Only the DC term: one flat block, (DC · 4 / 32) rounded, as both passes' shortcuts give it.
    const v = ((coef[0] * 4 + 16) >> 5) + 128;
    const flat = v < 0 ? 0 : v > 255 ? 255 : v;
    for (let row = 0; row < 8; row++) out.fill(flat, offset + row * stride, offset + row * stride + 8);
    return;
  }
  // Columns: 13-bit constants, keeping 2 extra bits (descale by 13 − 2).
  for (let col = 0; col < 8; col++) {
    if ((columns & (1 << col)) === 0) {
      const dc = coef[col] * 4;
      for (let k = col; k < 64; k += 8) ws[k] = dc;
    } else inversePass(coef, col, 8, ws, col, 8, 11);
  }
  // Rows: remove the constants' 13 bits, the 2 extra bits and the DCT's factor of 8. Without AC terms in the first
  // row (no column's first-row value but the DC's), every row has only its first value once the columns are done.
  const rowsFlat = (columns & 0x1fe) === 0;
  for (let row = 0; row < 64; row += 8) {
    const o = offset + (row >> 3) * stride;
    if (rowsFlat) {
      const v = ((ws[row] + 16) >> 5) + 128;
      out.fill(v < 0 ? 0 : v > 255 ? 255 : v, o, o + 8);
      continue;
    }
    inversePass(ws, row, 1, coef, row, 1, 18);
    for (let k = 0; k < 8; k++) {
      const v = coef[row + k] + 128;
      out[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}
