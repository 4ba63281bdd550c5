import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type Colorspace, convertColorspace } from './colorspace.ts';

// SHA-256 digests of cv2.cvtColor's outputs from scripts/gen-colour-fixtures.py (OpenCV 4.6). A file of its own so
// that the test runner overlaps these few seconds with other files.
const { digests } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/colorspace.json', import.meta.url), 'utf8'),
) as {
  digests: Record<string, string>;
};
const SPACES: Colorspace[] = ['HSV', 'HLS', 'Lab', 'Luv', 'YCrCb', 'YUV', 'CIE', 'BGR'];
const N = 1 << 24;

/** Every 3-byte value once, pixel i = (i >> 16, (i >> 8) & 255, i & 255): the fixture script's 4096×4096 image. */
function everyColour(): Uint8Array {
  const all = new Uint8Array(3 * N);
  for (let i = 0, o = 0; i < N; i++, o += 3) {
    all[o] = i >> 16;
    all[o + 1] = (i >> 8) & 255;
    all[o + 2] = i & 255;
  }
  return all;
}

describe('convertColorspace on every colour', () => {
  it("matches OpenCV's bytes on all 2^24 inputs of every conversion (SHA-256 of the whole output)", () => {
    const all = everyColour();
    const out = new Uint8Array(all.length);
    const digest = (from: Colorspace, to: Colorspace, width: number) => {
      convertColorspace(all, out, N, width, from, to);
      return createHash('sha256').update(out).digest('hex');
    };
    const failures: string[] = [];
    const check = (key: string, actual: string) => {
      if (actual !== digests[key]) failures.push(key);
    };
    for (const space of SPACES) {
      check(`RGB>${space}`, digest('RGB', space, 4096));
      check(`${space}>RGB`, digest(space, 'RGB', 4096));
    }
    check('RGB>GRAY', digest('RGB', 'GRAY', 4096));
    check('HSV>RGB@1', digest('HSV', 'RGB', 1));
    assert.deepEqual(failures, []);
  });
});
