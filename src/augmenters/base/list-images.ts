// The list form of augmentImages: checking a list of same-shape images in one pass, and the buffers and views
// its results are written to (see Augmenter.augmentImages and listAsBatch).
import { type Image, type PixelArray, type Shape, allocLike, viewLike } from '../../core/image.ts';
import { normaliseImage } from './inputs.ts';

/**
 * The shape every image of `images` has, when there is at least one, the first is a valid image with its channels
 * given, and every other one has that shape, that data type and that data length: the checks the one-by-one path
 * makes, in one pass without an object per image. Undefined otherwise (the one-by-one path then checks each image
 * and names the first bad one).
 */
export function sharedListShape(images: readonly Image[], owner: string): Shape | undefined {
  const n = images.length;
  const first = n > 0 ? images[0] : undefined;
  if (first === undefined || first === null || typeof first !== 'object' || first.channels === undefined) {
    return undefined;
  }
  const { height, width, channels } = normaliseImage(first, owner, 'batch', 0);
  const type = first.data.constructor;
  const size = height * width * channels;
  for (let i = 1; i < n; i++) {
    const image = images[i];
    if (
      image === null ||
      typeof image !== 'object' ||
      image.height !== height ||
      image.width !== width ||
      image.channels !== channels ||
      image.data?.constructor !== type ||
      !(image.data instanceof type) ||
      image.data.length !== size
    ) {
      return undefined;
    }
  }
  return { height, width, channels };
}

/**
 * The buffer a list result is written into when the caller gave `out`: `out` itself when every input has its data
 * type and the outputs fit, else one new buffer of that type with a quarter to spare (output sizes vary from batch
 * to batch, and the caller hands it back next time); undefined when the inputs' data types differ.
 */
export function listPool(images: readonly Image[], shapes: readonly Shape[], out: PixelArray): PixelArray | undefined {
  let total = 0;
  for (let i = 0; i < images.length; i++) {
    if (images[i].data.constructor !== out.constructor) return undefined;
    total += shapes[i].height * shapes[i].width * shapes[i].channels;
  }
  return poolOf(total, out);
}

/** `out` when `total` elements fit in it, else a new buffer of its type with a quarter to spare. */
export function poolOf(total: number, out: PixelArray): PixelArray {
  return total <= out.length ? out : allocLike(out, total + (total >> 2));
}

// The last list result's images (see outputImages).
let lastImages: readonly Image[] = [];

/**
 * The images of a list result: `n` consecutive images of `shape` in `out`, in a new array. The last call's image
 * objects are reused when they describe the same memory the same way (the caller handing back the previous result's
 * buffer as `out`, and so being done with that result): a view is the same memory either way, and making 32 views
 * and objects cost as much as Multiply on 32 small images.
 */
export function outputImages(out: PixelArray, n: number, shape: Shape): Image[] {
  const { height, width, channels } = shape;
  const size = height * width * channels;
  const last = lastImages;
  if (n > 0 && last.length === n) {
    const first = last[0];
    const data = first.data;
    if (
      data.buffer === out.buffer &&
      data.byteOffset === out.byteOffset &&
      data.length === size &&
      data.constructor === out.constructor &&
      first.height === height &&
      first.width === width &&
      first.channels === channels
    ) {
      return last.slice();
    }
  }
  const bytes = size * out.BYTES_PER_ELEMENT;
  const images: Image[] = new Array(n);
  // Views made by the constructor: half the cost of subarray's.
  for (let i = 0; i < n; i++) {
    images[i] = { data: viewLike(out, out.buffer, out.byteOffset + i * bytes, size), height, width, channels };
  }
  lastImages = images;
  return images.slice();
}

/** The images' pixels as one N×H×W×C array without a copy, when they are consecutive in one buffer; else undefined. */
export function packedData(images: readonly Image[], size: number): PixelArray | undefined {
  const first = images[0].data;
  const bytes = size * first.BYTES_PER_ELEMENT;
  for (let i = 1; i < images.length; i++) {
    const data = images[i].data;
    if (data.buffer !== first.buffer || data.byteOffset !== first.byteOffset + i * bytes) return undefined;
  }
  return viewLike(first, first.buffer, first.byteOffset, size * images.length);
}
