// The crop and pad family, Rot90 and KeepSizeByResize move labels as imgaug 0.4.0 does (scripts/gen-croppad-label-
// fixtures.py, test/fixtures/croppad-labels.json): keypoints and boxes within 1e-4 px, segmentation maps identical,
// heatmaps within 1e-5.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { readFixture } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';

interface Case {
  readonly augmenter: Record<string, unknown> & { type: string };
  readonly shape: [number, number];
  readonly maps: number;
  readonly keypoints: [number, number][];
  readonly boxes: [number, number, number, number][];
  readonly expected: {
    readonly keypoints: [number, number][];
    readonly boxes: [number, number, number, number][];
    readonly shape: [number, number];
    readonly segmentationMap: { sha256: string; height: number; width: number };
    readonly heatmap: { data: string; height: number; width: number };
  };
}
interface MapInput {
  readonly segmentationMap: { data: string; height: number; width: number };
  readonly heatmap: { data: string; height: number; width: number; channels: number };
}
const fixture = readFixture<{ maps: MapInput[]; cases: Case[] }>('croppad-labels.json');

/** A typed array of `type` over a copy of the base64 bytes. */
function typed<T>(s: string, type: new (b: ArrayBuffer) => T): T {
  const b = Buffer.from(s, 'base64');
  return new type(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

describe('labels of the crop and pad family, Rot90 and KeepSizeByResize against imgaug 0.4.0’s formulas', () => {
  const types = new Set(fixture.cases.map((c) => c.augmenter.type));

  it('covers Crop, Pad, CropAndPad (keepSize both), the fixed sizes, Rot90 (keepSize both) and KeepSizeByResize', () => {
    for (const t of ['Crop', 'Pad', 'CropAndPad', 'Rot90']) {
      const keeps = new Set(fixture.cases.filter((c) => c.augmenter.type === t).map((c) => c.augmenter.keepSize));
      assert.deepEqual(keeps, new Set([true, false]), t);
    }
    for (const t of ['CenterPadToFixedSize', 'PadToFixedSize', 'CenterCropToFixedSize', 'CropToFixedSize']) {
      assert.ok(types.has(t), t);
    }
    assert.ok(types.has('KeepSizeByResize'));
  });

  for (const type of types) {
    it(`${type}: keypoints and boxes within 1e-4 px, maps as imgaug makes them`, () => {
      for (const c of fixture.cases.filter((k) => k.augmenter.type === type)) {
        const [height, width] = c.shape;
        const { segmentationMap: seg, heatmap: heat } = fixture.maps[c.maps];
        const what = JSON.stringify(c.augmenter);
        const out = iaa.fromJSON({ ...c.augmenter, seed: 1 }).augment({
          shape: { height, width, channels: 1 },
          keypoints: c.keypoints.map(([x, y]) => ({ x, y })),
          boundingBoxes: c.boxes.map(([x1, y1, x2, y2]) => ({ x1, y1, x2, y2 })),
          segmentationMaps: { data: typed(seg.data, Uint16Array), height: seg.height, width: seg.width },
          heatmaps: { data: typed(heat.data, Float32Array), height: heat.height, width: heat.width, channels: 1 },
        });
        assert.deepEqual([out.shape.height, out.shape.width], c.expected.shape, what);
        // Every coordinate, keypoints then box corners, against imgaug's.
        const got = [
          ...out.keypoints.flatMap((k) => [k.x, k.y]),
          ...out.boundingBoxes.flatMap((b) => [b.x1, b.y1, b.x2, b.y2]),
        ];
        const want = [...c.expected.keypoints.flat(), ...c.expected.boxes.flat()];
        assert.equal(got.length, want.length, what);
        const off = got.map((v, i) => Math.abs(v - want[i]));
        assert.ok(
          Math.max(...off) <= 1e-4,
          `${what}: coordinate ${off.indexOf(Math.max(...off))} off by ${Math.max(...off)}`,
        );
        const es = c.expected.segmentationMap;
        const sm = out.segmentationMaps;
        assert.deepEqual([sm.height, sm.width], [es.height, es.width], `${what}: segmentation map size`);
        const digest = createHash('sha256').update(
          new Uint8Array(sm.data.buffer, sm.data.byteOffset, sm.data.byteLength),
        );
        assert.equal(digest.digest('hex').slice(0, 16), es.sha256, `${what}: segmentation map`);
        const eh = typed(c.expected.heatmap.data, Float32Array);
        assert.deepEqual(
          [out.heatmaps.height, out.heatmaps.width],
          [c.expected.heatmap.height, c.expected.heatmap.width],
        );
        let worst = 0;
        for (let i = 0; i < eh.length; i++) worst = Math.max(worst, Math.abs(out.heatmaps.data[i] - eh[i]));
        assert.ok(worst <= 1e-5, `${what}: heatmap off by ${worst}`);
      }
    });
  }
});
