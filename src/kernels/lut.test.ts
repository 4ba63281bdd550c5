import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyLut, applyWideLut, buildLut, widenLut } from './lut.ts';

/** The table every test uses: v ↦ 255 − v (every entry differs, so a wrong lookup shows). */
const table = buildLut((v) => 255 - v, new Uint8Array(256));

/** Bytes 0…n−1 scrambled, inside a larger buffer at `offset` (so 32-bit reads are unaligned). */
function bytes(n: number, offset: number): Uint8Array {
  const buffer = new Uint8Array(n + offset + 3);
  for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 151 + 7) & 255;
  return buffer.subarray(offset, offset + n);
}

describe('applyLut and applyWideLut', () => {
  it('map every byte through the table for any length and alignment, also in place', () => {
    for (let n = 0; n <= 11; n++) {
      for (let offset = 0; offset < 4; offset++) {
        const src = bytes(n, offset);
        const expected = Array.from(src, (v) => 255 - v);
        const out = bytes(n, (offset + 1) % 4).fill(0);
        applyLut(src, [table], 1, out);
        assert.deepEqual(Array.from(out), expected, `applyLut n=${n} offset=${offset}`);
        out.fill(0);
        applyWideLut(src, table, widenLut(table), out);
        assert.deepEqual(Array.from(out), expected, `applyWideLut n=${n} offset=${offset}`);
        const inPlace = src.slice();
        applyWideLut(inPlace, table, widenLut(table), inPlace);
        assert.deepEqual(Array.from(inPlace), expected, `in place n=${n} offset=${offset}`);
      }
    }
  });

  it('holds both bytes of a pair in a wide table entry (low byte first)', () => {
    const wide = widenLut(table);
    assert.equal(wide[0x0102], (255 - 2) | ((255 - 1) << 8));
    assert.equal(wide[0xff00], 255 | (0 << 8));
  });

  it('uses one table per channel when given several', () => {
    const half = buildLut((v) => v / 2, new Uint8Array(256));
    const src = Uint8Array.from([10, 10, 200, 200]);
    const out = new Uint8Array(4);
    applyLut(src, [table, half], 2, out);
    assert.deepEqual(Array.from(out), [245, 5, 55, 100]);
  });
});
