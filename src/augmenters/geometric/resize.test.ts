import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';

const ramp = (h: number, w: number, c = 1) =>
  iaa.makeImage(
    new Uint8Array(h * w * c).map((_, i) => (i * 5) & 255),
    h,
    w,
    c,
  );

/** `n` gray images of h × w, every value `v`, as one uniform batch. */
const flat = (n: number, h: number, w: number, v: number): iaa.UniformBatch => ({
  data: new Uint8Array(n * h * w).fill(v),
  n,
  height: h,
  width: w,
  channels: 1,
});

describe('Resize', () => {
  it('resizes to { height, width } in pixels, or keeps a side', () => {
    const out = iaa.Resize({ height: 10, width: 6 }).augmentImage(ramp(4, 3, 3));
    assert.deepEqual([out.height, out.width, out.channels], [10, 6, 3]);
    const keep = iaa.Resize({ height: 7, width: 'keep' }).augmentImage(ramp(4, 3));
    assert.deepEqual([keep.height, keep.width], [7, 3]);
  });

  it('reads an integer as pixels for both sides, as imgaug reads a Python int', () => {
    const out = iaa.Resize(64).augmentImage(ramp(256, 200, 3));
    assert.deepEqual([out.height, out.width, out.channels], [64, 64, 3]);
    const up = iaa.Resize(5).augmentImage(ramp(2, 3));
    assert.deepEqual([up.height, up.width], [5, 5]);
  });

  it('reads a range of two integers as pixels drawn per image, any other range as fractions', () => {
    const batch = flat(30, 16, 16, 9);
    const px = iaa.Resize([32, 34], { seed: 2 }).augmentImages(batch) as iaa.Image[];
    assert.deepEqual([...new Set(px.map((i) => i.height))].sort(), [32, 33, 34]);
    for (const img of px) assert.equal(img.width, img.height);
    const frac = iaa.Resize([0.5, 2.5], { seed: 2 }).augmentImages(batch) as iaa.Image[];
    assert.ok(frac.every((i) => i.height >= 8 && i.height <= 40));
    assert.ok(frac.some((i) => i.height > 34)); // a fraction of 16, not 0–2 pixels
  });

  it('reads integer-valued parameters as pixels and continuous ones as fractions', () => {
    const px = iaa.Resize(iaa.iap.choice([7, 9]), { seed: 1 }).augmentImage(ramp(4, 4));
    assert.ok(px.height === 7 || px.height === 9);
    const frac = iaa.Resize(iaa.iap.uniform(2.5, 2.5), { seed: 1 }).augmentImage(ramp(4, 4));
    assert.deepEqual([frac.height, frac.width], [10, 10]);
  });

  it('takes a whole-number fraction as { fraction }, and keeps the image with the default or "keep"', () => {
    const twice = iaa.Resize({ fraction: 2 }).augmentImage(ramp(3, 5));
    assert.deepEqual([twice.height, twice.width], [6, 10]);
    const range = iaa.Resize({ fraction: [1, 2] }, { seed: 3 }).augmentImage(ramp(10, 10));
    assert.ok(range.height >= 10 && range.height <= 20 && range.height === range.width);
    for (const aug of [iaa.Resize(), iaa.Resize('keep')]) {
      const img = ramp(3, 5, 2);
      assert.deepEqual(aug.augmentImage(img), img);
    }
    const json = iaa.Resize({ fraction: 2 }).toJSON();
    assert.deepEqual(json.size, { fraction: 2 });
    const back = iaa.fromJSON(JSON.parse(JSON.stringify(json))).augmentImage(ramp(3, 5));
    assert.deepEqual([back.height, back.width], [6, 10]);
  });

  it('refuses an output over 8192 × 8192 pixels before allocating, naming the option and the limit', () => {
    // Every draw over the limit: refused at construction.
    assert.throws(
      () => iaa.Resize(9000),
      /^RangeError: Resize: size gives a 9000 × 9000 output, over augkit's limit of 67108864 pixels/,
    );
    assert.throws(() => iaa.Resize({ height: 65535, width: 2000 }), /Resize: size gives a 65535 × 2000 output/);
    // A fraction depends on the image: refused when drawn, before the kernel runs.
    const big = iaa.makeImage(new Uint8Array(400 * 300), 400, 300, 1);
    assert.throws(
      () => iaa.Resize({ fraction: 100 }).augmentImage(big),
      /Resize: size gives a 40000 × 30000 output, over augkit's limit/,
    );
    // Exactly at the limit is allowed (checked by shape only: 8192 × 8192 of one channel is 64 MiB).
    assert.doesNotThrow(() =>
      iaa.Resize(8192).drawParams(iaa.RandomSource.root(1, 0, 0), { height: 2, width: 2, channels: 1 }),
    );
  });

  it('reads a non-integer number as a fraction of both sides, rounding halves to even (numpy) and never below 1', () => {
    const out = iaa.Resize(0.5).augmentImage(ramp(28, 9));
    assert.deepEqual([out.height, out.width], [14, 4]); // np.round(4.5) = 4, as imgaug sizes it
    const odd = iaa.Resize(0.5).augmentImage(ramp(7, 11));
    assert.deepEqual([odd.height, odd.width], [4, 6]); // np.round(3.5) = 4, np.round(5.5) = 6
    const tiny = iaa.Resize(0.01).augmentImage(ramp(28, 9));
    assert.deepEqual([tiny.height, tiny.width], [1, 1]);
  });

  it('doubles with nearest by repeating each pixel', () => {
    const out = iaa.Resize({ fraction: 2 }, { interpolation: 'nearest' }).augmentImage(
      iaa.imageFromRows([
        [1, 2],
        [3, 4],
      ]),
    );
    assert.deepEqual(iaa.imageToRows(out), [
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
  });

  it('draws a size per image from a range, so a uniform batch becomes a list', () => {
    const batch = flat(20, 4, 4, 9);
    const out = iaa.Resize([0.5, 2], { seed: 1 }).augmentImages(batch);
    assert.ok(Array.isArray(out));
    assert.ok(new Set((out as iaa.Image[]).map((i) => i.height)).size > 2);
    for (const img of out as iaa.Image[]) assert.equal(img.height, img.width);
  });

  it('rejects bad sizes and interpolations', () => {
    assert.throws(
      () => iaa.Resize(0),
      /Resize: size must be pixels \(an integer in \[1, 65535\]\), a fraction in \(0, 100\]/,
    );
    assert.throws(() => iaa.Resize(-0.5), /Resize: size must be pixels .*received -0.5/);
    assert.throws(() => iaa.Resize([2, 1]), /Resize: size must be pixels .*received \[2, 1\] \(min > max\)/);
    assert.throws(() => iaa.Resize({ fraction: 0 }), /Resize: size.fraction must be a number in \(0, 100\]/);
    assert.throws(() => iaa.Resize({ fraction: 2, height: 3 } as never), /\{ fraction \} takes no other key/);
    assert.throws(
      () => iaa.Resize({ height: 0 }),
      /Resize: size.height must be pixels \(an integer in \[1, 65535\]\), a fraction in \(0, 100\].*'keep-aspect-ratio'; received 0/,
    );
    assert.throws(
      () => iaa.Resize({ height: 'keep-aspect-ratio', width: 'keep-aspect-ratio' }),
      /Resize: size must be .*\(at most one side may be 'keep-aspect-ratio'\)/,
    );
    assert.throws(() => iaa.Resize({ height: 5, shorterSide: 3 } as never), /shorterSide does not go with height/);
    assert.throws(
      () => iaa.Resize({ shorterSide: 'wide' as never }),
      /Resize: size.shorterSide must be pixels .*received "wide"/,
    );
    assert.throws(() => iaa.Resize({ width: 150.5 }), /Resize: size.width must be .*received 150.5/);
    assert.throws(() => iaa.Resize({ size: { depth: 3 } } as never), /unknown key "depth"/);
    assert.throws(() => iaa.Resize({ depth: 3 } as never), /unknown option "depth"/);
    assert.throws(
      () => iaa.Resize(1, { interpolation: 'lanczos' as never }),
      /interpolation must be one of "nearest", "linear", "area", "cubic"/,
    );
  });

  it('takes a fraction per side, each of its own side, and keep-aspect-ratio from the other side', () => {
    const frac = iaa.Resize({ height: 0.5, width: 'keep' }).augmentImage(ramp(10, 7));
    assert.deepEqual([frac.height, frac.width], [5, 7]);
    const both = iaa.Resize({ height: 0.5, width: { fraction: 2 } }).augmentImage(ramp(10, 7));
    assert.deepEqual([both.height, both.width], [5, 14]);
    // 30 × 40 to height 15: width np.round(15 · 40/30) = 20; to width 25: height np.round(25 · 30/40) = 19 (18.75).
    const kar = iaa.Resize({ height: 15, width: 'keep-aspect-ratio' }).augmentImage(ramp(30, 40));
    assert.deepEqual([kar.height, kar.width], [15, 20]);
    const karH = iaa.Resize({ height: 'keep-aspect-ratio', width: 25 }).augmentImage(ramp(30, 40));
    assert.deepEqual([karH.height, karH.width], [19, 25]);
    // A fraction first, then the aspect ratio: 0.3 of 30 = 9, width np.round(9 · 4/3) = 12.
    const chain = iaa.Resize({ height: 0.3, width: 'keep-aspect-ratio' }).augmentImage(ramp(30, 40));
    assert.deepEqual([chain.height, chain.width], [9, 12]);
  });

  it('sizes the shorter and the longer side by the image’s orientation (a square’s width is its shorter side)', () => {
    const aug = iaa.Resize({ shorterSide: 12, longerSide: 'keep-aspect-ratio' });
    const wide = aug.augmentImage(ramp(20, 30)); // shorter = height: 12, width np.round(12 · 1.5) = 18
    assert.deepEqual([wide.height, wide.width], [12, 18]);
    const tall = aug.augmentImage(ramp(30, 20)); // shorter = width: 12, height 18
    assert.deepEqual([tall.height, tall.width], [18, 12]);
    const square = iaa.Resize({ shorterSide: 6, longerSide: 9 }).augmentImage(ramp(10, 10));
    assert.deepEqual([square.height, square.width], [9, 6]);
    const longer = iaa.Resize({ longerSide: 8 }).augmentImage(ramp(20, 30)); // the shorter side is kept
    assert.deepEqual([longer.height, longer.width], [20, 8]);
  });

  it('draws each side apart from a range, per image, and survives JSON', () => {
    const batch = flat(40, 20, 15, 7);
    const aug = iaa.Resize({ shorterSide: [8, 12], longerSide: 'keep-aspect-ratio' }, { seed: 4 });
    const out = aug.augmentImages(batch) as iaa.Image[];
    const widths = new Set(out.map((i) => i.width));
    assert.deepEqual(
      [...widths].sort((a, b) => a - b),
      [8, 9, 10, 11, 12],
    );
    // height = np.round(width · 20/15), half to even: 8 → 10.67 → 11, 9 → 12, 10 → 13.33 → 13, 11 → 14.67 → 15, 12 → 16.
    const expected: Record<number, number> = { 8: 11, 9: 12, 10: 13, 11: 15, 12: 16 };
    for (const img of out) assert.equal(img.height, expected[img.width]);
    const back = iaa.fromJSON(JSON.parse(JSON.stringify(aug.toJSON())));
    assert.deepEqual(
      (back.augmentImages(batch) as iaa.Image[]).map((i) => i.width),
      out.map((i) => i.width),
    );
  });

  it("resizes with 'area' as cv2.INTER_AREA: the mean of each block when shrinking", () => {
    // 2×4 → 1×2 is an exact halving: (a + b + c + d + 2) >> 2 per block; 3×3 → 1×1 is the 9-pixel mean, 45 · (1/9 in
    // float32) = 5.0000002 → 5.
    const img = iaa.imageFromRows([
      [0, 1, 10, 20],
      [2, 2, 30, 41],
    ]);
    const out = iaa.Resize({ height: 1, width: 2 }, { interpolation: 'area' }).augmentImage(img);
    assert.deepEqual(iaa.imageToRows(out), [[1, 25]]);
    const nine = iaa.imageFromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    assert.deepEqual(iaa.imageToRows(iaa.Resize(1, { interpolation: 'area' }).augmentImage(nine)), [[5]]);
  });

  it('chooses the interpolation per image from a list', () => {
    const img = ramp(8, 8);
    const batch = Array.from({ length: 24 }, () => img);
    const out = iaa.Resize(5, { interpolation: ['nearest', 'area'], seed: 9 }).augmentImages(batch) as iaa.Image[];
    const near = iaa.Resize(5, { interpolation: 'nearest' }).augmentImage(img);
    const area = iaa.Resize(5, { interpolation: 'area' }).augmentImage(img);
    assert.notDeepEqual(near.data, area.data);
    let n = 0;
    let a = 0;
    for (const o of out) {
      if (iaa.imagesEqual(o, near)) n++;
      else if (iaa.imagesEqual(o, area)) a++;
    }
    assert.equal(n + a, 24);
    assert.ok(n >= 4 && a >= 4, `${n} nearest, ${a} area`);
  });
});
