// Reads test/fixtures/croppad.json (scripts/gen-croppad-fixtures.py: imgaug 0.4.0's crop and pad family and Rot90
// rebuilt from OpenCV 4.6 and numpy 1.24) for the kernel and augmenter tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Image } from '../../src/core/image.ts';
import type { PadMode } from '../../src/kernels/pad.ts';

type Trbl = [number, number, number, number];
export type CropPadCase =
  | { op: 'pad'; image: number; sides: Trbl; mode: PadMode; cval: number; out: string }
  | { op: 'cropAndPad'; image: number; px: Trbl; mode: PadMode; cval: number; keepSize: boolean; out: string }
  | { op: 'rot90'; image: number; k: number; keepSize: boolean; out: string };

const raw = JSON.parse(readFileSync(new URL('../fixtures/croppad.json', import.meta.url), 'utf8')) as {
  images: { h: number; w: number; c: number; dtype: 'uint8' | 'float32'; data: string }[];
  cases: CropPadCase[];
};

function decode(b64: string, float: boolean): Uint8Array | Float32Array {
  const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  return float ? new Float32Array(bytes.buffer) : bytes;
}

/** The fixture's input images. */
export const cropPadImages: Image[] = raw.images.map((i) => ({
  data: decode(i.data, i.dtype === 'float32'),
  height: i.h,
  width: i.w,
  channels: i.c,
}));

export const cropPadCases: readonly CropPadCase[] = raw.cases;

/** A case's expected output data, in its input's dtype. */
export function expectedData(k: CropPadCase): Uint8Array | Float32Array {
  return decode(k.out, cropPadImages[k.image].data instanceof Float32Array);
}

/** A short description of a case for assertion messages. */
export function caseName(k: CropPadCase): string {
  const i = cropPadImages[k.image];
  const dtype = i.data instanceof Float32Array ? 'float32' : 'uint8';
  return `${dtype} ${i.height}×${i.width}×${i.channels} ${JSON.stringify({ ...k, out: undefined, image: undefined })}`;
}

/**
 * Requires `actual` to equal a case's expected output: byte for byte, except where a float32 image was resized
 * back, whose values may differ by float32 rounding (augkit's resize accumulates in float64, OpenCV in float32;
 * see resize.test.ts): at most 1e-4 there.
 */
export function assertMatches(actual: Uint8Array | Float32Array, k: CropPadCase, resized: boolean): void {
  const expected = expectedData(k);
  if (!(expected instanceof Float32Array) || !resized) {
    assert.deepEqual(actual, expected, caseName(k));
    return;
  }
  assert.equal(actual.length, expected.length, caseName(k));
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= 1e-4, `${caseName(k)}: ${actual[i]} vs ${expected[i]} at ${i}`);
  }
}
