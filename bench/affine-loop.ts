// A focused loop for profiling the Affine cases of `npm run bench` without OpenCV, tfjs or the table: the same
// workloads (the first 1,024 Fashion-MNIST images; 200 copies of the peer photos), the same augmenters and batches
// of 32 with fresh epochs. Prints images/s of CPU time per case (best of --rounds rounds of --seconds each).
// Run: node --import tsx bench/affine-loop.ts [--cases a,b] [--workloads fmnist,rgb256] [--seconds 1] [--rounds 3]
//      [--single] (augmentImage per image instead of batches) [--walkthrough]
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Augmenter } from '../src/augmenters/base/augmenter.ts';
import type { Image, UniformBatch } from '../src/core/image.ts';
import { FASHION_MNIST_DEBIAN_DIR, loadFashionMnist } from '../src/io/fashion-mnist.ts';
import { readImage } from '../src/io/image-file.ts';
import { CASES, walkthroughAugmenter } from './cases.ts';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const ids = arg(
  '--cases',
  CASES.filter((c) => c.id.startsWith('affine'))
    .map((c) => c.id)
    .join(','),
).split(',');
const workloads = arg('--workloads', 'fmnist,rgb256').split(',');
const seconds = Number(arg('--seconds', '1'));
const rounds = Number(arg('--rounds', '3'));
const single = argv.includes('--single');
const BATCH = 32;

async function load(workload: string): Promise<UniformBatch<Uint8Array>> {
  if (workload === 'fmnist') {
    // Debian's full dataset when installed, else the sample committed in the repository (fewer images, said below).
    const dir = existsSync(FASHION_MNIST_DEBIAN_DIR) ? FASHION_MNIST_DEBIAN_DIR : undefined;
    const fm = await loadFashionMnist({ split: 'train', ...(dir ? { dir } : {}) });
    if (fm.images.n < 1024) console.error(`affine-loop: only ${fm.images.n} Fashion-MNIST images (${fm.source.dir})`);
    const n = Math.min(1024, fm.images.n);
    return { ...fm.images, n, data: fm.images.data.subarray(0, n * 784) } as UniformBatch<Uint8Array>;
  }
  const dir = join(import.meta.dirname, '..', 'data-sample', 'photos');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  const images = await Promise.all(names.map((f) => readImage(join(dir, f), { channels: 3 })));
  const size = 256 * 256 * 3;
  const data = new Uint8Array(200 * size);
  for (let i = 0; i < 200; i++) data.set(images[i % images.length].data, i * size);
  return { data, n: 200, height: 256, width: 256, channels: 3 };
}

function slice(b: UniformBatch<Uint8Array>, j: number, n: number): UniformBatch<Uint8Array> {
  const size = b.height * b.width * b.channels;
  return { ...b, n, data: b.data.subarray(j * size, (j + n) * size) };
}

// CPU time of this process, not wall time: the machine is shared, and a busy neighbour should not move the figures.
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function time(call: (i: number) => void, perCall: number): number {
  let i = 0;
  const w0 = performance.now();
  while (performance.now() - w0 < 300) call(i++);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    let n = 0;
    while (performance.now() - t0 < seconds * 1000) {
      call(i++);
      n++;
    }
    best = Math.max(best, (n * perCall * 1000) / (cpuMs() - c0));
  }
  return best;
}

for (const w of workloads) {
  const all = await load(w);
  const units: { batch: UniformBatch<Uint8Array>; indices: Int32Array }[] = [];
  for (let j = 0; j + BATCH <= all.n; j += BATCH) {
    units.push({ batch: slice(all, j, BATCH), indices: Int32Array.from({ length: BATCH }, (_, k) => j + k) });
  }
  const images: Image[] = Array.from({ length: all.n }, (_, i) => slice(all, i, 1)).map((b) => ({
    data: b.data,
    height: b.height,
    width: b.width,
    channels: b.channels,
  }));
  for (const id of ids) {
    const c = CASES.find((k) => k.id === id);
    if (!c) throw new Error(`unknown case ${id}`);
    const aug: Augmenter = c.make();
    const rate = single
      ? time((i) => aug.augmentImage(images[i % all.n], { epoch: (i / all.n) | 0, index: i % all.n }), 1)
      : time(
          (i) =>
            aug.augmentImages(units[i % units.length].batch, { epoch: i, indices: units[i % units.length].indices }),
          BATCH,
        );
    console.log(
      `${id.padEnd(26)} ${w.padEnd(7)} ${single ? 'single' : 'batch '} ${Math.round(rate).toLocaleString('en').padStart(9)} img/s  ${(1e6 / rate).toFixed(2).padStart(8)} µs/img`,
    );
  }
  if (w === 'fmnist' && argv.includes('--walkthrough')) {
    const aug = walkthroughAugmenter();
    const unit = units[0];
    const one = time((e) => {
      for (let i = 0; i < BATCH; i++) aug.augmentImage(images[i], { epoch: e, index: i });
    }, BATCH);
    const batch = time((e) => aug.augmentImages(unit.batch, { epoch: e, indices: unit.indices }), BATCH);
    console.log(
      `walkthrough one-by-one ${(32e3 / one).toFixed(3)} ms, batch ${(32e3 / batch).toFixed(3)} ms, ${(batch / one).toFixed(2)}×`,
    );
  }
}
