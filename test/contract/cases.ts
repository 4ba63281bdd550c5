// The contract suite's example options per registered augmenter (from the definitions), and the helpers its checks
// share.
import { registry } from '../../src/augmenters/index.ts';
import * as iaa from '../../src/index.ts';
import { randomBatch } from '../helpers/images.ts';

export { randomBatch };

/** Example JSON options per augmenter type, from the definitions (`examples`): random enough that the output depends on the draws. */
export const cases: Record<string, readonly Record<string, unknown>[]> = Object.fromEntries(
  [...registry.values()].map((entry) => [entry.type, entry.definition.examples]),
);

/** Whether augmenter `type` takes images of this channel count and dtype (its definition's `accepts`). */
export function takes(type: string, channels: number, float: boolean): boolean {
  const rule = registry.get(type)?.definition.accepts;
  return rule === undefined || (rule.channels.includes(channels) && rule.dtypes.includes(float ? 'float32' : 'uint8'));
}

/** `channels` if augmenter `type` takes uint8 images with that many, else the first channel count it takes. */
export function channelsFor(type: string, channels: number): number {
  return takes(type, channels, false) ? channels : (registry.get(type)?.definition.accepts?.channels[0] ?? channels);
}

/** True for the template error of an augmenter refusing an image (see `accepts`), naming it. */
export function isImageRefusal(error: unknown, type?: string): boolean {
  const e = error as { option?: unknown; owner?: unknown; message?: unknown };
  return e?.option === 'image' && (type === undefined || (e.owner === type && String(e.message).startsWith(type)));
}

export const asList = (b: iaa.Batch): iaa.Image[] => (iaa.isUniformBatch(b) ? iaa.batchToImages(b) : [...b]);

export function sameImages(a: iaa.Batch, b: iaa.Batch): boolean {
  const x = asList(a);
  const y = asList(b);
  return x.length === y.length && x.every((img, i) => iaa.imagesEqual(img, y[i]));
}

/** The factory `iaa` exports for augmenter `type`: `iaa.Affine`, or `iaa.pillike.Affine` for 'pillike.Affine'. */
export function factoryOf(type: string): (options: Record<string, unknown>) => iaa.Augmenter {
  let value: unknown = iaa;
  for (const key of type.split('.')) value = (value as Record<string, unknown>)[key];
  if (typeof value !== 'function') throw new Error(`iaa exports no factory for ${type}`);
  return value as (options: Record<string, unknown>) => iaa.Augmenter;
}

export const build = (type: string, options: Record<string, unknown>, seed = 5) =>
  iaa.fromJSON({ type, seed, ...options });
