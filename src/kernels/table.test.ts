import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withWasmKernels } from '../../test/helpers/wasm.ts';
import { makeImage } from '../core/image.ts';
import { flipHorizontal } from './flip.ts';
import { grayscaleImage } from './grayscale.ts';
import './mask.ts';
import './noise.ts';
import { defineKernel, kernelRuns, kernelTable, resetKernelRuns, wasmKernelsAvailable } from './table.ts';

/** A kernel that writes 1 (reference) or 2 (twin) to out[0]; the twin accepts odd lengths only. */
function probe(name: string) {
  const calls: string[] = [];
  const run = defineKernel({
    name,
    reference: (out: Uint8Array) => {
      calls.push('reference');
      out[0] = 1;
    },
    wasm: (out: Uint8Array) => {
      calls.push('wasm');
      if (out.length % 2 === 0) return false;
      out[0] = 2;
      return true;
    },
    when: (out) => out.length > 1,
    condition: 'more than one value',
  });
  return { run, calls };
}

describe('the kernel table', () => {
  it('runs the twin where its condition holds and it accepts the job, else the reference, and counts which ran', () => {
    assert.ok(wasmKernelsAvailable(), 'WebAssembly SIMD kernels should load on Node 20');
    const { run, calls } = probe('test:choice');
    resetKernelRuns();
    const out = new Uint8Array(3);
    run(out); // condition holds, twin accepts
    assert.equal(out[0], 2);
    run(new Uint8Array(1)); // condition fails: the twin is not asked
    run(new Uint8Array(4)); // twin declines: the reference runs
    assert.deepEqual(calls, ['wasm', 'reference', 'wasm', 'reference']);
    assert.deepEqual(kernelRuns()['test:choice'], { wasm: 1, typescript: 2, declined: 1 });
    resetKernelRuns();
    assert.deepEqual(kernelRuns()['test:choice'], { wasm: 0, typescript: 0, declined: 0 });
  });

  it('never asks a twin after useWasmKernels(false)', () => {
    const { run, calls } = probe('test:switch');
    resetKernelRuns();
    const out = new Uint8Array(3);
    withWasmKernels(false, () => run(out));
    assert.equal(out[0], 1);
    assert.deepEqual(calls, ['reference']);
    assert.deepEqual(kernelRuns()['test:switch'], { wasm: 0, typescript: 1, declined: 0 });
  });

  it('refuses a second kernel of the same name', () => {
    probe('test:twice');
    assert.throws(() => probe('test:twice'), /already has a kernel named 'test:twice'/);
  });

  it('lists the kernels with their twins and conditions', () => {
    const rows = new Map(kernelTable().map((row) => [row.name, row]));
    for (const name of ['grayRgb', 'flipHorizontal', 'dropout', 'saltAndPepper', 'addNoise']) {
      assert.equal(rows.get(name)?.wasm, true, name);
    }
    assert.equal(rows.get('flipHorizontal')?.condition, 'uint8, 1 or 3 channels, at least 256 pixels');
  });

  it('shows which implementation a real kernel ran, with the same bytes either way', () => {
    const pixels = 32 * 32;
    const rgb = makeImage(
      new Uint8Array(pixels * 3).map((_, i) => (i * 97) & 255),
      32,
      32,
      3,
    );
    const out = (): typeof rgb => ({ ...rgb, data: new Uint8Array(pixels * 3) });
    resetKernelRuns();
    const wasm = out();
    grayscaleImage(rgb, 1, wasm);
    flipHorizontal(rgb, out());
    const typescript = out();
    withWasmKernels(false, () => grayscaleImage(rgb, 1, typescript));
    // Too few pixels for the twin: the reference runs with the kernels on.
    flipHorizontal({ ...rgb, height: 2, data: rgb.data.subarray(0, 2 * 32 * 3) }, out());
    const runs = kernelRuns();
    assert.deepEqual(runs.grayRgb, { wasm: 1, typescript: 1, declined: 0 });
    assert.deepEqual(runs.flipHorizontal, { wasm: 1, typescript: 1, declined: 0 });
    assert.deepEqual(wasm.data, typescript.data);
  });
});
