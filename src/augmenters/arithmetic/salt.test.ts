import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from '../../core/image.ts';
import { kernelRuns, resetKernelRuns } from '../../kernels/table.ts';
import { Salt } from './salt.ts';

const grey = (h: number, w: number, c: number) => makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('Salt', () => {
  it('turns 10 % ± 0.5 % of 100,000 pixels white with p = 0.1, and never black', () => {
    const out = Salt(0.1, { seed: 5 }).augmentImage(grey(400, 250, 1));
    let white = 0;
    for (const v of out.data) {
      assert.ok(v === 128 || v === 255, `value ${v}`);
      if (v === 255) white++;
    }
    assert.ok(Math.abs(white / 100_000 - 0.1) < 0.005, `white ${white / 100_000}`);
  });

  it('whitens whole pixels without perChannel and single channels with it', () => {
    const whole = Salt(0.3, { seed: 6 }).augmentImage(grey(50, 50, 3));
    for (let i = 0; i < whole.data.length; i += 3) {
      const [r, g, b] = whole.data.subarray(i, i + 3);
      assert.ok(r === g && g === b, `pixel ${i / 3} is (${r}, ${g}, ${b})`);
    }
    const split = Salt(0.5, { perChannel: true, seed: 6 }).augmentImage(grey(50, 50, 3));
    let mixed = 0;
    for (let i = 0; i < split.data.length; i += 3) if (new Set(split.data.subarray(i, i + 3)).size > 1) mixed++;
    // Three fair coins differ in 3/4 of the pixels.
    assert.ok(Math.abs(mixed / 2500 - 0.75) < 0.04, `mixed ${mixed / 2500}`);
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
