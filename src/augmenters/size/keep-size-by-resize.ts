import type { Image, Shape } from '../../core/image.ts';
import { NEAREST, applyWarp } from '../../geometry/apply.ts';
import type { Warp } from '../../geometry/warp.ts';
import type { ResizeInterpolation } from '../../kernels/resize.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { EnumInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { enumOption } from '../base/options.ts';
import {
  type ChainParams,
  applyChain,
  chainOutputShape,
  childrenOf,
  childrenOption,
  drawChain,
} from '../meta/chain.ts';

/** imgaug's interpolations for KeepSizeByResize, and 'no_resize' (imgaug's `NO_RESIZE`: keep the children's size). */
export type KeepSizeInterpolation = ResizeInterpolation | 'no_resize';

export interface KeepSizeByResizeOptions extends CommonOptions {
  /** 'nearest', 'linear', 'cubic' (default) or 'no_resize', or a list to choose from per image. */
  readonly interpolation?: EnumInput<KeepSizeInterpolation>;
}

/** What the children drew, and the resize back to the input's size (undefined: none). */
export interface KeepSizeByResizeParams {
  readonly chain: ChainParams;
  readonly resize: Warp | undefined;
}

const scratch = new Scratch();
let depth = 0;

/**
 * Runs its children on each image, one after the other, then resizes the result back to the input's size with an
 * interpolation drawn per image (imgaug's `KeepSizeByResize`).
 *
 * `interpolation` is 'nearest', 'linear' or 'cubic' (imgaug's default; OpenCV's kernels, see `Resize`), or
 * 'no_resize', which keeps the children's size for that image; a list chooses one per image. An image the
 * children left at its size is copied, as imgaug's resize does.
 *
 * Differs from imgaug: 'area' is not offered yet; heatmaps and segmentation maps are not resized here (labels
 * come with the label API).
 *
 * @example iaa.KeepSizeByResize([iaa.Crop({ px: [0, 10], keepSize: false })])               // crop, then resize back
 * @example iaa.KeepSizeByResize([iaa.Rot90(1, { keepSize: false })], { interpolation: ['nearest', 'linear'] })
 */
export const KeepSizeByResize = defineAugmenter({
  type: 'KeepSizeByResize',
  kind: 'meta',
  positional: ['children'],
  options: {
    children: childrenOption('The augmenters whose result is resized back.'),
    interpolation: enumOption<KeepSizeInterpolation>(
      'cubic',
      ['nearest', 'linear', 'cubic', 'no_resize'],
      "The resize back's interpolation (OpenCV's), 'no_resize', or a list to choose from per image.",
    ),
  },
  examples: [
    {
      children: [{ type: 'Crop', px: [0, 3], keepSize: false }],
      interpolation: ['nearest', 'linear', 'cubic', 'no_resize'],
    },
  ],
  prepare: ({ children, interpolation }) => ({
    children: childrenOf(children),
    interpolation,
    order: children.map((_, i) => i),
  }),
  drawParams({ children, interpolation, order }, random, shape): KeepSizeByResizeParams {
    const chain = drawChain(children, order, random, shape);
    const mode = interpolation.draw(random.stream('interpolation'));
    const after = chainOutputShape(shape, chain);
    const same = after.height === shape.height && after.width === shape.width;
    return {
      chain,
      resize: mode === 'no_resize' || same ? undefined : { kind: 'resize', interpolation: mode, output: shape },
    };
  },
  outputShape: (_prepared, shape, { chain, resize }) => (resize ? shape : chainOutputShape(shape, chain)),
  apply(image: Image, { chain, resize }, out: Image, { children }): void {
    if (resize === undefined) {
      applyChain(children.list, chain, image, out);
      return;
    }
    const mid: Shape = chainOutputShape(image, chain);
    // The children's result lives in a buffer of this nesting depth (a KeepSizeByResize inside another's children
    // uses the next), reused from call to call.
    const level = depth++;
    try {
      const data = scratch.like(level, image.data, mid.height * mid.width * mid.channels);
      const between: Image = { data, height: mid.height, width: mid.width, channels: mid.channels };
      applyChain(children.list, chain, image, between);
      applyWarp(between, resize, out, NEAREST);
    } finally {
      depth--;
    }
  },
}) as unknown as DefinedFactory<
  (children?: readonly Augmenter[], options?: KeepSizeByResizeOptions) => Augmenter<KeepSizeByResizeParams>
>;
