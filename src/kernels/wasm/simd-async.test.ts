import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

const simd = new URL('./simd.ts', import.meta.url).href;
const blur = new URL('./blur.ts', import.meta.url).href;

// A browser's main thread refuses to compile a module over 4 KB synchronously. This child process makes
// `new WebAssembly.Module` throw the same way, then checks the fallback: the TypeScript kernels run until the
// background compile is done, and the WebAssembly kernels after it.
const script = `
const Real = WebAssembly.Module;
WebAssembly.Module = function () { throw new RangeError('WebAssembly.Module(): Buffer size is larger than 4KB'); };
const { wasmKernelsAvailable, wasmKernelsReady } = await import(${JSON.stringify(simd)});
const { blurBatchU8Wasm } = await import(${JSON.stringify(blur)});
const k = new Int32Array([14, 62, 104, 62, 14]);
const src = Uint8Array.from({ length: 5 * 6 }, (_, i) => (i * 37) & 255);
const out = new Uint8Array(src.length);
const before = [wasmKernelsAvailable(), blurBatchU8Wasm(src, 5, 6, 1, 0, 1, k, k, out)];
const ready = await wasmKernelsReady();
const after = [wasmKernelsAvailable(), blurBatchU8Wasm(src, 5, 6, 1, 0, 1, k, k, out)];
WebAssembly.Module = Real;
console.log(JSON.stringify({ before, ready, after, sum: out.reduce((a, b) => a + b, 0) }));
`;

describe('WebAssembly kernels where synchronous compilation is refused (a browser main thread)', () => {
  it('decline at first, compile in the background, and run once ready', () => {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    assert.deepEqual(result.before, [false, false]);
    assert.equal(result.ready, true);
    assert.deepEqual(result.after, [true, true]);
    assert.ok(result.sum > 0, 'the blur wrote its output');
  });
});
