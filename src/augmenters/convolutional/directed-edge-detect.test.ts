import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { DirectedEdgeDetect, directedEdgeEffect } from './directed-edge-detect.ts';

const fixture = loadFilterFixture('filters-convolution.json');

describe('DirectedEdgeDetect', () => {
  it('weights the neighbours by closeness to the direction: 0 (up) puts the most weight on the top centre', () => {
    const k = directedEdgeEffect(0);
    assert.equal(k[4], 1);
    // Top centre: angle 0 → weight 1; top corners: 45° → 0.75⁴; sides 90° → 0.5⁴; bottom corners 0.25⁴; bottom 0.
    const w = [0.75 ** 4, 1, 0.75 ** 4, 0.5 ** 4, 0, 0.5 ** 4, 0.25 ** 4, 0, 0.25 ** 4];
    const sum = w.reduce((a, b) => a + b);
    for (const i of [0, 1, 2, 3, 5, 6, 7, 8]) assert.ok(Math.abs(k[i] + w[i] / sum) < 1e-6, `tap ${i}: ${k[i]}`);
    // The neighbours sum to −1, so a flat image turns black.
    assert.ok(Math.abs(k.reduce((a, b) => a + b) - 0) < 1e-6);
  });

  it('turns the kernel with the direction: 0.25 (right) mirrors 0 (up) onto the right column', () => {
    const up = directedEdgeEffect(0);
    const right = directedEdgeEffect(0.25);
    // (row, col) of `up` → (col, 2 − row) of `right`: a quarter turn clockwise.
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(up[r * 3 + c] - right[c * 3 + 2 - r]) < 1e-6);
  });

  it('truncates the direction to whole degrees, as imgaug does', () => {
    assert.deepEqual(directedEdgeEffect(0.1001), directedEdgeEffect(0.1));
    assert.deepEqual(directedEdgeEffect(1), directedEdgeEffect(0));
    assert.notDeepEqual(directedEdgeEffect(0.1 + 1 / 360), directedEdgeEffect(0.1));
  });

  it('matches cv2.filter2D with imgaug’s float32 kernel byte for byte on the fixture images', () => {
    assert.ok(checkFixtureCases(fixture, 'DirectedEdgeDetect') >= 28);
  });

  itKeepsPixelProperties(
    (d) => DirectedEdgeDetect([0, 1], { direction: [0, d], seed: 3 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    60,
  );

  it('rejects alpha outside [0, 1] with the template error', () => {
    assert.throws(() => DirectedEdgeDetect(1.01), /DirectedEdgeDetect: alpha must be a number in \[0, 1\]/);
  });
});
