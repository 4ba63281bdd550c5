import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { quantizeKMeans } from './kmeans.ts';

/** A k-means job on `pixels` (dims values each) from the given starting centres, with the objective traced. */
function run(pixels: number[], dims: number, centers: number[], maxIter = 10, eps = 1) {
  const n = pixels.length / dims;
  const trace: number[] = [];
  const out = new Uint8Array(pixels.length);
  const labels = new Int32Array(n);
  const c = Float64Array.from(centers);
  quantizeKMeans({
    pixels: Uint8Array.from(pixels),
    n,
    dims,
    k: centers.length / dims,
    centers: c,
    maxIter,
    eps,
    labels,
    out,
    trace,
  });
  return { out: [...out], labels: [...labels], centers: [...c], trace };
}

describe('quantizeKMeans', () => {
  it('moves each centre to its pixels’ mean and writes the truncated centre per pixel', () => {
    // 1-D: {0, 10} and {200, 255} from centres 50 and 150: means 5 and 227.5 → 5 and 227 (truncated).
    const { out, labels, centers } = run([0, 10, 200, 255], 1, [50, 150]);
    assert.deepEqual(labels, [0, 0, 1, 1]);
    assert.deepEqual(centers, [5, 227.5]);
    assert.deepEqual(out, [5, 5, 227, 227]);
  });

  it('gives an empty cluster the farthest pixel of the largest cluster', () => {
    // 200, 210, 220 and 250 all go to centre 230 (centre 5 gets nothing): the largest cluster's mean is 220 and 250 is
    // the farthest (30 away), so it becomes the second cluster: {200, 210, 220} with mean 210, and {250}.
    const { out } = run([200, 210, 220, 250], 1, [230, 5]);
    assert.deepEqual(out, [210, 210, 210, 250]);
  });

  it('keeps pixels with at most k distinct colours as they are', () => {
    // Lloyd's iterations from these centres would leave 0 and 17 in one cluster (both nearest 10) and 63 in another.
    const { out, trace } = run([0, 17, 63, 0, 17, 63], 1, [10, 60, 255]);
    assert.deepEqual(out, [0, 17, 63, 0, 17, 63]);
    assert.deepEqual(trace, [0]);
  });

  it('never lets the objective increase from one assignment to the next (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((dims) =>
          fc.record({
            dims: fc.constant(dims),
            pixels: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: dims * 3, maxLength: dims * 60 }),
            centers: fc.array(fc.double({ min: -40, max: 300, noNaN: true }), {
              minLength: dims * 2,
              maxLength: dims * 8,
            }),
          }),
        ),
        ({ dims, pixels, centers }) => {
          const p = pixels.slice(0, pixels.length - (pixels.length % dims));
          const c = centers.slice(0, centers.length - (centers.length % dims));
          const { trace, out } = run(p, dims, c, 10, 0);
          for (let i = 1; i < trace.length; i++) assert.ok(trace[i] <= trace[i - 1] * (1 + 1e-12) + 1e-9, `${trace}`);
          const distinct = new Set(
            Array.from({ length: p.length / dims }, (_, i) => p.slice(i * dims, i * dims + dims).join()),
          );
          // More colours than clusters: at least the first assignment and one after an update.
          assert.ok(trace.length >= (distinct.size > c.length / dims ? 2 : 1));
          assert.equal(
            new Set(Array.from({ length: p.length / dims }, (_, i) => out.slice(i * dims, i * dims + dims).join()))
              .size <=
              c.length / dims,
            true,
          );
        },
      ),
      { numRuns: 300, seed: 24 },
    );
  });
});
