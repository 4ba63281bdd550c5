import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate } from './arena.ts';
import { type SamplingJob, type SamplingLayout, layOutSampling } from './sampling.ts';
import { type Exports, wasmFamily } from './simd.ts';
import { WASM } from './warp.wasm.ts';

const active = () => wasmFamily('warp', WASM).active();

const job = (sw: number, sh: number, cn: number, ow: number, oh: number): SamplingJob => ({
  src: new Uint8Array(sw * sh * cn).map((_, i) => (i * 37) & 255),
  out: new Uint8Array(ow * oh * cn),
  sw,
  sh,
  cn,
  ow,
  oh,
  tx: Int32Array.from({ length: sw + 5 }, (_, i) => i - 2),
  txOff: 2,
  ty: Int32Array.from({ length: sh + 3 }, (_, i) => i - 1),
  tyOff: 1,
  cval: 7,
  constant: true,
});

describe('layOutSampling', () => {
  it("lays out the kernel's regions, then the common ones, where allocate puts them, and copies the inputs", () => {
    const loaded = active();
    assert.ok(loaded !== null, 'WebAssembly SIMD kernels should load on Node 20');
    const exports: Exports = loaded;
    for (const [j, own] of [
      [job(28, 28, 1, 31, 29), { inverse: 72 }],
      [job(5, 3, 3, 7, 2), { wtab: 0, mapX: 56, mapY: 56 }],
      [job(17, 9, 4, 1, 1), { seed: 16, noise: 5, kernel: 3 }],
    ] as [SamplingJob, Record<string, number>][]) {
      const layout: SamplingLayout<string> | undefined = layOutSampling(exports, j, own);
      assert.ok(layout !== undefined);
      // The layout of one allocate call over the kernel's regions followed by the common ones, in this order.
      const at: Record<string, number> = allocate(exports, {
        ...own,
        rowX: 4 * j.ow,
        rowY: 4 * j.ow,
        rowClass: j.ow,
        borderX: 4 * j.tx.length,
        borderY: 4 * j.ty.length,
        src: j.sh * j.sw * j.cn + 24,
        out: j.oh * j.ow * j.cn + 8,
      });
      for (const name in own) assert.equal(layout.own[name], at[name], name);
      assert.deepEqual(layout.tail, [
        at.borderX,
        j.tx.length,
        j.txOff,
        at.borderY,
        j.ty.length,
        j.tyOff,
        j.cval,
        1,
        at.rowX,
        at.rowY,
        at.rowClass,
      ]);
      assert.equal(layout.srcAt, at.src);
      assert.equal(layout.dstAt, at.out);
      const memory: Uint8Array = new Uint8Array(exports.memory.buffer);
      assert.deepEqual(memory.slice(layout.srcAt, layout.srcAt + j.src.length), j.src);
      assert.deepEqual(new Int32Array(exports.memory.buffer, at.borderX, j.tx.length), j.tx);
      assert.deepEqual(new Int32Array(exports.memory.buffer, at.borderY, j.ty.length), j.ty);
    }
  });

  it('refuses a region name the common regions use, and a layout beyond its limit', () => {
    const exports = active();
    assert.ok(exports !== null);
    assert.throws(() => layOutSampling(exports, job(4, 4, 1, 4, 4), { src: 16 }), /region src is taken/);
    assert.equal(layOutSampling(exports, job(4, 4, 1, 4, 4), { big: 48 << 20 }), undefined);
  });
});
