import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type ResizeInterpolation, resizeImage } from './resize.ts';

interface Case {
  h: number;
  w: number;
  c: number;
  dh: number;
  dw: number;
  interp: ResizeInterpolation;
  src: string;
  out: string;
}

// cv2.resize outputs from scripts/gen-resize-fixtures.py (OpenCV 4.6, Debian's python3-opencv).
const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/resize.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

function run(k: Case): { bad: number; maxDiff: number; total: number } {
  const src = { data: new Uint8Array(Buffer.from(k.src, 'base64')), height: k.h, width: k.w, channels: k.c };
  const expected = new Uint8Array(Buffer.from(k.out, 'base64'));
  const out = { data: new Uint8Array(k.dh * k.dw * k.c), height: k.dh, width: k.dw, channels: k.c };
  resizeImage(src, out, k.interp);
  let bad = 0;
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(expected[i] - out.data[i]);
    if (d) bad++;
    maxDiff = Math.max(maxDiff, d);
  }
  return { bad, maxDiff, total: expected.length };
}

describe('resizeImage against cv2.resize', () => {
  it('is bit-exact for nearest, upscaling and downscaling, 1 to 4 channels', () => {
    for (const k of fixtures.cases.filter((c) => c.interp === 'nearest')) {
      assert.equal(run(k).bad, 0, `${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}`);
    }
  });

  it('is bit-exact for linear halving (OpenCV’s area average)', () => {
    const halves = fixtures.cases.filter((c) => c.interp === 'linear' && c.h === 2 * c.dh && c.w === 2 * c.dw);
    assert.ok(halves.length >= 3);
    for (const k of halves) assert.equal(run(k).bad, 0, `${k.h}×${k.w} → ${k.dh}×${k.dw}`);
  });

  for (const interp of ['linear', 'cubic'] as const) {
    it(`is within 1 of cv2 for ${interp}, on at most 2% of the values`, () => {
      let bad = 0;
      let total = 0;
      for (const k of fixtures.cases.filter((c) => c.interp === interp)) {
        const r = run(k);
        assert.ok(r.maxDiff <= 1, `${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}: off by ${r.maxDiff}`);
        bad += r.bad;
        total += r.total;
      }
      assert.ok(bad / total <= 0.02, `${bad} of ${total} values differ`);
    });
  }

  it('returns a copy when the size does not change, and keeps float32 values unclipped', () => {
    const src = { data: new Float32Array([-1, 2, 3.5, 300]), height: 2, width: 2, channels: 1 };
    const same = { data: new Float32Array(4), height: 2, width: 2, channels: 1 };
    resizeImage(src, same, 'cubic');
    assert.deepEqual(Array.from(same.data), [-1, 2, 3.5, 300]);
    const up = { data: new Float32Array(16), height: 4, width: 4, channels: 1 };
    resizeImage(src, up, 'nearest');
    assert.deepEqual(Array.from(up.data.subarray(0, 4)), [-1, -1, 2, 2]);
    assert.equal(up.data[15], 300);
  });
});
