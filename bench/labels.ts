// `npm run bench:labels [-- --quick]`: what labels cost. Affine (rotate −30…30°) on batches of 32 RGB 256×256 photos
// (bench/run.ts's rgb256 workload), images only (`augmentImages`) and with 20 boxes and 20 keypoints per image
// (`augment({ images, boundingBoxes, keypoints })`), the two taking turns batch by batch so that both see the same
// moments of this shared machine. Prints the medians (images/s) and the cost of the labels as a fraction of the batch.
import type { UniformBatch } from '../src/core/image.ts';
import * as iaa from '../src/index.ts';
import { BENCH_SEED } from './cases.ts';
import { batchesOf, loadWorkload, median, resultBuffer } from './load.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 21;
const BATCH = 32;
const LABELS = 20;

const { batch } = await loadWorkload('rgb256');
const units = batchesOf(batch, BATCH);

/** 20 boxes and 20 keypoints per image, spread over the image (fixed, so every round moves the same labels). */
function labelsOf(b: UniformBatch): { boxes: iaa.BoundingBox[][]; keypoints: iaa.Keypoint[][] } {
  const boxes: iaa.BoundingBox[][] = [];
  const keypoints: iaa.Keypoint[][] = [];
  for (let i = 0; i < b.n; i++) {
    const bs: iaa.BoundingBox[] = [];
    const ks: iaa.Keypoint[] = [];
    for (let k = 0; k < LABELS; k++) {
      const x = ((k * 37 + i * 11) % 200) + 8.5;
      const y = ((k * 53 + i * 7) % 200) + 4.25;
      bs.push({ x1: x, y1: y, x2: x + 40, y2: y + 30, label: 'object' });
      ks.push({ x: x + 20, y: y + 15 });
    }
    boxes.push(bs);
    keypoints.push(ks);
  }
  return { boxes, keypoints };
}
const labels = labelsOf(units[0].batch);

const aug = iaa.Affine({ rotate: [-30, 30], seed: BENCH_SEED });
let outImages: Uint8Array | undefined;
let outLabelled: Uint8Array | undefined;

/** Seconds for one batch, images only or with labels (each path reuses its own output buffer). */
function time(withLabels: boolean, unit: (typeof units)[number], epoch: number): number {
  const start = performance.now();
  if (withLabels) {
    const r = aug.augment(
      { images: unit.batch, boundingBoxes: labels.boxes, keypoints: labels.keypoints },
      { epoch, indices: unit.indices, out: outLabelled },
    );
    outLabelled = resultBuffer(r.images);
  } else {
    outImages = resultBuffer(aug.augmentImages(unit.batch, { epoch, indices: unit.indices, out: outImages }));
  }
  return (performance.now() - start) / 1000;
}

const plain: number[] = [];
const labelled: number[] = [];
// A warm-up round for both, then the rounds, alternating which goes first.
for (let round = -1; round < ROUNDS; round++) {
  for (const [j, unit] of units.entries()) {
    // first: the labelled call goes first in this pair.
    const first = (round + j) % 2 === 0;
    const a = time(first, unit, round + 1);
    const b = time(!first, unit, round + 1);
    if (round < 0) continue;
    (first ? labelled : plain).push(a);
    (first ? plain : labelled).push(b);
  }
}
const p = median(plain);
const l = median(labelled);
console.log(
  `| Affine rotate ±30°, ${BATCH} × rgb256 | images only | + ${LABELS} boxes, ${LABELS} keypoints per image | labels add |`,
);
console.log('|---|---:|---:|---:|');
console.log(
  `| median of ${plain.length} batches | ${Math.round(BATCH / p)} img/s | ${Math.round(BATCH / l)} img/s | ${((l / p - 1) * 100).toFixed(1)}% |`,
);
