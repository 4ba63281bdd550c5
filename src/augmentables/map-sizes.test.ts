// Maps whose size differs from their image's by different factors in x and y, against imgaug 0.4.0's rules
// (scripts/gen-map-size-fixtures.py, test/fixtures/map-sizes.json): segmentation maps identical, heatmaps within
// 1e-5 (the cubic resizes are float Keys, as in the crop/pad label fixtures).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { perspectiveWarp } from '../augmenters/geometric/perspective-transform.ts';
import type { Shape } from '../core/image.ts';
import * as iaa from '../index.ts';
import { warpHeatmap, warpSegmentationMap } from './maps.ts';
import type { Heatmap, SegmentationMap } from './types.ts';

interface MapJSON {
  readonly data: string;
  readonly height: number;
  readonly width: number;
}
interface Maps {
  readonly segmentationMap: MapJSON;
  readonly heatmap: MapJSON;
}
interface Case {
  readonly augmenter?: Record<string, unknown> & { type: string };
  readonly perspective?: { jitter: number[]; keepSize: boolean };
  readonly maps: number;
  readonly expected: Maps;
}
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/map-sizes.json', import.meta.url), 'utf8')) as {
  maps: (Maps & { image: [number, number] })[];
  cases: Case[];
};

const bytes = (s: string) => Buffer.from(s, 'base64');
const f32 = (s: string) => {
  const b = bytes(s);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
};
const seg = (m: MapJSON): SegmentationMap => ({
  data: new Uint8Array(bytes(m.data)),
  height: m.height,
  width: m.width,
});
const heat = (m: MapJSON): Heatmap => ({ data: f32(m.data), height: m.height, width: m.width, channels: 1 });

function name(c: Case): string {
  return c.augmenter ? JSON.stringify(c.augmenter) : `PerspectiveTransform ${JSON.stringify(c.perspective)}`;
}

/** The case's maps as augkit moves them: through `augment` with the image's shape, or PerspectiveTransform's warp. */
function moved(c: Case): { segmentationMaps: SegmentationMap; heatmaps: Heatmap } {
  const input = fixture.maps[c.maps];
  const [height, width] = input.image;
  const shape: Shape = { height, width, channels: 1 };
  const segmentationMaps = seg(input.segmentationMap);
  const heatmaps = heat(input.heatmap);
  if (c.perspective) {
    const warp = perspectiveWarp(c.perspective.jitter, shape, c.perspective.keepSize, false);
    return {
      segmentationMaps: warpSegmentationMap(segmentationMaps, warp, shape),
      heatmaps: warpHeatmap(heatmaps, warp, shape),
    };
  }
  const aug = iaa.fromJSON({ ...c.augmenter, seed: 1 });
  const out = aug.augment({ shape, segmentationMaps, heatmaps });
  return { segmentationMaps: out.segmentationMaps, heatmaps: out.heatmaps };
}

describe('maps of another size than the image (x and y factors differ) against imgaug 0.4.0', () => {
  const kinds = new Set(fixture.cases.map((c) => c.augmenter?.type ?? 'PerspectiveTransform'));
  it(`segmentation maps identical, heatmaps within 1e-5 (${fixture.cases.length} cases: ${[...kinds].join(', ')})`, () => {
    for (const c of fixture.cases) {
      const got = moved(c);
      const want = c.expected;
      const what = name(c);
      const s = got.segmentationMaps;
      assert.deepEqual(
        [s.height, s.width],
        [want.segmentationMap.height, want.segmentationMap.width],
        `${what}: map size`,
      );
      assert.deepEqual(s.data, seg(want.segmentationMap).data, `${what}: segmentation map`);
      const h = got.heatmaps;
      assert.deepEqual([h.height, h.width], [want.heatmap.height, want.heatmap.width], `${what}: heatmap size`);
      const expected = f32(want.heatmap.data);
      for (let i = 0; i < expected.length; i++) {
        assert.ok(Math.abs(h.data[i] - expected[i]) <= 1e-5, `${what}: heatmap[${i}] ${h.data[i]} vs ${expected[i]}`);
      }
    }
  });
});
