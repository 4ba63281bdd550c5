// Loads a workload of bench/run.ts in a thread of its own and posts it back in a SharedArrayBuffer: reading files
// (sharp, Node's file reading) detaches ArrayBuffers, which would slow the bench's own thread for good (see
// loadWorkload in run.ts).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { UniformBatch } from '../src/core/image.ts';
import { FASHION_MNIST_DEBIAN_DIR } from '../src/io/fashion-mnist.ts';
import { loadFashionMnist, readImage } from '../src/node.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The photos committed in the repository (data-sample/photos/SOURCES.md: public domain and CC0). */
const PHOTOS = join(HERE, '..', 'data-sample', 'photos');
const FMNIST_COUNT = 1024;
const RGB_COUNT = 200;

/** A workload: its images as one N×H×W×C batch, and where they came from. */
export interface Data {
  readonly batch: UniformBatch<Uint8Array>;
  readonly source: string;
}

export async function loadFmnist(): Promise<Data> {
  const dir = existsSync(FASHION_MNIST_DEBIAN_DIR) ? FASHION_MNIST_DEBIAN_DIR : undefined;
  const fm = await loadFashionMnist({ split: 'train', ...(dir ? { dir } : {}) });
  const n = Math.min(FMNIST_COUNT, fm.images.n);
  if (n < FMNIST_COUNT) console.error(`bench: only ${n} Fashion-MNIST images found (${fm.source.dir})`);
  const size = 28 * 28;
  return {
    batch: { ...fm.images, n, data: fm.images.data.subarray(0, n * size) },
    source: `first ${n} Fashion-MNIST training images (${fm.source.dir})`,
  };
}

export async function loadRgb(): Promise<Data> {
  const names = readdirSync(PHOTOS)
    .filter((f) => f.toLowerCase().endsWith('.png'))
    .sort();
  const images = await Promise.all(names.map((f) => readImage(join(PHOTOS, f), { channels: 3 })));
  const { height, width } = images[0];
  const size = height * width * 3;
  for (const [i, img] of images.entries()) {
    if (img.height !== height || img.width !== width) throw new Error(`bench: ${names[i]} is not ${width}×${height}`);
  }
  const data = new Uint8Array(RGB_COUNT * size);
  for (let i = 0; i < RGB_COUNT; i++) data.set(images[i % images.length].data, i * size);
  return {
    batch: { data, n: RGB_COUNT, height, width, channels: 3 },
    source: `${names.length} photos (${names.join(', ')}), sorted by name and repeated to ${RGB_COUNT}`,
  };
}

const port = parentPort;
const which = (workerData as { workload?: string } | null)?.workload;
if (port !== null && which !== undefined) {
  const data = which === 'fmnist' ? await loadFmnist() : await loadRgb();
  const shared = new Uint8Array(new SharedArrayBuffer(data.batch.data.length));
  shared.set(data.batch.data);
  port.postMessage({ batch: { ...data.batch, data: shared }, source: data.source } satisfies Data);
}
