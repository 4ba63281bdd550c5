import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mulhi32, philox4x32 } from './philox.ts';

// Known-answer vectors published with Random123 (kat_vectors, philox4x32 with 10 rounds).
const vectors: [number[], number[], number[]][] = [
  [
    [0, 0, 0, 0],
    [0, 0],
    [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

describe('philox4x32', () => {
  for (const [ctr, key, expected] of vectors) {
    it(`matches the published known answer for counter ${ctr.map((v) => v.toString(16)).join(',')}`, () => {
      const out = new Uint32Array(4);
      philox4x32(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out);
      assert.deepEqual(Array.from(out), expected);
    });
  }
});

describe('mulhi32', () => {
  const exact = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) >> 32n);
  it('equals the exact high word on edge values', () => {
    const edges = [
      0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xd2511f53, 0xcd9e8d57, 0x10000, 0xffff,
    ];
    for (const a of edges) for (const b of edges) assert.equal(mulhi32(a, b), exact(a, b), `${a} * ${b}`);
  });
  it('equals the exact high word for random 32-bit values (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (a, b) => mulhi32(a, b) === exact(a, b),
      ),
      { numRuns: 20000 },
    );
  });
});
