import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  FASHION_MNIST_DEBIAN_DIR,
  FASHION_MNIST_SAMPLE_DIR,
  fashionMnistLocations,
  loadFashionMnist,
} from '../io/fashion-mnist.ts';
import { readIdxFile } from '../io/idx-file.ts';
import { FASHION_MNIST_CLASSES } from './fashion-mnist.ts';
import { encodeIdx } from './idx.ts';

const debian = existsSync(join(FASHION_MNIST_DEBIAN_DIR, 'train-images-idx3-ubyte.gz'));
/** The test options of the tests that read Debian's full dataset: skipped where it is not installed. */
const needsDebian = { skip: debian ? false : 'dataset-fashion-mnist not installed' };

describe('the committed Fashion-MNIST sample', () => {
  it('holds the first 2,000 training images with their declared first labels', async () => {
    const fm = await loadFashionMnist({ split: 'train', dir: FASHION_MNIST_SAMPLE_DIR });
    assert.equal(fm.images.n, 2000);
    assert.equal(fm.images.data.length, 2000 * 28 * 28);
    assert.deepEqual([fm.images.height, fm.images.width, fm.images.channels], [28, 28, 1]);
    assert.deepEqual([...fm.labels.subarray(0, 10)], [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    assert.equal(fm.classNames[fm.labels[0]], 'Ankle boot');
  });

  it('holds the first 1,000 test images with their declared first labels and class counts', async () => {
    const fm = await loadFashionMnist({ split: 'test', dir: FASHION_MNIST_SAMPLE_DIR });
    assert.equal(fm.images.n, 1000);
    assert.deepEqual([...fm.labels.subarray(0, 10)], [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    const counts = new Array(10).fill(0);
    for (const l of fm.labels) counts[l]++;
    assert.deepEqual(counts, [107, 105, 111, 93, 115, 87, 97, 95, 95, 95]);
  });

  it('stays under 2 MB', async () => {
    let total = 0;
    for (const name of [
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]) {
      total += (await readFile(join(FASHION_MNIST_SAMPLE_DIR, name))).length;
    }
    assert.ok(total > 1e6 && total < 2e6, `${total} bytes`);
  });

  it('is the last location searched, after Debian', () => {
    const kinds = fashionMnistLocations().map((l) => l.kind);
    assert.deepEqual(kinds.slice(-3), ['cwd', 'debian', 'sample']);
  });

  it('is the source reported when no other location has the files', async () => {
    const saved = process.env.AUGKIT_DATA;
    const empty = await mkdtemp(join(tmpdir(), 'augkit-fm-'));
    process.env.AUGKIT_DATA = empty;
    try {
      const fm = await loadFashionMnist({ split: 'test' });
      assert.equal(fm.source.kind, debian ? 'debian' : 'sample');
      assert.equal(fm.source.sample, !debian);
    } finally {
      if (saved === undefined) Reflect.deleteProperty(process.env, 'AUGKIT_DATA');
      else process.env.AUGKIT_DATA = saved;
      await rm(empty, { recursive: true });
    }
  });
});

describe('loadFashionMnist', () => {
  it('prefers $AUGKIT_DATA/fashion-mnist, with plain (not gzipped) files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'augkit-fm-'));
    const saved = process.env.AUGKIT_DATA;
    try {
      const dir = join(root, 'fashion-mnist');
      await import('node:fs/promises').then((fs) => fs.mkdir(dir));
      await writeFile(join(dir, 't10k-images-idx3-ubyte'), encodeIdx(new Uint8Array(3 * 784).fill(7), [3, 28, 28]));
      await writeFile(join(dir, 't10k-labels-idx1-ubyte'), encodeIdx(new Uint8Array([4, 5, 6]), [3]));
      process.env.AUGKIT_DATA = root;
      const fm = await loadFashionMnist({ split: 'test' });
      assert.equal(fm.source.kind, 'env');
      assert.equal(fm.images.n, 3);
      assert.deepEqual([...fm.labels], [4, 5, 6]);
      assert.equal(fm.images.data[100], 7);
    } finally {
      if (saved === undefined) Reflect.deleteProperty(process.env, 'AUGKIT_DATA');
      else process.env.AUGKIT_DATA = saved;
      await rm(root, { recursive: true });
    }
  });

  it('throws when an explicit dir lacks the files instead of falling back', async () => {
    await assert.rejects(
      loadFashionMnist({ split: 'train', dir: '/nonexistent/fm' }),
      /loadFashionMnist: dir must be folders holding train-images-idx3-ubyte\[\.gz\].*files not found/,
    );
  });

  it('rejects an unknown split', async () => {
    await assert.rejects(
      loadFashionMnist({ split: 'val' as 'train' }),
      /split must be 'train' or 'test'; received "val"/,
    );
  });

  it('names the file when a gzip stream is truncated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'augkit-fm-'));
    try {
      const gz = gzipSync(encodeIdx(new Uint8Array(2 * 784), [2, 28, 28]));
      const images = join(dir, 'train-images-idx3-ubyte.gz');
      await writeFile(images, gz.subarray(0, gz.length - 20));
      await writeFile(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx(new Uint8Array(2), [2])));
      await assert.rejects(loadFashionMnist({ split: 'train', dir }), (error: Error) => {
        assert.match(error.message, /^readIdxFile: .*train-images-idx3-ubyte\.gz must be a complete gzip stream/);
        assert.ok(error.message.includes(images));
        return true;
      });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('rejects labels that do not match the images, naming the labels file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'augkit-fm-'));
    try {
      await writeFile(
        join(dir, 'train-images-idx3-ubyte.gz'),
        gzipSync(encodeIdx(new Uint8Array(2 * 784), [2, 28, 28])),
      );
      await writeFile(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx(new Uint8Array(3), [3])));
      await assert.rejects(
        loadFashionMnist({ split: 'train', dir }),
        /train-labels-idx1-ubyte\.gz must be 2 labels, one per image; received "3 labels"/,
      );
      await writeFile(
        join(dir, 'train-images-idx3-ubyte.gz'),
        gzipSync(encodeIdx(new Uint8Array(2 * 900), [2, 30, 30])),
      );
      await assert.rejects(
        loadFashionMnist({ split: 'train', dir }),
        /must be uint8 IDX images of N × 28 × 28; received "uint8 2 × 30 × 30"/,
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('readIdxFile', () => {
  it('reads gzipped and plain files by their magic bytes, not their names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'augkit-idx-'));
    try {
      const idx = encodeIdx(new Int16Array([1, -2, 300]), [3]);
      await writeFile(join(dir, 'plain.gz'), idx);
      await writeFile(join(dir, 'zipped.idx'), gzipSync(idx));
      for (const name of ['plain.gz', 'zipped.idx']) {
        const { dtype, data } = await readIdxFile(join(dir, name));
        assert.equal(dtype, 'int16');
        assert.deepEqual([...data], [1, -2, 300]);
      }
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('the full Fashion-MNIST from Debian', () => {
  it('loads 60,000 training images; label 0 is 9, Ankle boot', needsDebian, async () => {
    const fm = await loadFashionMnist({ split: 'train', dir: FASHION_MNIST_DEBIAN_DIR });
    assert.equal(fm.images.n, 60000);
    assert.equal(fm.labels.length, 60000);
    assert.equal(fm.labels[0], 9);
    assert.equal(FASHION_MNIST_CLASSES[fm.labels[0]], 'Ankle boot');
    assert.deepEqual(fm.source, {
      kind: 'dir',
      dir: FASHION_MNIST_DEBIAN_DIR,
      files: fm.source.files,
      sample: false,
    });
  });

  it('loads 10,000 test images; label 0 is 9', needsDebian, async () => {
    const fm = await loadFashionMnist({ split: 'test', dir: FASHION_MNIST_DEBIAN_DIR });
    assert.equal(fm.images.n, 10000);
    assert.equal(fm.labels[0], 9);
  });

  it('begins with the images of the committed sample', needsDebian, async () => {
    const full = await loadFashionMnist({ split: 'test', dir: FASHION_MNIST_DEBIAN_DIR });
    const sample = await loadFashionMnist({ split: 'test', dir: FASHION_MNIST_SAMPLE_DIR });
    assert.deepEqual(sample.images.data, full.images.data.subarray(0, 1000 * 784));
  });
});
