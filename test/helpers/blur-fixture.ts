// The cv2.GaussianBlur fixture (test/fixtures/gaussian-blur.json, written by scripts/gen-blur-fixtures.py from
// Debian's OpenCV with imgaug 0.4.0's kernel size and REFLECT_101), shared by the kernel and augmenter tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixtureBytes } from './fixtures.ts';

export { fixtureBytes };

export interface BlurFixtureCase {
  readonly dtype: 'uint8' | 'float32';
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** base64 of the HWC input (float32 little-endian for float32 cases). */
  readonly data: string;
  readonly outputs: readonly { readonly sigma: number; readonly ksize: number; readonly data: string }[];
}

export const blurFixture = JSON.parse(
  readFileSync(new URL('../fixtures/gaussian-blur.json', import.meta.url), 'utf8'),
) as { readonly opencv: string; readonly cases: readonly BlurFixtureCase[] };

/**
 * What OpenCV's sigma-1 Gaussian blur makes of a single 255 among zeros, derived by hand: the outer product of its
 * fixed-point kernel [14, 62, 104, 62, 14] / 256, each value (k[dy] · k[dx] · 255 + 32768) >> 16 (62 · 104 · 255 =
 * 1644240 → 25; the centre 104 · 104 · 255 = 2758080 → 42), and 0 beyond two pixels.
 */
const GAUSSIAN_DOT = [
  [1, 3, 6, 3, 1],
  [3, 15, 25, 15, 3],
  [6, 25, 42, 25, 6],
  [3, 15, 25, 15, 3],
  [1, 3, 6, 3, 1],
];

/** Asserts that `out`, a one-channel `size` × `size` image (odd size), is {@link GAUSSIAN_DOT} around its centre. */
export function assertGaussianDot(out: ArrayLike<number>, size: number): void {
  const c = size >> 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = Math.abs(y - c) <= 2 && Math.abs(x - c) <= 2;
      assert.equal(out[y * size + x], inside ? GAUSSIAN_DOT[y - c + 2][x - c + 2] : 0, `(${y}, ${x})`);
    }
  }
}
