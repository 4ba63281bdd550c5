import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { readFixture } from '../../test/helpers/fixtures.ts';
import { type ResizeInterpolation, resizeImage } from './resize.ts';
import { kernelRuns, resetKernelRuns, useWasmKernels } from './table.ts';

// scripts/gen-resize-fixtures.py: cv2.resize (OpenCV 4.6) on images made by lcgImage, kept as the first 16 hex digits
// of the output's SHA-256, for 484 size pairs (odd and even, up, down and mixed, whole-number factors; 1, 3, 4
// channels).
interface ExactCase {
  h: number;
  w: number;
  c: number;
  dh: number;
  dw: number;
  seed: number;
  nearest: string;
  linear: string;
  area: string;
  cubic: string;
}
const { cases } = readFixture<{ cases: ExactCase[] }>('resize-exact.json');

/** The generator's image: x ← (1103515245·x + 12345) mod 2^31, each value bits 16–23 of the next state. */
function lcgImage(h: number, w: number, c: number, seed: number): Uint8Array {
  const out = new Uint8Array(h * w * c);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out[i] = (x >>> 16) & 255;
  }
  return out;
}

function digest(k: ExactCase, interpolation: ResizeInterpolation): string {
  const src = { data: lcgImage(k.h, k.w, k.c, k.seed), height: k.h, width: k.w, channels: k.c };
  const out = { data: new Uint8Array(k.dh * k.dw * k.c), height: k.dh, width: k.dw, channels: k.c };
  resizeImage(src, out, interpolation);
  return createHash('sha256').update(out.data).digest('hex').slice(0, 16);
}

function mismatches(interpolation: ResizeInterpolation): string[] {
  return cases
    .filter((k) => digest(k, interpolation) !== k[interpolation])
    .map((k) => `${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}`);
}

describe('resizeImage, bytes equal to cv2.resize over 484 size pairs', () => {
  it('covers shrinking, growing, mixed sides, whole-number factors and 1, 3 and 4 channels', () => {
    const grows = (k: ExactCase) => k.dh > k.h || k.dw > k.w;
    const shrinks = (k: ExactCase) => k.dh < k.h || k.dw < k.w;
    assert.ok(cases.length >= 480);
    assert.ok(cases.filter((k) => grows(k) && shrinks(k)).length >= 100);
    assert.ok(cases.filter((k) => !grows(k) && k.h % k.dh === 0 && k.w % k.dw === 0).length >= 20);
    assert.ok(cases.filter((k) => !grows(k) && (k.h % k.dh !== 0 || k.w % k.dw !== 0)).length >= 50);
    assert.deepEqual(new Set(cases.map((k) => k.c)), new Set([1, 3, 4]));
  });

  for (const interpolation of ['nearest', 'linear', 'area', 'cubic'] as const) {
    it(`is bit-exact for ${interpolation}`, () => {
      assert.deepEqual(mismatches(interpolation), []);
    });
  }

  it('gives the same bytes on the WebAssembly kernels and on the TypeScript loops', () => {
    resetKernelRuns();
    assert.deepEqual(mismatches('linear'), []);
    assert.ok(kernelRuns().resizeLinear.wasm > 400, 'the WebAssembly bilinear kernel ran');
    assert.deepEqual(mismatches('area'), []);
    assert.ok(kernelRuns().resizeArea.wasm > 100, 'the WebAssembly area kernel ran');
    useWasmKernels(false);
    try {
      for (const interpolation of ['linear', 'area'] as const) assert.deepEqual(mismatches(interpolation), []);
      assert.ok(kernelRuns().resizeLinear.typescript > 400, 'the TypeScript bilinear loops ran');
      assert.ok(kernelRuns().resizeArea.typescript > 100, 'the TypeScript area loops ran');
    } finally {
      useWasmKernels(true);
    }
  });
});
