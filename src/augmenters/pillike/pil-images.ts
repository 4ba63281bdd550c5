import type { ImageRule } from '../base/define.ts';

/**
 * What imgaug's pillike functions take: uint8 images (they assert it) of 1, 3 or 4 channels, which become Pillow's
 * "L", "RGB" and "RGBA" images (`_ensure_valid_shape` asserts those counts).
 */
export const PIL_IMAGES: ImageRule = {
  dtypes: ['uint8'],
  channels: [1, 3, 4],
  text: "a uint8 image with 1, 3 or 4 channels, as imgaug's pillike functions (Pillow's L, RGB and RGBA images) require",
};
