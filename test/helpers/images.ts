import fc from 'fast-check';
import type { Image, PixelArray, UniformBatch } from '../../src/core/image.ts';
import { RandomSource } from '../../src/random/stream.ts';

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

/** An image whose value i is (i · step + seed) & 255: a wrapping ramp, the same for the same arguments in any test. */
export function rampImage(
  height: number,
  width: number,
  channels: number,
  seed: number,
  step: number,
): Image<Uint8Array> {
  const data = new Uint8Array(height * width * channels).map((_, i) => (i * step + seed) & 255);
  return { data, height, width, channels };
}

/** A zeroed image of `like`'s dtype and channel count, by default also of its size: a kernel's output. */
export function blank<A extends PixelArray>(like: Image<A>, height = like.height, width = like.width): Image<A> {
  const n = height * width * like.channels;
  const data = (like.data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n)) as A;
  return { data, height, width, channels: like.channels };
}

/** A batch of `n` images of pseudo-random pixels drawn from a seeded stream (values in [0, 1] with `float`). */
export function randomBatch(n: number, h: number, w: number, c: number, float = false, seed = 11): UniformBatch {
  const s = RandomSource.root(seed, 0, 0).stream('pixels');
  const data = float ? new Float32Array(n * h * w * c) : new Uint8Array(n * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = float ? (s.nextUint32() & 255) / 255 : s.nextUint32() & 255;
  return { data, n, height: h, width: w, channels: c };
}

/** fast-check arbitraries of a warp's source size (h × w, 1 to `maxIn`) and output size (oh × ow, 1 to `maxOut`). */
export function warpSizes(maxIn: number, maxOut: number) {
  return {
    h: fc.integer({ min: 1, max: maxIn }),
    w: fc.integer({ min: 1, max: maxIn }),
    oh: fc.integer({ min: 1, max: maxOut }),
    ow: fc.integer({ min: 1, max: maxOut }),
  };
}
