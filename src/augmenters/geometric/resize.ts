import { checkOutputSize } from '../../core/limits.ts';
import { NEAREST, applyWarp } from '../../geometry/apply.ts';
import type { Warp } from '../../geometry/warp.ts';
import type { ResizeInterpolation } from '../../kernels/resize.ts';
import { defineAugmenter } from '../base/define.ts';
import { enumOption } from '../base/options.ts';
import { drawSize, sizeOption } from './resize-size.ts';

export type { SideInput, SizeInput } from './resize-size.ts';

/** An image's resize: to the drawn size, with the drawn interpolation. */
export interface ResizeParams {
  readonly warp: Extract<Warp, { kind: 'resize' }>;
}

/** The keys of `size`'s object forms: an options object with only these is the size itself. */
const SIZE_KEYS = ['height', 'width', 'fraction', 'shorterSide', 'longerSide'];

/**
 * Resizes each image to a size drawn per image (imgaug's `Resize`).
 *
 * `size` follows imgaug's rule: an integer is pixels and any other number a fraction of the input, for both sides
 * (`64` gives 64 × 64, `0.5` halves); a `[min, max]` range of two integers draws pixels per image, any other range a
 * fraction (`[32, 64]` gives 32–64 pixels, `[0.5, 1.5]` zooms by 0.5–1.5); an `iap` parameter is pixels when all its
 * draws are integers (`iap.discreteUniform`, `iap.choice([32, 64])`), else a fraction. A fraction that is a whole
 * number goes in `{ fraction }` (`{ fraction: 2 }` doubles, `{ fraction: [1, 2] }` zooms by 1–2).
 * `{ height, width }` gives each side its own size, drawn apart: any of the forms above (a fraction of that side),
 * 'keep' (the side stays; a missing side is kept), or 'keep-aspect-ratio' on one side (it follows the other side's
 * new size, keeping the input's aspect ratio). `{ shorterSide, longerSide }` does the same for the image's shorter
 * and longer side (a square image's width counts as its shorter side, as in imgaug). 'keep' (the default) changes
 * nothing. Fractions give `max(1, round(fraction · side))` pixels, rounding halves to even as numpy does, and lie in
 * (0, 100]; pixel sides lie in [1, 65535]. An output over augkit's limit of 8192 × 8192 pixels per image throws before
 * anything is allocated: at construction when every draw would exceed it, else for the image whose drawn size does.
 *
 * Interpolation is OpenCV's (cv2.resize, what imgaug calls), with uint8 bytes equal to OpenCV 4.6's for 'nearest',
 * 'linear' and 'cubic' (11-bit fixed point; Keys' kernel for 'cubic') and 'area' (the covered area's average when
 * no side grows, bilinear with INTER_AREA's positions when one does). float32 images use float weights and are not
 * clipped.
 *
 * Differs from imgaug: JavaScript and JSON cannot tell `2` from `2.0`, so a whole number is always pixels, as a
 * Python int is; imgaug's `2.0` and `(1.0, 2.0)` are written `{ fraction: 2 }` and `{ fraction: [1, 2] }` here.
 * imgaug's lists (a choice) are `iap.choice([…])`; its snake-case keys `shorter-side` and `longer-side` are
 * `shorterSide` and `longerSide`. A side that 'keep-aspect-ratio' would make 0 pixels is 1 pixel.
 *
 * @param size Pixels, a fraction, a range or `iap` parameter of either, `{ fraction }`, `{ height, width }`,
 *   `{ shorterSide, longerSide }`, or 'keep'.
 * @param interpolation 'nearest', 'linear', 'area' or 'cubic' (imgaug's default), or a list or `iap.choice` to
 *   choose from per image.
 * @example iaa.Resize({ height: 128, width: 128 }, { interpolation: 'linear' })
 * @example iaa.Resize([0.5, 1.5])                                          // zoom every image by its own factor
 * @example iaa.Resize({ height: 64, width: 'keep-aspect-ratio' })         // 64 pixels high, same aspect ratio
 * @example iaa.Resize({ shorterSide: 224, longerSide: 'keep-aspect-ratio' }) // the shorter side becomes 224
 * @example iaa.Resize(0.5, { interpolation: 'area' })                     // half the size, averaging areas
 * @example iaa.Resize({ fraction: 2 })                                     // twice the size
 */
export const Resize = defineAugmenter({
  type: 'Resize',
  kind: 'geometric',
  primary: 'size',
  isPrimaryValue: (value) => Object.keys(value).length > 0 && Object.keys(value).every((k) => SIZE_KEYS.includes(k)),
  options: {
    size: sizeOption('keep'),
    interpolation: enumOption<ResizeInterpolation>(
      'cubic',
      ['nearest', 'linear', 'area', 'cubic'],
      "The interpolation (OpenCV's), or a list to choose from per image.",
    ),
  },
  examples: [
    { size: [0.5, 1.5], interpolation: ['nearest', 'linear', 'area', 'cubic'] },
    { size: { height: [3, 9], width: 'keep' } },
    { size: { height: [0.5, 0.9], width: 'keep-aspect-ratio' }, interpolation: 'area' },
    { size: { shorterSide: [4, 6], longerSide: 'keep-aspect-ratio' }, interpolation: 'linear' },
  ],
  drawParams({ size, interpolation }, random, shape): ResizeParams {
    const [height, width] = drawSize(size, random, shape);
    checkOutputSize('Resize', 'size', height, width);
    const output = { height, width, channels: shape.channels };
    return { warp: { kind: 'resize', interpolation: interpolation.draw(random.stream('interpolation')), output } };
  },
  outputShape: (_options, _shape, params) => params.warp.output,
  apply: (image, { warp }, out) => applyWarp(image, warp, out, NEAREST),
});
