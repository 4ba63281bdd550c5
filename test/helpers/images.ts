import type { Image, PixelArray } from '../../src/core/image.ts';

/** An image of pseudo-random bytes from a small LCG: the same pixels for the same arguments, in any test. */
export function randomImage(height: number, width: number, channels: number, seed: number): Image<Uint8Array> {
  const data = new Uint8Array(height * width * channels);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  return { data, height, width, channels };
}

/** A zeroed image of `like`'s dtype and channel count, by default also of its size: a kernel's output. */
export function blank<A extends PixelArray>(like: Image<A>, height = like.height, width = like.width): Image<A> {
  const n = height * width * like.channels;
  const data = (like.data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n)) as A;
  return { data, height, width, channels: like.channels };
}
