import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from './image.ts';
describe('makeImage', () => {
  it('builds', () => {
    assert.equal(makeImage(new Uint8Array(4), 2, 2).width, 2);
  });
});
