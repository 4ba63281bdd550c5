import { fillChannel } from '../../kernels/channels.ts';
import { drawNamed } from '../../params/constant.ts';
import { defineAugmenter } from '../base/define.ts';
import { integerOption, numberOption } from '../base/options.ts';

/** The channels of this image that are set to zero. */
export interface Dropout2dParams {
  readonly channels: readonly number[];
}

/**
 * Sets whole channels of each image to zero: each channel is dropped with probability `p`, but at least
 * `nbKeepChannels` channels are kept (imgaug's `Dropout2d`).
 *
 * `p` is drawn once per image, then a coin per channel decides; where more channels come up than may be dropped
 * (the channel count minus `nbKeepChannels`), a random subset of them of that size is dropped. So with the default
 * `nbKeepChannels: 1`, a grayscale image is never changed. uint8 and float32 images alike get 0.
 *
 * Differs from imgaug: imgaug also empties the labels (keypoints, boxes, polygons, line strings, maps) of an image
 * whose channels were all dropped (possible only with `nbKeepChannels: 0`); augkit, whose pixel augmenters leave
 * labels as they are, keeps them. A range for `p` gives each image its own probability (imgaug draws one per batch).
 *
 * @param p The probability of dropping a channel: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default 0.1 (imgaug's).
 * @example iaa.Dropout2d(0.5)                        // RGB images lose up to two of their channels
 * @example iaa.Dropout2d(0.1, { nbKeepChannels: 0 }) // any channel, even all of them
 */
export const Dropout2d = defineAugmenter({
  type: 'Dropout2d',
  kind: 'pixel',
  primary: 'p',
  options: {
    p: numberOption(0.1, { min: 0, max: 1 }, 'The probability of setting a channel to zero.'),
    nbKeepChannels: integerOption(1, 0, 'The number of channels that are always kept.'),
  },
  examples: [{ p: 0.5 }, { p: [0.2, 0.8], nbKeepChannels: 0 }],
  drawParams({ p, nbKeepChannels }, random, shape): Dropout2dParams {
    const probability = drawNamed(p, random, 'p');
    const coins = random.stream('channels');
    const dropped: number[] = [];
    for (let c = 0; c < shape.channels; c++) if (coins.random() < probability) dropped.push(c);
    const droppable = Math.max(shape.channels - nbKeepChannels, 0);
    if (dropped.length > droppable) {
      // A random subset of `droppable` of them: the first places of a Fisher–Yates shuffle.
      const order = random.stream('keep');
      for (let i = 0; i < droppable; i++) {
        const j = order.integer(i, dropped.length - 1);
        [dropped[i], dropped[j]] = [dropped[j], dropped[i]];
      }
      dropped.length = droppable;
    }
    return { channels: dropped };
  },
  apply(image, { channels }, out) {
    out.data.set(image.data);
    const n = image.height * image.width;
    for (const c of channels) fillChannel(out.data, image.channels, c, n, 0);
  },
});
