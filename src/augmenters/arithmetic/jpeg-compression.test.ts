import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes, readFixture } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';
import { JpegCompression, jpegQuality } from './jpeg-compression.ts';

/** test/fixtures/jpeg.json (scripts/gen-jpeg-fixtures.py): inputs and Pillow's round trips of some of them. */
interface JpegFixture {
  readonly inputs: { height: number; width: number; rgb: string }[];
  readonly cases: { height: number; width: number; channels: number; full: Record<string, string> }[];
}

const fixture = readFixture<JpegFixture>('jpeg.json');

/** The fixture's 17×9 input (RGB, or its first channel) and Pillow's output at `quality`. */
function pillowCase(channels: 1 | 3, quality: number): { image: iaa.Image; expected: Uint8Array } {
  const input = fixture.inputs.find((i) => i.height === 17 && i.width === 9);
  const found = fixture.cases.find((c) => c.height === 17 && c.width === 9 && c.channels === channels);
  assert.ok(input && found);
  const rgb = fixtureBytes(input.rgb);
  const data = channels === 3 ? rgb : rgb.filter((_, i) => i % 3 === 0);
  return { image: iaa.makeImage(data, 17, 9, channels), expected: fixtureBytes(found.full[String(quality)]) };
}

describe('jpegQuality', () => {
  it("maps compression to imgaug's quality: 0 → 100, 51 → 50, 70 → 31, 100 → 2", () => {
    // 1 + 99 · (1 − c / 101): c = 51 gives 50.0099, c = 70 gives 31.386, c = 100 gives 1.980.
    assert.deepEqual([0, 51, 70, 100].map(jpegQuality), [100, 50, 31, 2]);
  });

  it('cuts the compression to an integer first (99.9 counts as 99: quality 3, not 2)', () => {
    assert.equal(jpegQuality(99.9), 3);
    assert.equal(jpegQuality(0.99), 100);
  });
});

describe('JpegCompression', () => {
  it("gives Pillow's bytes for an RGB and a grey image (compression 51 is quality 50, 0 is 100)", () => {
    for (const channels of [1, 3] as const) {
      for (const [compression, quality] of [
        [51, 50],
        [0, 100],
      ]) {
        const { image, expected } = pillowCase(channels, quality);
        const out = JpegCompression(compression).augmentImage(image);
        assert.deepEqual(out.data, expected, `${channels} channels, compression ${compression}`);
      }
    }
  });

  it('draws one compression per image from a range: [70, 99] gives the 28 qualities 4–31, each of them', () => {
    const aug = JpegCompression([70, 99], { seed: 5 });
    const seen = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const { quality } = aug.drawParams(iaa.RandomSource.root(5, 0, i), { height: 8, width: 8, channels: 3 });
      seen.add(quality);
    }
    // int(c) takes the 29 values 70–98 (99 only at the range's end, never in 600 draws); 75 and 76 both map to 26.
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [...new Set(Array.from({ length: 29 }, (_, k) => jpegQuality(70 + k)))].sort((a, b) => a - b),
    );
  });

  it('takes uint8 images with 1 or 3 channels only, and compression in [0, 100]', () => {
    const rgba = iaa.makeImage(new Uint8Array(4 * 4 * 4), 4, 4, 4);
    assert.throws(
      () => JpegCompression(50).augmentImage(rgba),
      /^TypeError: JpegCompression: image must be a uint8 image with 1 or 3 channels/,
    );
    const float = iaa.makeImage(new Float32Array(4 * 4 * 3), 4, 4, 3);
    assert.throws(() => JpegCompression(50).augmentImage(float), /JpegCompression: image must be a uint8 image/);
    assert.throws(
      () => JpegCompression(101),
      /^RangeError: JpegCompression: compression must be a number in \[0, 100\]/,
    );
    assert.throws(() => JpegCompression([-1, 50]), /JpegCompression: compression/);
  });
});
