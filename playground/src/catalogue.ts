// The augmenters the page offers, read from the package's factories: each carries its definition (kind, options with
// type, range, default and doc), so a newly registered augmenter appears here without a change to the page.

/** One option of an augmenter, as its form shows it. */
export interface OptionInfo {
  readonly name: string;
  /** The forms a value may take, e.g. 'number | [min, max] | iap parameter'. */
  readonly type: string;
  readonly range?: string;
  readonly doc: string;
  /** The default in JSON form; undefined when the option has none. */
  readonly defaultJSON: unknown;
  /** Options whose values are augmenters (children, then, else): shown as nested lists, not fields. */
  readonly holds?: 'list' | 'branch';
}

/** One augmenter of the catalogue. */
export interface AugmenterInfo {
  readonly type: string;
  readonly kind: 'pixel' | 'geometric' | 'meta';
  /** Options taken positionally by the factory, in order (meta augmenters' children first, as in imgaug). */
  readonly positional: readonly string[];
  readonly options: readonly OptionInfo[];
  /** The registry's example options (JSON), for the form's "example" button. */
  readonly example?: Record<string, unknown>;
}

interface OptionDefinition {
  readonly default: unknown;
  readonly meta: { readonly type: string; readonly range?: string; readonly doc: string };
  toJSON?(value: unknown): unknown;
}

interface Definition {
  readonly type: string;
  readonly kind: 'pixel' | 'geometric' | 'meta';
  readonly primary?: string;
  readonly positional?: readonly string[];
  readonly options: Record<string, OptionDefinition>;
  readonly examples: readonly Record<string, unknown>[];
}

/** An option default as JSON: parameters become their specs (`{ uniform: [0, 1] }`), as in `toJSON()`. */
function defaultJSON(def: OptionDefinition): unknown {
  if (def.default === undefined) return undefined;
  if (def.toJSON) return def.toJSON(def.default);
  // A parameter (its `spec` and `draw`) is written as its spec.
  const param = def.default as { spec?: unknown; draw?: unknown } | null;
  return param !== null && typeof param === 'object' && typeof param.draw === 'function' ? param.spec : def.default;
}

function optionInfo(name: string, def: OptionDefinition): OptionInfo {
  const { type, range, doc } = def.meta;
  const holds = type === 'augmenter[]' ? 'list' : type.startsWith('augmenter') ? 'branch' : undefined;
  return {
    name,
    type,
    ...(range !== undefined ? { range } : {}),
    doc,
    defaultJSON: holds ? undefined : defaultJSON(def),
    ...(holds ? { holds } : {}),
  };
}

/** Every augmenter among a module's exports (`import * as iaa from 'augkit'`), sorted by name. */
export function loadCatalogue(exports: Record<string, unknown>): Map<string, AugmenterInfo> {
  const found: AugmenterInfo[] = [];
  // A namespace of augmenters (iaa.pillike, registered as 'pillike.Affine' …) holds its factories one level down.
  const values = Object.values(exports).flatMap((v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v as Record<string, unknown>) : [v],
  );
  for (const value of values) {
    const definition = (value as { definition?: Definition } | null)?.definition;
    if (typeof value !== 'function' || definition === undefined || typeof definition.type !== 'string') continue;
    const positional = definition.positional ?? (definition.primary !== undefined ? [definition.primary] : []);
    found.push({
      type: definition.type,
      kind: definition.kind,
      positional,
      options: Object.entries(definition.options).map(([name, def]) => optionInfo(name, def)),
      ...(definition.examples[0] !== undefined ? { example: definition.examples[0] } : {}),
    });
  }
  found.sort((a, b) => a.type.localeCompare(b.type));
  return new Map(found.map((info) => [info.type, info]));
}
