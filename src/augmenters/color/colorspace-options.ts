import { COLORSPACES, type Colorspace } from '../../kernels/colorspace.ts';
import type { ImageRule } from '../base/define.ts';
import { nameOption } from '../base/options.ts';

/**
 * What imgaug's colour-space augmenters take: its `change_colorspace_` hands images to OpenCV's `cvtColor`, which
 * accepts uint8 images with three channels and nothing else (imgaug asserts both).
 */
export const UINT8_RGB: ImageRule = {
  dtypes: ['uint8'],
  channels: [3],
  text: "a uint8 image with 3 channels, as imgaug's colour-space conversions (OpenCV's cvtColor) require",
};

/** A space images may arrive in: every colour space but GRAY, which imgaug cannot convert back from. */
export type SourceColorspace = Exclude<Colorspace, 'GRAY'>;
export const SOURCE_COLORSPACES = COLORSPACES.filter((c) => c !== 'GRAY') as SourceColorspace[];

/** imgaug's `from_colorspace`: the space the images are in, RGB by default. */
export const fromColorspaceOption = nameOption<SourceColorspace>(
  'RGB',
  SOURCE_COLORSPACES,
  'The colour space the images are in (not GRAY: colours cannot be recovered from it).',
);
