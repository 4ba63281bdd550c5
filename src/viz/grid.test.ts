import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { type Image, imageFromRows, imageToRows, makeImage } from '../core/image.ts';
import { drawGrid, toImageData, toUint8, upscale } from './grid.ts';

/** The pixel at (y, x) as an array of its channel values. */
function pixel(image: Image, y: number, x: number): number[] {
  const i = (y * image.width + x) * image.channels;
  return Array.from(image.data.subarray(i, i + image.channels));
}

describe('upscale', () => {
  it('turns each pixel of a 2×2 image into a 3×3 block', () => {
    const out = upscale(
      imageFromRows([
        [1, 2],
        [3, 4],
      ]),
      3,
    );
    assert.deepEqual(imageToRows(out), [
      [1, 1, 1, 2, 2, 2],
      [1, 1, 1, 2, 2, 2],
      [1, 1, 1, 2, 2, 2],
      [3, 3, 3, 4, 4, 4],
      [3, 3, 3, 4, 4, 4],
      [3, 3, 3, 4, 4, 4],
    ]);
    assert.equal(out.height, 6);
    assert.equal(out.width, 6);
  });

  it('keeps interleaved channels together and keeps float32', () => {
    const image = makeImage(new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), 1, 2, 3);
    const out = upscale(image, 2);
    assert.ok(out.data instanceof Float32Array);
    assert.deepEqual(pixel(out, 1, 1), pixel(image, 0, 0));
    assert.deepEqual(pixel(out, 0, 2), pixel(image, 0, 1));
    assert.deepEqual(pixel(out, 1, 3), pixel(image, 0, 1));
  });

  it('returns a copy for factor 1', () => {
    const image = imageFromRows([[9, 8]]);
    const out = upscale(image, 1);
    assert.notEqual(out.data, image.data);
    assert.deepEqual(imageToRows(out), [[9, 8]]);
  });

  it('rejects a factor that is not a positive integer', () => {
    const image = imageFromRows([[1]]);
    assert.throws(() => upscale(image, 0), /upscale: factor must be a positive integer; received 0/);
    assert.throws(() => upscale(image, 1.5), /received 1\.5/);
    assert.throws(() => upscale(image, '2' as unknown as number), TypeError);
  });
});

describe('toUint8', () => {
  it('reads float32 as 0–1 by default, rounding half up, clipping, NaN to 0', () => {
    const out = toUint8(makeImage(new Float32Array([0, 0.5, 1, -0.2, 1.7, Number.NaN, 0.1]), 1, 7));
    assert.deepEqual(Array.from(out.data), [0, 128, 255, 0, 255, 0, 26]);
  });

  it('uses floatScale 1 for 0–255 float images', () => {
    const out = toUint8(makeImage(new Float32Array([12.4, 12.5, 300]), 1, 3), { floatScale: 1 });
    assert.deepEqual(Array.from(out.data), [12, 13, 255]);
  });
});

describe('drawGrid', () => {
  const a = imageFromRows([
    [10, 20],
    [30, 40],
  ]);
  const b = imageFromRows([[50, 60, 70]]);

  it('puts two gray images into cells of the largest size, top left, with background elsewhere', () => {
    // Cells are max(2, 1) × max(2, 3) = 2 × 3, so the grid is 2 × 6.
    const grid = drawGrid([a, b], { rows: 1, cols: 2 });
    assert.equal(grid.channels, 1);
    assert.deepEqual(imageToRows(grid), [
      [10, 20, 0, 50, 60, 70],
      [30, 40, 0, 0, 0, 0],
    ]);
  });

  it('adds padding between cells and around the edge, filled with the background', () => {
    const grid = drawGrid([a, b], { rows: 2, cols: 1, padding: 1, background: 255 });
    // width = 1 + 3 + 1, height = 1 + 2 + 1 + 2 + 1
    assert.deepEqual(imageToRows(grid), [
      [255, 255, 255, 255, 255],
      [255, 10, 20, 255, 255],
      [255, 30, 40, 255, 255],
      [255, 255, 255, 255, 255],
      [255, 50, 60, 70, 255],
      [255, 255, 255, 255, 255],
      [255, 255, 255, 255, 255],
    ]);
  });

  it('leaves cells without an image as background', () => {
    const grid = drawGrid([a], { rows: 2, cols: 2, background: 7 });
    assert.equal(grid.height, 4);
    assert.equal(grid.width, 4);
    assert.deepEqual(imageToRows(grid), [
      [10, 20, 7, 7],
      [30, 40, 7, 7],
      [7, 7, 7, 7],
      [7, 7, 7, 7],
    ]);
  });

  it('promotes gray to RGB when mixed with a colour image', () => {
    const rgb = makeImage(new Uint8Array([1, 2, 3]), 1, 1, 3);
    const grid = drawGrid([a, rgb], { rows: 1, cols: 2, background: [100, 101, 102] });
    assert.equal(grid.channels, 3);
    assert.deepEqual(pixel(grid, 0, 0), [10, 10, 10]);
    assert.deepEqual(pixel(grid, 1, 1), [40, 40, 40]);
    assert.deepEqual(pixel(grid, 0, 2), [1, 2, 3]);
    assert.deepEqual(pixel(grid, 0, 3), [100, 101, 102]);
    assert.deepEqual(pixel(grid, 1, 2), [100, 101, 102]);
  });

  it('adds an opaque alpha channel when any image has one', () => {
    const rgba = makeImage(new Uint8Array([1, 2, 3, 4]), 1, 1, 4);
    const grid = drawGrid([a, rgba], { cols: 2 });
    assert.equal(grid.channels, 4);
    assert.deepEqual(pixel(grid, 0, 1), [20, 20, 20, 255]);
    assert.deepEqual(pixel(grid, 0, 2), [1, 2, 3, 4]);
    assert.deepEqual(pixel(grid, 1, 2), [0, 0, 0, 0]);
  });

  it('converts float32 images as 0–1 intensities', () => {
    const f = makeImage(new Float32Array([0, 0.5, 1]), 1, 3);
    const grid = drawGrid([f, b], { rows: 2 });
    assert.ok(grid.data instanceof Uint8Array);
    assert.deepEqual(imageToRows(grid), [
      [0, 128, 255],
      [50, 60, 70],
    ]);
  });

  it('chooses rows and cols as imgaug does when they are missing', () => {
    const five = [a, a, a, a, a];
    assert.deepEqual([drawGrid(five).height, drawGrid(five).width], [3 * 2, 3 * 2]);
    assert.deepEqual([drawGrid(five, { rows: 2 }).height, drawGrid(five, { rows: 2 }).width], [2 * 2, 3 * 2]);
    assert.deepEqual([drawGrid(five, { cols: 4 }).height, drawGrid(five, { cols: 4 }).width], [2 * 2, 4 * 2]);
  });

  it('rejects rows × cols smaller than the number of images', () => {
    assert.throws(
      () => drawGrid([a, a, a], { rows: 1, cols: 2 }),
      /drawGrid: rows × cols must be at least the number of images \(3\); received "1 × 2 = 2"/,
    );
  });

  it('rejects bad arguments with the error template', () => {
    assert.throws(() => drawGrid([]), /drawGrid: images must be a non-empty list of images/);
    assert.throws(() => drawGrid([a], { rows: 0 }), /drawGrid: rows must be a positive integer; received 0/);
    assert.throws(() => drawGrid([a], { padding: -1 }), /drawGrid: padding must be a non-negative integer/);
    assert.throws(() => drawGrid([a], { background: 256 }), /drawGrid: background must be an integer in 0–255/);
    assert.throws(() => drawGrid([a], { background: [1, 2, 3] }), /background must be a number in 0–255 or 1 of them/);
    assert.throws(
      () => drawGrid([a, makeImage(new Uint8Array(5), 1, 1, 5)]),
      /drawGrid: images\[1\]\.channels must be one count shared by all images/,
    );
    assert.throws(
      () => drawGrid([a, { data: new Uint8Array(3), height: 2, width: 2, channels: 1 }]),
      /images\[1\]\.data/,
    );
  });

  it('accepts any channel count shared by all images', () => {
    const five = makeImage(new Uint8Array([1, 2, 3, 4, 5]), 1, 1, 5);
    const grid = drawGrid([five, five], { rows: 1 });
    assert.deepEqual(pixel(grid, 0, 1), [1, 2, 3, 4, 5]);
  });
});

describe('toImageData', () => {
  const original = (globalThis as { ImageData?: unknown }).ImageData;
  afterEach(() => {
    (globalThis as { ImageData?: unknown }).ImageData = original;
  });

  it('expands gray to opaque RGBA', () => {
    const out = toImageData(imageFromRows([[7, 200]]));
    assert.ok(out.data instanceof Uint8ClampedArray);
    assert.deepEqual(Array.from(out.data), [7, 7, 7, 255, 200, 200, 200, 255]);
    assert.equal(out.width, 2);
    assert.equal(out.height, 1);
  });

  it('keeps RGB and RGBA values', () => {
    assert.deepEqual(Array.from(toImageData(makeImage(new Uint8Array([1, 2, 3]), 1, 1, 3)).data), [1, 2, 3, 255]);
    assert.deepEqual(Array.from(toImageData(makeImage(new Uint8Array([1, 2, 3, 4]), 1, 1, 4)).data), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(toImageData(makeImage(new Uint8Array([9, 80]), 1, 1, 2)).data), [9, 9, 9, 80]);
  });

  it('builds a real ImageData where the global exists', () => {
    class FakeImageData {
      constructor(
        readonly data: Uint8ClampedArray,
        readonly width: number,
        readonly height: number,
      ) {}
    }
    (globalThis as { ImageData?: unknown }).ImageData = FakeImageData;
    const out = toImageData(imageFromRows([[1], [2]]));
    assert.ok(out instanceof FakeImageData);
    assert.equal(out.height, 2);
    assert.deepEqual(Array.from(out.data), [1, 1, 1, 255, 2, 2, 2, 255]);
  });

  it('rejects more than 4 channels', () => {
    assert.throws(() => toImageData(makeImage(new Uint8Array(5), 1, 1, 5)), /toImageData: image\.channels must be/);
  });
});
