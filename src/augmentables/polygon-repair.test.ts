import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../index.ts';
import { fixPolygons, isSimplePolygon, simpleLoops } from './polygon-repair.ts';

const pts = (...xy: number[]) => Array.from({ length: xy.length / 2 }, (_, k) => ({ x: xy[2 * k], y: xy[2 * k + 1] }));

// A bow tie: A(0, 0) → B(4, 4) → C(4, 0) → D(0, 6); AB and CD cross at P(2.4, 2.4) (t = 24/40 on AB).
const BOW = pts(0, 0, 4, 4, 4, 0, 0, 6);

describe('polygon repair', () => {
  it('tells simple outlines (touching allowed) from crossing ones', () => {
    assert.equal(isSimplePolygon(pts(0, 0, 4, 0, 4, 4, 0, 4)), true);
    assert.equal(isSimplePolygon(BOW), false);
    // A concave outline whose vertex touches no other edge's interior.
    assert.equal(isSimplePolygon(pts(0, 0, 4, 0, 2, 1, 4, 4, 0, 4)), true);
  });

  it('cuts a bow tie at its crossing into two triangles', () => {
    assert.deepEqual(simpleLoops(BOW), [pts(2.4, 2.4, 4, 4, 4, 0), pts(0, 6, 0, 0, 2.4, 2.4)]);
  });

  it('repairs to the largest loop (areas 3.2 and 7.2), drops on request, keeps by default, leaves simple ones', () => {
    const square = { points: pts(0, 0, 1, 0, 1, 1, 0, 1), label: 'sq' };
    const bow = { points: BOW, label: 'bow' };
    assert.deepEqual(fixPolygons([bow, square], 'repair'), [
      { points: pts(0, 6, 0, 0, 2.4, 2.4), label: 'bow' },
      square,
    ]);
    assert.deepEqual(fixPolygons([bow, square], 'drop'), [square]);
    assert.deepEqual(fixPolygons([bow, square], 'keep'), [bow, square]);
  });

  it('cuts an outline crossing itself three times into four simple loops', () => {
    // Two mirrored zigzags joined at their ends: they cross at (1, 1), (3, 1) and (5, 1).
    const s = pts(0, 0, 2, 2, 4, 0, 6, 2, 6, 0, 4, 2, 2, 0, 0, 2);
    const loops = simpleLoops(s);
    assert.equal(loops.length, 4);
    for (const loop of loops) assert.ok(isSimplePolygon(loop));
  });

  it('runs in augment on request: a bow tie through Fliplr(1) becomes its larger loop, flipped (x → 10 − x)', () => {
    const aug = iaa.Fliplr(1);
    const shape = { height: 10, width: 10, channels: 1 };
    const polygons = [{ points: BOW }];
    assert.deepEqual(aug.augment({ shape, polygons }, { invalidPolygons: 'repair' }).polygons, [
      { points: pts(10, 6, 10, 0, 7.6, 2.4) },
    ]);
    assert.deepEqual(aug.augment({ shape, polygons }, { invalidPolygons: 'drop' }).polygons, []);
    assert.equal(aug.augment({ shape, polygons }).polygons?.[0]?.points.length, 4);
    assert.throws(
      () => aug.augment({ shape, polygons }, { invalidPolygons: 'fix' as never }),
      /Fliplr: invalidPolygons must be 'keep', 'repair' or 'drop'; received "fix"/,
    );
  });
});
