import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Image } from '../core/image.ts';
import { BORDER_MODES, type BorderMode, borderIndex } from './border.ts';
import { type WarpOrder, warpAffine } from './warp-affine.ts';

// Whole-pixel shifts take warpAffine's row-copy fast path. Reference: out(x, y) = src(x − tx, y − ty), read through
// the border mode (or cval), which is what the fixed-point path gives when every fraction is zero.
function reference(
  src: Image,
  tx: number,
  ty: number,
  mode: BorderMode,
  cval: number,
  oh: number,
  ow: number,
): number[] {
  const out: number[] = [];
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const sx = borderIndex(x - tx, src.width, mode);
      const sy = borderIndex(y - ty, src.height, mode);
      for (let c = 0; c < src.channels; c++) {
        out.push(sx < 0 || sy < 0 ? cval : src.data[(sy * src.width + sx) * src.channels + c]);
      }
    }
  }
  return out;
}

describe('warpAffine whole-pixel shifts', () => {
  it('equal the border-mode reference for every order, mode and shift (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -25, max: 25 }),
        fc.integer({ min: -25, max: 25 }),
        fc.constantFrom<WarpOrder>(0, 1, 3),
        fc.constantFrom(...BORDER_MODES),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (h, w, c, tx, ty, order, mode, float, grow) => {
          const n = h * w * c;
          const data = float
            ? new Float32Array(n).map((_, i) => i * 0.5 - 3)
            : new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
          const src = { data, height: h, width: w, channels: c };
          const oh = h + grow;
          const ow = w + 2 * grow;
          const out = {
            data: float ? new Float32Array(oh * ow * c) : new Uint8Array(oh * ow * c),
            height: oh,
            width: ow,
            channels: c,
          };
          warpAffine(src as Image, [1, 0, tx, 0, 1, ty], out as Image, { order, mode, cval: 77 });
          assert.deepEqual(Array.from(out.data), reference(src as Image, tx, ty, mode, 77, oh, ow));
        },
      ),
      { numRuns: 600 },
    );
  });
});
