import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blank, randomImage } from '../../../test/helpers/images.ts';
import { warpAffine, warpAffineEach } from '../warp-affine.ts';

describe('warpAffine and warpAffineEach: bad input', () => {
  const src = randomImage(3, 3, 1, 9);
  it('rejects an output that shares memory with the input', () => {
    assert.throws(() => warpAffine(src, [1, 0, 0, 0, 1, 0], src, { order: 0, mode: 'edge', cval: 0 }), {
      message: /warpAffine: out must be a buffer that does not overlap src/,
    });
  });
  it('rejects an order outside {0, 1, 3} and an unknown mode', () => {
    const out = blank(src);
    const bad = { order: 2, mode: 'edge', cval: 0 } as unknown as Parameters<typeof warpAffine>[3];
    assert.throws(() => warpAffine(src, [1, 0, 0, 0, 1, 0], out, bad), { message: /order must be 0, 1 or 3/ });
    const mode = { order: 1, mode: 'nearest', cval: 0 } as unknown as Parameters<typeof warpAffine>[3];
    assert.throws(() => warpAffine(src, [1, 0, 0, 0, 1, 0], out, mode), { message: /mode must be 'constant'/ });
  });
  it('rejects non-finite matrix entries, a short matrix and a channel mismatch', () => {
    const opts = { order: 1, mode: 'edge', cval: 0 } as const;
    assert.throws(() => warpAffine(src, [1, 0, Number.NaN, 0, 1, 0], blank(src), opts), /matrix\[2\]/);
    assert.throws(() => warpAffine(src, [1, 0, 0], blank(src), opts), /matrix must be six numbers/);
    const rgb = randomImage(3, 3, 3, 1);
    assert.throws(() => warpAffine(src, [1, 0, 0, 0, 1, 0], blank(rgb), opts), /out.channels must be 1/);
  });
  it('checks warpAffineEach’s buffers once and every listed image’s matrix and options', () => {
    const opts = { order: 1, mode: 'constant', cval: 0 } as const;
    const two = randomImage(6, 3, 1, 4);
    const batch = { ...two, n: 2, height: 3 };
    const out = { ...batch, data: new Uint8Array(18) };
    const id = [1, 0, 0, 0, 1, 0];
    assert.throws(() => warpAffineEach(batch, [id, id], batch, [opts, opts]), /out must be a buffer that does not/);
    assert.throws(() => warpAffineEach(batch, [id], out, [opts, opts]), /matrices must be 2 matrices/);
    assert.throws(() => warpAffineEach(batch, [id, [1, 0, Number.NaN, 0, 1, 0]], out, [opts, opts]), /matrix\[2\]/);
    const bad = { order: 2, mode: 'edge', cval: 0 } as unknown as typeof opts;
    assert.throws(() => warpAffineEach(batch, [id, id], out, [opts, bad]), /order must be 0, 1 or 3/);
    assert.throws(() => warpAffineEach(batch, [id, id], out, [opts, opts], [1, 0]), /only\[1\] must be increasing/);
    // Images left out of `only` are neither checked nor written.
    out.data.fill(5);
    warpAffineEach(batch, [id, [1, 0, Number.NaN, 0, 1, 0]], out, [opts, bad], [0]);
    assert.deepEqual(out.data.subarray(0, 9), two.data.subarray(0, 9));
    assert.ok(out.data.subarray(9).every((v) => v === 5));
  });
});
