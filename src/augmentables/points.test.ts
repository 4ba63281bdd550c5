import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Warp } from '../geometry/warp.ts';
import { warpSegmentationMap } from './maps.ts';
import { geometricMedian, movePoints } from './points.ts';

const input = { height: 4, width: 6, channels: 1 };
const moved = (warp: Warp, ...xy: number[]) => {
  const a = Float64Array.from(xy);
  movePoints(warp, input, a, xy.length / 2);
  return Array.from(a);
};
const sides = { top: 1, right: 2, bottom: 0, left: 3 };

describe('movePoints: the crop, pad and rot90 kinds', () => {
  it('crop and pad shift by the left and top amounts', () => {
    assert.deepEqual(
      moved({ kind: 'crop', sides, output: { height: 3, width: 1, channels: 1 } }, 3.5, 1.25),
      [0.5, 0.25],
    );
    const pad: Warp = { kind: 'pad', sides, mode: 'edge', cval: 0, output: { height: 5, width: 11, channels: 1 } };
    assert.deepEqual(moved(pad, 0, 0, 5.5, 3.5), [3, 1, 8.5, 4.5]);
  });

  it('rot90: k quarter turns clockwise, (x, y) → (H − y, x) each', () => {
    const turn = (k: 0 | 1 | 2 | 3): Warp => ({
      kind: 'rot90',
      k,
      output: k % 2 ? { height: 6, width: 4, channels: 1 } : input,
    });
    // The centre of pixel (0, 0) goes to the centre of the top-right pixel of the 4-wide result, and so on.
    assert.deepEqual(moved(turn(1), 0.5, 0.5), [3.5, 0.5]);
    assert.deepEqual(moved(turn(2), 0.5, 0.5), [5.5, 3.5]);
    assert.deepEqual(moved(turn(3), 0.5, 0.5), [0.5, 5.5]);
    assert.deepEqual(moved(turn(0), 0.5, 0.5), [0.5, 0.5]);
  });
});

describe('maps through crop, pad and rot90', () => {
  const map = { data: Uint8Array.from({ length: 24 }, (_, i) => i + 1), height: 4, width: 6 };
  it('pads with 0 whatever the image’s mode; crops; turns', () => {
    const pad: Warp = {
      kind: 'pad',
      sides: { top: 1, right: 0, bottom: 0, left: 1 },
      mode: 'edge',
      cval: 9,
      output: { height: 5, width: 7, channels: 1 },
    };
    const padded = warpSegmentationMap(map, pad, input);
    assert.deepEqual(Array.from(padded.data.subarray(0, 9)), [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const crop: Warp = {
      kind: 'crop',
      sides: { top: 3, right: 0, bottom: 0, left: 4 },
      output: { height: 1, width: 2, channels: 1 },
    };
    assert.deepEqual(Array.from(warpSegmentationMap(map, crop, input).data), [23, 24]);
    const turned = warpSegmentationMap(
      map,
      { kind: 'rot90', k: 1, output: { height: 6, width: 4, channels: 1 } },
      input,
    );
    assert.deepEqual([turned.height, turned.width, turned.data[0], turned.data[3]], [6, 4, 19, 1]);
  });

  it('a half-size map gets the sides at its own scale', () => {
    const small = { data: new Uint8Array(6).fill(5), height: 2, width: 3 };
    const pad: Warp = {
      kind: 'pad',
      sides: { top: 2, right: 0, bottom: 0, left: 2 },
      mode: 'constant',
      cval: 0,
      output: { height: 6, width: 8, channels: 1 },
    };
    const out = warpSegmentationMap(small, pad, input);
    assert.deepEqual([out.height, out.width], [3, 4]);
    assert.deepEqual(Array.from(out.data), [0, 0, 0, 0, 0, 5, 5, 5, 0, 5, 5, 5]);
  });
});

describe('geometricMedian (imgaug’s Weiszfeld)', () => {
  it('is the middle point of three on a line, and the centre of a square', () => {
    const [x, y] = geometricMedian([0, 1, 5], [0, 0, 0], 3);
    assert.ok(Math.abs(x - 1) < 1e-4 && Math.abs(y) < 1e-9, `${x}, ${y}`);
    const [sx, sy] = geometricMedian([0, 2, 2, 0], [0, 0, 2, 2], 4);
    assert.deepEqual([sx, sy], [1, 1]);
  });
});
