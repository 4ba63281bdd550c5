import type { Image, Shape } from '../../core/image.ts';
import { NEAREST, applyWarp } from '../../geometry/apply.ts';
import type { Warp } from '../../geometry/warp.ts';
import type { ResizeInterpolation } from '../../kernels/resize.ts';
import type { EnumInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { enumOption } from '../base/options.ts';
import { withScratchImages } from '../meta/branch.ts';
import {
  type ChainParams,
  applyChain,
  chainOutputShape,
  chainWarp,
  childrenOf,
  childrenOption,
  drawChain,
} from '../meta/chain.ts';

/** imgaug's interpolations for KeepSizeByResize, and 'no_resize' (imgaug's `NO_RESIZE`: keep the children's size). */
export type KeepSizeInterpolation = ResizeInterpolation | 'no_resize';

/**
 * A map's interpolation for KeepSizeByResize: OpenCV's, 'no_resize' (imgaug's `NO_RESIZE`: the map keeps the
 * children's size), or 'same' (imgaug's `SAME_AS_IMAGES`: the image's draw).
 */
export type MapInterpolation = KeepSizeInterpolation | 'same';

export interface KeepSizeByResizeOptions extends CommonOptions {
  /** 'nearest', 'linear', 'area', 'cubic' (default) or 'no_resize', or a list to choose from per image. */
  readonly interpolation?: EnumInput<KeepSizeInterpolation>;
  /** The heatmaps': 'same' (default: the image's), 'nearest', 'linear', 'area', 'cubic', 'no_resize', or a list. */
  readonly interpolationHeatmaps?: EnumInput<MapInterpolation>;
  /** The segmentation maps': 'nearest' (default), 'same', 'linear', 'area', 'cubic', 'no_resize', or a list. */
  readonly interpolationSegmaps?: EnumInput<MapInterpolation>;
}

/** What the children drew, and the resize back to the input's size (undefined: none). */
export interface KeepSizeByResizeParams {
  readonly chain: ChainParams;
  readonly resize: Extract<Warp, { kind: 'resize' }> | undefined;
}

const MAP_INTERPOLATIONS: readonly MapInterpolation[] = ['same', 'nearest', 'linear', 'area', 'cubic', 'no_resize'];

/**
 * Runs its children on each image, one after the other, then resizes the result back to the input's size with an
 * interpolation drawn per image (imgaug's `KeepSizeByResize`).
 *
 * `interpolation` is 'nearest', 'linear', 'area' or 'cubic' (imgaug's default; OpenCV's kernels, see `Resize`), or
 * 'no_resize', which keeps the children's size for that image; a list chooses one per image. An image the
 * children left at its size is copied, as imgaug's resize does. Labels move with the children and then with the
 * resize back (keypoints and boxes scaled by the size ratio); heatmaps are resized with `interpolationHeatmaps`
 * ('same', the default, takes the image's draw) and clipped to [0, 1], segmentation maps with
 * `interpolationSegmaps` (default 'nearest'; another interpolation blends class ids, as imgaug's would); a map drawn
 * 'no_resize' keeps the children's size while its image is resized back.
 *
 * Differs from imgaug: an image drawn 'no_resize' leaves its maps at the children's size too (imgaug may resize a map
 * of such an image back).
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
      ['nearest', 'linear', 'area', 'cubic', 'no_resize'],
      "The resize back's interpolation (OpenCV's), 'no_resize', or a list to choose from per image.",
    ),
    interpolationHeatmaps: enumOption<MapInterpolation>(
      'same',
      MAP_INTERPOLATIONS,
      "The heatmaps' interpolation, 'same' as the image's, or a list to choose from per image.",
    ),
    interpolationSegmaps: enumOption<MapInterpolation>(
      'nearest',
      MAP_INTERPOLATIONS,
      "The segmentation maps' interpolation, 'same' as the image's, or a list to choose from per image.",
    ),
  },
  examples: [
    {
      children: [{ type: 'Crop', px: [0, 3], keepSize: false }],
      interpolation: ['nearest', 'linear', 'area', 'cubic', 'no_resize'],
    },
    {
      children: [{ type: 'Rot90', k: [1, 3], keepSize: false }],
      interpolation: 'area',
      interpolationHeatmaps: ['linear', 'cubic', 'no_resize'],
      interpolationSegmaps: 'same',
    },
  ],
  prepare: ({ children, interpolation, interpolationHeatmaps, interpolationSegmaps }) => ({
    children: childrenOf(children),
    interpolation,
    interpolationHeatmaps,
    interpolationSegmaps,
    order: children.map((_, i) => i),
  }),
  drawParams(
    { children, interpolation, interpolationHeatmaps, interpolationSegmaps, order },
    random,
    shape,
  ): KeepSizeByResizeParams {
    const chain = drawChain(children, order, random, shape);
    const mode = interpolation.draw(random.stream('interpolation'));
    const heat = interpolationHeatmaps.draw(random.stream('interpolationHeatmaps'));
    const seg = interpolationSegmaps.draw(random.stream('interpolationSegmaps'));
    const after = chainOutputShape(shape, chain);
    if (mode === 'no_resize' || (after.height === shape.height && after.width === shape.width)) {
      return { chain, resize: undefined };
    }
    const resize = {
      kind: 'resize' as const,
      interpolation: mode,
      output: shape,
      heatmaps: heat === 'same' ? mode : heat,
      segmaps: seg === 'same' ? mode : seg,
    };
    return { chain, resize };
  },
  outputShape: (_prepared, shape, { chain, resize }) => (resize ? shape : chainOutputShape(shape, chain)),
  warp: ({ children }, shape, { chain, resize }) => {
    const inner = chainWarp(children.list, chain, shape);
    if (resize === undefined) return inner;
    const steps: Warp[] = inner.kind === 'chain' ? [...inner.steps] : inner.kind === 'identity' ? [] : [inner];
    steps.push(resize);
    // imgaug resizes a map back to its own shape before the children, at the map's interpolation.
    const forMap = (map: Shape, mapped: (warp: Warp, image: Shape, map: Shape) => Warp): Warp => {
      const moved = mapped(inner, shape, map);
      return { kind: 'chain', steps: [moved, { ...resize, output: map }], output: map };
    };
    return steps.length === 1 ? { ...steps[0], forMap } : { kind: 'chain', steps, output: shape, forMap };
  },
  apply(image: Image, { chain, resize }, out: Image, { children }): void {
    if (resize === undefined) {
      applyChain(children.list, chain, image, out);
      return;
    }
    const mid: Shape = chainOutputShape(image, chain);
    // The children's result lives in a scratch image of this nesting depth, reused from call to call.
    withScratchImages((scratchImage) => {
      const between = scratchImage(0, image.data, mid);
      applyChain(children.list, chain, image, between);
      applyWarp(between, resize, out, NEAREST);
    });
  },
}) as unknown as DefinedFactory<
  (children?: readonly Augmenter[], options?: KeepSizeByResizeOptions) => Augmenter<KeepSizeByResizeParams>
>;
