// Worker-count invariance for every registered augmenter: each case's batches augmented on the calling thread
// (0 workers) and through createWorkerPool with 2 threads give the same bytes. One pool serves every case (see
// worker-cases.ts), so the suite starts two threads in all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AugmenterSpec } from '../../src/augmenters/base/augmenter.ts';
import { registry } from '../../src/augmenters/index.ts';
import { sharedLike } from '../../src/core/image.ts';
import type { AugmentPool } from '../../src/data/data-loader.ts';
import { createWorkerPool } from '../../src/data/worker-pool.ts';
import * as iaa from '../../src/index.ts';
import { heapArray } from '../../src/kernels/wasm/shared-heap.ts';
import { build, cases, randomBatch, sameImages, takes } from './cases.ts';
import { ContractCases, contractCasesReviver } from './worker-cases.ts';

interface Job {
  readonly what: string;
  readonly batch: () => iaa.Batch;
  readonly indices: Int32Array;
  /** Give the pool a shared `out` (in the kernel heap where there is one), as the DataLoader's reuseBuffers does. */
  readonly sharedOut?: boolean;
}

/** A fresh copy each time: the pool may transfer (detach) what it is given. */
function copyOf(batch: iaa.Batch): iaa.Batch {
  return iaa.isUniformBatch(batch)
    ? { ...batch, data: batch.data.slice() }
    : batch.map((image) => ({ ...image, data: image.data.slice() }));
}

/** The batches every case runs: halves of one batch (one per thread), a list of sizes, a float32 batch. */
function jobsFor(k: number, type: string): Job[] {
  const whole = randomBatch(8, 9, 8, 3, false, 100 + k) as iaa.UniformBatch<Uint8Array>;
  const half = (i: number): iaa.UniformBatch => ({
    ...whole,
    n: 4,
    data: whole.data.slice(i * 4 * 9 * 8 * 3, (i + 1) * 4 * 9 * 8 * 3),
  });
  const list = [
    [7, 6, 3],
    [9, 8, 3],
    [5, 4, 3],
  ].map(([h, w, c], i) => iaa.batchToImages(randomBatch(1, h, w, c, false, 200 + 3 * k + i))[0]);
  // An augmenter that takes no float32 images (see `accepts`) gets uint8 RGB in that job instead.
  const floats = takes(type, 1, true);
  const float = randomBatch(3, 6, 5, floats ? 1 : 3, floats, 300 + k);
  const indices = (n: number, from: number) => Int32Array.from({ length: n }, (_, i) => from + 3 * i);
  return [
    { what: 'uniform, first half', batch: () => half(0), indices: indices(4, 17) },
    { what: 'uniform, second half, shared out', batch: () => half(1), indices: indices(4, 29), sharedOut: true },
    { what: 'list of three sizes', batch: () => list, indices: indices(3, 5) },
    { what: floats ? 'float32' : 'uint8 RGB (takes no float32)', batch: () => float, indices: indices(3, 40) },
  ];
}

function sharedOutFor(batch: iaa.Batch): iaa.PixelArray {
  const like = iaa.isUniformBatch(batch) ? batch.data : batch[0].data;
  const n = iaa.isUniformBatch(batch) ? batch.data.length : batch.reduce((s, image) => s + image.data.length, 0);
  return heapArray(like, n) ?? sharedLike(like, n);
}

/**
 * Registers the invariance tests: every case of `cases`, plus cases whose workers draw with another seed than the
 * calling thread (the check must notice those).
 */
export function workerInvarianceSuite(wasm: boolean): void {
  const all: { type: string; k: number; spec: AugmenterSpec }[] = [];
  for (const type of registry.keys()) {
    for (const [k, options] of (cases[type] ?? []).entries())
      all.push({ type, k, spec: build(type, options).toJSON() });
  }
  // Workers that draw with another seed (5 on the calling thread, 6 in the workers): a wrong seed must show.
  const wrongSeed = ['Affine', 'Multiply', 'Dropout', 'ElasticTransformation'].map((type) => ({
    type,
    k: 0,
    spec: build(type, cases[type][0], 6).toJSON(),
  }));
  const specs = [...all, ...wrongSeed].map((c) => c.spec);

  describe(`contract: 0 and 2 workers give the same bytes (${wasm ? 'WebAssembly' : 'TypeScript'} kernels)`, () => {
    let pool: AugmentPool | undefined;
    /** Per case, per job: [bytes on this thread, bytes from the pool]. */
    const results: [iaa.Batch, iaa.Batch][][] = [];

    before(async () => {
      pool = createWorkerPool(new ContractCases({ type: 'ContractCases', wasm, cases: specs }), {
        workers: 2,
        reviver: contractCasesReviver,
      });
      const p = pool;
      const runs = specs.map((_, epoch) => {
        // The wrong-seed cases compare with their case's own augmenter (seed 5) on this thread.
        const local = epoch < all.length ? all[epoch] : wrongSeed[epoch - all.length];
        const reference = build(local.type, cases[local.type][local.k]);
        return Promise.all(
          jobsFor(epoch, local.type).map(async (job) => {
            const expected = reference.augmentImages(copyOf(job.batch()), { epoch, indices: job.indices });
            const input = copyOf(job.batch());
            const out = job.sharedOut ? sharedOutFor(input) : undefined;
            const got = await p.augment(input, { epoch, indices: job.indices, ...(out ? { out } : {}) });
            return [expected, got] as [iaa.Batch, iaa.Batch];
          }),
        );
      });
      results.push(...(await Promise.all(runs)));
    });

    after(async () => {
      await pool?.close();
    });

    for (const [i, { type, k }] of all.entries()) {
      it(`${type} #${k}: the same bytes on 2 workers as on the calling thread`, () => {
        const jobs = jobsFor(i, type);
        for (const [j, [expected, got]] of results[i].entries()) assert.ok(sameImages(expected, got), jobs[j].what);
      });
    }

    it('notices workers that draw with another seed', () => {
      for (const [i, { type }] of wrongSeed.entries()) {
        const differing = results[all.length + i].filter(([expected, got]) => !sameImages(expected, got));
        assert.ok(differing.length > 0, `${type}: a worker seeded 6 instead of 5 went unnoticed`);
      }
    });
  });
}
