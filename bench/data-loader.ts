// `npm run bench:loader [-- --quick]`: images/s of the DataLoader, with fresh memory per batch and with
// `reuseBuffers`, on the calling thread and with 2 worker threads. Workloads: the first 1,024 Fashion-MNIST training
// images, repeated to 12,800, in batches of 128 under the Multiply + Affine rotate + Dropout pipeline, and bench/run.ts's rgb256 photos,
// repeated to 1,600, in batches of 32 under three of its cases. Each row's two loaders take turns, one epoch (or more, to fill 0.15 s) at a
// time, so that both see the same moments of this shared machine; the table gives their medians. Prints a markdown
// table and writes bench/results/data-loader-<ISO date>.json.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UniformBatch } from '../src/core/image.ts';
import { type BatchAugmenter, DataLoader } from '../src/data/data-loader.ts';
import { ArrayDataset } from '../src/data/dataset.ts';
import { createWorkerPool } from '../src/data/worker-pool.ts';
import * as iaa from '../src/index.ts';
import { writeFileAtomic } from '../src/io/atomic-write.ts';
import { makeCase } from './cases.ts';
import { type Workload, loadWorkload, median } from './load.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 7;
const MIN_SECONDS = quick ? 0.05 : 0.15;

interface Row {
  workload: Workload;
  augmentation: string;
  workers: number;
  fresh: number;
  reused: number;
}

function fmnistPipeline(): iaa.Augmenter {
  return iaa.Sequential([iaa.Multiply([0.8, 1.2]), iaa.Affine({ rotate: [-30, 30] }), iaa.Dropout(0.1)], { seed: 1 });
}

/** Images per second of one turn: whole epochs until MIN_SECONDS have passed. */
async function turn(loader: AsyncIterable<{ indices: Int32Array }>): Promise<number> {
  let images = 0;
  const start = performance.now();
  do {
    for await (const batch of loader) images += batch.indices.length;
  } while (performance.now() - start < MIN_SECONDS * 1000);
  return (images * 1000) / (performance.now() - start);
}

async function row(
  workload: Workload,
  images: UniformBatch,
  batchSize: number,
  augmentation: string,
  augment: BatchAugmenter | undefined,
  workers: number,
): Promise<Row> {
  const dataset = new ArrayDataset(images, new Int32Array(images.n));
  const make = (reuseBuffers: boolean) =>
    new DataLoader(dataset, {
      batchSize,
      shuffle: true,
      seed: 1,
      augment,
      workers,
      reuseBuffers,
      pool: createWorkerPool,
    });
  const loaders = [make(false), make(true)];
  const rates: number[][] = [[], []];
  try {
    for (const loader of loaders) for await (const _ of loader); // warm-up: threads start, code compiles
    for (let r = 0; r < ROUNDS; r++) {
      for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) rates[k].push(await turn(loaders[k]));
    }
  } finally {
    await Promise.all(loaders.map((loader) => loader.close()));
  }
  return { workload, augmentation, workers, fresh: median(rates[0]), reused: median(rates[1]) };
}

/** The images of `b` repeated in order until there are `n`. */
function repeated(b: UniformBatch<Uint8Array>, n: number): UniformBatch<Uint8Array> {
  const size = b.height * b.width * b.channels;
  const data = new Uint8Array(n * size);
  for (let i = 0; i < n; i++) data.set(b.data.subarray((i % b.n) * size, ((i % b.n) + 1) * size), i * size);
  return { ...b, n, data };
}

const rows: Row[] = [];
const fmnist = await loadWorkload('fmnist');
const rgb = await loadWorkload('rgb256');
// The fmnist workload holds 1,024 images; repeated 12.5 times it makes 100 batches of 128 per epoch.
const fmnistImages = repeated(fmnist.batch, 12800);
for (const [name, augment] of [
  ['none', undefined],
  ['Multiply + Affine rotate + Dropout', fmnistPipeline()],
] as const) {
  for (const workers of augment === undefined ? [0] : [0, 2]) {
    rows.push(await row('fmnist', fmnistImages, 128, name, augment, workers));
  }
}
// The rgb256 workload's 200 images, repeated to 1,600: 50 batches of 32 per epoch. With 6 and a partial seventh, the
// 2-worker rows measured mostly the pipeline filling and draining at each epoch's start and end.
const rgbImages = repeated(rgb.batch, 1600);
for (const id of ['multiply', 'affine_rotate30', 'affine_rotate_fit_output']) {
  for (const workers of [0, 2]) rows.push(await row('rgb256', rgbImages, 32, id, makeCase(id), workers));
}

const header = ['workload', 'augmentation', 'workers', 'fresh img/s', 'reuseBuffers img/s', 'reuse / fresh'];
const cells = rows.map((r) => [
  r.workload,
  r.augmentation,
  String(r.workers),
  Math.round(r.fresh).toLocaleString('en'),
  Math.round(r.reused).toLocaleString('en'),
  `${(r.reused / r.fresh).toFixed(2)}×`,
]);
console.log(`DataLoader images/s, median of ${ROUNDS} alternating turns of ≥ ${MIN_SECONDS} s`);
console.log(
  `fmnist: ${fmnist.source}, repeated to ${fmnistImages.n}, batches of 128; rgb256: ${rgb.source}, repeated to ${rgbImages.n}, batches of 32\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`);
for (const c of cells) console.log(`| ${c.join(' | ')} |`);
const date = new Date().toISOString();
mkdirSync(join(HERE, 'results'), { recursive: true });
const out = join(HERE, 'results', `data-loader-${date.replace(/:/g, '-')}.json`);
const doc = { date, quick, rounds: ROUNDS, minSeconds: MIN_SECONDS, rows };
await writeFileAtomic(out, new TextEncoder().encode(`${JSON.stringify(doc, null, 1)}\n`), { overwrite: true });
console.log(`\nwrote ${out}`);
