import type { AugmenterOptions } from '../../src/augmenters/base/define.ts';
// Type tests, compiled by `npm run typecheck` (tsconfig includes test/) and never run: each `@ts-expect-error` line
// must fail to compile (an unused one is itself an error), and each `expectType` pins an inferred type exactly.
import * as iaa from '../../src/index.ts';
import type { NumberInput } from '../../src/params/sugar.ts';

/** True when A and B are the same type (not merely assignable either way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

// The three mistakes.
// @ts-expect-error misspelt option
iaa.Affine({ rotat: 30 });
// @ts-expect-error a string where a probability goes
iaa.Dropout('x');
// @ts-expect-error 'mirror' is not a border mode (imgaug calls it 'reflect')
iaa.Affine({ mode: 'mirror' });

// Every form each helper accepts compiles.
iaa.Affine({ rotate: 30, scale: { x: [0.8, 1.2] }, translatePx: { x: [-10, 10] }, mode: ['edge', 'reflect'] });
iaa.Affine({ order: [0, 1], mode: iaa.iap.choice(['constant', 'wrap']), cval: iaa.iap.uniform(0, 255) });
iaa.Multiply([0.8, 1.2], { perChannel: 0.5, seed: 1, name: 'brightness' });
iaa.Dropout({ p: iaa.iap.normal(0.1, 0.02), perChannel: true });
iaa.Resize({ height: 32, width: 'keep' }, { interpolation: 'nearest' });
iaa.Invert(0.5, { threshold: [64, 192], invertAboveThreshold: true });
iaa.Fliplr();
iaa.Sequential([iaa.Fliplr(0.5), iaa.Rotate([-10, 10])], { randomOrder: true });

// Numeric options (sugar.ts's NumberInput).
// @ts-expect-error a range is two numbers
iaa.Multiply([0.8, 1.2, 1.4]);
// @ts-expect-error a parameter of names is not a number
iaa.Multiply(iaa.iap.choice(['a', 'b']));
// @ts-expect-error nested axes take x and y only
iaa.Affine({ scale: { x: 1, z: 2 } });
// Yes/no options (ProbabilityInput).
// @ts-expect-error perChannel takes a boolean, a probability or a parameter
iaa.Multiply(1, { perChannel: 'yes' });
// Named choices (EnumInput): a list or a parameter of names must hold allowed names only.
// @ts-expect-error 'mirror' in a list
iaa.Affine({ mode: ['edge', 'mirror'] });
// @ts-expect-error 'mirror' in a parameter
iaa.Affine({ mode: iaa.iap.choice(['edge', 'mirror']) });
// @ts-expect-error not one of Resize's interpolations
iaa.Resize(32, { interpolation: 'bilinear' });
// Number sets (numberSetOption): Affine's order is 0, 1 or 3.
// @ts-expect-error order 2 is not imgaug's for Affine
iaa.Affine({ order: 2 });
// Boolean options.
// @ts-expect-error fitOutput is true or false
iaa.Affine({ fitOutput: 1 });
// The primary option is typed positionally, and may not be given twice.
// @ts-expect-error GaussianBlur's sigma is numeric
iaa.GaussianBlur('3');
// @ts-expect-error p given positionally and in the options
iaa.Dropout(0.1, { p: 0.2 });
// @ts-expect-error Affine has no positional argument
iaa.Affine(30);
// @ts-expect-error seed and name keep their types
iaa.Fliplr(0.5, { seed: 'one' });

// AugmenterOptions names a factory's options object.
const affine: AugmenterOptions<typeof iaa.Affine> = { rotate: [-10, 10], fitOutput: true };
iaa.Affine(affine);
// @ts-expect-error misspelt in a prepared options object
const typo: AugmenterOptions<typeof iaa.Affine> = { rotat: 10 };
expectType<Equals<AugmenterOptions<typeof iaa.Multiply>['mul'], NumberInput | undefined>>();
expectType<
  Equals<
    AugmenterOptions<typeof iaa.Affine>['order'],
    0 | 1 | 3 | readonly (0 | 1 | 3)[] | iaa.iap.Param<0 | 1 | 3> | undefined
  >
>();
expectType<Equals<Parameters<typeof iaa.Dropout>[0], NumberInput>>();
export { typo };
