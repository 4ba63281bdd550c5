import type { Image } from '../../core/image.ts';
import { PIL_FILTERS, type PilFilterName, pilFilterU8 } from '../../kernels/pil-filter.ts';
import { PIL_IMAGES } from './pil-images.ts';

/** Nothing is drawn. */
export type PilFilterParams = Record<string, never>;

const NONE: PilFilterParams = {};

/**
 * Everything but the type of a pillike filter augmenter (imgaug's `_FilterBase`): no options, nothing drawn, and
 * Pillow's `Image.filter` with the built-in filter `name` on every image.
 */
export function filterSteps(name: PilFilterName) {
  const filter = PIL_FILTERS[name];
  return {
    kind: 'pixel',
    options: {},
    examples: [{}],
    accepts: PIL_IMAGES,
    drawParams: (): PilFilterParams => NONE,
    fixedParams: (): PilFilterParams => NONE,
    apply: (image: Image, _params: PilFilterParams, out: Image) =>
      pilFilterU8(image.data as Uint8Array, image, filter, out.data as Uint8Array),
  } as const;
}
