import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { roundHalfEven } from './round.ts';

describe('roundHalfEven', () => {
  it('sends ties to the even neighbour, on both sides of zero', () => {
    const ties = [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 254.5, 255.5];
    assert.deepEqual(
      ties.map((v) => roundHalfEven(v) + 0),
      [-4, -2, -2, 0, 0, 2, 2, 4, 254, 256],
    );
  });

  it('is the nearest integer wherever there is no tie', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (v) => {
        const r = roundHalfEven(v);
        assert.ok(Number.isInteger(r));
        const distance = Math.abs(r - v);
        if (distance === 0.5) assert.equal(Math.abs(r % 2), 0, `${v} → ${r}`);
        else assert.ok(distance < 0.5, `${v} → ${r}`);
      }),
      { numRuns: 2000 },
    );
  });
});
