// The lookup tables' WebAssembly SIMD kernel (wasm/lut.c), on arrays in the kernel heap (mapped where they lie) and
// on plain ones (through the module's memory in chunks): the same bytes as the table, exactly on the asked range, for
// every affine form prepareLut finds, at any alignment and in place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyLutRange, buildLut, fixedForm, prepareLut } from '../lut.ts';
import { kernelHeap } from './kernel-heap.ts';
import { RGB_LINE_BLOCK, lutLineWasm, lutRgbLinesWasm } from './lut.ts';
import { heapArray } from './shared-heap.ts';
import { useWasmKernels, wasmKernelsAvailable } from './simd.ts';

/** `n` scrambled bytes `offset` bytes into a new heap array (with room after them). */
function heapBytes(n: number, offset: number, seed: number): Uint8Array {
  const a = (heapArray(new Uint8Array(0), offset + n + 40) as Uint8Array).subarray(offset, offset + n);
  for (let i = 0; i < n; i++) a[i] = (Math.imul(i + seed, 2654435761) >>> 13) & 255;
  return a;
}

/** Multiply's and LinearContrast's tables (imgaug's float32, clip, truncate) that have an affine form. */
const affineTable = fc
  .tuple(fc.constantFrom('multiply', 'contrast'), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([kind, k]) => {
    const t = buildLut(kind === 'multiply' ? (v) => v * k : (v) => 127 + k * (v - 127), new Uint8Array(256));
    return prepareLut(t);
  })
  .filter((lut) => lut.mul >= 0);

/** A clamped 32-bit line's value for v, as lut_fixed_u8 computes it (int32, arithmetic shift, clamp). */
const want = (l: { mul: number; add: number }, v: number) => Math.max(0, Math.min(255, (v * l.mul + l.add) >> 16));

describe('lookup tables in WebAssembly SIMD', { skip: !wasmKernelsAvailable() }, () => {
  it('the kernel heap exists here', () => assert.ok(kernelHeap() instanceof WebAssembly.Memory));

  it('maps exactly src[start…end) of heap arrays through the table, at any alignment, also in place', () => {
    fc.assert(
      fc.property(
        affineTable,
        fc.nat(15),
        fc.nat(15),
        fc.nat(40),
        fc.nat(300),
        fc.boolean(),
        (lut, srcOffset, outOffset, start, length, inPlace) => {
          const src = heapBytes(start + length + 5, srcOffset, srcOffset + 7 * length);
          const before = Array.from(src);
          const out = inPlace ? src : heapBytes(src.length, outOffset, 3).fill(7);
          assert.ok(
            lutLineWasm(src, out, start, start + length, { mul: lut.mul, add: lut.add, shift: 8 }),
            'did not run',
          );
          const expected = before.map((v, i) => (i >= start && i < start + length ? lut.table[v] : inPlace ? v : 7));
          assert.deepEqual(Array.from(out), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every value of every affine form: the SIMD lanes and the tail agree with the table', () => {
    // All 256 values twice, so that each lands in a 32-byte step, and a tail of 17.
    const src = heapBytes(529, 1, 0);
    for (let i = 0; i < src.length; i++) src[i] = i & 255;
    const out = heapBytes(src.length, 2, 0);
    for (let m = 0; m <= 256; m++) {
      // The extreme add of each slope: the largest that keeps 255 · m + add below 65,536, within a table's range.
      for (const add of [0, 127, Math.max(0, 65535 - 255 * m)]) {
        const table = new Uint8Array(256).map((_, v) => (v * m + add) >> 8);
        if (table[255] > 255 || 255 * m + add > 65535) continue;
        assert.ok(lutLineWasm(src, out, 0, src.length, { mul: m, add, shift: 8 }));
        for (let i = 0; i < src.length; i++)
          assert.equal(out[i], table[src[i]], `mul ${m}, add ${add}, value ${src[i]}`);
      }
    }
  });

  it('the clamped 32-bit form: every value for any slope in ±2²² and offset, in the SIMD lanes and the tail', () => {
    const src = heapBytes(529, 3, 0);
    for (let i = 0; i < src.length; i++) src[i] = (i * 7) & 255;
    const out = heapBytes(src.length, 6, 0);
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 22), max: 2 ** 22 }),
        fc.integer({ min: -(2 ** 30), max: 2 ** 30 }),
        (mul, add) => {
          assert.ok(lutLineWasm(src, out, 0, src.length, { mul, add, shift: 16 }));
          for (let i = 0; i < src.length; i++) {
            const expected = want({ mul, add }, src[i]);
            if (out[i] !== expected) assert.fail(`mul ${mul}, add ${add}, value ${src[i]}: ${out[i]}, not ${expected}`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('maps plain arrays, and one in the heap with one outside, in several chunks: the same bytes', () => {
    const lut = prepareLut(buildLut((v) => v * 0.75, new Uint8Array(256)));
    assert.ok(lut.mul >= 0 && lut.mul !== 128);
    // Three chunks of 256 KB and a part, at odd offsets (each chunk is placed at its buffer's alignment).
    const n = 3 * (256 << 10) + 1001;
    const plain = (offset: number) => {
      const a = new Uint8Array(n + offset + 20).subarray(offset, offset + n + 20);
      for (let i = 0; i < a.length; i++) a[i] = (Math.imul(i, 2654435761) >>> 11) & 255;
      return a;
    };
    const check = (src: Uint8Array, out: Uint8Array, what: string) => {
      const before = Array.from(src.subarray(0, n + 20));
      const outside = Array.from(out.subarray(n - 10 + 17, n + 20));
      assert.ok(lutLineWasm(src, out, 17, n - 10, { mul: lut.mul, add: lut.add, shift: 8 }), what);
      for (let i = 17; i < n - 10; i++) if (out[i] !== lut.table[before[i]]) assert.fail(`${what}: byte ${i}`);
      assert.deepEqual(Array.from(out.subarray(n - 10 + 17, n + 20)), outside, `${what}: wrote past the range`);
    };
    check(plain(1), plain(6), 'plain into plain');
    const same = plain(3);
    check(same, same, 'plain, in place');
    check(heapBytes(n + 20, 5, 0), plain(2), 'heap into plain');
    check(plain(7), heapBytes(n + 20, 9, 1), 'plain into heap');
    // The clamped 32-bit form (Multiply(1.7): no 8-bit form) on the same paths.
    const steep = buildLut((v) => v * 1.7, new Uint8Array(256));
    const form = fixedForm(steep);
    assert.ok(form !== undefined && prepareLut(steep).mul === -1);
    const src = plain(1);
    const before = Array.from(src);
    for (const out of [plain(4), heapBytes(n + 20, 2, 1), src]) {
      assert.ok(
        lutLineWasm(src.subarray(0, n), out.subarray(0, n), 9, n - 3, { mul: form.mul, add: form.add, shift: 16 }),
      );
      for (let i = 9; i < n - 3; i++) if (out[i] !== steep[before[i]]) assert.fail(`fixed form: byte ${i}`);
    }
  });

  it('a line per channel of RGB pixels: every value in every lane, for any lines, plain, in the heap and in place', () => {
    const line = fc.record({
      mul: fc.integer({ min: -(2 ** 22), max: 2 ** 22 }),
      add: fc.integer({ min: -(2 ** 30), max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(
        line,
        line,
        line,
        fc.nat(40),
        fc.nat(7),
        fc.constantFrom('plain', 'heap', 'in place'),
        (r, g, b, blocks, offset, where) => {
          const n = (blocks + 1) * RGB_LINE_BLOCK;
          const src =
            where === 'plain' ? new Uint8Array(n + offset + 20).subarray(offset) : heapBytes(n + 20, offset, 0);
          // Every value in every channel once a few blocks in, then scrambled bytes.
          for (let i = 0; i < src.length; i++) src[i] = i < 768 ? i / 3 : (Math.imul(i, 2654435761) >>> 9) & 255;
          const before = Array.from(src);
          const out =
            where === 'in place'
              ? src
              : where === 'heap'
                ? heapBytes(n + 20, 3, 1).fill(9)
                : new Uint8Array(n + 20).fill(9);
          assert.ok(lutRgbLinesWasm(src, out, n, [r, g, b]));
          const lines = [r, g, b];
          for (let i = 0; i < n; i++) {
            const expected = want(lines[i % 3], before[i]);
            if (out[i] !== expected) assert.fail(`byte ${i} (channel ${i % 3}): ${out[i]}, not ${expected}`);
          }
          for (let i = n; i < n + 20; i++) assert.equal(out[i], where === 'in place' ? before[i] : 9, 'wrote past n');
        },
      ),
      { numRuns: 200 },
    );
    // Several chunks through the module's memory: 700 KB.
    const n = RGB_LINE_BLOCK * 15000;
    const src = new Uint8Array(n + 5).subarray(5);
    for (let i = 0; i < n; i++) src[i] = (Math.imul(i, 2654435761) >>> 7) & 255;
    const out = new Uint8Array(n);
    const lines = [
      { mul: 39296, add: 6528 },
      { mul: 65536 * 2, add: -300000 },
      { mul: -40000, add: 255 << 16 },
    ] as const;
    assert.ok(lutRgbLinesWasm(src, out, n, lines));
    for (let i = 0; i < n; i++) if (out[i] !== want(lines[i % 3], src[i])) assert.fail(`byte ${i}`);
  });

  it('leaves everything to the TypeScript loops with the kernels off', () => {
    const lut = prepareLut(buildLut((v) => v * 0.5, new Uint8Array(256)));
    const inHeap = heapBytes(64, 0, 1);
    const plain = new Uint8Array(64).fill(200);
    const was = useWasmKernels(false);
    try {
      assert.equal(lutLineWasm(inHeap, inHeap, 0, 64, { mul: lut.mul, add: lut.add, shift: 8 }), false);
      assert.equal(lutLineWasm(plain, plain, 0, 64, { mul: lut.mul, add: lut.add, shift: 8 }), false);
    } finally {
      useWasmKernels(was);
    }
    assert.deepEqual(Array.from(inHeap), Array.from(heapBytes(64, 0, 1)), 'wrote into the heap array');
    assert.ok(
      plain.every((v) => v === 200),
      'wrote into the plain array',
    );
  });
});
