import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertColourCases } from '../../../test/helpers/colour-fixture.ts';
import * as iaa from '../../index.ts';
import { WithChannels } from '../meta/with-channels.ts';
import { WithColorspace } from './with-colorspace.ts';
import { WithHueAndSaturation } from './with-hue-and-saturation.ts';

const rgb = (values: number[]) => iaa.makeImage(Uint8Array.from(values), 1, values.length / 3, 3);

describe('WithColorspace, WithChannels and WithHueAndSaturation', () => {
  it("give imgaug's bytes around Add and Multiply children, on odd sizes", () => {
    // imgaug 0.4.0's WithColorspace, WithChannels and WithHueAndSaturation (its int16 image) on cv2.cvtColor and
    // imgaug's uint8/int16 Add and Multiply.
    assert.equal(assertColourCases(['WithColorspace', 'WithChannels', 'WithHueAndSaturation']), 10);
  });

  it('runs children on the named channels only, in the given order, and keeps the others', () => {
    const image = iaa.makeImage(Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80]), 1, 2, 4);
    // Channels [3, 1] of each pixel go to Add(5) → 45, 25 and 85, 65; channels 0 and 2 stay.
    assert.deepEqual([...WithChannels([3, 1], iaa.Add(5)).augmentImage(image).data], [10, 25, 30, 45, 50, 65, 70, 85]);
    // A flip of a two-pixel image swaps the pixels of the chosen channel only.
    assert.deepEqual([...WithChannels(2, iaa.Fliplr(1)).augmentImage(image).data], [10, 20, 70, 40, 50, 60, 30, 80]);
    assert.deepEqual(WithChannels([], iaa.Add(5)).augmentImage(image).data, image.data);
    // Without channels, the children get the whole image.
    assert.deepEqual(
      [...WithChannels(undefined, iaa.Add(1)).augmentImage(image).data],
      [11, 21, 31, 41, 51, 61, 71, 81],
    );
  });

  it('gives the children the converted image and converts their result back', () => {
    // Through HSV with nothing in between: OpenCV's round trip (exact for these colours).
    const image = rgb([255, 0, 0, 0, 0, 255, 40, 40, 40]);
    assert.deepEqual(WithColorspace('HSV', []).augmentImage(image).data, image.data);
    // Green → hue 60; WithChannels(0, Add(60)) gives hue 120: pure blue.
    assert.deepEqual(
      [...WithColorspace('HSV', WithChannels(0, iaa.Add(60))).augmentImage(rgb([0, 255, 0])).data],
      [0, 0, 255],
    );
    // WithHueAndSaturation: saturation × 0 leaves the value channel as gray.
    const gray = WithHueAndSaturation(WithChannels(1, iaa.Multiply(0))).augmentImage(rgb([200, 100, 100]));
    assert.deepEqual([...gray.data], [200, 200, 200]);
  });

  it('moves labels with geometric children and keeps pixel children label-free', () => {
    const image = iaa.makeImage(new Uint8Array(4 * 6 * 3).fill(100), 4, 6, 3);
    const flipped = WithColorspace('Lab', iaa.Fliplr(1)).augment({ image, keypoints: [{ x: 1, y: 2 }] });
    assert.deepEqual(flipped.keypoints, [{ x: 5, y: 2 }]);
    const kept = WithHueAndSaturation(WithChannels(0, iaa.Add(10))).augment({ image, keypoints: [{ x: 1, y: 2 }] });
    assert.deepEqual(kept.keypoints, [{ x: 1, y: 2 }]);
  });

  it('refuses children that change what goes back, channels the image lacks, GRAY and non-RGB images', () => {
    const image = iaa.makeImage(new Uint8Array(4 * 4 * 3), 4, 4, 3);
    assert.throws(
      () => WithHueAndSaturation(iaa.Crop({ px: 1, keepSize: false })).augmentImage(image),
      /WithHueAndSaturation: children must be augmenters that keep the size and channels of the image they get \(4×4×2\); received "a 2×2×2 result"/,
    );
    assert.throws(
      () => WithChannels(0, iaa.Crop({ px: 1, keepSize: false })).augmentImage(image),
      /WithChannels: children must be augmenters that keep the size and channels/,
    );
    assert.throws(
      () => WithChannels(3, iaa.Add(1)).augmentImage(image),
      /WithChannels: channels must be channel indices below the image's 3/,
    );
    assert.throws(() => WithChannels(-1, iaa.Add(1)), /WithChannels: channels must be a channel index/);
    assert.throws(() => WithColorspace('GRAY' as 'HSV', []), /WithColorspace: toColorspace must be one of RGB, BGR/);
    assert.throws(() => WithColorspace(undefined as unknown as 'HSV'), /WithColorspace: toColorspace must be one of/);
    assert.throws(
      () => WithColorspace('HSV', []).augmentImage(iaa.makeImage(new Uint8Array(4), 2, 2, 1)),
      /WithColorspace: image must be a uint8 image with 3 channels/,
    );
  });
});
