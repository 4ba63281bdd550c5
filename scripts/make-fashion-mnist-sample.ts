// Regenerates data-sample/fashion-mnist/ from the official files (Debian's dataset-fashion-mnist by default):
// the first 2,000 training and first 1,000 test images and labels, as gzipped IDX.
// Run: node --import tsx scripts/make-fashion-mnist-sample.ts [SOURCE_DIR]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../src/data/idx.ts';
import { FASHION_MNIST_DEBIAN_DIR, FASHION_MNIST_SAMPLE_DIR, loadFashionMnist } from '../src/io/fashion-mnist.ts';

const COUNTS = { train: 2000, test: 1000 } as const;
const from = process.argv[2] ?? FASHION_MNIST_DEBIAN_DIR;
await mkdir(FASHION_MNIST_SAMPLE_DIR, { recursive: true });
for (const split of ['train', 'test'] as const) {
  const { images, labels } = await loadFashionMnist({ split, dir: from });
  const n = COUNTS[split];
  const prefix = split === 'train' ? 'train' : 't10k';
  const files: [string, Uint8Array][] = [
    [`${prefix}-images-idx3-ubyte.gz`, encodeIdx(images.data.subarray(0, n * 28 * 28), [n, 28, 28])],
    [`${prefix}-labels-idx1-ubyte.gz`, encodeIdx(labels.subarray(0, n), [n])],
  ];
  for (const [name, idx] of files) {
    const gz = gzipSync(idx, { level: 9 });
    await writeFile(join(FASHION_MNIST_SAMPLE_DIR, name), gz);
    console.log(`${name}: ${gz.length} bytes`);
  }
}
