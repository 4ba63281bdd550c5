import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uniform } from '../../params/uniform.ts';
import { RandomSource } from '../../random/stream.ts';
import { Add } from '../arithmetic/add.ts';
import { Multiply } from '../arithmetic/multiply.ts';
import { GammaContrast } from '../contrast/gamma-contrast.ts';
import { LinearContrast } from '../contrast/linear-contrast.ts';

describe('valueMapDefinition', () => {
  it('draws each augmenter’s values from the stream named after its option, the per-channel coin from its own', () => {
    const shape = { height: 2, width: 2, channels: 3 };
    const cases = [
      { aug: Add([-20, 20], { perChannel: true }), name: 'value', range: [-20, 20] },
      { aug: Multiply([0.5, 1.5], { perChannel: true }), name: 'mul', range: [0.5, 1.5] },
      { aug: LinearContrast([0.6, 1.4], { perChannel: true }), name: 'alpha', range: [0.6, 1.4] },
      { aug: GammaContrast([0.7, 1.7], { perChannel: true }), name: 'gamma', range: [0.7, 1.7] },
    ] as const;
    for (const { aug, name, range } of cases) {
      const expected = new Float64Array(3);
      uniform(range[0], range[1]).drawMany(RandomSource.root(5, 1, 2, 'v').stream(name), expected);
      const params = aug.drawParams(RandomSource.root(5, 1, 2, 'v'), shape) as { values: Float64Array };
      assert.deepEqual(params.values, expected, name);
      assert.ok(new Set(expected).size === 3, `${name}: three different draws`);
    }
  });
});
