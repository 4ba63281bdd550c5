import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixture } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';
import { Cutout } from './cutout.ts';

interface CutoutCase {
  height: number;
  width: number;
  x: number;
  y: number;
  size: number;
  squared: boolean;
  rectangle: [number, number, number, number];
}

const fixture = readFixture<{ cases: CutoutCase[] }>('cutout.json');
const grey = (h: number, w: number, c: number) => iaa.makeImage(new Uint8Array(h * w * c).fill(40), h, w, c);

/** The bounds [x1, y1, x2, y2) of the pixels that differ from 40 in channel 0, or undefined when none does. */
function changedBounds(image: iaa.Image): number[] | undefined {
  let [x1, y1, x2, y2] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -1, -1];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.data[(y * image.width + x) * image.channels] !== 40) {
        [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x + 1), Math.max(y2, y + 1)];
      }
    }
  }
  return x2 < 0 ? undefined : [x1, y1, x2, y2];
}

describe('Cutout', () => {
  it("fills imgaug's rectangles for fixed options, to the pixel (float32 bounds, squares from the height)", () => {
    assert.equal(fixture.cases.length, 350);
    for (const k of fixture.cases) {
      const options = { position: { x: k.x, y: k.y }, size: k.size, squared: k.squared, cval: 200 };
      const out = Cutout(options).augmentImage(grey(k.height, k.width, 1));
      const [x1, y1, x2, y2] = k.rectangle;
      const expected = x2 > x1 && y2 > y1 ? k.rectangle : undefined;
      assert.deepEqual(changedBounds(out), expected, JSON.stringify(k));
      if (expected) {
        let filled = 0;
        for (const v of out.data) if (v === 200) filled++;
        assert.equal(filled, (x2 - x1) * (y2 - y1), 'the whole rectangle, and only it');
      }
    }
  });

  it('truncates and clips a uint8 cval, keeps a float32 one, and fills per channel with fillPerChannel', () => {
    const centre = { position: 'center', size: 0.5 } as const;
    assert.ok(
      Cutout({ ...centre, cval: 127.9 })
        .augmentImage(grey(4, 4, 1))
        .data.includes(127),
    );
    assert.ok(
      Cutout({ ...centre, cval: 300 })
        .augmentImage(grey(4, 4, 1))
        .data.includes(255),
    );
    const float = iaa.makeImage(new Float32Array(16), 4, 4, 1);
    assert.ok(
      Cutout({ ...centre, cval: 0.25 })
        .augmentImage(float)
        .data.includes(0.25),
    );
    const rgb = Cutout({ ...centre, cval: [0, 255], fillPerChannel: true, seed: 1 }).augmentImage(grey(4, 4, 3));
    const pixel = Array.from(rgb.data.subarray(15, 18)); // (1, 1): inside the 2 × 2 centre square
    assert.equal(new Set(pixel).size, 3, `the channels got their own values: ${pixel}`);
    const shared = Cutout({ ...centre, cval: [0, 255], seed: 1 }).augmentImage(grey(4, 4, 3));
    assert.equal(new Set(shared.data.subarray(15, 18)).size, 1);
  });

  it('fills with N(127.5, 42.5) noise for gaussian: mean ± 1, sd ± 2 %, clipped, per pixel or per value', () => {
    const out = Cutout({ fillMode: 'gaussian', position: 'center', size: 1, seed: 2 }).augmentImage(grey(200, 200, 3));
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < out.data.length; i += 3) {
      assert.equal(new Set(out.data.subarray(i, i + 3)).size, 1, 'one value per pixel');
      sum += out.data[i];
      squares += out.data[i] ** 2;
    }
    const n = 40_000;
    const mean = sum / n;
    // Truncation lowers the mean by about 0.5; clipping at 0 and 255 (3 sd) changes little.
    assert.ok(Math.abs(mean - 127) < 1, `mean ${mean}`);
    assert.ok(Math.abs(Math.sqrt(squares / n - mean * mean) / 42.5 - 1) < 0.02);
    const apart = Cutout({ fillMode: 'gaussian', position: 'center', size: 1, fillPerChannel: true, seed: 2 });
    const own = apart.augmentImage(grey(20, 20, 3));
    let mixed = 0;
    for (let i = 0; i < own.data.length; i += 3) if (new Set(own.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 380, `${mixed} of 400`);
    const float = Cutout({ fillMode: 'gaussian', position: 'center', size: 1, seed: 3 });
    const values = float.augmentImage(iaa.makeImage(new Float32Array(10_000), 100, 100, 1)).data;
    assert.ok(values.every((v) => v >= 0 && v <= 1) && new Set(values).size > 1000);
  });

  it('fills nbIterations rectangles (0 changes nothing), at uniform positions by default', () => {
    assert.ok(
      Cutout(0)
        .augmentImage(grey(10, 10, 1))
        .data.every((v) => v === 40),
    );
    // 1-pixel squares (size 0.1 of 10): each iteration fills one pixel, anywhere.
    const hits = new Uint32Array(100);
    for (let seed = 0; seed < 200; seed++) {
      const out = Cutout(3, { size: 0.1, cval: 0, seed }).augmentImage(grey(10, 10, 1));
      let filled = 0;
      out.data.forEach((v, i) => {
        if (v === 0) {
          filled++;
          hits[i]++;
        }
      });
      assert.ok(filled >= 1 && filled <= 3, `${filled} pixels`);
    }
    assert.ok(hits.filter((h) => h > 0).length > 90, 'positions spread over the image');
  });

  it('rejects bad options with the template error', () => {
    assert.throws(() => Cutout({ size: 1.5 }), /^RangeError: Cutout: size must be a number in \[0, 1\]/);
    assert.throws(() => Cutout({ nbIterations: 1.5 }), /Cutout: nbIterations must be an integer/);
    assert.throws(
      () => Cutout({ fillMode: 'mean' as never }),
      /Cutout: fillMode must be one of "constant", "gaussian"/,
    );
    assert.throws(() => Cutout({ position: 'middle' as never }), /Cutout: position must be/);
  });
});
