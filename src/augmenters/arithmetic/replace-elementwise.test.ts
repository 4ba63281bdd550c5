import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { ReplaceElementwise } from './replace-elementwise.ts';

const grey = (h: number, w: number, c: number) => iaa.makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('ReplaceElementwise', () => {
  it('replaces 20 % ± 1 % of 50,000 pixels with a constant, rounded half to even for uint8 (2.5 → 2)', () => {
    const out = ReplaceElementwise(0.2, 2.5, { seed: 1 }).augmentImage(grey(200, 250, 1));
    let replaced = 0;
    for (const v of out.data) {
      assert.ok(v === 128 || v === 2, `value ${v}`);
      if (v === 2) replaced++;
    }
    assert.ok(Math.abs(replaced / 50_000 - 0.2) < 0.01, `replaced ${replaced / 50_000}`);
    assert.ok(
      ReplaceElementwise(1, 3.5)
        .augmentImage(grey(2, 2, 1))
        .data.every((v) => v === 4),
    );
  });

  it('draws a value per replaced pixel from a range, shared by the channels without perChannel, clipped to 0–255', () => {
    const out = ReplaceElementwise(1, [-100, 400], { seed: 2 }).augmentImage(grey(100, 100, 3));
    let low = 0;
    let high = 0;
    const seen = new Set<number>();
    for (let i = 0; i < out.data.length; i += 3) {
      const [r, g, b] = out.data.subarray(i, i + 3);
      assert.ok(r === g && g === b);
      seen.add(r);
      if (r === 0) low++;
      if (r === 255) high++;
    }
    // U(−100, 400): 20 % below 0 (→ 0), 29 % above 255 (→ 255), and every value between.
    assert.ok(Math.abs(low / 10_000 - 0.2) < 0.015, `zeros ${low / 10_000}`);
    assert.ok(Math.abs(high / 10_000 - 0.29) < 0.015, `255s ${high / 10_000}`);
    assert.equal(seen.size, 256);
  });

  it('draws one value per replaced channel with perChannel', () => {
    const out = ReplaceElementwise(1, [0, 255], { perChannel: true, seed: 3 }).augmentImage(grey(30, 30, 3));
    let mixed = 0;
    for (let i = 0; i < out.data.length; i += 3) if (new Set(out.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 880, `${mixed} of 900 pixels with differing channels`);
  });

  it('keeps float32 replacements as drawn, and changes nothing with mask 0', () => {
    const image = iaa.makeImage(new Float32Array(6).fill(0.5), 2, 3, 1);
    assert.deepEqual(Array.from(ReplaceElementwise(1, -0.25).augmentImage(image).data), new Array(6).fill(-0.25));
    assert.ok(
      ReplaceElementwise(0, 7)
        .augmentImage(grey(4, 4, 3))
        .data.every((v) => v === 128),
    );
  });

  it('takes its two options positionally or by name, with defaults [0, 0.03] and [0, 255]', () => {
    const a = ReplaceElementwise(0.5, [0, 50], { seed: 4 }).augmentImage(grey(10, 10, 1));
    const b = ReplaceElementwise({ mask: 0.5, replacement: [0, 50], seed: 4 }).augmentImage(grey(10, 10, 1));
    assert.deepEqual(a.data, b.data);
    assert.deepEqual(
      [ReplaceElementwise().toJSON().mask, ReplaceElementwise().toJSON().replacement],
      [
        [0, 0.03],
        [0, 255],
      ],
    );
    assert.throws(() => ReplaceElementwise(0.5, Number.NaN), /^RangeError: ReplaceElementwise: replacement must be/);
    assert.throws(
      () => ReplaceElementwise(1.5, 0),
      /^RangeError: ReplaceElementwise: mask must be a number in \[0, 1\]/,
    );
  });
});
