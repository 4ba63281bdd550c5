// Batches read from and written into SharedArrayBuffers (as worker threads do) give the same bytes as plain ones,
// also when the WebAssembly wrappers split them into several chunks: each chunk is placed in the module's memory at
// its shared buffer's alignment (src/kernels/copy.ts), so a wrong placement shows here as wrong pixels. And batches
// in the kernel heap (shared-heap.ts), where the wrappers copy with the heap's SIMD loop and Dropout and
// SaltAndPepper work in place, give the same bytes too, at any offset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomImage } from '../../../test/helpers/images.ts';
import type { UniformBatch } from '../../core/image.ts';
import * as iaa from '../../index.ts';
import { kernelHeap } from './kernel-heap.ts';
import { heapArray, inKernelHeap } from './shared-heap.ts';
import { wasmKernelsAvailable } from './simd.ts';

// 48 images of 61×67×3 = 12,261 bytes (odd, so each image starts at another alignment): 588 KB, more than one
// 512 KB chunk of the colour, flip, mask, resize and per-image warp wrappers.
const N = 48;
const H = 61;
const W = 67;

function plainBatch(): UniformBatch<Uint8Array> {
  return { data: randomImage(N * H, W, 3, 77).data, n: N, height: H, width: W, channels: 3 };
}

function sharedCopy(b: UniformBatch<Uint8Array>, offset: number): UniformBatch<Uint8Array> {
  const data = new Uint8Array(new SharedArrayBuffer(offset + b.data.length), offset);
  data.set(b.data);
  return { ...b, data };
}

const cases: [string, () => iaa.Augmenter][] = [
  ['Grayscale', () => iaa.Grayscale(1)],
  ['Fliplr', () => iaa.Fliplr(1)],
  ['Flipud', () => iaa.Flipud(1)],
  ['GaussianBlur', () => iaa.GaussianBlur([0.5, 2])],
  // Lookup tables with an affine form: WebAssembly SIMD (the first batch prepares the table; see value-map.ts).
  ['Multiply (halving)', () => iaa.Multiply(0.5)],
  ['LinearContrast', () => iaa.LinearContrast(0.75)],
  ['Dropout', () => iaa.Dropout(0.2)],
  ['SaltAndPepper', () => iaa.SaltAndPepper(0.1)],
  ['AdditiveGaussianNoise', () => iaa.AdditiveGaussianNoise({ scale: 20 })],
  ['Resize (linear)', () => iaa.Resize({ height: 40, width: 90 }, { interpolation: 'linear' })],
  ['Affine (one matrix)', () => iaa.Affine({ rotate: 30 })],
  ['Affine (a matrix per image)', () => iaa.Affine({ rotate: [-30, 30], mode: 'reflect' })],
  ['PerspectiveTransform', () => iaa.PerspectiveTransform([0.02, 0.1])],
  ['ElasticTransformation', () => iaa.ElasticTransformation(20, { sigma: 4 })],
];

describe('shared batches through the WebAssembly kernels', { skip: !wasmKernelsAvailable() }, () => {
  const plain = plainBatch();
  for (const [name, make] of cases) {
    it(`${name}: the same bytes from and into SharedArrayBuffers at odd byte offsets`, () => {
      const expected = make().augmentImages(plain, { epoch: 2 }) as UniformBatch;
      assert.ok(iaa.isUniformBatch(expected));
      for (const [inOffset, outOffset] of [
        [1, 6],
        [5, 3],
      ]) {
        const out = new Uint8Array(new SharedArrayBuffer(outOffset + expected.data.length), outOffset);
        const got = make().augmentImages(sharedCopy(plain, inOffset), { epoch: 2, out }) as UniformBatch;
        assert.equal(got.data, out, 'the result is not in `out`');
        assert.ok(
          Buffer.from(out.buffer, out.byteOffset, out.length).equals(Buffer.from(expected.data as Uint8Array)),
          `input at byte ${inOffset}, output at byte ${outOffset}`,
        );
      }
    });
  }
});

describe('batches in the kernel heap through the WebAssembly kernels', { skip: !wasmKernelsAvailable() }, () => {
  const plain = plainBatch();
  /** A copy of `b` in the kernel heap, `offset` bytes into a heap array. */
  const heapCopy = (b: UniformBatch<Uint8Array>, offset: number): UniformBatch<Uint8Array> => {
    const data = (heapArray(b.data, offset + b.data.length) as Uint8Array).subarray(offset);
    data.set(b.data);
    return { ...b, data };
  };
  it('the kernel heap exists here (Node has shared WebAssembly memory)', () => {
    assert.ok(kernelHeap() instanceof WebAssembly.Memory);
  });
  /** `make()` on a heap copy of `batch` into a heap `out` with 32 marked bytes after it: the bytes of plain memory. */
  const checkInHeap = (batch: UniformBatch<Uint8Array>, make: () => iaa.Augmenter, outOffset: number) => {
    const expected = make().augmentImages(batch) as UniformBatch;
    const room = heapArray(batch.data, outOffset + expected.data.length + 32) as Uint8Array;
    room.fill(0x5a);
    const out = room.subarray(outOffset, outOffset + expected.data.length);
    const got = make().augmentImages(heapCopy(batch, 3), { out }) as UniformBatch;
    assert.equal(got.data, out);
    assert.ok(Buffer.from(out).equals(Buffer.from(expected.data as Uint8Array)), make().type);
    assert.ok(
      room.subarray(outOffset + expected.data.length).every((v) => v === 0x5a),
      `${make().type} wrote past out`,
    );
  };
  it('Resize to half (the exact halving, worked where it lies): the same bytes in the kernel heap', () => {
    const even = { data: randomImage(24 * 60, 64, 3, 9).data, n: 24, height: 60, width: 64, channels: 3 };
    checkInHeap(even, () => iaa.Resize({ height: 30, width: 32 }, { interpolation: 'linear' }), 5);
  });
  it('Fliplr and GaussianBlur write nothing past out in the heap (rows of 65 pixels)', () => {
    // 65 pixels: the three-channel flip's last five-pixel store of a row passes its end by a byte, and the blur's
    // groups of 8 values pass it by 3. The blur runs all but the last image where the arrays lie, the flip is staged.
    const wide = { data: randomImage(16 * 20, 65, 3, 4).data, n: 16, height: 20, width: 65, channels: 3 };
    checkInHeap(wide, () => iaa.Fliplr(1), 32);
    checkInHeap(wide, () => iaa.GaussianBlur(1.2), 32);
  });
  for (const [name, make] of cases) {
    it(`${name}: the same bytes with input and output in the kernel heap, at odd offsets`, () => {
      const expected = make().augmentImages(plain, { epoch: 2 }) as UniformBatch;
      const same = (got: UniformBatch, what: string) =>
        assert.ok(Buffer.from(got.data as Uint8Array).equals(Buffer.from(expected.data as Uint8Array)), what);
      for (const [inOffset, outOffset] of [
        [1, 6],
        [8, 3],
      ]) {
        const input = heapCopy(plain, inOffset);
        // 32 bytes on either side of out, which no kernel may write (some store a few bytes past a unit's end).
        const room = heapArray(plain.data, outOffset + expected.data.length + 64) as Uint8Array;
        room.fill(0xa5);
        const out = room.subarray(outOffset + 32, outOffset + 32 + expected.data.length);
        assert.ok(inKernelHeap(input.data) && inKernelHeap(out));
        const got = make().augmentImages(input, { epoch: 2, out }) as UniformBatch;
        assert.equal(got.data, out, 'the result is not in `out`');
        same(got, `input at byte ${inOffset}, output at byte ${outOffset} of heap arrays`);
        const around = [...room.subarray(0, outOffset + 32), ...room.subarray(outOffset + 32 + expected.data.length)];
        assert.ok(
          around.every((v) => v === 0xa5),
          'a byte next to out changed',
        );
        // One side in the heap, the other plain.
        same(make().augmentImages(heapCopy(plain, inOffset), { epoch: 2 }) as UniformBatch, 'heap input, new output');
        const plainOut = new Uint8Array(expected.data.length);
        same(make().augmentImages(plain, { epoch: 2, out: plainOut }) as UniformBatch, 'plain input, plain out');
        const heapOut = (heapArray(plain.data, outOffset + expected.data.length) as Uint8Array).subarray(outOffset);
        same(make().augmentImages(plain, { epoch: 2, out: heapOut }) as UniformBatch, 'plain input, heap out');
      }
    });
  }
});
