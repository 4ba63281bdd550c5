import { SpecError, describeValue } from '../../core/errors.ts';
import { isParamSpec, paramFromSpec } from '../../params/spec.ts';
import type { Augmenter, AugmenterSpec } from './augmenter.ts';
import type { AugmenterDefinition, BuildChild, OptionDef } from './define.ts';

/** Builds an augmenter of one type from its JSON form; `build` gets the child builder for meta augmenters. */
export interface RegistryEntry {
  readonly type: string;
  readonly kind: 'pixel' | 'geometric' | 'meta';
  /** Option names the JSON form may hold (besides type, seed, name). */
  readonly keys: readonly string[];
  /** The option imgaug takes positionally, for docs and the CLI. */
  readonly primary?: string;
  /** The definition: options with their defaults and docs, example options. */
  readonly definition: AugmenterDefinition<Record<string, OptionDef<unknown, unknown>>, unknown, unknown>;
  fromSpec(spec: Record<string, unknown>, path: string, build: BuildChild): Augmenter;
}

type FactoryWithDefinition = ((options: Record<string, unknown>) => Augmenter) & {
  readonly definition: RegistryEntry['definition'];
};

/** The registry entry of an augmenter made with `defineAugmenter`. */
export function entryFromFactory(factory: unknown): RegistryEntry {
  const f = factory as FactoryWithDefinition;
  const { definition } = f;
  const { type, kind, options } = definition;
  const primary = definition.positional?.[0] ?? definition.primary;
  return {
    type,
    kind,
    keys: Object.keys(options),
    ...(primary !== undefined ? { primary } : {}),
    definition,
    fromSpec(spec, path, build) {
      const given: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(spec)) {
        if (key === 'type') continue;
        const at = join(path, key);
        const fromJSON = options[key]?.fromJSON;
        given[key] =
          key === 'seed' || key === 'name'
            ? value
            : fromJSON && value !== undefined
              ? fromJSON(value, at, build)
              : valueFromSpec(value, at);
      }
      return f(given);
    },
  };
}

/** Turns a JSON option value into what a factory accepts: parameter objects become parameters, recursively. */
export function valueFromSpec(value: unknown, path: string): unknown {
  if (isParamSpec(value)) return paramFromSpec(value, path);
  if (Array.isArray(value)) return value.map((v, i) => valueFromSpec(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    // Objects are parameters, except per-axis and per-side values such as Affine's { x, y }, Resize's
    // { height, width } and { fraction } and CropAndPad's { top, right, bottom, left }: an object with one such key
    // is one, so the option reports a stray key (`z`) by name, and so is `{}` (no axis given, which the API
    // accepts too); any other object is reported as an unknown parameter kind.
    const keys = Object.keys(value);
    if (keys.length > 0 && !keys.some((k) => AXIS_KEYS.includes(k))) return paramFromSpec(value, path);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = valueFromSpec(v, join(path, k));
    return out;
  }
  return value;
}

const AXIS_KEYS = [
  'x',
  'y',
  'height',
  'width',
  'fraction',
  'shorterSide',
  'longerSide',
  'top',
  'right',
  'bottom',
  'left',
];

/**
 * The deepest nesting of arrays and objects a JSON pipeline may have: a Sequential in a Sequential takes two
 * levels, so this allows 50 levels of meta augmenters, and keeps the recursive build far from the call stack's end.
 */
export const MAX_SPEC_DEPTH = 100;

/** Throws a `SpecError` naming the path of the first value nested deeper than {@link MAX_SPEC_DEPTH} (no recursion). */
function checkDepth(spec: unknown): void {
  const stack: [unknown, string, number][] = [[spec, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_SPEC_DEPTH) {
      const at = path.length > 80 ? `${path.slice(0, 79)}…` : path;
      throw new SpecError(at, `nested deeper than ${MAX_SPEC_DEPTH} levels of arrays and objects (augkit's limit)`);
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, `${path}[${i}]`, depth + 1]));
    else for (const [k, v] of Object.entries(value)) stack.push([v, join(path, k), depth + 1]);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Rebuilds an augmenter from its JSON form, checking every key against the registry. Errors are `SpecError`s that
 * carry the JSON path of the problem: `children[1].rotate: rotate must be …`.
 */
export function buildFromSpec(entries: ReadonlyMap<string, RegistryEntry>, spec: unknown, path = ''): Augmenter {
  if (path === '') checkDepth(spec);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new SpecError(path, `expected an augmenter object { "type": …, … }; received ${describeValue(spec)}`);
  }
  const record = spec as AugmenterSpec;
  if (typeof record.type !== 'string') {
    throw new SpecError(
      join(path, 'type'),
      `expected the name of an augmenter; received ${describeValue(record.type)}`,
    );
  }
  const entry = entries.get(record.type);
  if (!entry) {
    throw new SpecError(
      join(path, 'type'),
      `unknown augmenter "${record.type}" (known: ${[...entries.keys()].sort().join(', ')})`,
    );
  }
  for (const key of Object.keys(record)) {
    if (key !== 'type' && key !== 'seed' && key !== 'name' && !entry.keys.includes(key)) {
      throw new SpecError(
        join(path, key),
        `unknown option for ${entry.type} (known: ${[...entry.keys, 'seed', 'name'].join(', ')})`,
      );
    }
  }
  try {
    return entry.fromSpec(record as Record<string, unknown>, path, (child, childPath) =>
      buildFromSpec(entries, child, childPath),
    );
  } catch (e) {
    // Errors name the augmenter whose option is wrong; a child's errors already name the child.
    if (e instanceof SpecError) throw e.owner ? e : new SpecError(e.path, e.detail, entry.type);
    const option = (e as { option?: string }).option;
    const detail = (e as { detail?: string }).detail;
    if (option && detail) {
      const head = option.split(/[.[]/)[0];
      if (entry.keys.includes(head) || head === 'seed' || head === 'name')
        throw new SpecError(join(path, option), detail, entry.type);
    }
    throw new SpecError(path, (e as Error).message, entry.type);
  }
}
