import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import * as iaa from '../../index.ts';
import { pilAffineU8 } from '../../kernels/pil-affine.ts';

// Image.transform(AFFINE) with imgaug's pillike matrix (scripts/gen-pillike-fixtures.py).
const fixture = loadFilterFixture('pillike-affine.json');

describe('pillike.Affine', () => {
  it("gives Pillow's Image.transform bytes with imgaug's matrix (rotate, scale, translate, shear, centre, fill)", () => {
    assert.equal(checkFixtureCases(fixture, 'pillike.Affine'), 10 * fixture.images.length);
  });

  it('shifts by translatePx and fills what comes from outside with fillcolor (alpha 255)', () => {
    const data = Uint8Array.from({ length: 3 * 4 * 4 }, (_, i) => i + 1);
    const out = iaa.pillike
      .Affine({ translatePx: { x: 1, y: 0 }, fillcolor: 9 })
      .augmentImage(iaa.makeImage(data, 3, 4, 4));
    const px = (x: number, y: number) => [...out.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4)];
    assert.deepEqual(px(0, 1), [9, 9, 9, 255]);
    assert.deepEqual(px(1, 1), [...data.subarray(16, 20)]);
    assert.deepEqual(px(3, 2), [...data.subarray(40, 44)]);
  });

  it('turns clockwise on screen about the centre (rotate 90 on a 3 × 3 image)', () => {
    const image = iaa.makeImage(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), 3, 3, 1);
    // Clockwise: the left column (1, 4, 7) becomes the top row, read right to left.
    assert.deepEqual([...iaa.pillike.Affine({ rotate: 90 }).augmentImage(image).data], [7, 4, 1, 8, 5, 2, 9, 6, 3]);
  });

  it('moves a keypoint with its pixel', () => {
    const image = iaa.makeImage(new Uint8Array(21 * 17), 21, 17, 1);
    image.data[6 * 17 + 4] = 255;
    const aug = iaa.pillike.Affine({ rotate: 25, scale: 1.2, translatePx: { x: 2, y: -1 } });
    const { image: out, keypoints } = aug.augment({ image, keypoints: [{ x: 4.5, y: 6.5 }] });
    const at = out.data.indexOf(255);
    const [kx, ky] = [keypoints[0].x, keypoints[0].y];
    assert.ok(at >= 0, 'the dot survives');
    assert.ok(
      Math.abs((at % 17) + 0.5 - kx) <= 1 && Math.abs(Math.floor(at / 17) + 0.5 - ky) <= 1,
      `${at} ${kx} ${ky}`,
    );
  });

  it('steps in 16.16 fixed point, in doubles for a pure scale and shift', () => {
    const src = Uint8Array.from({ length: 25 }, (_, i) => i);
    const out = new Uint8Array(25);
    // A pure shift by −0.5 pixel: centres at 0.0, 1.0, … (the integer part picks the pixel).
    pilAffineU8(src, { height: 5, width: 5, channels: 1 }, [1, 0, -0.5, 0, 1, 0], [99], out);
    assert.deepEqual([...out.subarray(0, 5)], [0, 1, 2, 3, 4]);
    pilAffineU8(src, { height: 5, width: 5, channels: 1 }, [1, 0, 0.5, 0, 1, 0], [99], out);
    assert.deepEqual([...out.subarray(0, 5)], [1, 2, 3, 4, 99]);
    // A shear term below the 16.16 step takes the fixed-point path, where it rounds to nothing.
    pilAffineU8(src, { height: 5, width: 5, channels: 1 }, [1, 1e-9, 0, 0, 1, 0], [99], out);
    assert.deepEqual([...out.subarray(0, 5)], [0, 1, 2, 3, 4]);
  });

  it('rejects translatePx with translatePercent, and float32 images', () => {
    assert.throws(() => iaa.pillike.Affine({ translatePx: 2, translatePercent: 0.1 }), /pillike\.Affine: translatePx/);
    const f = iaa.makeImage(new Float32Array(9), 3, 3, 1);
    assert.throws(() => iaa.pillike.Affine().augmentImage(f), /pillike\.Affine: image must be a uint8 image/);
  });
});
