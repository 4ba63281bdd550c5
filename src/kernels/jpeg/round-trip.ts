import type { Shape } from '../../core/image.ts';
import { Scratch } from '../scratch.ts';
import { rgbToYcc, yccToRgb } from './color.ts';
import { forwardDct, inverseDct, quantize } from './dct.ts';
import { downsampleH2v2, padPlane, upsampleH2v2 } from './sampling.ts';
import { type QuantTable, quantTables } from './tables.ts';

// Planes and block buffers of one call, reused across calls (the kernel runs synchronously); the slots of the planes.
const scratch = new Scratch();
const SLOT = { y: 0, cb: 1, cr: 2, cbSmall: 3, crSmall: 4, sums: 5 } as const;
const BLOCK = new Int32Array(64);
const WORK = new Int32Array(64);

/**
 * Compresses and reconstructs every 8×8 block of a padded plane (`blocksWide` blocks across, rows `8 · blocksWide`
 * apart) in place: forward DCT of the samples − 128, quantisation and dequantisation, inverse DCT.
 */
function compressPlane(plane: Uint8Array, blocksWide: number, blocksHigh: number, table: QuantTable): void {
  const stride = 8 * blocksWide;
  for (let by = 0; by < blocksHigh; by++) {
    for (let bx = 0; bx < blocksWide; bx++) {
      const offset = 8 * (by * stride + bx);
      for (let r = 0; r < 8; r++) {
        const o = offset + r * stride;
        for (let c = 0; c < 8; c++) BLOCK[8 * r + c] = plane[o + c] - 128;
      }
      forwardDct(BLOCK);
      inverseDct(BLOCK, quantize(BLOCK, table), WORK, plane, offset, stride);
    }
  }
}

/**
 * Writes to `out` what saving `src` as a baseline JPEG at `quality` (an integer in 1–100) and reading it back gives
 * with Pillow 9.4 on libjpeg-turbo 2.1 — imgaug 0.4.0's `compress_jpeg` — byte for byte: 3 channels as JFIF YCbCr
 * with 4:2:0 chroma, 1 channel as greyscale, the standard tables scaled by quality, islow DCTs and fancy upsampling.
 * Only the lossless entropy coding is left out. `out` may be `src`.
 */
export function jpegRoundTrip(src: Uint8Array, shape: Shape, quality: number, out: Uint8Array): void {
  const { height, width, channels } = shape;
  if (height === 0 || width === 0) return;
  const tables = quantTables(quality);
  const lumaWide = (width + 7) >> 3;
  const lumaHigh = (height + 7) >> 3;
  const luma = scratch.u8(SLOT.y, 64 * lumaWide * lumaHigh);
  const stride = 8 * lumaWide;
  if (channels === 1) {
    for (let row = 0; row < height; row++) luma.set(src.subarray(row * width, (row + 1) * width), row * stride);
    padPlane(luma, width, height, stride, 8 * lumaHigh);
    compressPlane(luma, lumaWide, lumaHigh, tables.luma);
    for (let row = 0; row < height; row++) out.set(luma.subarray(row * stride, row * stride + width), row * width);
    return;
  }
  const cb = scratch.u8(SLOT.cb, width * height);
  const cr = scratch.u8(SLOT.cr, width * height);
  const planes = { width, height, y: luma, yStride: stride, cb, cr };
  rgbToYcc(src, planes);
  padPlane(luma, width, height, stride, 8 * lumaHigh);
  compressPlane(luma, lumaWide, lumaHigh, tables.luma);
  // Chroma at half size: its blocks cover 16×16 pixels.
  const chromaWide = (width + 15) >> 4;
  const chromaHigh = (height + 15) >> 4;
  const chromaStride = 8 * chromaWide;
  const sums = scratch.i32(SLOT.sums, chromaStride);
  for (const [full, slot] of [
    [cb, SLOT.cbSmall],
    [cr, SLOT.crSmall],
  ] as const) {
    const small = scratch.u8(slot, 64 * chromaWide * chromaHigh);
    downsampleH2v2(full, width, height, small, chromaStride, 8 * chromaHigh);
    compressPlane(small, chromaWide, chromaHigh, tables.chroma);
    upsampleH2v2(small, chromaStride, (width + 1) >> 1, (height + 1) >> 1, full, width, height, sums);
  }
  yccToRgb(planes, out);
}
