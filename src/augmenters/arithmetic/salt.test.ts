import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertChannelsDecided, assertReplacesTenPercent } from '../../../test/helpers/wasm-mask.ts';
import { makeImage } from '../../core/image.ts';
import { kernelRuns, resetKernelRuns } from '../../kernels/table.ts';
import { Salt } from './salt.ts';

const grey = (h: number, w: number, c: number) => makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('Salt', () => {
  it('turns 10 % ± 0.5 % of 100,000 pixels white with p = 0.1, and never black', () => {
    assertReplacesTenPercent(Salt(0.1, { seed: 5 }), 255);
  });

  it('whitens whole pixels without perChannel and single channels with it', () => {
    assertChannelsDecided(Salt(0.3, { seed: 6 }), Salt(0.5, { perChannel: true, seed: 6 }));
  });

  it('gives float32 images 1 (white in 0–1 intensities)', () => {
    const image = makeImage(new Float32Array(1000).fill(0.25), 10, 100, 1);
    const values = new Set(Salt(0.5, { seed: 1 }).augmentImage(image).data);
    assert.deepEqual([...values].sort(), [0.25, 1]);
  });

  it('changes nothing with p = 0 and everything with p = 1', () => {
    assert.ok(
      Salt(0)
        .augmentImage(grey(7, 9, 3))
        .data.every((v) => v === 128),
    );
    assert.ok(
      Salt(1)
        .augmentImage(grey(7, 9, 3))
        .data.every((v) => v === 255),
    );
  });

  it('runs the salt kernel (TypeScript, no WebAssembly twin)', () => {
    resetKernelRuns();
    Salt(0.2).augmentImage(grey(8, 8, 3));
    assert.deepEqual(kernelRuns().salt, { wasm: 0, typescript: 1, declined: 0 });
  });

  it('rejects p outside [0, 1], naming the option', () => {
    assert.throws(() => Salt(1.5), /^RangeError: Salt: p must be a number in \[0, 1\]/);
  });
});
