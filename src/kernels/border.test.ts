import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BORDER_MODES, type BorderMode, borderIndex, isBorderMode } from './border.ts';

// OpenCV's borderInterpolate written out literally (a loop of reflections, C's truncating division), to compare
// the closed forms in border.ts with, far outside the image too.
function reference(p: number, len: number, mode: BorderMode): number {
  if (p >= 0 && p < len) return p;
  if (mode === 'constant') return -1;
  if (mode === 'edge') return p < 0 ? 0 : len - 1;
  if (mode === 'wrap') {
    if (p < 0) p -= Math.trunc((p - len + 1) / len) * len;
    if (p >= len) p %= len;
    return p;
  }
  if (len === 1) return 0;
  const delta = mode === 'reflect' ? 1 : 0;
  do {
    if (p < 0) p = -p - 1 + delta;
    else p = len - 1 - (p - len) - delta;
  } while (p < 0 || p >= len);
  return p;
}

/** Reads 'abcd' through a border mode at coordinates from..to−1, '.' for cval. */
function pattern(mode: BorderMode, from: number, to: number): string {
  let s = '';
  for (let p = from; p < to; p++) {
    const i = borderIndex(p, 4, mode);
    s += i < 0 ? '.' : 'abcd'[i];
  }
  return s;
}

describe('borderIndex', () => {
  it("pads 'abcd' on both sides as OpenCV's border types do", () => {
    assert.equal(pattern('constant', -3, 7), '...abcd...');
    assert.equal(pattern('edge', -3, 7), 'aaaabcdddd');
    assert.equal(pattern('symmetric', -3, 7), 'cbaabcddcb');
    assert.equal(pattern('reflect', -3, 7), 'dcbabcdcba');
    assert.equal(pattern('wrap', -3, 7), 'bcdabcdabc');
  });

  it('repeats with the mode’s period several periods away', () => {
    assert.equal(pattern('symmetric', -16, -8), 'abcddcba'); // period 8
    assert.equal(pattern('reflect', -18, -12), 'abcdcb'); // period 6
    assert.equal(pattern('wrap', 40, 44), 'abcd'); // period 4
  });

  it('matches the literal OpenCV loop for every mode, coordinates −60…60 and lengths 1…7', () => {
    for (const mode of BORDER_MODES) {
      for (let len = 1; len <= 7; len++) {
        for (let p = -60; p <= 60; p++) {
          assert.equal(borderIndex(p, len, mode), reference(p, len, mode), `${mode} p=${p} len=${len}`);
        }
      }
    }
  });

  it('reads the only pixel of a one-pixel axis under every mode but constant', () => {
    for (const p of [-1000, -2, -1, 1, 2, 999]) {
      assert.equal(borderIndex(p, 1, 'edge'), 0);
      assert.equal(borderIndex(p, 1, 'symmetric'), 0);
      assert.equal(borderIndex(p, 1, 'reflect'), 0);
      assert.equal(borderIndex(p, 1, 'wrap'), 0);
      assert.equal(borderIndex(p, 1, 'constant'), -1);
    }
  });

  it('never returns -0', () => {
    assert.ok(Object.is(borderIndex(-8, 4, 'symmetric'), 0));
    assert.ok(Object.is(borderIndex(-6, 4, 'reflect'), 0));
    assert.ok(Object.is(borderIndex(-4, 4, 'wrap'), 0));
  });
});

describe('isBorderMode', () => {
  it('accepts the five modes and rejects anything else', () => {
    for (const mode of BORDER_MODES) assert.equal(isBorderMode(mode), true);
    for (const bad of ['nearest', 'Constant', '', 0, undefined, null]) assert.equal(isBorderMode(bad), false);
  });
});
