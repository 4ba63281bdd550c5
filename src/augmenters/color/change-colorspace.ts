import { blendImages } from '../../kernels/blend.ts';
import { COLORSPACES, type Colorspace, convertColorspace } from '../../kernels/colorspace.ts';
import { defineAugmenter } from '../base/define.ts';
import { enumOption, numberOption } from '../base/options.ts';
import { UINT8_RGB, fromColorspaceOption } from './colorspace-options.ts';

// imgaug's ChangeColorspace.eps: an alpha at or below it leaves the image alone, one at or above 1 − eps is the
// converted image unblended (blend_alpha's shortcut, which ChangeColorspace calls with this eps).
const EPS = 0.001;

// imgaug requires `to_colorspace`; augkit's default (so that every augmenter builds from its defaults) draws any
// space but RGB per image.
const TARGETS = COLORSPACES.filter((c) => c !== 'RGB');

/** One image's draws: the target space and the converted image's opacity. */
export interface ChangeColorspaceParams {
  readonly toColorspace: Colorspace;
  readonly alpha: number;
}

/**
 * Converts each image to a colour space drawn per image and blends the result over the input with an opacity
 * `alpha` drawn per image (imgaug's `ChangeColorspace`). The output keeps 3 uint8 channels holding the new space's
 * values (GRAY writes its one value into all three), with OpenCV's cvtColor bytes: pairs without a direct conversion go
 * through RGB, as imgaug's do. A partial alpha blends as imgaug's `blend_alpha` (float32, rounded half to even); an
 * alpha ≤ 0.001 or a target equal to `fromColorspace` leaves the image unchanged. Images must be uint8 with 3 channels.
 *
 * Differs from imgaug: imgaug 0.4.0 converts an image in place when its array owns its memory (a list of images,
 * not a view into a 4-D batch), so its blend then mixes the converted image with itself and alpha has no effect for
 * every target but GRAY; augkit always blends, as imgaug does for a 4-D batch.
 *
 * @param toColorspace The target space: 'RGB', 'BGR', 'GRAY', 'CIE' (XYZ), 'YCrCb', 'HSV', 'HLS', 'Lab', 'Luv' or
 *   'YUV', a list to draw from per image, or `iap.choice([...])`. Default: every space but RGB (imgaug has no
 *   default).
 * @example iaa.ChangeColorspace('HSV')                            // the HSV values shown as if they were RGB
 * @example iaa.ChangeColorspace(['Lab', 'YCrCb'], { alpha: [0, 1] }) // a space per image, partly blended in
 */
export const ChangeColorspace = defineAugmenter({
  type: 'ChangeColorspace',
  kind: 'pixel',
  primary: 'toColorspace',
  options: {
    toColorspace: enumOption<Colorspace>(
      TARGETS,
      COLORSPACES,
      'The colour space the images are converted to, drawn per image from a list or parameter.',
    ),
    fromColorspace: fromColorspaceOption,
    alpha: numberOption(1, { min: 0, max: 1 }, 'The opacity of the converted image over the input (1: fully).'),
  },
  examples: [
    { toColorspace: ['HSV', 'Lab', 'GRAY'], alpha: [0, 1] },
    { toColorspace: 'YCrCb', fromColorspace: 'BGR', alpha: [0.2, 0.8] },
  ],
  accepts: UINT8_RGB,
  drawParams: ({ toColorspace, alpha }, random): ChangeColorspaceParams => ({
    alpha: alpha.draw(random.stream('alpha')),
    toColorspace: toColorspace.draw(random.stream('toColorspace')),
  }),
  apply(image, { toColorspace, alpha }, out, { fromColorspace }) {
    const src = image.data as Uint8Array;
    const dst = out.data as Uint8Array;
    if (alpha <= EPS || toColorspace === fromColorspace) {
      dst.set(src);
      return;
    }
    convertColorspace(src, dst, image.height * image.width, image.width, fromColorspace, toColorspace);
    if (alpha < 1 - EPS) blendImages({ fg: dst, bg: src, out: dst, channels: 3, alphas: [alpha] });
  },
});
