// The checks of an augmenter call's inputs: sample indices and images.
import { argumentError } from '../../core/errors.ts';
import { type Image, type PixelArray, assertImage, sharesMemory } from '../../core/image.ts';

/** A sample index: an integer in [0, 2^32 − 1]. */
function isIndex(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

export function checkIndex(owner: string, what: string, v: unknown): void {
  if (!isIndex(v)) {
    throw argumentError(owner, what, 'an integer in [0, 2^32 - 1]', v, typeof v === 'number' ? 'range' : 'type');
  }
}

/** The samples' indices of a batch of `n`: `indices` checked, or 0 … n − 1. */
export function resolveIndices(owner: string, indices: ArrayLike<number> | undefined, n: number): ArrayLike<number> {
  if (indices === undefined) {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  if (indices.length !== n) {
    throw argumentError(owner, 'indices', `an array of ${n} indices (one per image)`, indices);
  }
  for (let i = 0; i < n; i++) {
    const v = indices[i];
    // The argument's name is built only for the error (a string per index cost more than the rest of a small
    // image's batch bookkeeping).
    if (!isIndex(v)) checkIndex(owner, `indices[${i}]`, v);
  }
  return indices;
}

/** Validates an image (`what[index]` in errors when `index` is given); a gray image may omit `channels`. */
export function normaliseImage(image: Image, owner: string, what = 'image', index?: number): Image {
  if (image && typeof image === 'object' && (image as { channels?: number }).channels === undefined) {
    return assertImage({ ...image, channels: 1 }, owner, what, index);
  }
  return assertImage(image, owner, what, index);
}

/** Throws the template error when `out` shares memory with an input (`what`: the image or the batch). */
export function checkOut(owner: string, out: PixelArray, input: PixelArray, what: string): void {
  if (sharesMemory(out, input)) {
    throw argumentError(owner, 'out', `a buffer that does not share memory with ${what}`, `${what}’s own buffer`);
  }
}
