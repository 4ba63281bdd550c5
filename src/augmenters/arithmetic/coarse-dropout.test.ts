import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes, readFixture } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';
import { replaceMasked, upscaleMask } from '../../kernels/replace.ts';
import { CoarseDropout } from './coarse-dropout.ts';

interface CoarseCase {
  maskHeight: number;
  maskWidth: number;
  height: number;
  width: number;
  channels: number;
  perChannel: boolean;
  low: string;
  up: string;
  image?: string;
  dropout?: string;
}

const fixture = readFixture<{ cases: CoarseCase[] }>('coarse.json');

/** numpy's unpackbits: the first `n` bits, most significant first. */
function unpackBits(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return out;
}

/** The number of runs of zeros and of non-zeros in the first row of an image. */
function zeroRuns(image: iaa.Image): number {
  let runs = 1;
  for (let x = 1; x < image.width; x++) if ((image.data[x] === 0) !== (image.data[x - 1] === 0)) runs++;
  return runs;
}

describe('CoarseDropout', () => {
  it("upscales coarse masks as imgaug's FromLowerResolution does (cv2.resize INTER_NEAREST), to the pixel", () => {
    assert.equal(fixture.cases.length, 56);
    for (const k of fixture.cases) {
      const maskChannels = k.perChannel ? k.channels : 1;
      const n = k.height * k.width * maskChannels;
      const up = new Uint8Array(n);
      upscaleMask(fixtureBytes(k.low), k.maskHeight, k.maskWidth, maskChannels, up, k.height, k.width);
      assert.deepEqual(
        up,
        unpackBits(fixtureBytes(k.up), n),
        `${k.maskHeight}×${k.maskWidth} → ${k.height}×${k.width}`,
      );
    }
  });

  it("drops what imgaug's CoarseDropout drops for a given coarse mask (uint8 bytes equal)", () => {
    let checked = 0;
    for (const k of fixture.cases) {
      if (k.image === undefined || k.dropout === undefined) continue;
      const maskChannels = k.perChannel ? k.channels : 1;
      const mask = new Uint8Array(k.height * k.width * maskChannels);
      // imgaug's mask says which values to keep (Binomial(1 − p)); augkit's which to drop.
      const drop = fixtureBytes(k.low).map((keep) => 1 - keep);
      upscaleMask(drop, k.maskHeight, k.maskWidth, maskChannels, mask, k.height, k.width);
      const src = fixtureBytes(k.image);
      const out = new Uint8Array(src.length);
      replaceMasked({
        src,
        out,
        channels: k.channels,
        mask,
        maskChannels,
        replacement: { kind: 'constant', value: 0 },
      });
      assert.deepEqual(out, fixtureBytes(k.dropout), `${k.maskHeight}×${k.maskWidth} → ${k.height}×${k.width}`);
      checked++;
    }
    assert.ok(checked >= 20, `${checked} cases with images`);
  });

  it('drops whole 16 × 16 blocks of a 64 × 64 image with sizePx 4: half of 16,000 blocks (± 1.5 %)', () => {
    const n = 1000;
    const batch = { data: new Uint8Array(n * 64 * 64).fill(200), n, height: 64, width: 64, channels: 1 };
    const out = CoarseDropout(0.5, { sizePx: 4, seed: 3 }).augmentImages(batch, { epoch: 0 }) as iaa.UniformBatch;
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      for (let by = 0; by < 4; by++) {
        for (let bx = 0; bx < 4; bx++) {
          const first = out.data[i * 4096 + by * 16 * 64 + bx * 16];
          for (let y = 0; y < 16; y++) {
            for (let x = 0; x < 16; x++) {
              assert.equal(
                out.data[i * 4096 + (by * 16 + y) * 64 + bx * 16 + x],
                first,
                `image ${i} block ${by},${bx}`,
              );
            }
          }
          if (first === 0) dropped++;
          else assert.equal(first, 200);
        }
      }
    }
    assert.ok(Math.abs(dropped / (16 * n) - 0.5) < 0.015, `dropped ${dropped / (16 * n)}`);
  });

  it('draws 3 to 8 cells per side by default: a row of a 48-pixel-wide image changes at most 7 times', () => {
    let most = 0;
    for (let seed = 0; seed < 60; seed++) {
      const image = iaa.makeImage(new Uint8Array(48 * 48).fill(9), 48, 48, 1);
      const out = CoarseDropout(0.5, { seed }).augmentImage(image);
      most = Math.max(most, zeroRuns(out));
    }
    assert.ok(most <= 8 && most >= 4, `at most ${most} runs in a row`);
  });

  it('sizes the mask as a fraction of the image with sizePercent (0.25 of 40 → 10 cells of 4 pixels), at least minSize', () => {
    const image = iaa.makeImage(new Uint8Array(40 * 40).fill(9), 40, 40, 1);
    for (let seed = 0; seed < 10; seed++) {
      const out = CoarseDropout(0.5, { sizePercent: 0.25, seed }).augmentImage(image);
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 40; x++) assert.equal(out.data[y * 40 + x], out.data[(y & ~3) * 40 + (x & ~3)]);
      }
    }
    // sizePx 1 is raised to minSize 3 (cells of 14, 13 and 13 pixels: floor(x · 3/40)), and 2 with minSize 2.
    const three = CoarseDropout(1, { sizePx: 1 }).drawParams(iaa.RandomSource.root(1, 0, 0), {
      height: 40,
      width: 40,
      channels: 1,
    });
    assert.deepEqual([three.maskHeight, three.maskWidth], [3, 3]);
    const two = CoarseDropout(1, { sizePx: 2, minSize: 2 }).drawParams(iaa.RandomSource.root(1, 0, 0), {
      height: 40,
      width: 40,
      channels: 1,
    });
    assert.deepEqual([two.maskHeight, two.maskWidth], [2, 2]);
    // A mask larger than the image is cut to the image's size (a decision per pixel, as imgaug's shrunk mask gives).
    const cut = CoarseDropout(1, { sizePx: 50 }).drawParams(iaa.RandomSource.root(1, 0, 0), {
      height: 7,
      width: 9,
      channels: 1,
    });
    assert.deepEqual([cut.maskHeight, cut.maskWidth], [7, 9]);
  });

  it('drops channels on their own with perChannel, and all together without it', () => {
    const image = iaa.makeImage(new Uint8Array(32 * 32 * 3).fill(50), 32, 32, 3);
    const together = CoarseDropout(0.5, { sizePx: 8, seed: 1 }).augmentImage(image);
    for (let i = 0; i < together.data.length; i += 3) assert.equal(new Set(together.data.subarray(i, i + 3)).size, 1);
    const apart = CoarseDropout(0.5, { sizePx: 8, perChannel: true, seed: 1 }).augmentImage(image);
    let mixed = 0;
    for (let i = 0; i < apart.data.length; i += 3) if (new Set(apart.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 256, `${mixed} of 1024 pixels have differing channels`);
  });

  it('sets float32 values to 0 too', () => {
    const image = iaa.makeImage(new Float32Array(64).fill(0.5), 8, 8, 1);
    const values = new Set(CoarseDropout(0.5, { sizePx: 2, seed: 2 }).augmentImage(image).data);
    assert.deepEqual([...values].sort(), [0, 0.5]);
  });

  it('rejects sizePx with sizePercent, a zero or fractional sizePx, sizePercent 0 and minSize 0, naming the option', () => {
    assert.throws(
      () => CoarseDropout({ sizePx: 4, sizePercent: 0.1 }),
      /^RangeError: CoarseDropout: sizePercent must be left out when sizePx is given/,
    );
    assert.throws(() => CoarseDropout({ sizePx: 0 }), /CoarseDropout: sizePx must be an integer in \[1, 10000\]/);
    assert.throws(() => CoarseDropout({ sizePx: 2.5 }), /CoarseDropout: sizePx/);
    assert.throws(() => CoarseDropout({ sizePercent: 0 }), /CoarseDropout: sizePercent must be a number in \(0, 1\]/);
    assert.throws(() => CoarseDropout({ minSize: 0 }), /CoarseDropout: minSize must be an integer ≥ 1/);
  });
});
