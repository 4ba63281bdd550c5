// Batches per second of the DataLoader on Fashion-MNIST (whatever loadFashionMnist finds), with and without
// augmentation, on the calling thread and with 1 and 2 worker threads. Run: node --import tsx bench/data-loader.ts
import { DataLoader } from '../src/data/data-loader.ts';
import { ArrayDataset } from '../src/data/dataset.ts';
import * as iaa from '../src/index.ts';
import { loadFashionMnist } from '../src/node.ts';

const BATCH = 128;
const fm = await loadFashionMnist({ split: 'train' });
const N = Math.min(fm.images.n, 100 * BATCH); // 100 batches per measured epoch
const subsetImages = { ...fm.images, n: N, data: fm.images.data.subarray(0, N * 784) };
const measured = new ArrayDataset(subsetImages, fm.labels.subarray(0, N));
iaa.seed(1);
const affine = (iaa as Record<string, unknown>).Affine as ((o: object) => iaa.Augmenter) | undefined;
const pipeline = iaa.Sequential([
  iaa.Multiply([0.8, 1.2]),
  ...(affine ? [affine({ rotate: [-30, 30] })] : [iaa.GaussianBlur([0, 1])]),
  iaa.Dropout(0.1),
]);
const label = affine ? 'Multiply + Affine rotate + Dropout' : 'Multiply + GaussianBlur + Dropout';

async function measure(
  augment: iaa.Augmenter | undefined,
  workers: number,
): Promise<{ batchesPerSecond: number; imagesPerSecond: number }> {
  const loader = new DataLoader(measured, { batchSize: BATCH, shuffle: true, seed: 1, augment, workers });
  for await (const _ of loader) {
    // epoch 0 warms up: threads start, code is compiled (a break would stop the threads)
  }
  let batches = 0;
  let images = 0;
  const start = performance.now();
  for await (const batch of loader) {
    batches++;
    images += batch.indices.length;
  }
  const seconds = (performance.now() - start) / 1000;
  await loader.close();
  return { batchesPerSecond: batches / seconds, imagesPerSecond: images / seconds };
}

console.log(
  `DataLoader on the first ${N} Fashion-MNIST training images (${fm.source.kind}), batch ${BATCH}, shuffled, one epoch after a warm-up epoch`,
);
console.log(`augmentation: ${label}\n`);
const rows: string[][] = [];
for (const [name, augment] of [
  ['none', undefined],
  ['augment', pipeline],
] as const) {
  for (const workers of [0, 1, 2]) {
    if (augment === undefined && workers > 0) continue; // workers only run the augmenter
    const r = await measure(augment, workers);
    rows.push([
      name,
      String(workers),
      r.batchesPerSecond.toFixed(1),
      Math.round(r.imagesPerSecond).toLocaleString('en'),
    ]);
  }
}
const header = ['augmentation', 'workers', 'batches/s', 'images/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
