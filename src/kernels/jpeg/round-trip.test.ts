import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { fixtureBytes, readFixture } from '../../../test/helpers/fixtures.ts';
import { jpegRoundTrip } from './round-trip.ts';
import { quantTables } from './tables.ts';

/** test/fixtures/jpeg.json (scripts/gen-jpeg-fixtures.py): Pillow 9.4 + libjpeg-turbo 2.1.5 round trips. */
interface JpegFixture {
  readonly inputs: { height: number; width: number; rgb: string }[];
  readonly cases: {
    height: number;
    width: number;
    channels: 1 | 3;
    qualities: number[];
    /** The first 16 hex digits of the SHA-256 of each quality's output. */
    sha256: string[];
    /** Whole outputs of a few qualities, base64. */
    full: Record<string, string>;
  }[];
}

const fixture = readFixture<JpegFixture>('jpeg.json');

function inputOf(height: number, width: number, channels: number): Uint8Array {
  const found = fixture.inputs.find((i) => i.height === height && i.width === width);
  assert.ok(found, `no input of ${height}×${width}`);
  const rgb = fixtureBytes(found.rgb);
  // The grey inputs are the RGB inputs' first channel.
  return channels === 3 ? rgb : rgb.filter((_, i) => i % 3 === 0);
}

function roundTrip(src: Uint8Array, height: number, width: number, channels: number, quality: number): Uint8Array {
  const out = new Uint8Array(src.length);
  jpegRoundTrip(src, { height, width, channels }, quality, out);
  return out;
}

describe('jpegRoundTrip', () => {
  it("gives Pillow's bytes at every stored quality, 1 and 3 channels, from 1×1 to 64×64", () => {
    let compared = 0;
    for (const c of fixture.cases) {
      const src = inputOf(c.height, c.width, c.channels);
      c.qualities.forEach((quality, k) => {
        const out = roundTrip(src, c.height, c.width, c.channels, quality);
        const full = c.full[String(quality)];
        const where = `${c.height}×${c.width}×${c.channels} at quality ${quality}`;
        if (full !== undefined) assert.deepEqual(out, fixtureBytes(full), where);
        assert.equal(createHash('sha256').update(out).digest('hex').slice(0, 16), c.sha256[k], where);
        compared++;
      });
    }
    // Every quality 1–100 for four shapes in both channel counts, twelve qualities for the other twelve cases.
    assert.equal(compared, 8 * 100 + 12 * 12);
  });

  it('keeps a flat grey block at quality 100 and moves 131 to 132 at quality 50 (DC step 16: 8 · 3 / 16 rounds up)', () => {
    // A flat block has only a DC coefficient, 64 · (v − 128) after the forward DCT's scaling by 8; quantising by
    // 8 · 16 gives round(24 / 16) = 2 (half up), which the decoder turns back into 2 · 16 / 8 = 4 above 128.
    const grey = new Uint8Array(8 * 8).fill(131);
    assert.deepEqual(roundTrip(grey, 8, 8, 1, 100), grey);
    assert.deepEqual(roundTrip(grey, 8, 8, 1, 50), new Uint8Array(64).fill(132));
    // In colour, grey has Cb = Cr = 128 exactly (the Y weights sum to 2^16), so only Y moves.
    const rgb = new Uint8Array(10 * 6 * 3).fill(131);
    assert.deepEqual(roundTrip(rgb, 10, 6, 3, 50), new Uint8Array(10 * 6 * 3).fill(132));
  });

  it('may write its result over its input', () => {
    const src = inputOf(17, 9, 3);
    const expected = roundTrip(src, 17, 9, 3, 20);
    const inPlace = src.slice();
    jpegRoundTrip(inPlace, { height: 17, width: 9, channels: 3 }, 20, inPlace);
    assert.deepEqual(inPlace, expected);
    assert.notDeepEqual(expected, src);
  });

  it('leaves an empty image alone', () => {
    const out = new Uint8Array(0);
    jpegRoundTrip(new Uint8Array(0), { height: 0, width: 5, channels: 3 }, 50, out);
    assert.equal(out.length, 0);
  });
});

describe('quantTables', () => {
  it('are the standard tables at quality 50, all ones at 100, and clipped to 255 at quality 1', () => {
    const q50 = quantTables(50);
    assert.deepEqual([...q50.luma.step.subarray(0, 8)], [16, 11, 10, 16, 24, 40, 51, 61]);
    assert.deepEqual([...q50.chroma.step.subarray(56)], new Array(8).fill(99));
    assert.deepEqual([...quantTables(100).luma.step], new Array(64).fill(1));
    // Quality 1 scales by 5000 %: 17 · 50 = 850 and 99 · 50 = 4950, both beyond a baseline file's 8 bits.
    assert.deepEqual([...quantTables(1).chroma.step], new Array(64).fill(255));
    // Quality 10 scales by 500 %: (11 · 500 + 50) / 100 = 55.5 → 55.
    assert.equal(quantTables(10).luma.step[1], 55);
  });
});
