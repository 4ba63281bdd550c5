import { defineAugmenter } from '../base/define.ts';

/**
 * Returns each image unchanged (a copy: the input is never shared with the output).
 * @example iaa.Sometimes(0.5, iaa.Fliplr(1), iaa.Identity())
 */
export const Identity = defineAugmenter({
  type: 'Identity',
  kind: 'pixel',
  options: {},
  examples: [{}],
  drawParams: () => undefined,
  apply: (image, _params, out) => out.data.set(image.data),
});
