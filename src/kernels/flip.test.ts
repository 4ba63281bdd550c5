import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Image } from '../core/image.ts';
import { flipHorizontal, flipVertical } from './flip.ts';

/** A scrambled uint8 image placed `offset` bytes into a larger buffer (so word views may be misaligned). */
function image(h: number, w: number, c: number, offset: number): Image<Uint8Array> {
  const buffer = new Uint8Array(h * w * c + offset + 4);
  for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 151 + 7) & 255;
  return { data: buffer.subarray(offset, offset + h * w * c), height: h, width: w, channels: c };
}

/** The mirror computed pixel by pixel, the definition the kernel must meet. */
function mirrored(src: Image): number[] {
  const { height: h, width: w, channels: c } = src;
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out.push(src.data[(y * w + (w - 1 - x)) * c + k]);
  }
  return out;
}

describe('flipHorizontal', () => {
  it('mirrors each row for 1 to 5 channels, widths 1 to 9 and every alignment (word and byte paths)', () => {
    for (let c = 1; c <= 5; c++) {
      for (let w = 1; w <= 9; w++) {
        for (let offset = 0; offset < 4; offset++) {
          const src = image(3, w, c, offset);
          const out = image(3, w, c, (offset * 3) % 4);
          out.data.fill(0);
          flipHorizontal(src, out);
          assert.deepEqual(Array.from(out.data), mirrored(src), `c=${c} w=${w} offset=${offset}`);
        }
      }
    }
  });

  it('mirrors float32 images', () => {
    const src: Image = { data: Float32Array.from([0.5, 1, 2, 3, 4, 5]), height: 1, width: 2, channels: 3 };
    const out: Image = { ...src, data: new Float32Array(6) };
    flipHorizontal(src, out);
    assert.deepEqual(Array.from(out.data), [3, 4, 5, 0.5, 1, 2]);
  });
});

describe('flipVertical', () => {
  it('reverses the order of the rows', () => {
    const src = image(3, 2, 1, 0);
    const out = image(3, 2, 1, 0);
    flipVertical(src, out);
    const d = src.data;
    assert.deepEqual(Array.from(out.data), [d[4], d[5], d[2], d[3], d[0], d[1]]);
  });
});
