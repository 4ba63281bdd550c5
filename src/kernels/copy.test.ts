import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { alignedLike, alignedLikeEither, copySpan, isShared, stagingPlaces } from './copy.ts';

/** `len` bytes at byte `offset` of a fresh buffer, shared or not, filled with a pattern that depends on `salt`. */
function bytesAt(shared: boolean, offset: number, len: number, salt: number): Uint8Array {
  const buffer = shared ? new SharedArrayBuffer(offset + len + 8) : new ArrayBuffer(offset + len + 8);
  const a = new Uint8Array(buffer, offset, len);
  for (let i = 0; i < len; i++) a[i] = (i * 31 + salt * 7 + (i >> 8)) & 255;
  return a;
}

describe('copySpan', () => {
  it('copies exactly the span, between shared and plain memory at any byte offsets (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        // Around the 256-byte threshold and past one 256 KB staging piece.
        fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: (256 << 10) - 20, max: (256 << 10) * 2 + 40 })),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        (sShared, dShared, sOff, dOff, len, from, to) => {
          const s = bytesAt(sShared, sOff, from + len + 3, 1);
          const d = bytesAt(dShared, dOff, to + len + 3, 2);
          const expected = Uint8Array.from(d);
          for (let i = 0; i < len; i++) expected[to + i] = s[from + i];
          copySpan(d, to, s, from, len);
          assert.ok(Buffer.from(d.buffer, d.byteOffset, d.length).equals(Buffer.from(expected)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('copies float32 spans between shared and plain memory', () => {
    const sab = new SharedArrayBuffer(4 * 300);
    const s = new Float32Array(sab, 4, 200);
    for (let i = 0; i < s.length; i++) s[i] = i / 7 - 3;
    const d = new Float32Array(new ArrayBuffer(4 * 260), 0, 250);
    copySpan(d, 9, s, 5, 180);
    for (let i = 0; i < 250; i++) assert.equal(d[i], i >= 9 && i < 189 ? s[i - 4] : 0);
  });
});

describe('stagingPlaces', () => {
  it('stages at the source’s and the destination’s address modulo 8, without overlap, within the room (property)', () => {
    // V8 copies to or from shared memory by words only when both ends agree modulo 8: a place off by even one byte
    // keeps every copy right but several times slower, which only this test can see.
    fc.assert(
      fc.property(fc.nat(1 << 30), fc.nat(1 << 30), fc.integer({ min: 1, max: 256 << 10 }), (sAt, dAt, piece) => {
        const { a, b, size } = stagingPlaces(sAt, dAt, piece);
        assert.equal(a % 8, sAt % 8);
        assert.equal(b % 8, dAt % 8);
        assert.ok(a >= 0 && a + piece <= b && b + piece <= size && size <= 2 * piece + 24);
      }),
      { numRuns: 500 },
    );
  });
});

describe('alignedLike', () => {
  it('gives a plain view the position unchanged, and a shared one the next position at its address modulo 8', () => {
    const plain = new Uint8Array(new ArrayBuffer(64), 3, 40);
    assert.equal(isShared(plain), false);
    assert.equal(alignedLike(16, plain, 5), 16);
    const sab = new SharedArrayBuffer(64);
    for (let offset = 0; offset < 16; offset++) {
      for (let from = 0; from < 10; from++) {
        for (const at of [16, 17, 100, 1023]) {
          const a = new Uint8Array(sab, offset, 40);
          const got = alignedLike(at, a, from);
          assert.ok(got >= at && got < at + 8, `at ${at}: ${got}`);
          assert.equal((got - (offset + from)) & 7, 0, `offset ${offset}, from ${from}, at ${at}: ${got}`);
        }
      }
    }
    // Elements of a wider type count in bytes.
    const f = new Float32Array(sab, 4, 8);
    assert.equal(alignedLike(16, f, 1), 16);
    assert.equal(alignedLike(16, f, 2), 20);
  });
});

describe('alignedLikeEither', () => {
  it("takes the shared side's alignment, the source's when both are shared", () => {
    const shared = new Uint8Array(new SharedArrayBuffer(64), 3, 40);
    const other = new Uint8Array(new SharedArrayBuffer(64), 6, 40);
    const plain = new Uint8Array(new ArrayBuffer(64), 5, 40);
    assert.equal(alignedLikeEither(16, shared, 2, plain, 4), alignedLike(16, shared, 2));
    assert.equal(alignedLikeEither(16, plain, 2, shared, 4), alignedLike(16, shared, 4));
    assert.equal(alignedLikeEither(16, shared, 2, other, 4), alignedLike(16, shared, 2));
    assert.notEqual(alignedLike(16, shared, 2), alignedLike(16, other, 4));
    assert.equal(alignedLikeEither(16, plain, 2, plain, 4), 16);
  });
});
