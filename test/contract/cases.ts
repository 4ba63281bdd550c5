// The contract suite's example options per registered augmenter (from the definitions), and the helpers its checks
// share.
import * as iaa from '../../src/index.ts';

/** Example JSON options per augmenter type, from the definitions (`examples`): random enough that the output depends on the draws. */
export const cases: Record<string, readonly Record<string, unknown>[]> = Object.fromEntries(
  [...iaa.registry.values()].map((entry) => [entry.type, entry.definition.examples]),
);

export function randomBatch(n: number, h: number, w: number, c: number, float = false, seed = 11): iaa.UniformBatch {
  const s = iaa.RandomSource.root(seed, 0, 0).stream('pixels');
  const data = float ? new Float32Array(n * h * w * c) : new Uint8Array(n * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = float ? (s.nextUint32() & 255) / 255 : s.nextUint32() & 255;
  return { data, n, height: h, width: w, channels: c };
}

export const asList = (b: iaa.Batch): iaa.Image[] => (iaa.isUniformBatch(b) ? iaa.batchToImages(b) : [...b]);

export function sameImages(a: iaa.Batch, b: iaa.Batch): boolean {
  const x = asList(a);
  const y = asList(b);
  return x.length === y.length && x.every((img, i) => iaa.imagesEqual(img, y[i]));
}

export const build = (type: string, options: Record<string, unknown>, seed = 5) =>
  iaa.fromJSON({ type, seed, ...options });
