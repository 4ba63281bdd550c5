import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from '../core/image.ts';
import { ArrayDataset, type LabeledImage, subset } from './dataset.ts';
import { permutation } from './permutation.ts';

const batch = { data: Uint8Array.from([1, 1, 2, 2, 3, 3]), n: 3, height: 1, width: 2, channels: 1 };

describe('ArrayDataset', () => {
  it('returns views on a uniform batch with their label and index', () => {
    const ds = new ArrayDataset(batch, [7, 8, 9]);
    const { image, label, index } = ds.get(1);
    assert.deepEqual([...image.data], [2, 2]);
    assert.equal(image.data.buffer, batch.data.buffer);
    assert.deepEqual([label, index, ds.length], [8, 1, 3]);
  });

  it('rejects labels of the wrong count and indices out of range', () => {
    assert.throws(
      () => new ArrayDataset(batch, [1, 2]),
      /ArrayDataset: labels must be 3 labels, one per image; received "2 labels"/,
    );
    assert.throws(
      () => new ArrayDataset(batch, [1, 2, 3]).get(3),
      /ArrayDataset.get: index must be an integer from 0 to 2; received 3/,
    );
    assert.throws(
      () => new ArrayDataset([makeImage(new Uint8Array(4), 2, 2), { data: new Uint8Array(3) }] as never, [0, 1]),
      /images\[1\]/,
    );
  });

  it('subsets in the given order, keeping the original index', () => {
    const sub = new ArrayDataset(batch, [7, 8, 9]).subset([2, 0]);
    assert.equal(sub.length, 2);
    const first = sub.get(0) as LabeledImage; // subset views are typed T | Promise<T>
    assert.deepEqual(first, { image: first.image, label: 9, index: 2 });
    assert.deepEqual([...first.image.data], [3, 3]);
    assert.equal((sub.get(1) as LabeledImage).label, 7);
    assert.throws(() => sub.get(2), /subset.get: index must be an integer from 0 to 1/);
    assert.throws(() => subset(sub, [5]), /subset: indices\[0\] must be an integer from 0 to 1; received 5/);
  });

  it('maps samples, also asynchronously, and chains', async () => {
    const ds = new ArrayDataset(batch, [7, 8, 9]);
    const labels = ds.map((s) => s.label * 2);
    assert.equal(labels.get(2), 18);
    const later = ds.map(async (s, i) => s.label + i).map((v) => v * 10);
    assert.equal(await later.get(1), 90);
    assert.equal(labels.subset([1]).get(0), 16);
  });
});

describe('permutation', () => {
  it('is a permutation, reproducible per (seed, stream), different across streams', () => {
    const a = permutation(1000, 42, 0);
    assert.deepEqual(
      [...a].sort((x, y) => x - y),
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.deepEqual(permutation(1000, 42, 0), a);
    assert.notDeepEqual(permutation(1000, 42, 1), a);
    assert.notDeepEqual(permutation(1000, 43, 0), a);
    assert.notDeepEqual(permutation(1000, 42 + 2 ** 32, 0), a);
  });

  it('puts each element in each position about equally often', () => {
    const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
    for (let s = 0; s < 4000; s++) permutation(4, 7, s).forEach((v, pos) => counts[v][pos]++);
    for (const row of counts) for (const c of row) assert.ok(c > 850 && c < 1150, `${c} of 4000 (expected 1000 ± 150)`);
  });

  it('pins its output so shuffles stay the same across versions', () => {
    assert.deepEqual([...permutation(10, 0, 0)], [8, 7, 5, 1, 0, 4, 2, 9, 6, 3]);
    assert.deepEqual([...permutation(10, 1, 5)], [6, 5, 9, 3, 0, 1, 4, 2, 7, 8]);
  });
});
