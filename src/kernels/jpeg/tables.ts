/**
 * The quantisation tables of a baseline JPEG at a given quality, as libjpeg's `jpeg_set_quality(quality,
 * force_baseline = TRUE)` builds them (Pillow's `save(quality=…)`), and the reciprocals libjpeg-turbo's encoder
 * divides by.
 */

/** The luminance table of the JPEG standard (ITU T.81 Annex K.1), row by row (natural order, not zigzag). */
const LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];

/** The chrominance table of Annex K.1: 99 everywhere outside the top-left corner. */
const CHROMINANCE = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

/** One component's table: the step of each coefficient, and the encoder's division by eight times the step. */
export interface QuantTable {
  /** The step per coefficient, natural order (what the decoder multiplies by). */
  readonly step: Int32Array;
  /** libjpeg-turbo's division by 8 · step as a multiply and shift: ((|x| + correction) · reciprocal) >>> shift. */
  readonly reciprocal: Int32Array;
  readonly correction: Int32Array;
  readonly shift: Int32Array;
}

/** The luminance (first component) and chrominance tables of one quality. */
export interface QuantTables {
  readonly luma: QuantTable;
  readonly chroma: QuantTable;
}

/**
 * libjpeg's quality → percentage scale: 5000 / quality below 50, 200 − 2 · quality from 50 (100 gives 0, every step
 * 1). Integer division, as in C.
 */
function qualityScale(quality: number): number {
  return quality < 50 ? Math.trunc(5000 / quality) : 200 - 2 * quality;
}

/**
 * libjpeg-turbo's reciprocal for dividing a non-negative 16-bit value by `divisor` with rounding (jcdctmgr.c): with
 * r = 16 + ⌊log2 divisor⌋, reciprocal = ⌊2^r / divisor⌋, rounded up when the remainder is above half the divisor, else
 * the rounding correction grows by one; powers of two halve the reciprocal and shift one less.
 */
function divisionOf(divisor: number, table: QuantTable, i: number): void {
  let shift = 16 + (31 - Math.clz32(divisor));
  let reciprocal = Math.floor(2 ** shift / divisor);
  const remainder = 2 ** shift - reciprocal * divisor;
  let correction = divisor >> 1;
  if (remainder === 0) {
    reciprocal >>= 1;
    shift--;
  } else if (remainder <= divisor >> 1) correction++;
  else reciprocal++;
  table.reciprocal[i] = reciprocal;
  table.correction[i] = correction;
  table.shift[i] = shift;
}

function scaledTable(basic: readonly number[], scale: number): QuantTable {
  const table: QuantTable = {
    step: new Int32Array(64),
    reciprocal: new Int32Array(64),
    correction: new Int32Array(64),
    shift: new Int32Array(64),
  };
  for (let i = 0; i < 64; i++) {
    // Baseline JPEG stores 8-bit steps: libjpeg clips them to 1–255 (force_baseline).
    const step = Math.min(255, Math.max(1, Math.trunc((basic[i] * scale + 50) / 100)));
    table.step[i] = step;
    // The forward DCT leaves its coefficients scaled up by 8, so the encoder divides by 8 · step.
    divisionOf(step << 3, table, i);
  }
  return table;
}

const cache = new Map<number, QuantTables>();

/** The tables of `quality` (an integer in 1–100), built once and kept. */
export function quantTables(quality: number): QuantTables {
  let tables = cache.get(quality);
  if (tables === undefined) {
    const scale = qualityScale(quality);
    tables = { luma: scaledTable(LUMINANCE, scale), chroma: scaledTable(CHROMINANCE, scale) };
    cache.set(quality, tables);
  }
  return tables;
}
