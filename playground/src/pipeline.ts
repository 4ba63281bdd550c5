// The pipeline the page edits: a tree of augmenter nodes whose options hold what the user typed. It turns into the
// JSON `augkit augment --pipeline` reads (and back), into TypeScript code, and into a URL hash.
import type { AugmenterInfo } from './catalogue.ts';

/** A problem with a value the page holds, at a JSON path (as the library's SpecError names one). */
export class PathError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'PathError';
  }
}

/** One augmenter in the tree. */
export interface PipelineNode {
  readonly id: number;
  readonly type: string;
  /** What the user typed per option: JSON, or a bare word for a name (`edge`); '' leaves the option at its default. */
  readonly values: Record<string, string>;
  /** The augmenters of each option that holds them (children, then, else). */
  readonly slots: Record<string, PipelineNode[]>;
  /**
   * Branch options (Sometimes' then/else) to write as a list even when they hold one augmenter: `then: [a]` runs `a`
   * in a Sequential, which draws differently from `then: a`, so an imported pipeline keeps its form.
   */
  readonly listSlots: Set<string>;
}

/** Options every augmenter takes besides its own. */
export const COMMON_OPTIONS = ['seed', 'name'] as const;

let lastId = 0;

/** A new node of `info`'s type with every option at its default. */
export function newNode(info: AugmenterInfo, values: Record<string, string> = {}): PipelineNode {
  const slots: Record<string, PipelineNode[]> = {};
  for (const option of info.options) if (option.holds) slots[option.name] = [];
  return { id: ++lastId, type: info.type, values: { ...values }, slots, listSlots: new Set() };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * The value of a form field: JSON (`[-30, 30]`, `{ "uniform": [0, 1] }`, `"edge"`), or a bare word taken as a
 * string (`edge`); undefined for an empty field. Anything else throws a PathError naming `path`.
 */
export function parseValue(text: string, path: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    if (/^[A-Za-z_][\w-]*$/.test(trimmed)) return trimmed;
    throw new PathError(path, `not a JSON value: ${trimmed} (${(error as Error).message})`);
  }
}

/** Where each node sits in the JSON (its path, '' for the root), for errors that name a JSON path. */
export type NodePaths = Map<string, PipelineNode>;

/**
 * The node's JSON form (the format of `toJSON()` and `augkit augment --pipeline`), with the node paths it used in
 * `paths`. Throws a PathError for a field that holds no JSON value; the library checks everything else.
 */
export function specOf(
  node: PipelineNode,
  catalogue: ReadonlyMap<string, AugmenterInfo>,
  path = '',
  paths: NodePaths = new Map(),
): Record<string, unknown> {
  paths.set(path, node);
  const info = catalogue.get(node.type);
  const spec: Record<string, unknown> = { type: node.type };
  const names = [...(info?.options.map((o) => o.name) ?? []), ...COMMON_OPTIONS];
  for (const name of names) {
    const slot = node.slots[name];
    if (slot !== undefined) {
      const list = info?.options.find((o) => o.name === name)?.holds === 'list';
      if (list) spec[name] = slot.map((child, i) => specOf(child, catalogue, `${join(path, name)}[${i}]`, paths));
      else if (slot.length === 1 && !node.listSlots.has(name)) {
        spec[name] = specOf(slot[0], catalogue, join(path, name), paths);
      } else if (slot.length > 0) {
        spec[name] = slot.map((child, i) => specOf(child, catalogue, `${join(path, name)}[${i}]`, paths));
      }
      continue;
    }
    const text = node.values[name];
    if (text === undefined) continue;
    // A name is any text; every other field holds JSON or a bare word.
    const value = name === 'name' ? text || undefined : parseValue(text, join(path, name));
    if (value !== undefined) spec[name] = value;
  }
  return spec;
}

/**
 * The tree of a JSON pipeline that the library accepted (`fromJSON` checked it): each option's value becomes its
 * field's text, augmenters in options become child nodes.
 */
export function nodeFromSpec(
  spec: Record<string, unknown>,
  catalogue: ReadonlyMap<string, AugmenterInfo>,
): PipelineNode {
  const info = catalogue.get(spec.type as string);
  if (info === undefined) throw new PathError('type', `unknown augmenter "${String(spec.type)}"`);
  const node = newNode(info);
  for (const [name, value] of Object.entries(spec)) {
    if (name === 'type' || value === undefined) continue;
    const holds = info.options.find((o) => o.name === name)?.holds;
    if (holds !== undefined) {
      const list = Array.isArray(value) ? value : [value];
      if (holds === 'branch' && Array.isArray(value)) node.listSlots.add(name);
      node.slots[name] = list.map((child) => nodeFromSpec(child as Record<string, unknown>, catalogue));
    } else {
      node.values[name] = fieldText(name, value);
    }
  }
  return node;
}

/** What a field shows for a JSON value: a name or a bare word as it is, anything else as JSON. */
export function fieldText(option: string, value: unknown): string {
  if (typeof value === 'string' && (option === 'name' || (/^[A-Za-z_][\w-]*$/.test(value) && !JSON_WORDS.has(value)))) {
    return value;
  }
  return JSON.stringify(value);
}

const JSON_WORDS = new Set(['true', 'false', 'null']);

/** The node at `path` and the option of `path` within it: what a SpecError's JSON path points at. */
export function locate(paths: NodePaths, errorPath: string): { node?: PipelineNode; option?: string } {
  let best = '';
  let found = paths.get('');
  for (const [path, node] of paths) {
    if (path.length > best.length && (errorPath === path || errorPath.startsWith(`${path}.`))) {
      best = path;
      found = node;
    }
  }
  const rest = best === '' ? errorPath : errorPath.slice(best.length + 1);
  const option = rest.split(/[.[]/)[0];
  return { ...(found ? { node: found } : {}), ...(option ? { option } : {}) };
}

/** Every node of the tree, depth first, with its parent's slot. */
export function* walk(
  node: PipelineNode,
  parent?: { node: PipelineNode; slot: string },
): Generator<{ node: PipelineNode; parent?: { node: PipelineNode; slot: string } }> {
  yield { node, ...(parent ? { parent } : {}) };
  for (const [slot, children] of Object.entries(node.slots)) {
    for (const child of children) yield* walk(child, { node, slot });
  }
}

// ---- TypeScript ----

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isParamSpec(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const [first] = Object.keys(value);
  return first !== undefined && PARAM_KINDS.includes(first);
}

const PARAM_KINDS = [
  'constant',
  'uniform',
  'discreteUniform',
  'normal',
  'truncatedNormal',
  'binomial',
  'clip',
  'add',
  'subtract',
  'multiply',
  'divide',
  'choice',
];

/** A JSON option value as TypeScript: parameter specs become `iaa.iap` calls. */
function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (isParamSpec(value)) {
    const record = value as Record<string, unknown>;
    if ('choice' in record) {
      return `iaa.iap.choice(${literal(record.choice)}${record.p !== undefined ? `, ${literal(record.p)}` : ''})`;
    }
    const [kind, args] = Object.entries(record)[0];
    const list = Array.isArray(args) ? args : [args];
    return `iaa.iap.${kind}(${list.map(literal).join(', ')})`;
  }
  return objectLiteral(Object.entries(value));
}

function objectLiteral(entries: [string, unknown][]): string {
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : `'${k}'`}: ${literal(v)}`).join(', ')} }`;
}

/** One augmenter as a factory call at nesting `depth` (lists of children go one level deeper, a line each). */
function callOf(spec: Record<string, unknown>, catalogue: ReadonlyMap<string, AugmenterInfo>, depth: number): string {
  const info = catalogue.get(spec.type as string);
  const inner = '  '.repeat(depth + 1);
  const render = (name: string, value: unknown): string => {
    const holds = info?.options.find((o) => o.name === name)?.holds;
    if (holds === undefined) return literal(value);
    if (!Array.isArray(value)) return callOf(value as Record<string, unknown>, catalogue, depth);
    if (value.length === 0) return '[]';
    const calls = value.map((c) => `${inner}${callOf(c as Record<string, unknown>, catalogue, depth + 1)},`);
    return `[\n${calls.join('\n')}\n${'  '.repeat(depth)}]`;
  };
  const entries = Object.entries(spec).filter(([k]) => k !== 'type');
  // Meta augmenters are typed with imgaug's positional form (children first); the others take one options object.
  const positional = info?.kind === 'meta' ? info.positional : [];
  let last = -1;
  positional.forEach((name, i) => {
    if (spec[name] !== undefined) last = i;
  });
  const given = positional.slice(0, last + 1);
  const args = given.map((name) => (spec[name] === undefined ? 'undefined' : render(name, spec[name])));
  const rest = entries.filter(([k]) => !given.includes(k));
  if (rest.length > 0)
    args.push(`{ ${rest.map(([k, v]) => `${IDENTIFIER.test(k) ? k : `'${k}'`}: ${render(k, v)}`).join(', ')} }`);
  return `iaa.${spec.type}(${args.join(', ')})`;
}

/** The pipeline as a TypeScript module that builds the same augmenter (same JSON, same bytes). */
export function toTypeScript(spec: Record<string, unknown>, catalogue: ReadonlyMap<string, AugmenterInfo>): string {
  return `import * as iaa from 'augkit';\n\nexport const aug = ${callOf(spec, catalogue, 0)};\n`;
}

// ---- URL hash ----

/** The hash of a shareable URL holding `spec`. */
export function hashOf(spec: unknown): string {
  return `#pipeline=${encodeURIComponent(JSON.stringify(spec))}`;
}

/** The pipeline JSON in a URL hash made by `hashOf`, or undefined when the hash holds none; throws on bad JSON. */
export function specFromHash(hash: string): unknown {
  const match = /^#?pipeline=(.*)$/s.exec(hash);
  if (!match) return undefined;
  try {
    return JSON.parse(decodeURIComponent(match[1]));
  } catch (error) {
    throw new PathError('', `the URL's pipeline is not valid JSON (${(error as Error).message})`);
  }
}
