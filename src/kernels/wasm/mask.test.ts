import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RandomSource } from '../../random/stream.ts';
import { DRAW_CHUNK, type MaskDraws } from '../mask.ts';
import { MASK_DRAW_CHUNK, type MaskKind, maskBatchU8Wasm } from './mask.ts';
import { useWasmKernels } from './simd.ts';

const TWO_POW_32 = 4294967296;

/** Value-by-value reference: the stream's draws a chunk at a time, `u < p · 2³²` compared as doubles. */
function reference(
  kind: MaskKind,
  src: Uint8Array,
  size: number,
  channels: number,
  draws: readonly MaskDraws[],
): Uint8Array {
  const out = src.slice();
  draws.forEach(({ p, perChannel, mask }, i) => {
    if (!(p > 0)) return;
    if (kind === 'dropout' && p >= 1) {
      out.fill(0, i * size, (i + 1) * size);
      return;
    }
    const step = perChannel ? 1 : channels;
    const n = size / step;
    const u = new Uint32Array(n);
    const stream = mask.restart();
    for (let first = 0; first < n; first += DRAW_CHUNK) stream.fillUint32(u.subarray(first, first + DRAW_CHUNK));
    for (let j = 0; j < n; j++) {
      if (!(u[j] < p * TWO_POW_32)) continue;
      const v = kind === 'dropout' ? 0 : (u[j] & 1) * 255;
      for (let c = 0; c < step; c++) out[i * size + j * step + c] = v;
    }
  });
  return out;
}

function ramp(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => 1 + ((i * 37) % 254));
}

const stream = (index: number) => RandomSource.root(12, 3, index, 'Mask').stream('mask');

describe('maskBatchU8Wasm', () => {
  it('changes a value exactly when its draw is below p · 2³²: at p = u / 2³² it stays, just above it changes', () => {
    const draws = new Uint32Array(64);
    stream(0).fillUint32(draws);
    const src = ramp(64);
    for (const kind of ['dropout', 'saltAndPepper'] as const) {
      for (const k of [5, 17, 40]) {
        const u = draws[k];
        for (const [p, changes] of [
          [u / TWO_POW_32, false],
          [(u + 0.5) / TWO_POW_32, true],
          [(u + 1) / TWO_POW_32, true],
        ] as const) {
          const out = new Uint8Array(64);
          assert.equal(maskBatchU8Wasm(kind, src, out, 64, 1, [{ p, perChannel: true, mask: stream(0) }]), true);
          const expected = kind === 'dropout' ? 0 : (u & 1) * 255;
          assert.equal(out[k], changes ? expected : src[k], `${kind}, draw ${k} = ${u}, p · 2³² = ${p * TWO_POW_32}`);
          assert.deepEqual(out, reference(kind, src, 64, 1, [{ p, perChannel: true, mask: stream(0) }]));
        }
      }
    }
  });

  it('matches the reference for mixed images: p ≤ 0, NaN, 1 − 2⁻⁴⁰, 1, channel steps 1 to 5, several chunks', () => {
    const ps = [0.3, 0, Number.NaN, -0.5, 1 - 2 ** -40, 1, 2 ** -40, 0.9, 0.05];
    for (const kind of ['dropout', 'saltAndPepper'] as const) {
      for (const channels of [1, 2, 3, 4, 5]) {
        const size = 67 * 71 * channels; // 4757 pixels: two chunks per image, a short second one
        const draws = ps.map((p, i) => ({ p, perChannel: i % 2 === 1, mask: stream(i) }));
        const src = ramp(size * ps.length);
        const out = new Uint8Array(src.length);
        assert.equal(maskBatchU8Wasm(kind, src, out, size, channels, draws), true);
        assert.deepEqual(out, reference(kind, src, size, channels, draws), `${kind}, ${channels} channels`);
        // In place gives the same bytes.
        const inPlace = src.slice();
        maskBatchU8Wasm(kind, inPlace, inPlace, size, channels, draws);
        assert.deepEqual(inPlace, out);
      }
    }
  });

  it('returns false and writes nothing when the WebAssembly kernels are off', () => {
    const out = new Uint8Array(12).fill(7);
    const was = useWasmKernels(false);
    try {
      assert.equal(
        maskBatchU8Wasm('dropout', ramp(12), out, 12, 3, [{ p: 1, perChannel: false, mask: stream(0) }]),
        false,
      );
    } finally {
      useWasmKernels(was);
    }
    assert.deepEqual(out, new Uint8Array(12).fill(7));
  });

  it('reseeds every DRAW_CHUNK draws, as the augmenters do', () => {
    assert.equal(MASK_DRAW_CHUNK, DRAW_CHUNK);
  });
});
