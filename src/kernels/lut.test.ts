import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyLut, applyLutRange, applyWideLut, buildLut, fixedForm, prepareLut, widenLut } from './lut.ts';
import { useWasmKernels } from './wasm/simd.ts';

/** The table every test uses: v ↦ 255 − v (every entry differs, so a wrong lookup shows). */
const table = buildLut((v) => 255 - v, new Uint8Array(256));

/** Bytes 0…n−1 scrambled, inside a larger buffer at `offset` (so 32-bit reads are unaligned). */
function bytes(n: number, offset: number): Uint8Array {
  const buffer = new Uint8Array(n + offset + 3);
  for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 151 + 7) & 255;
  return buffer.subarray(offset, offset + n);
}

describe('applyLut and applyWideLut', () => {
  it('map every byte through the table for any length and alignment, also in place', () => {
    for (let n = 0; n <= 11; n++) {
      for (let offset = 0; offset < 4; offset++) {
        const src = bytes(n, offset);
        const expected = Array.from(src, (v) => 255 - v);
        const out = bytes(n, (offset + 1) % 4).fill(0);
        applyLut(src, [table], 1, out);
        assert.deepEqual(Array.from(out), expected, `applyLut n=${n} offset=${offset}`);
        out.fill(0);
        applyWideLut(src, table, widenLut(table), out);
        assert.deepEqual(Array.from(out), expected, `applyWideLut n=${n} offset=${offset}`);
        const inPlace = src.slice();
        applyWideLut(inPlace, table, widenLut(table), inPlace);
        assert.deepEqual(Array.from(inPlace), expected, `in place n=${n} offset=${offset}`);
      }
    }
  });

  it('holds both bytes of a pair in a wide table entry (low byte first)', () => {
    const wide = widenLut(table);
    assert.equal(wide[0x0102], (255 - 2) | ((255 - 1) << 8));
    assert.equal(wide[0xff00], 255 | (0 << 8));
  });

  it('uses one table per channel when given several', () => {
    const half = buildLut((v) => v / 2, new Uint8Array(256));
    const src = Uint8Array.from([10, 10, 200, 200]);
    const out = new Uint8Array(4);
    applyLut(src, [table, half], 2, out);
    assert.deepEqual(Array.from(out), [245, 5, 55, 100]);
  });
});

describe('prepareLut and applyLutRange', () => {
  it('finds the fixed-point form of a halving table and maps with it exactly', () => {
    const half = buildLut((v) => Math.fround(v * 0.5), new Uint8Array(256));
    const prepared = prepareLut(half);
    assert.equal(prepared.mul, 128);
    assert.equal(prepared.wide, undefined);
    for (let offset = 0; offset < 4; offset++) {
      const src = bytes(40, offset);
      const out = bytes(40, offset).fill(0);
      applyLutRange(src, prepared, 3, 37, out);
      const expected = Array.from(src, (v, i) => (i >= 3 && i < 37 ? v >> 1 : 0));
      assert.deepEqual(Array.from(out), expected, `offset=${offset}`);
    }
  });

  it('matches the table for every byte whenever it picks the fixed-point form', () => {
    const all = Uint8Array.from({ length: 256 }, (_, v) => v);
    let fixedPoint = 0;
    for (let k = 0; k <= 100; k++) {
      const alpha = Math.fround(k / 100);
      const table = buildLut((v) => 127 + Math.fround(alpha * (v - 127)), new Uint8Array(256));
      const prepared = prepareLut(table);
      if (prepared.mul >= 0) fixedPoint++;
      const out = new Uint8Array(256);
      applyLutRange(all, prepared, 0, 256, out);
      assert.deepEqual(Array.from(out), Array.from(table), `alpha=${alpha}`);
    }
    assert.ok(fixedPoint > 0);
  });

  it('falls back to the two-byte table when no fixed-point form exists (a decreasing table)', () => {
    const prepared = prepareLut(table);
    assert.equal(prepared.mul, -1);
    const src = bytes(21, 0);
    const out = new Uint8Array(21);
    applyLutRange(src, prepared, 0, 21, out);
    assert.deepEqual(
      Array.from(out),
      Array.from(src, (v) => 255 - v),
    );
  });
});

describe('applyLutRange on any range', () => {
  // One table of each form applyLutRange has a loop for: plain, two-byte, halving, fixed-point affine.
  const luts = {
    table,
    wide: prepareLut(table),
    halving: prepareLut(buildLut((v) => v * 0.5, new Uint8Array(256))),
    affine: prepareLut(buildLut((v) => v * 0.75, new Uint8Array(256))),
  };

  it('has each form (the cases below cover every loop)', () => {
    assert.ok(luts.wide.wide !== undefined);
    assert.equal(luts.halving.mul, 128);
    assert.ok(luts.affine.mul >= 0 && luts.affine.mul !== 128);
  });

  it('maps exactly src[start…end) through the table and writes nothing else, at any alignment, with and without WebAssembly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(luts) as (keyof typeof luts)[])),
        fc.nat(3),
        fc.nat(3),
        fc.nat(80),
        // Up to 6,000 bytes: the line forms go to WebAssembly from 4,096 bytes on.
        fc.nat(6000),
        fc.boolean(),
        (form, srcOffset, outOffset, start, length, wasm) => {
          const src = bytes(start + length + 5, srcOffset);
          const out = bytes(src.length, outOffset).fill(7);
          const lut = luts[form];
          const t = lut instanceof Uint8Array ? lut : lut.table;
          const was = useWasmKernels(wasm);
          try {
            applyLutRange(src, lut, start, start + length, out);
          } finally {
            useWasmKernels(was);
          }
          const expected = Array.from(src, (v, i) => (i >= start && i < start + length ? t[v] : 7));
          assert.deepEqual(Array.from(out), expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('fixedForm', () => {
  /** The form's value for v, as lut_fixed_u8 computes it (int32 arithmetic, arithmetic shift, clamp). */
  const formValue = (mul: number, add: number, v: number) => Math.max(0, Math.min(255, (v * mul + add) >> 16));
  const reproduces = (table: Uint8Array, form: { mul: number; add: number }) =>
    table.every(
      (t, v) => formValue(form.mul, form.add, v) === t && (v * form.mul + form.add) >> 0 === v * form.mul + form.add,
    );

  it('finds the form of every Multiply, LinearContrast and Add table (imgaug float32, clip, truncate)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('multiply', 'contrast', 'add'),
        fc.double({ min: -3, max: 8, noNaN: true }),
        (kind, k) => {
          const f =
            kind === 'multiply'
              ? (v: number) => v * Math.abs(k)
              : kind === 'contrast'
                ? (v: number) => 127 + k * (v - 127)
                : (v: number) => v + Math.round(k * 40);
          const table = buildLut(f, new Uint8Array(256));
          const form = fixedForm(table);
          assert.ok(form !== undefined, `${kind} ${k}: no form`);
          assert.ok(reproduces(table, form), `${kind} ${k}: the form gives other values`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds a form for every table that has one (any slope in ±2²², any offset, increasing or decreasing)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 22), max: 2 ** 22 }),
        fc.integer({ min: -(2 ** 30), max: 2 ** 30 }),
        (mul, add) => {
          const table = new Uint8Array(256).map((_, v) => formValue(mul, add, v));
          const form = fixedForm(table);
          assert.ok(form !== undefined && reproduces(table, form), `mul ${mul}, add ${add}`);
        },
      ),
      { numRuns: 2000 },
    );
    // Slopes near the edges of the search, and the flat tables.
    for (const [mul, add] of [
      [2 ** 22, -(2 ** 30)],
      [-(2 ** 22), 2 ** 30],
      [1, 0],
      [-1, 255 * 65536],
      [0, 0],
      [0, 255 * 65536],
    ]) {
      const table = new Uint8Array(256).map((_, v) => formValue(mul, add, v));
      const form = fixedForm(table);
      assert.ok(form !== undefined && reproduces(table, form), `mul ${mul}, add ${add}`);
    }
  });

  it('finds none for tables that are not a line (gamma, a step, random), and a right one whenever it finds one', () => {
    assert.equal(fixedForm(buildLut((v) => 255 * (v / 255) ** 0.7, new Uint8Array(256))), undefined);
    assert.equal(fixedForm(buildLut((v) => (v < 100 ? 0 : 200), new Uint8Array(256))), undefined);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (table) => {
        const form = fixedForm(table);
        assert.ok(form === undefined || reproduces(table, form));
      }),
      { numRuns: 300 },
    );
  });

  it('maps a plain table of 40 KB and more through its form in WebAssembly: the same bytes as the table', () => {
    // Multiply(0.6): no 8-bit form, so lut_fixed_u8 (with the kernels on) or the word loop (off).
    const t = buildLut((v) => v * 0.6, new Uint8Array(256));
    assert.equal(prepareLut(t).mul, -1);
    assert.ok(prepareLut(t).fixed !== undefined);
    for (const wasm of [true, false]) {
      for (const lut of [t, prepareLut(t)]) {
        const src = bytes(41000, 3);
        const out = bytes(41000, 1).fill(7);
        const was = useWasmKernels(wasm);
        try {
          applyLutRange(src, lut, 5, 40990, out);
        } finally {
          useWasmKernels(was);
        }
        const expected = Array.from(src, (v, i) => (i >= 5 && i < 40990 ? t[v] : 7));
        assert.deepEqual(
          Array.from(out),
          expected,
          `wasm ${wasm}, ${lut instanceof Uint8Array ? 'plain' : 'prepared'}`,
        );
      }
    }
  });
});

describe('applyLut with a table per RGB channel', () => {
  it("gives the tables' bytes with and without WebAssembly, for images of any pixel count (whole 48-byte blocks and a rest)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('multiply', 'contrast', 'add', 'gamma'), fc.double({ min: 0, max: 3, noNaN: true })),
          {
            minLength: 3,
            maxLength: 3,
          },
        ),
        fc.integer({ min: 10900, max: 11100 }),
        fc.nat(3),
        fc.boolean(),
        fc.boolean(),
        (kinds, pixels, offset, wasm, inPlace) => {
          const tables = kinds.map(([kind, k]) =>
            buildLut(
              kind === 'multiply'
                ? (v) => v * k
                : kind === 'contrast'
                  ? (v) => 127 + k * (v - 127)
                  : kind === 'add'
                    ? (v) => v + Math.round(k * 30 - 45)
                    : (v) => 255 * (v / 255) ** (k + 0.2),
              new Uint8Array(256),
            ),
          );
          const src = bytes(3 * pixels, offset);
          const expected = Array.from(src, (v, i) => tables[i % 3][v]);
          const out = inPlace ? src : bytes(src.length, (offset + 2) % 4).fill(0);
          const was = useWasmKernels(wasm);
          try {
            applyLut(src, tables, 3, out);
          } finally {
            useWasmKernels(was);
          }
          assert.deepEqual(Array.from(out), expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
