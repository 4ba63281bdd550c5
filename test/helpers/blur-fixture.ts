// The cv2.GaussianBlur fixture (test/fixtures/gaussian-blur.json, written by scripts/gen-blur-fixtures.py from
// Debian's OpenCV with imgaug 0.4.0's kernel size and REFLECT_101), shared by the kernel and augmenter tests.
import { readFileSync } from 'node:fs';

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

/** The bytes of a base64 string. */
export function fixtureBytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
