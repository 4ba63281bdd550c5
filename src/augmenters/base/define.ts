import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape, UniformBatch } from '../../core/image.ts';
import { isParam } from '../../params/param.ts';
import { toSpec } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter, type CommonOptions } from './augmenter.ts';

/** How one option is checked and turned into what `drawParams` uses; `default` is what the user gets by default. */
export interface OptionDef<In, Out> {
  readonly default: In;
  parse(owner: string, option: string, value: unknown): Out;
}

type Defs = Record<string, OptionDef<unknown, unknown>>;
/** What a user may pass for each option. */
export type InputsOf<D extends Defs> = { [K in keyof D]: D[K] extends OptionDef<infer I, unknown> ? I : never };
/** What `drawParams` and `apply` receive for each option. */
export type ParsedOf<D extends Defs> = { [K in keyof D]: D[K] extends OptionDef<unknown, infer O> ? O : never };

export interface AugmenterDefinition<D extends Defs, P> {
  /** imgaug's name. */
  readonly type: string;
  /** 'pixel' augmenters change values only; 'geometric' ones move pixels. */
  readonly kind: 'pixel' | 'geometric';
  /** The option imgaug takes as its first positional argument, if any. */
  readonly primary?: keyof D & string;
  /** For a primary option whose values can be plain objects (Resize's `{ height, width }`): tells them apart. */
  isPrimaryValue?(value: Record<string, unknown>): boolean;
  readonly options: D;
  /** Checks rules that involve several options at once (after each was parsed); throws the template error. */
  validate?(options: ParsedOf<D>): void;
  drawParams(options: ParsedOf<D>, random: RandomSource, shape: Shape): P;
  /** Optional: the params every sample gets when the options draw nothing random (see `Augmenter.fixedParams`). */
  fixedParams?(options: ParsedOf<D>, shape: Shape): P | undefined;
  outputShape?(options: ParsedOf<D>, shape: Shape, params: P): Shape;
  /** Writes the result into `out`; must not mutate `image`. */
  apply(image: Image, params: P, out: Image, options: ParsedOf<D>): void;
  /**
   * Optional: writes a whole uniform batch (N×H×W×C, shape kept) into `out` in fewer passes; must give the same
   * bytes as `apply` per image. `imageSize` is H×W×C.
   */
  applyBatch?(batch: Image, params: readonly P[], out: Image, imageSize: number, options: ParsedOf<D>): void;
}

/** The factory a definition produces: imgaug's first argument positionally, or everything in one object. */
export interface AugmenterFactory<D extends Defs, P> {
  (options?: Partial<InputsOf<D>> & CommonOptions): Augmenter<P>;
  (primary: unknown, options?: Partial<InputsOf<D>> & CommonOptions): Augmenter<P>;
  readonly definition: AugmenterDefinition<D, P>;
}

const COMMON_KEYS = ['seed', 'name'];

/** True for a plain options object (not an array, a parameter or a typed array). */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !isParam(value) &&
    !ArrayBuffer.isView(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Throws the template error for option names the augmenter does not know (a typo must not pass silently). */
export function rejectUnknownOptions(owner: string, given: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key) && !COMMON_KEYS.includes(key)) {
      throw new TypeError(
        `${owner}: unknown option "${key}"; known options are ${[...known, ...COMMON_KEYS].join(', ')}`,
      );
    }
  }
}

/**
 * Builds an augmenter factory from a definition: validates and parses options at construction, keeps the
 * user's values for `toJSON`, and wires `drawParams` / `apply` into the `Augmenter` contract. Registers nothing.
 */
export function defineAugmenter<D extends Defs, P>(definition: AugmenterDefinition<D, P>): AugmenterFactory<D, P> {
  const known = Object.keys(definition.options);
  const { type } = definition;

  class Defined extends Augmenter<P> {
    readonly type = type;
    private readonly raw: Record<string, unknown>;
    private readonly parsed: ParsedOf<D>;

    constructor(given: Record<string, unknown>) {
      super(given as CommonOptions, type);
      const raw: Record<string, unknown> = {};
      const parsed: Record<string, unknown> = {};
      for (const key of known) {
        const value = given[key] === undefined ? definition.options[key].default : given[key];
        raw[key] = value;
        parsed[key] = definition.options[key].parse(type, key, value);
      }
      this.raw = raw;
      this.parsed = parsed as ParsedOf<D>;
      definition.validate?.(this.parsed);
    }

    drawParams(random: RandomSource, shape: Shape): P {
      return definition.drawParams(this.parsed, random, shape);
    }

    override fixedParams(shape: Shape): P | undefined {
      return definition.fixedParams?.(this.parsed, shape);
    }

    override outputShape(shape: Shape, params: P): Shape {
      return definition.outputShape ? definition.outputShape(this.parsed, shape, params) : shape;
    }

    applyInto(image: Image, params: P, out: Image): void {
      definition.apply(image, params, out, this.parsed);
    }

    override applyUniformBatch(batch: UniformBatch, params: readonly P[], out: PixelArray): boolean {
      if (!definition.applyBatch) return false;
      const { height, width, channels } = batch;
      const size = height * width * channels;
      // The batch seen as one tall image: rows of consecutive images are contiguous.
      const asImage = { data: batch.data, height: height * batch.n, width, channels };
      definition.applyBatch(asImage, params, { ...asImage, data: out }, size, this.parsed);
      return true;
    }

    protected optionsToJSON(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const key of known) out[key] = toSpec(this.raw[key]);
      return out;
    }
  }
  Object.defineProperty(Defined, 'name', { value: type });

  const factory = (first?: unknown, second?: unknown): Augmenter<P> => {
    let given: Record<string, unknown>;
    const primaryObject = isOptionsObject(first) && definition.isPrimaryValue?.(first) === true;
    if (first === undefined || (isOptionsObject(first) && !primaryObject)) {
      if (second !== undefined) {
        throw new TypeError(
          `${type}: takes (${definition.primary ?? 'options'}, options) or (options); received two option objects`,
        );
      }
      given = { ...((first as Record<string, unknown>) ?? {}) };
    } else {
      if (!definition.primary) {
        throw argumentError(type, 'options', 'an options object', first, 'type');
      }
      if (second !== undefined && !isOptionsObject(second)) {
        throw argumentError(type, 'options', 'an options object', second, 'type');
      }
      given = { ...((second as Record<string, unknown>) ?? {}) };
      if (definition.primary in given) {
        throw new TypeError(`${type}: ${definition.primary} was given twice (positionally and in the options)`);
      }
      given[definition.primary] = first;
    }
    rejectUnknownOptions(type, given, known);
    return new Defined(given);
  };
  Object.defineProperty(factory, 'definition', { value: definition });
  Object.defineProperty(factory, 'name', { value: type });
  return factory as AugmenterFactory<D, P>;
}
