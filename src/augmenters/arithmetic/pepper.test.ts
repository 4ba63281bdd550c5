import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertChannelsDecided, assertReplacesTenPercent } from '../../../test/helpers/wasm-mask.ts';
import { Dropout } from './dropout.ts';
import { Pepper } from './pepper.ts';

describe('Pepper', () => {
  it('turns 10 % ± 0.5 % of 100,000 pixels black with p = 0.1, and never white', () => {
    assertReplacesTenPercent(Pepper(0.1, { seed: 5 }), 0);
  });

  it('blackens whole pixels without perChannel, and single channels with it', () => {
    assertChannelsDecided(Pepper(0.3, { seed: 2 }), Pepper(0.5, { perChannel: true, seed: 2 }));
  });

  it("has imgaug's default p, [0, 0.05], where Dropout's is [0, 0.2]", () => {
    assert.deepEqual(Pepper().toJSON().p, [0, 0.05]);
    assert.deepEqual(Dropout().toJSON().p, [0, 0.2]);
  });
});
