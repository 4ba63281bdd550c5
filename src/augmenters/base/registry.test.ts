import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecError } from '../../core/errors.ts';
import * as iaa from '../../index.ts';
import { MAX_SPEC_DEPTH } from './registry.ts';

const specError = (spec: unknown, re: RegExp) =>
  assert.throws(
    () => iaa.fromJSON(spec),
    (e: Error) => e instanceof SpecError && re.test(e.message),
  );

describe('fromJSON edge cases', () => {
  it('limits the nesting depth with a clear error instead of overflowing the stack', () => {
    let deep: unknown = { type: 'Identity' };
    for (let i = 0; i < 1000; i++) deep = { type: 'Sequential', children: [deep] };
    specError(deep, /^children\[0\]\.children\[0\].*: nested deeper than 100 levels of arrays and objects/);
    let params: unknown = 1;
    for (let i = 0; i < 200; i++) params = { add: [params, 1] };
    specError({ type: 'Multiply', mul: params }, /^mul\.add\[0\].*: nested deeper than 100 levels/);
  });

  it('accepts pipelines up to the depth limit', () => {
    // Each Sequential is two levels (its object and its children array); the leaf is one more.
    let spec: unknown = { type: 'Multiply', mul: 2 };
    for (let i = 0; i < (MAX_SPEC_DEPTH - 1) / 2 - 1; i++) spec = { type: 'Sequential', children: [spec] };
    const aug = iaa.fromJSON(spec);
    const out = aug.augmentImage(iaa.makeImage(new Uint8Array([10, 20]), 1, 2, 1));
    assert.deepEqual([...out.data], [20, 40]);
  });

  it('reports an unknown axis by name, not as a parameter object', () => {
    specError(
      { type: 'Affine', scale: { x: [0.5, 1.5], z: 1 } },
      /^scale: expected .*\(unknown axis "z"\) \(in Affine\)$/,
    );
    specError(
      { type: 'Resize', size: { height: 4, depth: 1 } },
      /^size: expected .*\(unknown key "depth"\) \(in Resize\)$/,
    );
    // An object with no axis key is still read as a parameter.
    specError({ type: 'Multiply', mul: { gauss: [0, 1] } }, /^mul: unknown parameter kind "gauss"/);
  });

  it('names the augmenter in option errors, at the top level and in children', () => {
    specError({ type: 'Multiply', mul: 'x' }, /^mul: expected .*received "x" \(in Multiply\)$/);
    specError({ type: 'Multiply', mul: { uniform: [2, 1] } }, /^mul\.uniform: .*\(a > b\) \(in Multiply\)$/);
    specError(
      { type: 'Sequential', children: [{ type: 'Identity' }, { type: 'Dropout', p: { uniform: [-5, 5] } }] },
      /^children\[1\]\.p: expected .*its values lie in \[-5, 5\]\) \(in Dropout\)$/,
    );
  });

  it("reads Resize's { fraction } as a per-axis object", () => {
    const aug = iaa.fromJSON({ type: 'Resize', size: { fraction: { uniform: [2, 2] } } });
    assert.equal(aug.augmentImage(iaa.makeImage(new Uint8Array(6), 2, 3, 1)).width, 6);
  });
});
