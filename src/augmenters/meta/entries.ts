import type { Augmenter } from '../base/augmenter.ts';
import { type RegistryEntry, valueFromSpec } from '../base/registry.ts';
import { OneOf } from './one-of.ts';
import { Sequential } from './sequential.ts';
import { SomeOf } from './some-of.ts';
import { Sometimes } from './sometimes.ts';

type Build = (spec: unknown, path: string) => Augmenter;

function common(spec: Record<string, unknown>): { seed?: number; name?: string } {
  return {
    ...(spec.seed !== undefined ? { seed: spec.seed as number } : {}),
    ...(spec.name !== undefined ? { name: spec.name as string } : {}),
  };
}

function children(spec: Record<string, unknown>, path: string, build: Build): Augmenter[] {
  const list = spec.children ?? [];
  if (!Array.isArray(list))
    throw Object.assign(new TypeError('children must be an array'), {
      option: 'children',
      detail: 'expected an array of augmenters',
    });
  const prefix = path ? `${path}.children` : 'children';
  return list.map((c, i) => build(c, `${prefix}[${i}]`));
}

/** Registry entries for the meta augmenters, whose JSON holds other augmenters. */
export const metaEntries: RegistryEntry[] = [
  {
    type: 'Sequential',
    kind: 'meta',
    keys: ['randomOrder', 'children'],
    fromSpec: (spec, path, build) =>
      Sequential(children(spec, path, build), {
        ...common(spec),
        ...(spec.randomOrder !== undefined ? { randomOrder: spec.randomOrder as boolean } : {}),
      }),
  },
  {
    type: 'Sometimes',
    kind: 'meta',
    keys: ['p', 'then', 'else'],
    fromSpec: (spec, path, build) => {
      const branch = (key: 'then' | 'else') => {
        const v = spec[key];
        if (v === undefined) return undefined;
        const at = path ? `${path}.${key}` : key;
        return Array.isArray(v) ? v.map((c, i) => build(c, `${at}[${i}]`)) : build(v, at);
      };
      const p = spec.p === undefined ? 0.5 : valueFromSpec(spec.p, path ? `${path}.p` : 'p');
      return Sometimes(p as number, branch('then'), branch('else'), common(spec));
    },
  },
  {
    type: 'OneOf',
    kind: 'meta',
    keys: ['children'],
    fromSpec: (spec, path, build) => OneOf(children(spec, path, build), common(spec)),
  },
  {
    type: 'SomeOf',
    kind: 'meta',
    keys: ['n', 'randomOrder', 'children'],
    fromSpec: (spec, path, build) =>
      SomeOf(valueFromSpec(spec.n, path ? `${path}.n` : 'n') as number, children(spec, path, build), {
        ...common(spec),
        ...(spec.randomOrder !== undefined ? { randomOrder: spec.randomOrder as boolean } : {}),
      }),
  },
];
