// test/fixtures/blend.json (scripts/gen-blend-fixtures.py): imgaug 0.4.0's blend_alpha and mask generators from
// their formulas in numpy.
import type { FixtureImage } from './fixtures.ts';
import { fixtureBytes, readFixture } from './fixtures.ts';

/** An image of the blend fixture, uint8 or float32. */
export interface BlendFixtureImage extends FixtureImage {
  readonly dtype: 'uint8' | 'float32';
}

export interface BlendFixture {
  /** Positions of the 256×256 pair image whose values `pairs[k].picked` holds. */
  readonly pairPicks: number[];
  /** Every (fg, bg) = (column, row) pair blended with `alpha`. */
  readonly pairs: { alpha: number; sha256: string; picked: number[] }[];
  readonly images: { fg: BlendFixtureImage; bg: BlendFixtureImage; alphas: number[]; out: BlendFixtureImage }[];
  /** Linear-gradient masks for given draws, and an RGB pair blended through each. */
  readonly gradients: (MaskCase & {
    axis: 'x' | 'y';
    minValue: number;
    maxValue: number;
    startAt: number;
    endAt: number;
  })[];
  /** Regular-grid and checkerboard masks (the counts as drawn, before clipping to the image). */
  readonly grids: (MaskCase & { kind: 'grid' | 'checkerboard'; nbRows: number; nbCols: number; alphas: number[] })[];
}

/** A float32 mask, and the uint8 RGB pair blended through it. */
interface MaskCase {
  readonly mask: BlendFixtureImage;
  readonly fg: BlendFixtureImage;
  readonly bg: BlendFixtureImage;
  readonly out: BlendFixtureImage;
}

export function readBlendFixture(): BlendFixture {
  return readFixture<BlendFixture>('blend.json');
}

/** The values of a fixture image, as the array of its dtype. */
export function fixtureArray(image: BlendFixtureImage): Uint8Array | Float32Array {
  const bytes = fixtureBytes(image.data);
  return image.dtype === 'uint8' ? bytes : new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
