// augkit's labels against imgaug 0.4.0's formulas (scripts/gen-label-fixtures.py, test/fixtures/labels.json):
// coordinates within 1e-4 px, segmentation maps identical, heatmaps within 1e-6.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as iaa from '../index.ts';
import { moveAlongFields } from './points.ts';

interface MapJSON {
  readonly data: string;
  readonly height: number;
  readonly width: number;
  readonly channels?: number;
}
interface Case {
  readonly augmenter: Record<string, unknown> & { type: string };
  readonly shape: [number, number];
  readonly keypoints: [number, number][];
  readonly boxes: [number, number, number, number][];
  readonly maps?: number;
  readonly expected: {
    readonly keypoints: [number, number][];
    readonly boxes: [number, number, number, number][];
    readonly shape: [number, number];
    readonly segmentationMap?: MapJSON;
    readonly heatmap?: MapJSON;
  };
}
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/labels.json', import.meta.url), 'utf8')) as {
  maps: { segmentationMap: MapJSON; heatmap: MapJSON }[];
  cases: Case[];
  elastic: {
    height: number;
    width: number;
    dx: string;
    dy: string;
    keypoints: [number, number][];
    expected: [number, number][];
  }[];
};

const bytes = (s: string) => Buffer.from(s, 'base64');
const u16 = (s: string) => {
  const b = bytes(s);
  return new Uint16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
};
const f32 = (s: string) => {
  const b = bytes(s);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
};

function close(got: number, want: number, tol: number, what: string): void {
  assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs ${want}`);
}

describe('labels against imgaug 0.4.0’s formulas', () => {
  it(`keypoints and boxes within 1e-4 px (${fixture.cases.length} cases: Affine, Fliplr, Flipud, Resize)`, () => {
    for (const [n, c] of fixture.cases.entries()) {
      const [height, width] = c.shape;
      const aug = iaa.fromJSON({ ...c.augmenter, seed: 1 });
      const out = aug.augment({
        shape: { height, width, channels: 1 },
        keypoints: c.keypoints.map(([x, y]) => ({ x, y })),
        boundingBoxes: c.boxes.map(([x1, y1, x2, y2]) => ({ x1, y1, x2, y2 })),
      });
      const what = `case ${n} ${JSON.stringify(c.augmenter)}`;
      assert.deepEqual([out.shape.height, out.shape.width], c.expected.shape, what);
      c.expected.keypoints.forEach(([x, y], i) => {
        close(out.keypoints[i].x, x, 1e-4, `${what} keypoint ${i} x`);
        close(out.keypoints[i].y, y, 1e-4, `${what} keypoint ${i} y`);
      });
      c.expected.boxes.forEach((b, i) => {
        const { x1, y1, x2, y2 } = out.boundingBoxes[i];
        [x1, y1, x2, y2].forEach((v, k) => close(v, b[k], 1e-4, `${what} box ${i}[${k}]`));
      });
    }
  });

  const withMaps = fixture.cases.filter((c) => c.maps !== undefined);
  it(`segmentation maps identical, heatmaps within 1e-6 (${withMaps.length} cases)`, () => {
    for (const c of withMaps) {
      const [height, width] = c.shape;
      const { segmentationMap: seg, heatmap: heat } = fixture.maps[c.maps as number];
      const out = iaa.fromJSON({ ...c.augmenter, seed: 1 }).augment({
        shape: { height, width, channels: 1 },
        segmentationMaps: { data: u16(seg.data), height: seg.height, width: seg.width },
        heatmaps: { data: f32(heat.data), height: heat.height, width: heat.width, channels: heat.channels as number },
      });
      const what = JSON.stringify(c.augmenter);
      const es = c.expected.segmentationMap as MapJSON;
      assert.deepEqual([out.segmentationMaps.height, out.segmentationMaps.width], [es.height, es.width], what);
      assert.deepEqual(out.segmentationMaps.data, u16(es.data), `${what}: segmentation map`);
      const eh = f32((c.expected.heatmap as MapJSON).data);
      assert.equal(out.heatmaps.data.length, eh.length, what);
      let worst = 0;
      for (let i = 0; i < eh.length; i++) worst = Math.max(worst, Math.abs(out.heatmaps.data[i] - eh[i]));
      assert.ok(worst <= 1e-6, `${what}: heatmap off by ${worst}`);
    }
  });

  it('ElasticTransformation’s point rule given the fields: within 1e-4 px', () => {
    for (const e of fixture.elastic) {
      const xy = Float64Array.from(e.keypoints.flat());
      moveAlongFields(f32(e.dx), f32(e.dy), e.height, e.width, xy, e.keypoints.length);
      e.expected.forEach(([x, y], i) => {
        close(xy[2 * i], x, 1e-4, `${e.height}×${e.width} keypoint ${i} x`);
        close(xy[2 * i + 1], y, 1e-4, `${e.height}×${e.width} keypoint ${i} y`);
      });
    }
  });
});
