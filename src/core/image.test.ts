import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchBuffer, makeImage } from './image.ts';
describe('makeImage', () => {
  it('builds', () => {
    assert.equal(makeImage(new Uint8Array(4), 2, 2).width, 2);
  });
});

describe('batchBuffer', () => {
  it('is a uniform batch’s data, all of a list’s one buffer, or undefined for a list in several', () => {
    const data = new Uint8Array(12);
    assert.equal(batchBuffer({ data, n: 3, height: 2, width: 2, channels: 1 }), data);
    const pool = new Float32Array(10);
    const list = [makeImage(pool.subarray(0, 4), 2, 2), makeImage(pool.subarray(4, 6), 1, 2)];
    const whole = batchBuffer(list);
    assert.ok(whole instanceof Float32Array);
    assert.equal(whole.buffer, pool.buffer);
    assert.equal(whole.length, 10);
    assert.equal(batchBuffer([makeImage(new Uint8Array(4), 2, 2), makeImage(new Uint8Array(4), 2, 2)]), undefined);
    assert.equal(batchBuffer([]), undefined);
  });
});
