import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeRle, encodeRle, runsOf, runsOfString, stringOfRuns } from './labels-rle.ts';

describe("COCO's run-length encoding (pycocotools' maskApi.c)", () => {
  it('compresses runs as pycocotools does (derived by hand)', () => {
    // 0 → '0'; 20 = 0b10100: 0x14 has the sign bit, so a second group: 'd' (0x34 + 48), '0'; 180 = 5·32 + 20: 'd', '5'.
    assert.equal(stringOfRuns([0, 20, 180]), '0d0d5');
    assert.deepEqual(runsOfString('0d0d5'), [0, 20, 180]);
    // From the fourth run on, the difference to the run two before: 3 − 10 = −7 → 25 (0b11001, sign set) → 'I'.
    assert.equal(stringOfRuns([1, 10, 2, 3]), '1:2I');
    assert.deepEqual(runsOfString('1:2I'), [1, 10, 2, 3]);
  });

  it('decodes column-major runs from a run of 0s into a row-major mask, and encodes it back', () => {
    // 2 × 3: pixels in column order (0,0) (1,0) (0,1) (1,1) (0,2) (1,2); runs 1 zero, 2 ones, 3 zeros.
    const decoded = decodeRle({ counts: [1, 2, 3], size: [2, 3] }, 2, 3);
    assert.deepEqual(decoded, { form: 'list', height: 2, width: 3, mask: Uint8Array.from([0, 1, 0, 1, 0, 0]) });
    assert.deepEqual(encodeRle(Uint8Array.from([0, 1, 0, 1, 0, 0]), 2, 3, 'list'), { size: [2, 3], counts: [1, 2, 3] });
    assert.deepEqual(runsOf(Uint8Array.from([1, 1, 1, 1]), 2, 2), [0, 4]);
    assert.equal((decodeRle({ counts: '0d0d5', size: [10, 20] }, 10, 20) as { form: string }).form, 'string');
  });

  it('gives the reason for a malformed RLE', () => {
    const why = (value: Record<string, unknown>) => decodeRle(value, 2, 3) as string;
    assert.match(why({ counts: [6], size: [3, 2] }), /size must be \[height, width\] of the image, \[2, 3\]/);
    assert.match(why({ counts: [1, 2], size: [2, 3] }), /counts cover 3 pixels; the image has 2×3 = 6/);
    assert.match(why({ counts: [1, -1, 6], size: [2, 3] }), /counts\[1\] must be a run length/);
    assert.match(why({ counts: [1.5, 4.5], size: [2, 3] }), /counts\[0\] must be a run length/);
    assert.match(why({ counts: '6 ', size: [2, 3] }), /a byte outside compressed RLE's alphabet at 1/);
    assert.match(why({ counts: 'd', size: [2, 3] }), /counts ends inside a run/);
    assert.match(
      why({ counts: { a: 1 }, size: [2, 3] }),
      /counts must be a list of run lengths or a compressed RLE string/,
    );
  });

  it('round-trips any mask through both forms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.infiniteStream(fc.boolean()),
        (h, w, bits) => {
          const mask = Uint8Array.from({ length: h * w }, () => (bits.next().value ? 1 : 0));
          for (const form of ['list', 'string'] as const) {
            const rle = encodeRle(mask, h, w, form);
            assert.deepEqual(decodeRle(rle, h, w), { form, height: h, width: w, mask });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
