// Reading the JSON fixtures of test/fixtures/ (written by the scripts/gen-*.py generators): images and byte arrays
// are stored in base64.
import { readFileSync } from 'node:fs';
import type { Image } from '../../src/core/image.ts';
import type { BorderMode } from '../../src/kernels/border.ts';
import type { WarpOrder } from '../../src/kernels/warp-affine.ts';

/** An image as the generators store it: its shape and its bytes in base64. */
export interface FixtureImage {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly data: string;
}

/** test/fixtures/`name`, parsed. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Bytes stored in base64. */
export function fixtureBytes(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** A fixture's images, as uint8 images. */
export function fixtureImages(images: readonly FixtureImage[]): Image<Uint8Array>[] {
  return images.map((i) => ({ data: fixtureBytes(i.data), height: i.height, width: i.width, channels: i.channels }));
}

/**
 * test/fixtures/warp-perspective.json (scripts/gen-warp-perspective-fixtures.py, OpenCV 4.6 and imgaug 0.4.0's
 * sampling steps): cv2.getPerspectiveTransform's matrices, warpPerspective and remap outputs, and PerspectiveTransform's
 * matrix, warped size, warped image and the image resized back, for given corner offsets.
 */
export interface WarpPerspectiveFixture {
  readonly images: FixtureImage[];
  readonly transforms: { from: number[]; to: number[]; matrix: number[] }[];
  readonly cases: {
    image: number;
    transform: number;
    order: WarpOrder;
    mode: BorderMode;
    cval: number;
    outHeight: number;
    outWidth: number;
    expected: string;
  }[];
  readonly remaps: {
    image: number;
    order: WarpOrder;
    mode: BorderMode;
    cval: number;
    outHeight: number;
    outWidth: number;
    mapX: string;
    mapY: string;
    expected: string;
  }[];
  readonly augmenter: {
    image: number;
    jitter: number[];
    fitOutput: boolean;
    matrix: number[];
    height: number;
    width: number;
    warped: string;
    kept: string;
  }[];
}

/** test/fixtures/warp-perspective.json, and its images decoded. */
export function warpPerspectiveFixture(): {
  readonly fixture: WarpPerspectiveFixture;
  readonly images: Image<Uint8Array>[];
} {
  const fixture = readFixture<WarpPerspectiveFixture>('warp-perspective.json');
  return { fixture, images: fixtureImages(fixture.images) };
}

/** How many values of `actual` differ from `expected` (compared up to `expected`'s length), and by how much at most. */
export function countDifferences(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
): { readonly differing: number; readonly maxDiff: number } {
  let differing = 0;
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(expected[i] - actual[i]);
    if (d) differing++;
    if (d > maxDiff) maxDiff = d;
  }
  return { differing, maxDiff };
}
