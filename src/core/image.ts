import { argumentError } from './errors.ts';

/** The pixel types augkit works on: uint8 (0–255) and float32 (any finite value, usually 0–1). */
export type DType = 'uint8' | 'float32';
/** An image's or a batch's pixels: `Uint8Array` for uint8, `Float32Array` for float32. */
export type PixelArray = Uint8Array | Float32Array;

/**
 * An image: pixels in a typed array, height × width × channels, row-major with interleaved channels (HWC).
 * `Uint8Array` data holds 0–255 values; `Float32Array` data is unclipped.
 */
export interface Image<A extends PixelArray = PixelArray> {
  readonly data: A;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** The size of an image, without its pixels. */
export interface Shape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** N images of one size in one N×H×W×C buffer. */
export interface UniformBatch<A extends PixelArray = PixelArray> {
  readonly data: A;
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** A batch: a list of images (sizes may differ) or one N×H×W×C buffer. */
export type Batch = readonly Image[] | UniformBatch;

/** The dtype of a pixel array: 'uint8' for a Uint8Array, 'float32' for a Float32Array. */
export function dtypeOf(data: PixelArray): DType {
  return data instanceof Uint8Array ? 'uint8' : 'float32';
}

/** `what` (with `[index]` when given) and `.field` when given: an argument's name, built only for an error. */
function nameOf(what: string, index: number | undefined, field = ''): string {
  return `${index === undefined ? what : `${what}[${index}]`}${field}`;
}

function checkDimension(owner: string, what: string, index: number | undefined, field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    const kind = typeof value === 'number' ? 'range' : 'type';
    throw argumentError(owner, nameOf(what, index, field), 'a positive integer', value, kind);
  }
}

/**
 * Throws a clear error unless `image` is a well-formed image; returns it typed. `index` names an image of a list
 * (`batch[3]`); the names are built only for the error (three strings per image cost more than a small image's
 * other bookkeeping in a list).
 */
export function assertImage(image: unknown, owner = 'augkit', what = 'image', index?: number): Image {
  if (image === null || typeof image !== 'object') {
    throw argumentError(owner, nameOf(what, index), 'an image { data, height, width, channels }', image, 'type');
  }
  const { data, height, width, channels } = image as Record<string, unknown>;
  if (!(data instanceof Uint8Array || data instanceof Float32Array) || data instanceof Uint8ClampedArray) {
    throw argumentError(owner, nameOf(what, index, '.data'), 'a Uint8Array or a Float32Array', data, 'type');
  }
  checkDimension(owner, what, index, '.height', height);
  checkDimension(owner, what, index, '.width', width);
  checkDimension(owner, what, index, '.channels', channels);
  const expected = (height as number) * (width as number) * (channels as number);
  if (data.length !== expected) {
    throw argumentError(
      owner,
      nameOf(what, index, '.data'),
      `of length height × width × channels = ${height} × ${width} × ${channels} = ${expected}`,
      data,
      'range',
    );
  }
  return image as Image;
}

/**
 * Builds a validated image from a typed array and its shape (HWC).
 * @example makeImage(new Uint8Array(28 * 28), 28, 28)      // a gray 28×28 image
 * @example makeImage(new Float32Array(4 * 4 * 3), 4, 4, 3) // a float RGB image
 */
export function makeImage<A extends PixelArray>(data: A, height: number, width: number, channels = 1): Image<A> {
  return assertImage({ data, height, width, channels }, 'makeImage') as Image<A>;
}

/** Builds a gray image from rows of numbers (H×W); uint8 unless `dtype` says float32. */
export function imageFromRows(rows: readonly (readonly number[])[], dtype: DType = 'uint8'): Image {
  const height = rows.length;
  const width = height > 0 ? rows[0].length : 0;
  if (height === 0 || width === 0) throw argumentError('imageFromRows', 'rows', 'a non-empty H×W array', rows);
  const data = dtype === 'uint8' ? new Uint8Array(height * width) : new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const row = rows[y];
    if (row.length !== width) {
      throw argumentError('imageFromRows', `rows[${y}]`, `of length ${width} like rows[0]`, row);
    }
    for (let x = 0; x < width; x++) data[y * width + x] = row[x];
  }
  return { data, height, width, channels: 1 };
}

/** Returns the image as rows of numbers (channel `c`), handy in tests. */
export function imageToRows(image: Image, c = 0): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < image.height; y++) {
    const row: number[] = [];
    for (let x = 0; x < image.width; x++) row.push(image.data[(y * image.width + x) * image.channels + c]);
    rows.push(row);
  }
  return rows;
}

/** An empty (zero-filled) image of the given shape and dtype. */
export function emptyImage(shape: Shape, dtype: DType): Image {
  const n = shape.height * shape.width * shape.channels;
  return {
    data: dtype === 'uint8' ? new Uint8Array(n) : new Float32Array(n),
    height: shape.height,
    width: shape.width,
    channels: shape.channels,
  };
}

/** A new typed array like `data` (same type) of length `n`. */
export function allocLike(data: PixelArray, n: number): PixelArray {
  return data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n);
}

/** A zeroed array of `data`'s type and `n` elements in a new SharedArrayBuffer (where the platform has them). */
export function sharedLike(data: PixelArray, n: number): PixelArray {
  const buffer = new SharedArrayBuffer(n * data.BYTES_PER_ELEMENT);
  return data instanceof Uint8Array ? new Uint8Array(buffer) : new Float32Array(buffer);
}

/** A view of `like`'s type on `length` elements of `buffer` from byte `byteOffset` (another view on the same memory). */
export function viewLike(like: PixelArray, buffer: ArrayBufferLike, byteOffset = 0, length?: number): PixelArray {
  return like instanceof Float32Array
    ? new Float32Array(buffer, byteOffset, length)
    : new Uint8Array(buffer, byteOffset, length);
}

/**
 * The one buffer behind a batch, to pass as the next call's `out`: a uniform batch's data, or all of the buffer that
 * every image of a list is a view into (a list result written into `out`); undefined when a list's images live in
 * different buffers.
 */
export function batchBuffer(batch: Batch): PixelArray | undefined {
  if (isUniformBatch(batch)) return batch.data;
  const list = batch as readonly Image[];
  const first = list[0]?.data;
  if (first === undefined || !list.every((image) => image.data.buffer === first.buffer)) return undefined;
  return viewLike(first, first.buffer);
}

/**
 * Whether `a` and `b` share memory: views on the same buffer whose bytes overlap. (Arrays in one large buffer, such
 * as the kernel heap's, may lie side by side without sharing any.)
 */
export function sharesMemory(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.buffer !== b.buffer) return false;
  const a0 = a.byteOffset;
  const b0 = b.byteOffset;
  return a0 < b0 + b.byteLength && b0 < a0 + a.byteLength;
}

/** Whether all of `a` lies within `b`'s bytes (views on the same buffer). */
function within(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return (
    a.buffer === b.buffer && a.byteOffset >= b.byteOffset && a.byteOffset + a.byteLength <= b.byteOffset + b.byteLength
  );
}

/** Whether every image of `batch` is in the memory of `out` (as seen in the thread that holds both). */
export function inMemoryOf(batch: Batch, out: PixelArray): boolean {
  if (isUniformBatch(batch)) return within(batch.data, out);
  const images = batch as readonly Image[];
  return images.length > 0 && images.every((image) => within(image.data, out));
}

/** A deep copy of an image. */
export function cloneImage<A extends PixelArray>(image: Image<A>): Image<A> {
  return { data: image.data.slice() as A, height: image.height, width: image.width, channels: image.channels };
}

/** True when both images have the same shape, dtype and bytes. */
export function imagesEqual(a: Image, b: Image): boolean {
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels) return false;
  if (dtypeOf(a.data) !== dtypeOf(b.data) || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) {
    if (a.data[i] !== b.data[i] && !(Number.isNaN(a.data[i]) && Number.isNaN(b.data[i]))) return false;
  }
  return true;
}

export function shapeOf(image: Shape): Shape {
  return { height: image.height, width: image.width, channels: image.channels };
}

/** True for a batch in one N×H×W×C buffer (`{ data, n, height, width, channels }`), false for a list of images. */
export function isUniformBatch(batch: unknown): batch is UniformBatch {
  return (
    batch !== null &&
    typeof batch === 'object' &&
    !Array.isArray(batch) &&
    typeof (batch as UniformBatch).n === 'number' &&
    ArrayBuffer.isView((batch as UniformBatch).data)
  );
}

/** Throws unless `batch` is a well-formed uniform batch. */
export function assertUniformBatch(batch: UniformBatch, owner = 'augkit'): UniformBatch {
  const { data, n, height, width, channels } = batch;
  if (!(data instanceof Uint8Array || data instanceof Float32Array)) {
    throw argumentError(owner, 'batch.data', 'a Uint8Array or a Float32Array', data, 'type');
  }
  if (!Number.isInteger(n) || n < 0) throw argumentError(owner, 'batch.n', 'a non-negative integer', n);
  checkDimension(owner, 'batch', undefined, '.height', height);
  checkDimension(owner, 'batch', undefined, '.width', width);
  checkDimension(owner, 'batch', undefined, '.channels', channels);
  const expected = n * height * width * channels;
  if (data.length !== expected) {
    throw argumentError(owner, 'batch.data', `of length n × height × width × channels = ${expected}`, data);
  }
  return batch;
}

/** The i-th image of a uniform batch, as a view on the batch's buffer (no copy). */
export function batchImage(batch: UniformBatch, i: number): Image {
  const size = batch.height * batch.width * batch.channels;
  return {
    data: batch.data.subarray(i * size, (i + 1) * size),
    height: batch.height,
    width: batch.width,
    channels: batch.channels,
  };
}

/** Splits a uniform batch into image views (no copy). */
export function batchToImages(batch: UniformBatch): Image[] {
  const out: Image[] = [];
  for (let i = 0; i < batch.n; i++) out.push(batchImage(batch, i));
  return out;
}

/** Stacks images of one shape and dtype into one N×H×W×C buffer; throws if they differ. */
export function stackImages(images: readonly Image[], owner = 'stackImages'): UniformBatch {
  if (images.length === 0) throw argumentError(owner, 'images', 'a non-empty list of images', images);
  const first = images[0];
  const size = first.height * first.width * first.channels;
  const data = allocLike(first.data, size * images.length);
  images.forEach((image, i) => {
    if (
      image.height !== first.height ||
      image.width !== first.width ||
      image.channels !== first.channels ||
      dtypeOf(image.data) !== dtypeOf(first.data)
    ) {
      throw argumentError(
        owner,
        `images[${i}]`,
        `of the same shape and dtype as images[0] (${first.height}×${first.width}×${first.channels} ${dtypeOf(first.data)})`,
        `${image.height}×${image.width}×${image.channels} ${dtypeOf(image.data)}`,
      );
    }
    data.set(image.data, i * size);
  });
  return { data, n: images.length, height: first.height, width: first.width, channels: first.channels };
}
