import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familyModules } from '../../../test/helpers/wasm-modules.ts';
import { HEAP_BASE, MEMORY_PAGES, SHARED_HEAP_BASE } from './layout.wasm.ts';
import { SHARED_WASM } from './shared.wasm.ts';
import { IMPORTS, decode } from './simd.ts';

/** The default stack each family's module keeps after its static data (wasm-ld's 64 KB). */
const STACK = 65536;

/**
 * Instantiates each module on a fresh memory of its own and returns, in order, its heap base and the bytes its
 * static data wrote (first and last non-zero byte, or undefined when it wrote none).
 */
function regions(modules: [string, string][], shared: boolean) {
  return modules.map(([family, base64]) => {
    const memory = new WebAssembly.Memory(
      shared ? { initial: MEMORY_PAGES, maximum: 65536, shared: true } : { initial: MEMORY_PAGES },
    );
    const instance = new WebAssembly.Instance(new WebAssembly.Module(decode(base64)), {
      env: { ...IMPORTS.env, memory },
    });
    const heapBase = (instance.exports.__heap_base as WebAssembly.Global).value as number;
    const bytes = new Uint8Array(memory.buffer, 0, heapBase);
    const first = bytes.findIndex((b) => b !== 0);
    let last = bytes.length - 1;
    while (last > first && bytes[last] === 0) last--;
    return { family, heapBase, data: first < 0 ? undefined : [first, last] };
  });
}

/** Each family's static data and stack lie after the previous family's heap base and below its own. */
function checkChain(list: ReturnType<typeof regions>, last: number): void {
  let previous = 1024;
  for (const { family, heapBase, data } of list) {
    assert.ok(heapBase >= previous + STACK, `${family}: its stack overlaps the family before it`);
    if (data) {
      assert.ok(data[0] >= previous, `${family}: static data at ${data[0]}, below ${previous}`);
      assert.ok(data[1] < heapBase - STACK, `${family}: static data at ${data[1]}, in its stack`);
    }
    previous = heapBase;
  }
  assert.equal(previous, last, 'the layout does not start the heap after the last family');
}

describe('the families of WebAssembly kernels share a memory without overlapping', () => {
  it('in a thread’s own memory: static data and stacks one after another, the heap after all (HEAP_BASE)', () => {
    const list = regions([...familyModules()], false);
    assert.deepEqual(
      list.map((r) => r.family).sort(),
      Object.keys(SHARED_WASM).sort(),
      'a family without its shared build',
    );
    // In the order they were laid out (the shared file keeps the build's order).
    const order = Object.keys(SHARED_WASM);
    checkChain(
      order.map((f) => list.find((r) => r.family === f)!),
      HEAP_BASE,
    );
  });

  it('in the kernel heap: the same for the shared builds (SHARED_HEAP_BASE)', () => {
    checkChain(regions(Object.entries(SHARED_WASM), true), SHARED_HEAP_BASE);
  });
});
