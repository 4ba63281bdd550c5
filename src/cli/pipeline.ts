// Pipelines for the CLI: a JSON file (any augmenter's `toJSON()` form) or a named preset, seeded.
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Augmenter, AugmenterSpec } from '../augmenters/base/augmenter.ts';
import { fromJSON } from '../augmenters/index.ts';
import { PAD_MODES } from '../kernels/pad.ts';
import { CliError, UsageError } from './command.ts';

/**
 * The presets of `--preset NAME`, as pipeline JSON (what `augkit augment --preset light` runs is exactly what a
 * file with this content would run). Ranges are imgaug-style `[min, max]`, sampled per image.
 */
export const PRESETS = {
  /**
   * Small changes that keep every image clearly itself: mirror, a crop of up to 5% per side (resized back), a slight
   * tilt and shift, a little light, and now and then a slight shift of hue and saturation.
   */
  light: {
    type: 'Sequential',
    children: [
      { type: 'Fliplr', p: 0.5 },
      { type: 'Crop', percent: [0, 0.05] },
      { type: 'Affine', rotate: [-10, 10], translatePercent: [-0.05, 0.05] },
      { type: 'Multiply', mul: [0.9, 1.1] },
      { type: 'Sometimes', p: 0.3, then: { type: 'AddToHueAndSaturation', value: [-10, 10] } },
    ],
  },
  /**
   * The usual training mix (imgaug's README example): mirror, a crop of up to 10% per side (resized back), one of
   * three blurs now and then, contrast and brightness, a shift of hue and saturation, a little noise or JPEG
   * artefacts on some images, scale/shift/rotate/shear.
   */
  medium: {
    type: 'Sequential',
    randomOrder: true,
    children: [
      { type: 'Fliplr', p: 0.5 },
      { type: 'Crop', percent: [0, 0.1] },
      {
        type: 'Sometimes',
        p: 0.5,
        then: {
          type: 'OneOf',
          children: [
            { type: 'GaussianBlur', sigma: [0, 1] },
            { type: 'AverageBlur', k: [2, 5] },
            { type: 'MedianBlur', k: 3 },
          ],
        },
      },
      { type: 'LinearContrast', alpha: [0.75, 1.5] },
      { type: 'Multiply', mul: [0.8, 1.2] },
      { type: 'Sometimes', p: 0.3, then: { type: 'AddToHueAndSaturation', value: [-20, 20] } },
      { type: 'Sometimes', p: 0.2, then: { type: 'AdditiveGaussianNoise', scale: [0, 0.05 * 255] } },
      { type: 'Sometimes', p: 0.2, then: { type: 'JpegCompression', compression: [50, 90] } },
      {
        type: 'Affine',
        scale: [0.9, 1.1],
        translatePercent: [-0.1, 0.1],
        rotate: [-20, 20],
        shear: [-8, 8],
      },
    ],
  },
  /**
   * Strong changes: crops and pads of any pad mode (resized back) on half of the images, large rotations and
   * shears, blurs (Gaussian, box, median, motion), sharpening and embossing, contrast, brightness in a random colour
   * space, hue and saturation, some gray, noise, dropped pixels or rectangles and salt-and-pepper, edges or contrast
   * blended in through simplex or frequency noise, fewer colours, JPEG artefacts, a few inverted channels.
   */
  heavy: {
    type: 'Sequential',
    randomOrder: true,
    children: [
      { type: 'Fliplr', p: 0.5 },
      {
        type: 'Sometimes',
        p: 0.5,
        then: {
          type: 'CropAndPad',
          percent: [-0.05, 0.1],
          padMode: [...PAD_MODES],
          padCval: [0, 255],
        },
      },
      {
        type: 'OneOf',
        children: [
          { type: 'GaussianBlur', sigma: [0, 2] },
          { type: 'AverageBlur', k: [2, 7] },
          { type: 'MedianBlur', k: 5 },
          { type: 'MotionBlur', k: [3, 9] },
        ],
      },
      {
        type: 'Sometimes',
        p: 0.3,
        then: {
          type: 'OneOf',
          children: [
            { type: 'Sharpen', alpha: [0, 1], lightness: [0.75, 1.5] },
            { type: 'Emboss', alpha: [0, 1], strength: [0, 2] },
          ],
        },
      },
      { type: 'LinearContrast', alpha: [0.5, 2] },
      { type: 'Multiply', mul: [0.6, 1.4] },
      { type: 'Sometimes', p: 0.3, then: { type: 'MultiplyAndAddToBrightness', mul: [0.7, 1.3], add: [-30, 30] } },
      { type: 'AddToHueAndSaturation', value: [-20, 20] },
      { type: 'Sometimes', p: 0.2, then: { type: 'Grayscale', alpha: [0, 1] } },
      {
        type: 'Sometimes',
        p: 0.5,
        then: { type: 'AdditiveGaussianNoise', scale: [0, 0.05 * 255], perChannel: 0.5 },
      },
      {
        type: 'Sometimes',
        p: 0.5,
        then: {
          type: 'OneOf',
          children: [
            { type: 'Dropout', p: [0, 0.1] },
            { type: 'CoarseDropout', p: [0.03, 0.15], sizePercent: [0.02, 0.05], perChannel: 0.2 },
          ],
        },
      },
      // imgaug's README example: edges shown in cloud-like patches, and contrast or brightness in blotches.
      {
        type: 'Sometimes',
        p: 0.2,
        then: {
          type: 'BlendAlphaSimplexNoise',
          foreground: {
            type: 'OneOf',
            children: [
              { type: 'EdgeDetect', alpha: [0, 0.7] },
              { type: 'DirectedEdgeDetect', alpha: [0, 0.7], direction: [0, 1] },
            ],
          },
        },
      },
      {
        type: 'Sometimes',
        p: 0.2,
        then: {
          type: 'BlendAlphaFrequencyNoise',
          exponent: [-4, 0],
          foreground: { type: 'Multiply', mul: [0.5, 1.5], perChannel: true },
          background: { type: 'LinearContrast', alpha: [0.5, 2] },
        },
      },
      {
        type: 'Sometimes',
        p: 0.1,
        then: {
          type: 'OneOf',
          children: [
            { type: 'KMeansColorQuantization', nColors: [4, 16] },
            { type: 'UniformColorQuantization', nColors: [4, 16] },
          ],
        },
      },
      { type: 'Sometimes', p: 0.2, then: { type: 'JpegCompression', compression: [60, 95] } },
      {
        type: 'Sometimes',
        p: 0.3,
        then: { type: 'SaltAndPepper', p: [0, 0.05] },
      },
      { type: 'Invert', p: 0.05, perChannel: true },
      {
        type: 'Affine',
        scale: [0.75, 1.25],
        translatePercent: [-0.2, 0.2],
        rotate: [-45, 45],
        shear: [-16, 16],
        mode: 'edge',
      },
    ],
  },
  /** The walkthrough's pipeline: drop 20% of the pixels and rotate by up to 30 degrees, in random order. */
  walkthrough: {
    type: 'Sequential',
    randomOrder: true,
    children: [
      { type: 'Dropout', p: 0.2 },
      { type: 'Affine', rotate: [-30, 30] },
    ],
  },
} as const satisfies Record<string, AugmenterSpec>;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;

/** A pipeline ready to run, with where it came from and the seed it runs with. */
export interface LoadedPipeline {
  readonly augmenter: Augmenter;
  /** The JSON it was built from, with the seed in force at its root. */
  readonly spec: AugmenterSpec;
  readonly seed: number;
  /** True when the seed was picked for this run (neither `--seed` nor the file gave one). */
  readonly seedPicked: boolean;
  /** `preset NAME` or the file's path, for messages. */
  readonly source: string;
}

/**
 * Reads and parses a pipeline file (UTF-8, with or without a byte order mark); JSON syntax errors name the file, the
 * rest is left to `fromJSON`.
 */
export async function readPipelineFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read pipeline ${path}: ${(error as Error).message}`);
  }
  try {
    // Editors on Windows start UTF-8 files with a byte order mark, which JSON.parse rejects.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new CliError(`pipeline ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Builds the pipeline of `--pipeline FILE` or `--preset NAME` (exactly one, or `fallback` when neither is given),
 * seeded with `seed`, else the file's own root seed, else a seed picked now (reported by the caller). Errors in
 * the JSON throw `SpecError`s naming the JSON path (`children[1].rotate: …`).
 */
export async function loadPipeline(options: {
  readonly pipeline?: string;
  readonly preset?: string;
  readonly seed?: number;
  readonly cwd: string;
  readonly command: string;
  readonly fallback?: PresetName;
}): Promise<LoadedPipeline> {
  const { pipeline, preset, command } = options;
  if (pipeline !== undefined && preset !== undefined) {
    throw new UsageError('give either --pipeline or --preset, not both', command);
  }
  let raw: unknown;
  let source: string;
  if (pipeline !== undefined) {
    raw = await readPipelineFile(resolve(options.cwd, pipeline));
    source = pipeline;
  } else {
    const name = preset ?? options.fallback;
    if (name === undefined) throw new UsageError('give a pipeline: --pipeline FILE.json or --preset NAME', command);
    if (!Object.hasOwn(PRESETS, name)) {
      throw new UsageError(`unknown preset "${name}" (presets: ${Object.keys(PRESETS).join(', ')})`, command);
    }
    raw = PRESETS[name as PresetName];
    source = `preset ${name}`;
  }
  // Validate first, so a bad file is reported by its own paths before any seed is added to it.
  const unseeded = fromJSON(raw);
  const fileSeed = unseeded.hasOwnSeed ? unseeded.seed : undefined;
  const seed = options.seed ?? fileSeed ?? randomInt(0, 2 ** 31);
  const spec = { ...(raw as AugmenterSpec), seed };
  return {
    augmenter: fromJSON(spec),
    spec,
    seed,
    seedPicked: options.seed === undefined && fileSeed === undefined,
    source,
  };
}
