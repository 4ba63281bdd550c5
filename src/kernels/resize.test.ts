import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type ResizeInterpolation, resizeAuto, resizeImage } from './resize.ts';

interface Case {
  h: number;
  w: number;
  c: number;
  dh: number;
  dw: number;
  interp: ResizeInterpolation | 'auto';
  dtype?: 'float32';
  src: string;
  out: string;
}

// cv2.resize outputs from scripts/gen-resize-fixtures.py (OpenCV 4.6, Debian's python3-opencv).
const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/resize.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

function decode(b64: string, float: boolean): Uint8Array | Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  return float ? new Float32Array(new Uint8Array(bytes).buffer) : new Uint8Array(bytes);
}

function run(k: Case): { bad: number; maxDiff: number; total: number } {
  const float = k.dtype === 'float32';
  const src = { data: decode(k.src, float), height: k.h, width: k.w, channels: k.c };
  const expected = decode(k.out, float);
  const size = k.dh * k.dw * k.c;
  const out = { data: float ? new Float32Array(size) : new Uint8Array(size), height: k.dh, width: k.dw, channels: k.c };
  if (k.interp === 'auto') resizeAuto(src, out);
  else resizeImage(src, out, k.interp);
  let bad = 0;
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(expected[i] - out.data[i]);
    if (d) bad++;
    maxDiff = Math.max(maxDiff, d);
  }
  return { bad, maxDiff, total: expected.length };
}

const grows = (k: Case) => k.dh > k.h || k.dw > k.w;
const name = (k: Case) => `${k.dtype ?? 'uint8'} ${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}`;

describe('resizeImage against cv2.resize', () => {
  it('is bit-exact for nearest, upscaling and downscaling, 1 to 4 channels', () => {
    for (const k of fixtures.cases.filter((c) => c.interp === 'nearest')) {
      assert.equal(run(k).bad, 0, `${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}`);
    }
  });

  it('is bit-exact for linear, halving (OpenCV’s area average) included, 1 to 4 channels', () => {
    const linear = fixtures.cases.filter((c) => c.interp === 'linear');
    assert.ok(linear.filter((c) => c.h === 2 * c.dh && c.w === 2 * c.dw).length >= 3);
    for (const k of linear) assert.equal(run(k).bad, 0, `${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}`);
  });

  it('reads the edge row with both weights above the first row and below the last (OpenCV clamps only columns)', () => {
    // 2×2 → 4×3. Columns: 0 reads pixel 0; 1 is halfway, weights 1024 and 1024; 2 reads pixel 1. Rows: positions
    // (d + 0.5)·0.5 − 0.5 = −0.25, 0.25, 0.75, 1.25, so row 0 is sy = −1 with weights 512 (row −1, i.e. row 0) and
    // 1536 (row 0), and row 3 is sy = 1 with 1536 (row 1) and 512 (row 2, i.e. row 1).
    // Row 0, column 1: (95 + 130)·1024 = 230400, >> 4 = 14400; 14400·512 >> 16 = 112, 14400·1536 >> 16 = 337,
    // (449 + 2) >> 2 = 112 (cv2's value; a clamped row, 14400·2048 >> 16 = 450, would give 113).
    // Row 3, column 1: (194 + 217)·1024 >> 4 = 26304; ·1536 >> 16 = 616, ·512 >> 16 = 205, (821 + 2) >> 2 = 205
    // (clamped: 822 → 206).
    const src = { data: new Uint8Array([95, 130, 194, 217]), height: 2, width: 2, channels: 1 };
    const out = { data: new Uint8Array(12), height: 4, width: 3, channels: 1 };
    resizeImage(src, out, 'linear');
    // biome-ignore format: one row per line, as cv2.resize prints it
    assert.deepEqual(Array.from(out.data), [
      95, 112, 130,
      120, 136, 152,
      169, 182, 195,
      194, 205, 217,
    ]);
  });

  it('is bit-exact for cubic, 1 to 4 channels', () => {
    const cubic = fixtures.cases.filter((c) => c.interp === 'cubic');
    assert.ok(cubic.length >= 30);
    for (const k of cubic) assert.equal(run(k).bad, 0, `${k.h}×${k.w}×${k.c} → ${k.dh}×${k.dw}`);
  });

  it("weighs a cubic row's runs of 8 values in float32 and the rest in integers, as OpenCV's SSE2 build", () => {
    // Halving 1 × 20 → 1 × 10 puts every column at fraction 0.5: 11-bit weights −192, 1216, 1216, −192 on source
    // pixels 2d − 1 … 2d + 2. Over 0 24 24 0 the sum is 2432 · 24 = 58368, and the one row's vertical weights are
    // 0, 2048, 0, 0: 58368 / 2048 = 28.5. In float32 (columns 0–7) that rounds half to even to 28; column 8 is left
    // over after the run of 8 and takes the integer formula (58368 · 2048 + 2²¹) >> 22 = 29. Column 0 reads
    // 24 24 24 0 (its first tap clamped): (−192 + 2432) · 24 / 2048 = 26.25 → 26; odd columns read 24 0 0 24
    // (negative: 0). cv2.resize gives these bytes.
    const src = { data: new Uint8Array(20).map((_, i) => (i % 4 < 2 ? 24 : 0)), height: 1, width: 20, channels: 1 };
    const out = { data: new Uint8Array(10), height: 1, width: 10, channels: 1 };
    resizeImage(src, out, 'cubic');
    assert.deepEqual(Array.from(out.data), [26, 0, 28, 0, 28, 0, 28, 0, 29, 0]);
  });

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

describe('resizeAuto', () => {
  const auto = fixtures.cases.filter((k) => k.interp === 'auto');
  const u8 = auto.filter((k) => k.dtype === undefined);

  it('is bit-exact with cv2 INTER_AREA whenever a side grows, mixed growing and shrinking sides included', () => {
    // Measured: 0 of 47,997 values differ over 58 cases (16 of them mixed; 1, 3 and 4 channels), including
    // 6 → 34 and 14 → 58, where OpenCV's double and float rounding picks a different source pixel (test below).
    const area = u8.filter(grows);
    const mixed = area.filter((k) => k.dh < k.h || k.dw < k.w);
    assert.ok(area.length >= 58 && mixed.length >= 16, `${area.length} area cases, ${mixed.length} mixed`);
    assert.deepEqual(new Set(area.map((k) => k.c)), new Set([1, 3, 4]));
    for (const k of area) assert.equal(run(k).bad, 0, name(k));
  });

  it('is cv2 INTER_LINEAR, i.e. resizeImage linear, when no side grows', () => {
    const linear = u8.filter((k) => !grows(k));
    assert.ok(linear.length >= 25 && linear.some((k) => k.h === 2 * k.dh && k.w === 2 * k.dw));
    for (const k of linear) {
      assert.equal(run(k).bad, 0, name(k));
      const src = { data: decode(k.src, false), height: k.h, width: k.w, channels: k.c };
      const viaLinear = { data: new Uint8Array(k.dh * k.dw * k.c), height: k.dh, width: k.dw, channels: k.c };
      const viaAuto = { data: new Uint8Array(k.dh * k.dw * k.c), height: k.dh, width: k.dw, channels: k.c };
      resizeImage(src, viaLinear, 'linear');
      resizeAuto(src, viaAuto);
      assert.deepEqual(viaAuto.data, viaLinear.data, name(k));
    }
  });

  it('is within float32 rounding of cv2 for float32, unclipped', () => {
    // OpenCV accumulates in float32, augkit in float64. Measured on values in [−50, 300]: 568 of 3,919 values
    // differ, by at most 3.1e-5 (one float32 step at 256), over 20 cases; the integer-factor upscales are exact.
    const float = auto.filter((k) => k.dtype === 'float32');
    assert.ok(float.length >= 20 && float.filter(grows).length >= 14);
    let below0 = false;
    for (const k of float) {
      const { maxDiff } = run(k);
      assert.ok(maxDiff <= 1e-4, `${name(k)}: off by ${maxDiff}`);
      below0 ||= decode(k.out, true).some((v) => v < 0);
    }
    assert.ok(below0, 'the float32 fixtures include negative values');
  });

  it('repeats pixels and blends only across a source edge when upscaling 2×2 to 4×5', () => {
    // Area-mode positions, sx = floor(d · s/d) and fx = (d + 1) − (sx + 1) · d/s, fractional part if > 0, else 0:
    //   width 2 → 5 (d/s = 2.5): d=0: sx 0, fx 1 − 2.5 < 0 → 0;  d=1: sx floor(0.4) = 0, fx 2 − 2.5 < 0 → 0;
    //     d=2: sx floor(0.8) = 0, fx 3 − 2.5 = 0.5;  d=3: sx floor(1.2) = 1, fx 4 − 5 < 0 → 0;  d=4: sx 1, fx 0.
    //   height 2 → 4 (d/s = 2): sx 0, 0, 1, 1 with fx 1 − 2, 2 − 2, 3 − 4, 4 − 4, all → 0 (a pure repeat).
    // So rows read source rows 0 0 1 1, columns give a, a, (a + b)/2, b, b: (0 + 200)/2 = 100, (100 + 40)/2 = 70.
    // (Half-pixel 'linear' would give 0.9a + 0.1b at d=1: 20, not 0.)
    const src = { data: new Uint8Array([0, 200, 100, 40]), height: 2, width: 2, channels: 1 };
    const out = { data: new Uint8Array(20), height: 4, width: 5, channels: 1 };
    resizeAuto(src, out);
    // biome-ignore format: one row per line
    assert.deepEqual(Array.from(out.data), [
      0, 0, 100, 200, 200,
      0, 0, 100, 200, 200,
      100, 100, 70, 40, 40,
      100, 100, 70, 40, 40,
    ]);
  });

  it('samples a shrinking width with area-mode positions when the height grows (2×3 → 5×2)', () => {
    // Height 2 → 5 grows, so INTER_AREA, whose area_mode positions apply to the shrinking width as well.
    //   width 3 → 2 (d/s = 2/3): d=0: sx floor(0) = 0, fx 1 − 2/3 = 1/3;  d=1: sx floor(1.5) = 1, fx 2 − 4/3 = 2/3.
    //   weights: cvRound((1 − 1/3)·2048) = 1365 and cvRound(2048/3) = 683, then 683 and 1365.
    //   height 2 → 5 (d/s = 2.5): rows 0, 0, (r0 + r1)/2, 1, 1 (as in the 2 → 5 width above).
    // Row 0 [30, 60, 90]: 30·2/3 + 60/3 = 40, 60/3 + 90·2/3 = 80; row 1 [120, 150, 180]: 130, 170; the middle row
    // 85 and 125. The fixed-point passes land exactly on these (e.g. (30·1365 + 60·683) >> 4 = 5120, ·2048 >> 16
    // = 160, (160 + 2) >> 2 = 40). Half-pixel 'linear' would read 0.75a + 0.25b: 37 or 38, not 40.
    const src = { data: new Uint8Array([30, 60, 90, 120, 150, 180]), height: 2, width: 3, channels: 1 };
    const out = { data: new Uint8Array(10), height: 5, width: 2, channels: 1 };
    resizeAuto(src, out);
    assert.deepEqual(Array.from(out.data), [40, 80, 40, 80, 85, 125, 130, 170, 130, 170]);
  });

  it('keeps OpenCV’s rounding where d · src/dst lands just below an integer (6 → 34)', () => {
    // d = 17: 17 · (1 / (34/6)) = 2.9999999999999996, so sx = 2 (exact arithmetic: 3), and fx = 18 − 3 · (34/6)
    // = 1 in doubles, whose fractional part is 0: destination 17 is source pixel 2, which cv2 4.6 repeats six
    // times (12–17) and source pixel 3 only four (18–21). The row below is cv2's output.
    const src = { data: new Uint8Array([0, 40, 80, 120, 160, 200]), height: 1, width: 6, channels: 1 };
    const out = { data: new Uint8Array(34), height: 1, width: 34, channels: 1 };
    resizeAuto(src, out);
    // biome-ignore format: as cv2 prints it
    assert.deepEqual(Array.from(out.data), [
      0, 0, 0, 0, 0, 13, 40, 40, 40, 40, 40, 67, 80, 80, 80, 80, 80, 80,
      120, 120, 120, 120, 133, 160, 160, 160, 160, 160, 187, 200, 200, 200, 200, 200,
    ]);
  });

  it('applies the same positions to float32 and every channel', () => {
    const src = { data: new Float32Array([0, -10, 200, 300]), height: 1, width: 2, channels: 2 };
    const out = { data: new Float32Array(10), height: 1, width: 5, channels: 2 };
    resizeAuto(src, out);
    assert.deepEqual(Array.from(out.data), [0, -10, 0, -10, 100, 145, 200, 300, 200, 300]);
  });

  it('returns a copy when the size does not change', () => {
    const src = { data: new Uint8Array([1, 2, 3, 4, 5, 6]), height: 2, width: 3, channels: 1 };
    const out = { data: new Uint8Array(6), height: 2, width: 3, channels: 1 };
    resizeAuto(src, out);
    assert.deepEqual(Array.from(out.data), [1, 2, 3, 4, 5, 6]);
  });
});
