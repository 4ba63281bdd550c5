import { SpecError, describeValue } from '../../core/errors.ts';
import { isParamSpec, paramFromSpec } from '../../params/spec.ts';
import type { Augmenter, AugmenterSpec } from './augmenter.ts';
import type { AugmenterDefinition } from './define.ts';

/** Builds an augmenter of one type from its JSON form; `build` gets the child builder for meta augmenters. */
export interface RegistryEntry {
  readonly type: string;
  readonly kind: 'pixel' | 'geometric' | 'meta';
  /** Option names the JSON form may hold (besides type, seed, name). */
  readonly keys: readonly string[];
  /** The option imgaug takes positionally, for docs and the CLI. */
  readonly primary?: string;
  fromSpec(spec: Record<string, unknown>, path: string, build: (spec: unknown, path: string) => Augmenter): Augmenter;
}

type FactoryWithDefinition = ((options: Record<string, unknown>) => Augmenter) & {
  readonly definition: AugmenterDefinition<Record<string, never>, unknown>;
};

/** A registry entry for an augmenter made with `defineAugmenter`. */
export function entryFromFactory(factory: unknown): RegistryEntry {
  const f = factory as FactoryWithDefinition;
  const { type, kind, primary } = f.definition;
  const keys = Object.keys(f.definition.options);
  return {
    type,
    kind,
    keys,
    primary,
    fromSpec(spec, path) {
      const options: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(spec)) {
        if (key === 'type') continue;
        options[key] = key === 'seed' || key === 'name' ? value : valueFromSpec(value, join(path, key));
      }
      return f(options);
    },
  };
}

/** Turns a JSON option value into what a factory accepts: parameter objects become parameters, recursively. */
export function valueFromSpec(value: unknown, path: string): unknown {
  if (isParamSpec(value)) return paramFromSpec(value, path);
  // Objects are parameters, except per-axis values such as Affine's { x, y } and Resize's { height, width }: an
  // unknown kind is reported as such.
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 || keys.some((k) => !AXIS_KEYS.includes(k))) return paramFromSpec(value, path);
  }
  if (Array.isArray(value)) return value.map((v, i) => valueFromSpec(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = valueFromSpec(v, join(path, k));
    return out;
  }
  return value;
}

const AXIS_KEYS = ['x', 'y', 'height', 'width'];

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Rebuilds an augmenter from its JSON form, checking every key against the registry. Errors are `SpecError`s that
 * carry the JSON path of the problem: `children[1].rotate: rotate must be …`.
 */
export function buildFromSpec(entries: ReadonlyMap<string, RegistryEntry>, spec: unknown, path = ''): Augmenter {
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
    if (e instanceof SpecError) throw e;
    const option = (e as { option?: string }).option;
    const detail = (e as { detail?: string }).detail;
    if (option && detail) {
      const head = option.split(/[.[]/)[0];
      if (entry.keys.includes(head) || head === 'seed' || head === 'name')
        throw new SpecError(join(path, option), detail);
    }
    throw new SpecError(path, (e as Error).message);
  }
}
