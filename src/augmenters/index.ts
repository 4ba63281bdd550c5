import { Add } from './arithmetic/add.ts';
import { AdditiveGaussianNoise } from './arithmetic/additive-gaussian-noise.ts';
import { Dropout } from './arithmetic/dropout.ts';
import { Multiply } from './arithmetic/multiply.ts';
import { SaltAndPepper } from './arithmetic/salt-and-pepper.ts';
// The list of augmenters: every factory, and the registry built from their definitions.
import type { Augmenter } from './base/augmenter.ts';
import { type RegistryEntry, buildFromSpec, entryFromFactory } from './base/registry.ts';
import { GaussianBlur } from './blur/gaussian-blur.ts';
import { Grayscale } from './color/grayscale.ts';
import { GammaContrast } from './contrast/gamma-contrast.ts';
import { LinearContrast } from './contrast/linear-contrast.ts';
import { Fliplr } from './flip/fliplr.ts';
import { Flipud } from './flip/flipud.ts';
import { Affine } from './geometric/affine.ts';
import { ElasticTransformation } from './geometric/elastic-transformation.ts';
import { PerspectiveTransform } from './geometric/perspective-transform.ts';
import { Resize } from './geometric/resize.ts';
import { Rotate } from './geometric/rotate.ts';
import { ScaleX } from './geometric/scale-x.ts';
import { ScaleY } from './geometric/scale-y.ts';
import { ShearX } from './geometric/shear-x.ts';
import { ShearY } from './geometric/shear-y.ts';
import { TranslateX } from './geometric/translate-x.ts';
import { TranslateY } from './geometric/translate-y.ts';
import { Identity } from './meta/identity.ts';
import { OneOf } from './meta/one-of.ts';
import { Sequential } from './meta/sequential.ts';
import { SomeOf } from './meta/some-of.ts';
import { Sometimes } from './meta/sometimes.ts';

export { Multiply } from './arithmetic/multiply.ts';
export { Add } from './arithmetic/add.ts';
export { Dropout } from './arithmetic/dropout.ts';
export { SaltAndPepper } from './arithmetic/salt-and-pepper.ts';
export { LinearContrast } from './contrast/linear-contrast.ts';
export { GammaContrast } from './contrast/gamma-contrast.ts';
export { GaussianBlur } from './blur/gaussian-blur.ts';
export { Identity } from './meta/identity.ts';
export { AdditiveGaussianNoise } from './arithmetic/additive-gaussian-noise.ts';
export { Grayscale } from './color/grayscale.ts';
export { Fliplr } from './flip/fliplr.ts';
export { Resize } from './geometric/resize.ts';
export { Affine } from './geometric/affine.ts';
export { PerspectiveTransform } from './geometric/perspective-transform.ts';
export { ElasticTransformation } from './geometric/elastic-transformation.ts';
export { Rotate } from './geometric/rotate.ts';
export { ShearX } from './geometric/shear-x.ts';
export { ShearY } from './geometric/shear-y.ts';
export { ScaleX } from './geometric/scale-x.ts';
export { ScaleY } from './geometric/scale-y.ts';
export { TranslateX } from './geometric/translate-x.ts';
export { TranslateY } from './geometric/translate-y.ts';
export { Flipud } from './flip/flipud.ts';
export { Sequential } from './meta/sequential.ts';
export { Sometimes } from './meta/sometimes.ts';
export { OneOf } from './meta/one-of.ts';
export { SomeOf } from './meta/some-of.ts';

/** Every augmenter made with `defineAugmenter`, by imgaug's name. */
export const definedFactories = {
  Multiply,
  Identity,
  Fliplr,
  Flipud,
  Add,
  LinearContrast,
  GammaContrast,
  GaussianBlur,
  Dropout,
  SaltAndPepper,
  Affine,
  Rotate,
  ShearX,
  ShearY,
  ScaleX,
  ScaleY,
  TranslateX,
  TranslateY,
  AdditiveGaussianNoise,
  Grayscale,
  Resize,
  PerspectiveTransform,
  ElasticTransformation,
  Sequential,
  Sometimes,
  OneOf,
  SomeOf,
} as const;

/** The registry: augmenter type → how to build it from JSON. */
export const registry: ReadonlyMap<string, RegistryEntry> = new Map(
  Object.values(definedFactories)
    .map(entryFromFactory)
    .map((e) => [e.type, e]),
);

/**
 * Rebuilds an augmenter from its JSON form (`toJSON()`'s output, or a pipeline file). Unknown types and options,
 * and invalid values, throw a `SpecError` naming the JSON path: `children[1].rotate: expected …`.
 * @example iaa.fromJSON({ type: 'Sequential', children: [{ type: 'Multiply', mul: [0.8, 1.2] }] })
 */
export function fromJSON(spec: unknown): Augmenter {
  return buildFromSpec(registry, spec);
}
