import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeIdx, parseIdx } from './idx.ts';

/** A 2×3 uint8 idx2 file, written out byte by byte. */
const SMALL = new Uint8Array([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);

describe('parseIdx', () => {
  it('reads the type, the dimensions and the elements of a hand-written file', () => {
    const { dtype, dims, data } = parseIdx(SMALL, 'small.idx');
    assert.equal(dtype, 'uint8');
    assert.deepEqual(dims, [2, 3]);
    assert.deepEqual([...data], [1, 2, 3, 4, 5, 6]);
  });

  it('reads multi-byte elements big-endian', () => {
    const bytes = new Uint8Array([0, 0, 0x0c, 1, 0, 0, 0, 2, 0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe]);
    assert.deepEqual([...parseIdx(bytes).data], [258, -2]);
  });

  it('rejects a bad magic number, naming the source', () => {
    const bytes = SMALL.slice();
    bytes[0] = 7;
    assert.throws(() => parseIdx(bytes, 'x/train.idx'), {
      name: 'RangeError',
      message:
        /^parseIdx: x\/train\.idx must be an IDX file starting with the bytes 00 00; received "first bytes 07 00 08 02" \(bad magic number\)$/,
    });
  });

  it('says when the bytes are still gzipped', () => {
    assert.throws(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0]), 'a.gz'), /bad magic number; it looks gzipped/);
  });

  it('rejects an unknown type code', () => {
    const bytes = SMALL.slice();
    bytes[2] = 0x0a;
    assert.throws(
      () => parseIdx(bytes, 'f'),
      /^RangeError: parseIdx: f must be .*type code.*received "0x0a" \(bad type code\)$/,
    );
  });

  it('rejects zero dimensions', () => {
    assert.throws(() => parseIdx(new Uint8Array([0, 0, 8, 0]), 'f'), /received 0 \(no dimensions\)/);
  });

  it('rejects a truncated header', () => {
    assert.throws(
      () => parseIdx(SMALL.subarray(0, 9), 'f'),
      /12-byte header \(2 dimensions\); received "9 bytes" \(truncated header\)/,
    );
    assert.throws(() => parseIdx(SMALL.subarray(0, 3), 'f'), /received "3 bytes" \(truncated header\)/);
  });

  it('rejects truncated data with the number of missing bytes', () => {
    assert.throws(() => parseIdx(SMALL.subarray(0, 16), 'data/t10k.idx'), {
      message:
        'parseIdx: data/t10k.idx must be 18 bytes long: a 12-byte header and 2 × 3 uint8 elements; received "16 bytes" (truncated: 2 bytes missing)',
    });
  });

  it('rejects dimensions that do not match the data (extra bytes)', () => {
    const bytes = SMALL.slice();
    bytes[11] = 2; // claims 2 × 2 but holds 6 bytes
    assert.throws(
      () => parseIdx(bytes, 'f'),
      /received "18 bytes" \(2 unexpected bytes after the data \(wrong dimensions\?\)\)/,
    );
  });

  it('rejects dimensions claiming more data than present', () => {
    const bytes = SMALL.slice();
    bytes[7] = 3;
    assert.throws(() => parseIdx(bytes, 'f'), /truncated: 3 bytes missing/);
  });

  it('returns uint8 data as a view, not a copy', () => {
    const { data } = parseIdx(SMALL);
    assert.equal(data.buffer, SMALL.buffer);
  });
});

describe('encodeIdx', () => {
  it('writes the same bytes as the hand-written file', () => {
    assert.deepEqual(encodeIdx(new Uint8Array([1, 2, 3, 4, 5, 6]), [2, 3]), SMALL);
  });

  it('round-trips every element type (property)', () => {
    const arrays = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.int8Array({ maxLength: 40 }),
      fc.int16Array({ maxLength: 40 }),
      fc.int32Array({ maxLength: 40 }),
      fc.float32Array({ maxLength: 40, noNaN: true }),
      fc.float64Array({ maxLength: 40, noNaN: true }),
    );
    fc.assert(
      fc.property(arrays, (data) => {
        const parsed = parseIdx(encodeIdx(data, [data.length]));
        assert.deepEqual(parsed.dims, [data.length]);
        assert.equal(parsed.data.constructor, data.constructor);
        assert.deepEqual([...parsed.data], [...data]);
      }),
    );
  });

  it('rejects dimensions whose product is not the length', () => {
    assert.throws(
      () => encodeIdx(new Uint8Array(6), [4, 2]),
      /dims must be dimensions whose product is data.length = 6/,
    );
  });
});
