import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type Colorspace, convertColorspace } from './colorspace.ts';

// cv2.cvtColor outputs from scripts/gen-colour-fixtures.py (OpenCV 4.6, Debian's python3-opencv).
const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/colorspace.json', import.meta.url), 'utf8')) as {
  colours: string;
  digests: Record<string, string>;
  sample: Record<string, string>;
  rows: { height: number; width: number; hsv: string; rgb: string }[];
};

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const SPACES: Exclude<Colorspace, 'RGB' | 'GRAY'>[] = ['HSV', 'HLS', 'Lab', 'Luv', 'YCrCb', 'YUV', 'CIE', 'BGR'];

/** The first pixels where `actual` and `expected` differ, as "input → ours vs OpenCV" lines. */
function differences(input: Uint8Array, actual: Uint8Array, expected: Uint8Array): string[] {
  const lines: string[] = [];
  for (let o = 0; o < expected.length && lines.length < 5; o += 3) {
    if (actual[o] !== expected[o] || actual[o + 1] !== expected[o + 1] || actual[o + 2] !== expected[o + 2]) {
      lines.push(`${input.subarray(o, o + 3)} → ${actual.subarray(o, o + 3)} vs ${expected.subarray(o, o + 3)}`);
    }
  }
  return lines;
}

describe('convertColorspace', () => {
  const colours = bytes(fixtures.colours);
  const n = colours.length / 3;

  for (const space of SPACES) {
    for (const [from, to] of [
      ['RGB', space],
      [space, 'RGB'],
    ] as const) {
      it(`gives OpenCV's bytes for ${from} → ${to} on the sampled colours`, () => {
        const out = new Uint8Array(colours.length);
        // One row of 512 pixels: like the fixture's 4096-wide image, no pixel on HSV → RGB's per-pixel path.
        convertColorspace(colours, out, n, n, from, to);
        const expected = bytes(fixtures.sample[`${from}>${to}`]);
        assert.deepEqual(differences(colours, out, expected), []);
      });
    }
  }

  it("gives OpenCV's HSV → RGB bytes on odd widths, where a row's last width % 32 pixels round instead of truncate", () => {
    for (const { height, width, hsv, rgb } of fixtures.rows) {
      const src = bytes(hsv);
      const out = new Uint8Array(src.length);
      convertColorspace(src, out, height * width, width, 'HSV', 'RGB');
      assert.deepEqual(differences(src, out, bytes(rgb)), [], `${height}x${width}`);
    }
  });

  it('converts in place and between two non-RGB spaces through RGB', () => {
    const src = bytes(fixtures.colours);
    const viaRgb = new Uint8Array(src.length);
    convertColorspace(src, viaRgb, n, n, 'HSV', 'RGB');
    convertColorspace(viaRgb, viaRgb, n, n, 'RGB', 'Lab');
    const direct = src.slice();
    convertColorspace(direct, direct, n, n, 'HSV', 'Lab');
    assert.deepEqual(direct, viaRgb);
    assert.notDeepEqual(direct, src);
  });

  it('writes the gray value into all three channels for GRAY, and copies for the same space', () => {
    const px = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const out = new Uint8Array(px.length);
    convertColorspace(px, out, 4, 4, 'RGB', 'GRAY');
    // (9798 R + 19235 G + 3735 B + 16384) >> 15: 76, 150, 29; (97980 + 384700 + 112050 + 16384) >> 15 = 18.
    assert.deepEqual([...out], [76, 76, 76, 150, 150, 150, 29, 29, 29, 18, 18, 18]);
    convertColorspace(px, out, 4, 4, 'HSV', 'HSV');
    assert.deepEqual(out, px);
  });
});
