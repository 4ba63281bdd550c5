import type { Shape } from '../../core/image.ts';
import { convertColorspace } from '../../kernels/colorspace.ts';
import { hsvToHueSaturation, hueSaturationToHsv } from '../../kernels/hue-saturation.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { type ChainParams, chainWarp, childrenOf, childrenOption } from '../meta/chain.ts';
import { drawDerived, runOnDerived } from '../meta/derived.ts';
import { type SourceColorspace, UINT8_RGB, fromColorspaceOption } from './colorspace-options.ts';

export interface WithHueAndSaturationOptions extends CommonOptions {
  /** The space the images are in. Default 'RGB'. */
  readonly fromColorspace?: SourceColorspace;
}

// The children's image: hue and saturation as float32 (imgaug's int16 image, which may leave 0–255 between steps).
const FLOAT32 = new Float32Array(0);

/**
 * Runs the children on the hue and saturation of each image (imgaug's `WithHueAndSaturation`): the image goes to
 * HSV, the children get a float32 image of 2 channels, the hue projected from OpenCV's 0–180 onto 0–255 and the
 * saturation, and their result is stored as int16 (rounded half to even), the hue wrapped around modulo 255 and
 * projected back, the saturation clipped to 0–255, the value channel kept, and the image converted back. The
 * children must keep the size and the 2 channels. Images must be uint8 with 3 channels.
 *
 * Differs from imgaug: the children's image is float32 (augkit has no int16 images), rounded once after the last
 * child; imgaug rounds after each child, so chains of several children can differ by one.
 *
 * @example iaa.WithHueAndSaturation([iaa.WithChannels(0, iaa.Add([-30, 10])), iaa.WithChannels(1, iaa.Multiply([0.5, 1.5]))])
 */
export const WithHueAndSaturation = defineAugmenter({
  type: 'WithHueAndSaturation',
  kind: 'meta',
  positional: ['children'],
  options: {
    children: childrenOption('The augmenters run on the hue and saturation, one after the other.', false, true),
    fromColorspace: fromColorspaceOption,
  },
  examples: [
    {
      children: [
        { type: 'WithChannels', channels: 0, children: [{ type: 'Add', value: [-30, 10] }] },
        { type: 'WithChannels', channels: 1, children: [{ type: 'Multiply', mul: [0.5, 1.5] }] },
      ],
    },
  ],
  accepts: UINT8_RGB,
  prepare: ({ children, fromColorspace }) => ({
    fromColorspace,
    children: childrenOf(children),
    order: children.map((_, i) => i),
  }),
  drawParams: ({ children, order }, random, shape): ChainParams =>
    drawDerived(
      'WithHueAndSaturation',
      children,
      order,
      random,
      { ...shape, channels: 2 },
      'shape',
      'hue and saturation go back into the image',
    ),
  warp: ({ children }, shape, chain) => chainWarp(children.list, chain, shape),
  apply(image, chain, out, { children, fromColorspace }) {
    const n = image.height * image.width;
    const hsv = out.data as Uint8Array;
    const derived: Shape = { height: image.height, width: image.width, channels: 2 };
    convertColorspace(image.data as Uint8Array, hsv, n, image.width, fromColorspace, 'HSV');
    runOnDerived(
      children,
      chain,
      derived,
      FLOAT32,
      (into) => hsvToHueSaturation(hsv, into.data as Float32Array, n),
      (result) => hueSaturationToHsv(result.data as Float32Array, hsv, n),
    );
    convertColorspace(hsv, hsv, n, image.width, 'HSV', fromColorspace);
  },
}) as unknown as DefinedFactory<
  (children?: Augmenter | readonly Augmenter[], options?: WithHueAndSaturationOptions) => Augmenter<ChainParams>
>;
