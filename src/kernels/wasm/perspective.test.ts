import { describe, it } from 'node:test';
import fc from 'fast-check';
import { warpSizes } from '../../../test/helpers/images.ts';
import { assertWasmTwin, checkWasmTwin } from '../../../test/helpers/wasm.ts';
import { BORDER_MODES, type BorderMode } from '../border.ts';
import { warpPerspective } from '../warp-perspective.ts';

function warp(
  data: Uint8Array,
  h: number,
  w: number,
  c: number,
  m: readonly number[],
  oh: number,
  ow: number,
  mode: BorderMode,
  cval: number,
): Uint8Array {
  const out = new Uint8Array(oh * ow * c);
  const options = { order: 1, mode, cval } as const;
  warpPerspective(
    { data, height: h, width: w, channels: c },
    m,
    { data: out, height: oh, width: ow, channels: c },
    options,
  );
  return out;
}

describe('warpPerspectiveLinearU8Wasm (bilinear uint8 perspective warps in WebAssembly)', () => {
  it('gives the bytes of the TypeScript kernel for random perspective matrices, every mode, 1 to 5 channels', () => {
    const entry = (max: number) =>
      fc.integer({ min: -Math.round(max * 977), max: Math.round(max * 977) }).map((v) => v / 977);
    // Mostly tame matrices (near the identity, with perspective terms), some wild ones whose positions run far
    // outside the image or cross W = 0 (the kernel then hands the image back to TypeScript).
    const tame = fc
      .tuple(entry(0.3), entry(0.3), entry(6), entry(0.3), entry(0.3), entry(6), entry(0.02), entry(0.02))
      .map(([a, b, c, d, e, f, g, h]) => [1 + a, b, c, d, 1 + e, f, g, h, 1]);
    const wild = fc.array(entry(50), { minLength: 9, maxLength: 9 });
    checkWasmTwin(
      fc.record({
        ...warpSizes(20, 24),
        c: fc.integer({ min: 1, max: 5 }),
        seed: fc.nat(),
        m: fc.oneof({ weight: 4, arbitrary: tame }, { weight: 1, arbitrary: wild }),
        mode: fc.constantFrom<BorderMode>(...BORDER_MODES),
        cval: fc.integer({ min: 0, max: 255 }),
      }),
      ({ h, w, oh, ow, c, seed, m, mode, cval }) => {
        const data = new Uint8Array(h * w * c).map((_, i) => (i * 131 + seed * 7 + (i >> 3)) & 255);
        return warp(data, h, w, c, m, oh, ow, mode, cval);
      },
      400,
    );
  });

  it('gives the same bytes on a photo-sized image (256×256×3 onto 240×250)', () => {
    const data = new Uint8Array(256 * 256 * 3).map((_, i) => (i * 2654435761) >>> 24);
    const m = [1.08, 0.03, -9.5, 0.02, 1.05, -7.25, 0.0002, 0.0001, 1];
    for (const mode of ['constant', 'edge'] as const) {
      assertWasmTwin(() => warp(data, 256, 256, 3, m, 240, 250, mode, 7));
    }
  });
});
