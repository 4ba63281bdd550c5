// Mask generators (imgaug's IBatchwiseMaskGenerator): what BlendAlphaMask asks for each image's opacity mask. A
// generator draws an image's values from its random source, then fills a float32 mask of one value per pixel (or,
// per channel, one per value) in [0, 1].
import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import { toSpec } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, isOptionsObject, rejectUnknownOptions } from '../base/define.ts';
import { valueFromSpec } from '../base/registry.ts';

/** A mask generator's JSON form: `{ "type": "VerticalLinearGradientMaskGen", "minValue": [0, 0.2], … }`. */
export interface MaskGeneratorSpec {
  readonly type: string;
  readonly [option: string]: unknown;
}

type Defs = Record<string, OptionDef<unknown, unknown>>;
type Parsed<D extends Defs> = { [K in keyof D]: D[K] extends OptionDef<unknown, infer O> ? O : never };
type Inputs<D extends Defs> = { [K in keyof D]?: D[K] extends OptionDef<infer I, unknown> ? I : never };

/** One kind of mask generator: its options (parsed as an augmenter's are), its draws and its mask. */
export interface MaskGeneratorDefinition<D extends Defs, P> {
  /** imgaug's class name. */
  readonly type: string;
  readonly options: D;
  /** Options taken positionally, in order, before the options object. */
  readonly positional?: readonly (keyof D & string)[];
  /** Every random choice of one image's mask (streams named by option). */
  draw(options: Parsed<D>, random: RandomSource, shape: Shape): P;
  /** The mask's values per pixel: 1 (every channel shares it) or the image's channels. Default 1. */
  channelsOf?(options: Parsed<D>, params: P, shape: Shape): number;
  /** Writes the mask (height × width × channelsOf values, in [0, 1]) into `out`. */
  fill(options: Parsed<D>, params: P, shape: Shape, out: Float32Array): void;
}

/** A mask generator with its options: made by the factories (`iaa.VerticalLinearGradientMaskGen()`, …). */
export class MaskGenerator<P = unknown> {
  constructor(
    readonly type: string,
    private readonly raw: Record<string, unknown>,
    private readonly definition: MaskGeneratorDefinition<Defs, P>,
    private readonly parsed: Record<string, unknown>,
  ) {}

  /** Every random choice of one image's mask. */
  draw(random: RandomSource, shape: Shape): P {
    return this.definition.draw(this.parsed, random, shape);
  }

  /** The mask's values per pixel: 1 or the image's channels. */
  channelsOf(params: P, shape: Shape): number {
    return this.definition.channelsOf?.(this.parsed, params, shape) ?? 1;
  }

  /** Writes the mask for `params` into `out` (height × width × `channelsOf` values). */
  fill(params: P, shape: Shape, out: Float32Array): void {
    this.definition.fill(this.parsed, params, shape, out);
  }

  /** The JSON form, which `maskGeneratorOption` turns back into this generator. */
  toJSON(): MaskGeneratorSpec {
    const out: Record<string, unknown> = { type: this.type };
    for (const [key, def] of Object.entries(this.definition.options)) {
      const json = def.toJSON ? def.toJSON(this.raw[key]) : toSpec(this.raw[key]);
      if (json !== undefined) out[key] = json;
    }
    return out as MaskGeneratorSpec;
  }
}

/** A mask generator factory: options positionally (`positional`) or in one object. */
export type MaskGeneratorFactory<D extends Defs, P> = ((...args: unknown[]) => MaskGenerator<P>) & {
  (options?: Inputs<D>): MaskGenerator<P>;
  /** The generator's definition (not `definition`, which marks augmenter factories for the registry and tools). */
  readonly maskDefinition: MaskGeneratorDefinition<D, P>;
};

/** Builds a mask generator factory: parses and checks the options at construction (the template errors). */
export function defineMaskGenerator<D extends Defs, P>(
  definition: MaskGeneratorDefinition<D, P>,
): MaskGeneratorFactory<D, P> {
  const { type, options } = definition;
  const known = Object.keys(options);
  const positional: readonly string[] = definition.positional ?? [];
  const factory = (...args: unknown[]): MaskGenerator<P> => {
    const last = args.length > 0 && isOptionsObject(args[args.length - 1]) ? args.length - 1 : args.length;
    if (last > positional.length) throw argumentError(type, 'options', 'an options object', args[last - 1], 'type');
    const given: Record<string, unknown> = { ...((args[last] as Record<string, unknown> | undefined) ?? {}) };
    for (let k = 0; k < last; k++) {
      if (args[k] === undefined) continue;
      if (positional[k] in given) throw new TypeError(`${type}: ${positional[k]} was given twice`);
      given[positional[k]] = args[k];
    }
    rejectUnknownOptions(type, given, known);
    const raw: Record<string, unknown> = {};
    const parsed: Record<string, unknown> = {};
    for (const key of known) {
      raw[key] = given[key] === undefined ? options[key].default : given[key];
      parsed[key] = options[key].parse(type, key, raw[key]);
    }
    return new MaskGenerator(type, raw, definition as unknown as MaskGeneratorDefinition<Defs, P>, parsed);
  };
  Object.defineProperty(factory, 'maskDefinition', { value: definition });
  Object.defineProperty(factory, 'name', { value: type });
  return factory as MaskGeneratorFactory<D, P>;
}

/** Rebuilds a generator from its JSON form with the factories in `known` (by type); errors name the JSON path. */
export function maskGeneratorFromSpec(
  known: Readonly<Record<string, MaskGeneratorFactory<Defs, unknown>>>,
  spec: unknown,
  path: string,
): MaskGenerator {
  const record = spec as Record<string, unknown>;
  const factory = isOptionsObject(spec) && typeof record.type === 'string' ? known[record.type] : undefined;
  if (factory === undefined) {
    throw argumentError(
      'BlendAlphaMask',
      path,
      `a mask generator { "type": …, … } (known: ${Object.keys(known).join(', ')})`,
      spec,
      'type',
    );
  }
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'type') continue;
    const def = factory.maskDefinition.options[key];
    given[key] = def?.fromJSON
      ? def.fromJSON(value, `${path}.${key}`, () => undefined as never)
      : valueFromSpec(value, `${path}.${key}`);
  }
  return factory(given);
}
