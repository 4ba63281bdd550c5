import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomImage } from '../../../test/helpers/images.ts';
import { withWasmKernels } from '../../../test/helpers/wasm.ts';
import { convolveBatchU8, gaussianKernelU8 } from '../convolve.ts';
import { kernelRuns, kernelTable, resetKernelRuns, wasmKernelsAvailable } from '../table.ts';
import { remap, warpAffine, warpAffineEach } from '../warp-affine.ts';
import { warpPerspective } from '../warp-perspective.ts';

const opts = { order: 1, mode: 'constant', cval: 0 } as const;
const rotate = [0.8, -0.6, 10, 0.6, 0.8, -4];

/** Runs every warp kernel once on a 20×20 RGB image; returns the output bytes. */
function runAll(): Uint8Array[] {
  const src = randomImage(20, 20, 3, 5);
  const fresh = () => ({ ...src, data: new Uint8Array(src.data.length) });
  const a = warpAffine(src, rotate, fresh(), opts).data;
  const batch = { ...src, n: 2, height: 10 };
  const each = warpAffineEach(batch, [rotate, rotate], { ...batch, data: new Uint8Array(src.data.length) }, [
    opts,
    opts,
  ]).data;
  const map = Int32Array.from({ length: 400 }, (_, i) => (i % 20) * 32 + 7);
  const r = remap(src, map, map, fresh(), opts).data;
  const p = warpPerspective(src, [1, 0.1, 0, 0, 1, 0, 0.001, 0, 1], fresh(), opts).data;
  const k = gaussianKernelU8(1);
  const blurred = new Uint8Array(src.data.length);
  convolveBatchU8(src.data, src, 0, 1, k, k, blurred);
  return [a, each, r, p, blurred];
}

const NAMES = ['warpAffine', 'warpAffineEach', 'remap', 'warpPerspective', 'convolveBatchU8'];

describe('the warp and blur kernels in the kernel table', () => {
  it('are listed with their WebAssembly twins and conditions', () => {
    const rows = new Map(kernelTable().map((row) => [row.name, row]));
    for (const name of NAMES) assert.equal(rows.get(name)?.wasm, true, name);
    assert.equal(rows.get('warpAffine')?.condition, 'uint8 bilinear');
  });

  it('run their twins with WebAssembly on and their references with it off, for the same bytes', () => {
    resetKernelRuns();
    const typescript = withWasmKernels(false, runAll);
    const afterOff = kernelRuns();
    // warpAffineEach's reference warps its two images through warpAffine's driver.
    for (const name of NAMES) {
      assert.deepEqual(afterOff[name], { wasm: 0, typescript: name === 'warpAffine' ? 3 : 1, declined: 0 }, name);
    }
    if (!wasmKernelsAvailable()) return;
    resetKernelRuns();
    const wasm = withWasmKernels(true, runAll);
    const afterOn = kernelRuns();
    for (const name of NAMES) assert.deepEqual(afterOn[name], { wasm: 1, typescript: 0, declined: 0 }, name);
    assert.deepEqual(wasm, typescript);
  });
});
