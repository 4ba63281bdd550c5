/**
 * Border modes: how a kernel reads pixels outside the image. The names are imgaug's (scikit-image's and numpy's);
 * each maps to one of OpenCV's `borderInterpolate` types, because imgaug hands uint8 warps to OpenCV.
 *
 * | mode        | OpenCV             | left of `abcd` |
 * |-------------|--------------------|----------------|
 * | `constant`  | BORDER_CONSTANT    | `vv\|abcd` (v = cval) |
 * | `edge`      | BORDER_REPLICATE   | `aa\|abcd`      |
 * | `symmetric` | BORDER_REFLECT     | `ba\|abcd`      |
 * | `reflect`   | BORDER_REFLECT_101 | `cb\|abcd`      |
 * | `wrap`      | BORDER_WRAP        | `cd\|abcd`      |
 */
export type BorderMode = 'constant' | 'edge' | 'symmetric' | 'reflect' | 'wrap';

/** Every border mode, in imgaug's order. */
export const BORDER_MODES: readonly BorderMode[] = ['constant', 'edge', 'symmetric', 'reflect', 'wrap'];

/** True when `value` names a border mode (`'constant' | 'edge' | 'symmetric' | 'reflect' | 'wrap'`). */
export function isBorderMode(value: unknown): value is BorderMode {
  return typeof value === 'string' && (BORDER_MODES as readonly string[]).includes(value);
}

/**
 * Maps an integer pixel coordinate `p` on an axis of `len` pixels to the index of the image pixel that is read
 * there, or -1 under `constant` (the caller reads cval instead).
 *
 * Inside the axis `p` is returned unchanged. Outside it follows OpenCV's `borderInterpolate` for the matching
 * border type, for coordinates any number of periods away: `symmetric` repeats with period 2·len, `reflect` with
 * period 2·len − 2, `wrap` with period len. An axis of one pixel reads that pixel under every mode but `constant`.
 *
 * @example borderIndex(-1, 4, 'symmetric') // 0: ba|abcd
 * @example borderIndex(-1, 4, 'reflect')   // 1: cb|abcd
 * @example borderIndex(9, 4, 'wrap')       // 1
 */
export function borderIndex(p: number, len: number, mode: BorderMode): number {
  if (p >= 0 && p < len) return p;
  switch (mode) {
    case 'constant':
      return -1;
    case 'edge':
      return p < 0 ? 0 : len - 1;
    case 'symmetric': {
      if (len === 1) return 0;
      const period = 2 * len;
      let q = p % period;
      if (q < 0) q += period;
      // `| 0` turns a -0 remainder into 0.
      return (q < len ? q : period - 1 - q) | 0;
    }
    case 'reflect': {
      if (len === 1) return 0;
      const period = 2 * len - 2;
      let q = p % period;
      if (q < 0) q += period;
      return (q < len ? q : period - q) | 0;
    }
    case 'wrap': {
      let q = p % len;
      if (q < 0) q += len;
      return q | 0;
    }
    default:
      return -1;
  }
}
