// The kernel heap's allocator and its attachment rules (shared-heap.ts). That kernels give the same bytes on arrays
// in the heap is checked in shared.test.ts, and with two worker threads at once in data/worker-pool.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { randomImage } from '../../../test/helpers/images.ts';
import type { UniformBatch } from '../../core/image.ts';
import { sharesMemory } from '../../core/image.ts';
import * as iaa from '../../index.ts';
import { attachKernelHeap, kernelHeap } from './kernel-heap.ts';
import { heapArray, heapRelease, inKernelHeap, kernelHeapUsed } from './shared-heap.ts';
import { wasmKernelsAvailable } from './simd.ts';

const memory = kernelHeap();

describe('the kernel heap', { skip: memory === null ? 'no shared WebAssembly memory here' : false }, () => {
  const heap = memory as WebAssembly.Memory;

  it('hands out arrays of the asked type and length that share no memory, in the heap', () => {
    const a = heapArray(new Uint8Array(0), 1001) as Uint8Array;
    const b = heapArray(new Float32Array(0), 77) as Float32Array;
    const c = heapArray(new Uint8Array(0), 5) as Uint8Array;
    assert.ok(a instanceof Uint8Array && a.length === 1001);
    assert.ok(b instanceof Float32Array && b.length === 77);
    for (const x of [a, b, c]) {
      assert.ok(inKernelHeap(x));
      assert.equal(x.buffer.byteLength, heap.buffer.byteLength);
      assert.equal(x.byteOffset % 16, 0, '16-byte aligned');
    }
    assert.ok(!sharesMemory(a, b) && !sharesMemory(b, c) && !sharesMemory(a, c));
    a.fill(1);
    b.fill(2);
    c.fill(3);
    assert.ok(a.every((v) => v === 1) && b.every((v) => v === 2));
  });

  it('tells heap arrays from plain and other shared ones', () => {
    assert.ok(!inKernelHeap(new Uint8Array(10)));
    assert.ok(!inKernelHeap(new Uint8Array(new SharedArrayBuffer(10))));
    const a = heapArray(new Uint8Array(0), 10) as Uint8Array;
    assert.ok(inKernelHeap(a.subarray(3, 5)));
  });

  it('reuses a block given back for the next array it holds (at most twice its size), and nothing else', () => {
    const a = heapArray(new Uint8Array(0), 4096) as Uint8Array;
    heapRelease(a);
    const b = heapArray(new Uint8Array(0), 4096) as Uint8Array;
    assert.equal(b.byteOffset, a.byteOffset, 'reused');
    // Given back twice: handed out once only.
    heapRelease(b);
    heapRelease(b);
    const c = heapArray(new Uint8Array(0), 4096) as Uint8Array;
    const d = heapArray(new Uint8Array(0), 4096) as Uint8Array;
    assert.equal(c.byteOffset, a.byteOffset);
    assert.notEqual(d.byteOffset, a.byteOffset);
    // A part of one, a plain array, or one of another length: left alone.
    heapRelease(d.subarray(16));
    heapRelease(new Uint8Array(4096));
    const e = heapArray(new Uint8Array(0), 4096) as Uint8Array;
    assert.ok(!sharesMemory(e, d) && !sharesMemory(e, c));
    // e's block takes a shorter array (best fit), but not one of less than half its size.
    heapRelease(e);
    const small = heapArray(new Uint8Array(0), 2047) as Uint8Array;
    assert.ok(!sharesMemory(small, e), 'a 4 KB block for 2,047 bytes');
    const f = heapArray(new Uint8Array(0), 4000) as Uint8Array;
    assert.equal(f.byteOffset, e.byteOffset);
    // Given back with another length than it was handed out with: left alone.
    heapRelease(f.subarray(0, 3999));
    const g = heapArray(new Uint8Array(0), 4000) as Uint8Array;
    assert.notEqual(g.byteOffset, f.byteOffset);
    // The smallest block that holds it.
    const big = heapArray(new Uint8Array(0), 8000) as Uint8Array;
    const mid = heapArray(new Uint8Array(0), 5000) as Uint8Array;
    heapRelease(big);
    heapRelease(mid);
    assert.equal((heapArray(new Uint8Array(0), 4500) as Uint8Array).byteOffset, mid.byteOffset);
  });

  it('grows the memory for arrays larger than it, and keeps recognising views made before', () => {
    const before = heapArray(new Uint8Array(0), 100) as Uint8Array;
    const size = heap.buffer.byteLength; // more than is left
    const big = heapArray(new Uint8Array(0), size) as Uint8Array;
    assert.ok(big !== undefined && big.length === size);
    assert.ok(heap.buffer.byteLength > size);
    big[size - 1] = 7;
    assert.ok(inKernelHeap(before) && inKernelHeap(big));
    assert.equal(new Uint8Array(heap.buffer)[big.byteOffset + size - 1], 7);
  });

  it('answers undefined for an array the heap cannot hold (4 GB and more), and goes on handing out others', () => {
    assert.equal(heapArray(new Uint8Array(0), 2 ** 32), undefined);
    assert.equal(heapArray(new Float32Array(0), 2 ** 30), undefined);
    // Exactly up to 4 GB: the uint32 allocation pointer would wrap to 0, under the module's own data.
    const used = kernelHeapUsed();
    assert.equal(heapArray(new Uint8Array(0), 2 ** 32 - used - 64), undefined);
    const after = heapArray(new Uint8Array(0), 100) as Uint8Array;
    assert.ok(after !== undefined && inKernelHeap(after));
    assert.ok(after.byteOffset >= used, `handed out ${after.byteOffset}, below the ${used} bytes already taken`);
  });

  it('refuses to attach to a memory it did not make, and this thread to a second heap', () => {
    const other = new WebAssembly.Memory({ initial: 40, maximum: 65536, shared: true });
    assert.throws(() => attachKernelHeap(other), /attached to another kernel heap/);
    assert.equal(attachKernelHeap(heap), true, 'the same heap again is a no-op');
  });

  it(
    'gives a kernel that needs more scratch than a thread first takes a larger area (same bytes)',
    {
      skip: !wasmKernelsAvailable(),
    },
    () => {
      // 64 images of 128×128×3: the blur's chunk of 2 × 3 MB is more than the first 4 MB of scratch.
      const n = 64;
      const plain: UniformBatch<Uint8Array> = {
        data: randomImage(n * 128, 128, 3, 5).data,
        n,
        height: 128,
        width: 128,
        channels: 3,
      };
      const input = heapArray(plain.data, plain.data.length) as Uint8Array;
      input.set(plain.data);
      const out = heapArray(plain.data, plain.data.length) as Uint8Array;
      const blur = () => iaa.GaussianBlur(1.5, { seed: 1 });
      const expected = blur().augmentImages(plain) as UniformBatch;
      const got = blur().augmentImages({ ...plain, data: input }, { out }) as UniformBatch;
      assert.equal(got.data, out);
      assert.ok(Buffer.from(out).equals(Buffer.from(expected.data as Uint8Array)));
    },
  );
});

describe(
  'the kernel heap without kernel-heap.ts',
  { skip: memory === null ? 'no shared WebAssembly memory here' : false },
  () => {
    it('is not there until kernel-heap.ts hands over the shared build (which browser bundles leave out)', () => {
      const code = `import { kernelHeap, attachKernelHeap } from './src/kernels/wasm/shared-heap.ts';
      const before = [kernelHeap(), attachKernelHeap(new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true }))];
      await import('./src/kernels/wasm/kernel-heap.ts');
      console.log(JSON.stringify([...before, kernelHeap() instanceof WebAssembly.Memory]));`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), [null, false, true]);
    });
  },
);
