import { argumentError } from '../../core/errors.ts';
import { type DType, type Image, type PixelArray, type Shape, type UniformBatch, dtypeOf } from '../../core/image.ts';
import { type Warp, identityWarp } from '../../geometry/warp.ts';
import { isParam } from '../../params/param.ts';
import { toSpec } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter, type CommonOptions } from './augmenter.ts';

/** What docs, `augkit list` and the playground's forms show for one option. */
export interface OptionMeta {
  /** The forms a user may pass, e.g. 'number | [min, max] | iap parameter'. */
  readonly type: string;
  /** The values accepted, e.g. '[0, 1]'; omitted when any value of the type is. */
  readonly range?: string;
  /** One sentence on what the option does. */
  readonly doc: string;
}

/** Builds a child augmenter from its JSON form (given to options whose values are augmenters). */
export type BuildChild = (spec: unknown, path: string) => Augmenter;

/** How one option is checked and turned into what `drawParams` uses; `default` is what the user gets by default. */
export interface OptionDef<In, Out> {
  readonly default: In;
  parse(owner: string, option: string, value: unknown): Out;
  /** Type, range and doc text, for the generated docs, `augkit list` and the playground. */
  readonly meta: OptionMeta;
  /** The JSON form of a value the user gave (default: parameters become their specs); undefined leaves it out. */
  toJSON?(value: In): unknown;
  /** What the factory accepts for a JSON value (default: parameter specs become parameters); `build` makes children. */
  fromJSON?(value: unknown, path: string, build: BuildChild): unknown;
}

type Defs = Record<string, OptionDef<unknown, unknown>>;

/** An option's default in JSON form, as the docs and `augkit list` show it; undefined when it has none. */
export function defaultJSON(def: OptionDef<unknown, unknown>): unknown {
  if (def.default === undefined) return undefined;
  return def.toJSON ? def.toJSON(def.default) : toSpec(def.default);
}
/** What a user may pass for each option. */
export type InputsOf<D extends Defs> = { [K in keyof D]: D[K] extends OptionDef<infer I, unknown> ? I : never };
/** What `prepare` (or, without it, `drawParams` and `apply`) receives for each option. */
export type ParsedOf<D extends Defs> = { [K in keyof D]: D[K] extends OptionDef<unknown, infer O> ? O : never };

/** The options object a factory takes: every option optional, each with its input type, plus `seed` and `name`. */
export type OptionsOf<D extends Defs> = Partial<InputsOf<D>> & CommonOptions;

/**
 * The options object an augmenter factory takes, for code that builds one before the call:
 * `const options: AugmenterOptions<typeof iaa.Affine> = { rotate: [-10, 10] }`.
 */
export type AugmenterOptions<F> = F extends { readonly definition: { readonly options: infer D extends Defs } }
  ? OptionsOf<D>
  : never;

/**
 * One augmenter: a leaf ('pixel' or 'geometric'), a meta augmenter whose options hold children ('meta'), or a
 * shortcut of another (a definition whose `prepare` builds the other's prepared form). `R` is what `prepare` makes
 * of the parsed options, once per augmenter; without `prepare` it is the parsed options themselves. `K` is the
 * primary option's name, which types the factory's positional argument.
 */
export interface AugmenterDefinition<
  D extends Defs,
  P,
  R = ParsedOf<D>,
  K extends keyof D & string = keyof D & string,
> {
  /** imgaug's name. */
  readonly type: string;
  /** 'pixel' augmenters change values only; 'geometric' ones move pixels; 'meta' ones run children. */
  readonly kind: 'pixel' | 'geometric' | 'meta';
  /** The option imgaug takes as its first positional argument, if any. */
  readonly primary?: K;
  /** Options taken positionally, in order, before the options object (default: `[primary]`). */
  readonly positional?: readonly (keyof D & string)[];
  /** For a primary option whose values can be plain objects (Resize's `{ height, width }`): tells them apart. */
  isPrimaryValue?(value: Record<string, unknown>): boolean;
  readonly options: D;
  /**
   * Example options in JSON form, random enough that the output depends on the draws: the contract suite runs every
   * augmenter with each of them (and fails for an augmenter without any).
   */
  readonly examples: readonly Record<string, unknown>[];
  /**
   * The images it takes, when not every image (imgaug's colour-space augmenters take uint8 RGB only): any other
   * image gets the template error for option `image`, stating the rule, before anything is written.
   */
  readonly accepts?: ImageRule;
  /** Checks rules that involve several options at once (after each was parsed); throws the template error. */
  validate?(options: ParsedOf<D>): void;
  /** Computes, once per augmenter, what the draws and the pixel work need from the parsed options. */
  prepare?(options: ParsedOf<D>): R;
  drawParams(prepared: R, random: RandomSource, shape: Shape): P;
  /** Optional: the params every sample gets when the options draw nothing random (see `Augmenter.fixedParams`). */
  fixedParams?(prepared: R, shape: Shape): P | undefined;
  outputShape?(prepared: R, shape: Shape, params: P): Shape;
  /**
   * Where the params move an image's points (what labels follow; see `Augmenter.warpOf`). Geometric augmenters whose
   * params carry their Warp as `warp` (a `SampledWarp`) need not give it; pixel augmenters move nothing.
   */
  warp?(prepared: R, shape: Shape, params: P): Warp;
  /** Writes the result into `out`; must not mutate `image`. */
  apply(image: Image, params: P, out: Image, prepared: R): void;
  /**
   * Optional: writes a whole uniform batch (N×H×W×C, shape kept) into `out` in fewer passes; must give the same
   * bytes as `apply` per image. `imageSize` is H×W×C. Returning false falls back to `apply` per image.
   */
  applyBatch?(batch: Image, params: readonly P[], out: Image, imageSize: number, prepared: R): unknown;
  /** Optional: whether `applyBatch` does work once for several of these images (see `Augmenter.sharesBatchWork`). */
  sharesBatchWork?(params: readonly P[], prepared: R): boolean;
  /**
   * Optional: whether a large batch goes to `applyBatch` in cache-sized pieces (see `Augmenter.batchInPieces`).
   * Default: for meta augmenters (their children pass over the pixels one after another) and where
   * `sharesBatchWork` holds.
   */
  batchInPieces?(params: readonly P[], prepared: R): boolean;
}

/** Which images an augmenter takes (see {@link AugmenterDefinition.accepts}). */
export interface ImageRule {
  readonly dtypes: readonly DType[];
  readonly channels: readonly number[];
  /** The accepted images in words, with imgaug's reason: 'a uint8 image with 3 channels (RGB), as …'. */
  readonly text: string;
}

/** True when `image` (its dtype and channel count) is one `rule` takes; no rule takes every image. */
export function acceptsImage(rule: ImageRule | undefined, data: PixelArray, channels: number): boolean {
  return rule === undefined || (rule.dtypes.includes(dtypeOf(data)) && rule.channels.includes(channels));
}

/** Throws the template error for an image `rule` does not take. */
function checkImage(type: string, rule: ImageRule | undefined, data: PixelArray, channels: number): void {
  if (acceptsImage(rule, data, channels)) return;
  // The template error's wording and fields (argumentError's), with the image described rather than printed.
  const detail = `expected ${(rule as ImageRule).text}; received a ${dtypeOf(data)} image with ${channels} channel${channels === 1 ? '' : 's'}`;
  const message = `${type}: image must be ${(rule as ImageRule).text}; received a ${dtypeOf(data)} image with ${channels} channel${channels === 1 ? '' : 's'}`;
  throw Object.assign(new TypeError(message), { owner: type, option: 'image', detail });
}

/**
 * The factory a definition produces: everything in one options object, or (when the definition names a primary
 * option `K`) imgaug's first argument positionally and the other options in the object. Both forms are typed from the
 * option definitions' input types, so a misspelt option or a value of the wrong form fails to compile.
 */
export type AugmenterFactory<D extends Defs, P, R = ParsedOf<D>, K extends keyof D & string = never> = ([K] extends [
  never,
]
  ? (options?: OptionsOf<D>) => Augmenter<P>
  : {
      (options?: OptionsOf<D>): Augmenter<P>;
      (primary: InputsOf<D>[K], options?: Partial<Omit<InputsOf<D>, K>> & CommonOptions): Augmenter<P>;
    }) & { readonly definition: AugmenterDefinition<D, P, R> };

/** A factory with a call signature written by hand (meta augmenters take children first), and its definition. */
export type DefinedFactory<F> = F & { readonly definition: AugmenterDefinition<Defs, unknown, unknown> };

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
 * Builds an augmenter factory from a definition: validates and parses options at construction, runs `prepare` once,
 * keeps the user's values for `toJSON`, and wires `drawParams` / `apply` into the `Augmenter` contract. Registers
 * nothing.
 */
export function defineAugmenter<D extends Defs, P, R = ParsedOf<D>, K extends keyof D & string = never>(
  definition: AugmenterDefinition<D, P, R, K>,
): AugmenterFactory<D, P, R, K> {
  const known = Object.keys(definition.options);
  const { type } = definition;
  const positional: readonly string[] = definition.positional ?? (definition.primary ? [definition.primary] : []);

  class Defined extends Augmenter<P> {
    readonly type = type;
    private readonly raw: Record<string, unknown>;
    private readonly prepared: R;

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
      definition.validate?.(parsed as ParsedOf<D>);
      this.prepared = definition.prepare ? definition.prepare(parsed as ParsedOf<D>) : (parsed as R);
    }

    drawParams(random: RandomSource, shape: Shape): P {
      return definition.drawParams(this.prepared, random, shape);
    }

    override fixedParams(shape: Shape): P | undefined {
      return definition.fixedParams?.(this.prepared, shape);
    }

    override outputShape(shape: Shape, params: P): Shape {
      return definition.outputShape ? definition.outputShape(this.prepared, shape, params) : shape;
    }

    applyInto(image: Image, params: P, out: Image): void {
      checkImage(type, definition.accepts, image.data, image.channels);
      definition.apply(image, params, out, this.prepared);
    }

    override warpOf(shape: Shape, params: P): Warp {
      if (definition.warp) return definition.warp(this.prepared, shape, params);
      const carried = (params as { warp?: Warp } | undefined)?.warp;
      if (carried !== undefined && typeof carried.kind === 'string') return carried;
      if (definition.kind === 'geometric') throw new TypeError(`${type}: cannot move labels (it describes no warp)`);
      const output = this.outputShape(shape, params);
      if (output.height === shape.height && output.width === shape.width) return identityWarp(output);
      throw new TypeError(`${type}: changes the image's size but describes no warp for its labels`);
    }

    override applyUniformBatch(batch: UniformBatch, params: readonly P[], out: PixelArray): boolean {
      checkImage(type, definition.accepts, batch.data, batch.channels);
      if (!definition.applyBatch) return false;
      const { height, width, channels } = batch;
      const size = height * width * channels;
      // The batch seen as one tall image: rows of consecutive images are contiguous.
      const asImage = { data: batch.data, height: height * batch.n, width, channels };
      return definition.applyBatch(asImage, params, { ...asImage, data: out }, size, this.prepared) !== false;
    }

    override sharesBatchWork(params: readonly P[]): boolean {
      return definition.sharesBatchWork?.(params, this.prepared) ?? false;
    }

    override batchInPieces(params: readonly P[]): boolean {
      if (definition.batchInPieces) return definition.batchInPieces(params, this.prepared);
      return definition.kind === 'meta' || this.sharesBatchWork(params);
    }

    protected optionsToJSON(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const key of known) {
        const def = definition.options[key];
        const json = def.toJSON ? def.toJSON(this.raw[key]) : toSpec(this.raw[key]);
        if (json !== undefined) out[key] = json;
      }
      return out;
    }
  }
  Object.defineProperty(Defined, 'name', { value: type });

  // Positional arguments come first (in `positional`'s order), then at most one options object, which ends the call.
  const factory = (...args: unknown[]): Augmenter<P> => {
    let count = args.length;
    while (count > 0 && args[count - 1] === undefined) count--;
    let at = 0;
    while (at < count && !isOptionsObjectAt(args[at], at)) at++;
    if (at < count - 1) {
      if (isOptionsObject(args[at + 1])) {
        throw new TypeError(
          `${type}: takes (${positional.length > 0 ? positional.join(', ') : 'options'}, options) or (options); received two option objects`,
        );
      }
      throw argumentError(type, 'options', 'an options object', args[at + 1], 'type');
    }
    if (at > positional.length) {
      throw argumentError(type, 'options', 'an options object', args[positional.length], 'type');
    }
    const given: Record<string, unknown> = { ...((args[at] as Record<string, unknown>) ?? {}) };
    for (let k = 0; k < at; k++) {
      if (args[k] === undefined) continue;
      if (positional[k] in given) {
        throw new TypeError(`${type}: ${positional[k]} was given twice (positionally and in the options)`);
      }
      given[positional[k]] = args[k];
    }
    rejectUnknownOptions(type, given, known);
    return new Defined(given);
  };
  // An options object, unless it is the first positional option's value (Resize's `{ height, width }`).
  const isOptionsObjectAt = (value: unknown, at: number): boolean =>
    isOptionsObject(value) && !(at === 0 && positional.length > 0 && definition.isPrimaryValue?.(value) === true);
  Object.defineProperty(factory, 'definition', { value: definition });
  Object.defineProperty(factory, 'name', { value: type });
  return factory as unknown as AugmenterFactory<D, P, R, K>;
}
