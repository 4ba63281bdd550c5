// IDX files (the MNIST / Fashion-MNIST container): parsing and writing, fully validated. Browser-safe: bytes in,
// typed arrays out; reading files and gunzipping lives in `src/io/idx-file.ts`.
import { argumentError } from '../core/errors.ts';

/** The element types an IDX file can hold, by their names in the format's description. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array that holds each IDX element type. */
export interface IdxDataByType {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}

/** A parsed IDX file: its element type, its dimensions (outermost first) and its elements in row-major order. */
export interface IdxArray<D extends IdxDType = IdxDType> {
  readonly dtype: D;
  readonly dims: readonly number[];
  readonly data: IdxDataByType[D];
}

const CODES: Readonly<Record<number, IdxDType>> = {
  8: 'uint8',
  9: 'int8',
  11: 'int16',
  12: 'int32',
  13: 'float32',
  14: 'float64',
};
const SIZES: Readonly<Record<IdxDType, number>> = { uint8: 1, int8: 1, int16: 2, int32: 4, float32: 4, float64: 8 };
const ACCEPTED_CODES = '0x08 (uint8), 0x09 (int8), 0x0B (int16), 0x0C (int32), 0x0D (float32) or 0x0E (float64)';

function hex(bytes: Uint8Array, from: number, to: number): string {
  return Array.from(bytes.subarray(from, to), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Parses the bytes of an (uncompressed) IDX file and checks everything the header promises: the magic number (two
 * zero bytes, a known element-type code, 1–255 dimensions), a complete header, and that the data is exactly
 * dims[0] × dims[1] × … elements long. Any problem throws a RangeError naming `source` and what is wrong; a partial
 * array is never returned. uint8 data is a view on `bytes` (no copy); multi-byte types are read big-endian into a
 * new array.
 *
 * @param bytes The file's bytes, already gunzipped (`readIdxFile` in `augkit/node` does that for you).
 * @param source A name for error messages, usually the file's path.
 * @example parseIdx(bytes, 'train-labels-idx1-ubyte')  // { dtype: 'uint8', dims: [60000], data: Uint8Array(60000) }
 */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw argumentError('parseIdx', 'bytes', 'a Uint8Array', bytes, 'type');
  const fail = (accepted: string, received: unknown, why: string) =>
    argumentError('parseIdx', source, accepted, received, 'range', why);
  if (bytes.length < 4) {
    throw fail('an IDX file of at least 4 header bytes', `${bytes.length} bytes`, 'truncated header');
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b ? '; it looks gzipped, use readIdxFile or gunzip first' : '';
    throw fail('an IDX file starting with the bytes 00 00', `first bytes ${hex(bytes, 0, 4)}`, `bad magic number${gz}`);
  }
  const dtype = CODES[bytes[2]];
  if (dtype === undefined) {
    throw fail(`an IDX file whose type code (byte 3) is ${ACCEPTED_CODES}`, `0x${hex(bytes, 2, 3)}`, 'bad type code');
  }
  const ndims = bytes[3];
  if (ndims === 0) throw fail('an IDX file with 1 to 255 dimensions (byte 4)', 0, 'no dimensions');
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw fail(
      `an IDX file with a ${headerLength}-byte header (${ndims} dimensions)`,
      `${bytes.length} bytes`,
      'truncated header',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let d = 0; d < ndims; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    if (size > 0x7fffffff) throw fail('dimensions below 2^31', `dims[${d}] = ${size}`, 'corrupt dimensions');
    dims.push(size);
    count *= size;
  }
  const elementSize = SIZES[dtype];
  const expected = headerLength + count * elementSize;
  if (bytes.length !== expected) {
    const shape = dims.join(' × ');
    throw fail(
      `${expected} bytes long: a ${headerLength}-byte header and ${shape} ${dtype} elements`,
      `${bytes.length} bytes`,
      bytes.length < expected
        ? `truncated: ${expected - bytes.length} bytes missing`
        : `${bytes.length - expected} unexpected bytes after the data (wrong dimensions?)`,
    );
  }
  return { dtype, dims, data: readElements(view, headerLength, count, dtype, bytes) };
}

function readElements(view: DataView, offset: number, count: number, dtype: IdxDType, bytes: Uint8Array) {
  switch (dtype) {
    case 'uint8':
      return bytes.subarray(offset, offset + count);
    case 'int8':
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 'int16':
      return fillBigEndian(new Int16Array(count), 2, (at) => view.getInt16(offset + at, false));
    case 'int32':
      return fillBigEndian(new Int32Array(count), 4, (at) => view.getInt32(offset + at, false));
    case 'float32':
      return fillBigEndian(new Float32Array(count), 4, (at) => view.getFloat32(offset + at, false));
    case 'float64':
      return fillBigEndian(new Float64Array(count), 8, (at) => view.getFloat64(offset + at, false));
  }
}

/** Fills `out` with the big-endian values `size` bytes apart that `get` reads at each value's byte offset. */
function fillBigEndian<A extends Int16Array | Int32Array | Float32Array | Float64Array>(
  out: A,
  size: number,
  get: (at: number) => number,
): A {
  for (let i = 0; i < out.length; i++) out[i] = get(size * i);
  return out;
}

const ARRAY_TYPES: ReadonlyArray<[IdxDType, number, new (n: number) => ArrayLike<number>]> = [
  ['uint8', 0x08, Uint8Array],
  ['int8', 0x09, Int8Array],
  ['int16', 0x0b, Int16Array],
  ['int32', 0x0c, Int32Array],
  ['float32', 0x0d, Float32Array],
  ['float64', 0x0e, Float64Array],
];

/**
 * Encodes a typed array and its dimensions as IDX bytes (uncompressed, big-endian), the inverse of `parseIdx`.
 * The element type follows the array's type.
 *
 * @example encodeIdx(labels, [labels.length])                 // an idx1 labels file
 * @example encodeIdx(images.data, [images.n, 28, 28])         // an idx3 images file
 */
export function encodeIdx(
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array,
  dims: readonly number[],
): Uint8Array {
  const entry = ARRAY_TYPES.find(([, , ctor]) => data instanceof ctor && data.constructor === ctor);
  if (entry === undefined) {
    throw argumentError(
      'encodeIdx',
      'data',
      'a Uint8Array, Int8Array, Int16Array, Int32Array, Float32Array or Float64Array',
      data,
      'type',
    );
  }
  if (dims.length < 1 || dims.length > 255 || dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0x7fffffff)) {
    throw argumentError('encodeIdx', 'dims', '1 to 255 non-negative integers', dims);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw argumentError('encodeIdx', 'dims', `dimensions whose product is data.length = ${data.length}`, dims);
  }
  const [dtype, code] = entry;
  const headerLength = 4 + 4 * dims.length;
  const out = new Uint8Array(headerLength + count * SIZES[dtype]);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  if (dtype === 'uint8') {
    out.set(data, headerLength);
    return out;
  }
  for (let i = 0; i < count; i++) {
    const at = headerLength + i * SIZES[dtype];
    const v = data[i];
    if (dtype === 'int8') view.setInt8(at, v);
    else if (dtype === 'int16') view.setInt16(at, v, false);
    else if (dtype === 'int32') view.setInt32(at, v, false);
    else if (dtype === 'float32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  }
  return out;
}
