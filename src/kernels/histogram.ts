/**
 * Histogram equalisation of one uint8 channel, global (`cv2.equalizeHist`) and tiled with a clip limit
 * (`cv2.createCLAHE(...).apply`), with OpenCV 4.6's float32 arithmetic and rounding.
 */

import { reflect101 } from './convolve.ts';
import { Scratch } from './scratch.ts';
import { cvRound } from './warp/tables.ts';

const f32 = Math.fround;

// Histograms, tables and interpolation positions of one call (kernels run synchronously).
const scratch = new Scratch();

/** One channel of an interleaved uint8 image: values at `channel`, `channel + channels`, … of `data`. */
export interface ChannelPlane {
  readonly data: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly channel: number;
}

function checkPlane(name: string, src: ChannelPlane, out: Uint8Array): void {
  const n = src.height * src.width * src.channels;
  if (src.data.length !== n || out.length !== n || src.channel < 0 || src.channel >= src.channels) {
    throw new RangeError(`${name}: src, out and channel must fit height × width × channels = ${n}`);
  }
}

/** saturate_cast<uchar>(float): rounded half to even, clipped to 0–255. */
function saturateU8(v: number): number {
  return Math.min(255, Math.max(0, cvRound(v)));
}

/**
 * Equalises the histogram of one channel as `cv2.equalizeHist` does: the table maps value v to
 * round(cumulative count up to v · 255 / (pixels − count of the lowest value)) in float32, so the lowest value
 * present becomes 0 and the highest 255; a one-valued channel is kept as it is. Writes the same channel of `out`.
 */
export function equalizeHistogram(src: ChannelPlane, out: Uint8Array): void {
  checkPlane('equalizeHistogram', src, out);
  const { data, channels, channel } = src;
  const total = src.height * src.width;
  const hist = scratch.i32(0, 256);
  hist.fill(0);
  for (let i = channel; i < data.length; i += channels) hist[data[i]]++;
  let first = 0;
  while (first < 256 && hist[first] === 0) first++;
  const lut = scratch.u8(1, 256);
  if (first === 256 || hist[first] === total) {
    for (let i = channel; i < data.length; i += channels) out[i] = data[i];
    return;
  }
  const scale = f32(255 / (total - hist[first]));
  let sum = 0;
  lut[first] = 0;
  for (let v = first + 1; v < 256; v++) {
    sum += hist[v];
    lut[v] = saturateU8(f32(sum * scale));
  }
  for (let i = channel; i < data.length; i += channels) out[i] = lut[data[i]];
}

/**
 * Contrast-limited adaptive histogram equalisation of one channel, as `cv2.createCLAHE(clipLimit, (tilesX,
 * tilesY)).apply` computes it: the image (padded with BORDER_REFLECT_101 on the bottom and right when the grid does
 * not divide it) is cut into tilesY × tilesX tiles; each tile's histogram is clipped at
 * `int(clipLimit · tile pixels / 256)` (at least 1; no clipping when clipLimit ≤ 0), the excess spread evenly and
 * its remainder one count per `256 / remainder` bins from 0, and turned into a table `round(cumulative · 255 / tile
 * pixels)`; each pixel blends the tables of its four nearest tile centres bilinearly, in float32, and is rounded
 * half to even. Writes the same channel of `out`.
 */
export function claheChannel(
  src: ChannelPlane,
  clipLimit: number,
  tilesX: number,
  tilesY: number,
  out: Uint8Array,
): void {
  checkPlane('claheChannel', src, out);
  if (!(Number.isInteger(tilesX) && Number.isInteger(tilesY) && tilesX >= 1 && tilesY >= 1)) {
    throw new RangeError(`claheChannel: the tile grid must be positive integers; received ${tilesX} × ${tilesY}`);
  }
  const { data, height, width, channels, channel } = src;
  // When the grid does not divide the image, OpenCV pads the bottom by tilesY − height % tilesY rows and the right
  // by tilesX − width % tilesX columns, both, even where one side divides (it then gains a whole tile count).
  const divides = height % tilesY === 0 && width % tilesX === 0;
  const padH = divides ? 0 : tilesY - (height % tilesY);
  const padW = divides ? 0 : tilesX - (width % tilesX);
  const tileH = (height + padH) / tilesY;
  const tileW = (width + padW) / tilesX;
  const tilePixels = tileH * tileW;
  const lutScale = f32(255 / tilePixels);
  let limit = 0;
  if (clipLimit > 0) limit = Math.max(1, Math.trunc((clipLimit * tilePixels) / 256));
  const luts = scratch.u8(0, tilesX * tilesY * 256);
  const hist = scratch.i32(1, 256);
  const rowAt = scratch.i32(2, tileH);
  const colAt = scratch.i32(3, tileW);
  for (let ty = 0; ty < tilesY; ty++) {
    for (let i = 0; i < tileH; i++) rowAt[i] = reflect101(ty * tileH + i, height) * width;
    for (let tx = 0; tx < tilesX; tx++) {
      for (let j = 0; j < tileW; j++) colAt[j] = reflect101(tx * tileW + j, width);
      hist.fill(0);
      for (let i = 0; i < tileH; i++) {
        for (let j = 0; j < tileW; j++) hist[data[(rowAt[i] + colAt[j]) * channels + channel]]++;
      }
      if (limit > 0) clipHistogram(hist, limit);
      const lut = luts.subarray((ty * tilesX + tx) * 256, (ty * tilesX + tx + 1) * 256);
      let sum = 0;
      for (let v = 0; v < 256; v++) {
        sum += hist[v];
        lut[v] = saturateU8(f32(sum * lutScale));
      }
    }
  }
  interpolateTiles(src, luts, tilesX, tilesY, tileW, tileH, out);
}

/** Clips each bin at `limit` and hands the excess back: evenly, then one count per step from bin 0 (OpenCV's rule). */
function clipHistogram(hist: Int32Array, limit: number): void {
  let clipped = 0;
  for (let v = 0; v < 256; v++) {
    if (hist[v] > limit) {
      clipped += hist[v] - limit;
      hist[v] = limit;
    }
  }
  const batch = Math.trunc(clipped / 256);
  let residual = clipped - batch * 256;
  for (let v = 0; v < 256; v++) hist[v] += batch;
  if (residual !== 0) {
    const step = Math.max(Math.trunc(256 / residual), 1);
    for (let v = 0; v < 256 && residual > 0; v += step, residual--) hist[v]++;
  }
}

/** Blends the four nearest tiles' tables per pixel (OpenCV's CLAHE_Interpolation_Body, float32). */
function interpolateTiles(
  src: ChannelPlane,
  luts: Uint8Array,
  tilesX: number,
  tilesY: number,
  tileW: number,
  tileH: number,
  out: Uint8Array,
): void {
  const { data, height, width, channels, channel } = src;
  const invW = f32(1 / tileW);
  const invH = f32(1 / tileH);
  const ind1 = scratch.i32(4, width);
  const ind2 = scratch.i32(5, width);
  const xa = scratch.f32(6, width);
  const xa1 = scratch.f32(7, width);
  for (let x = 0; x < width; x++) {
    const txf = f32(f32(x * invW) - 0.5);
    const tx1 = Math.floor(txf);
    xa[x] = f32(txf - tx1);
    xa1[x] = f32(1 - xa[x]);
    ind1[x] = Math.max(tx1, 0) * 256;
    ind2[x] = Math.min(tx1 + 1, tilesX - 1) * 256;
  }
  for (let y = 0; y < height; y++) {
    const tyf = f32(f32(y * invH) - 0.5);
    const ty1 = Math.floor(tyf);
    const ya = f32(tyf - ty1);
    const ya1 = f32(1 - ya);
    const plane1 = Math.max(ty1, 0) * tilesX * 256;
    const plane2 = Math.min(ty1 + 1, tilesY - 1) * tilesX * 256;
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels + channel;
      const v = data[at];
      const top = f32(f32(luts[plane1 + ind1[x] + v] * xa1[x]) + f32(luts[plane1 + ind2[x] + v] * xa[x]));
      const bottom = f32(f32(luts[plane2 + ind1[x] + v] * xa1[x]) + f32(luts[plane2 + ind2[x] + v] * xa[x]));
      out[at] = saturateU8(f32(f32(top * ya1) + f32(bottom * ya)));
    }
  }
}

/** float32 intensities (0–1) to uint8 levels: round(clip(x, 0, 1) · 255), NaN as 0 (for the histogram kernels). */
export function unitToLevels(src: Float32Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    out[i] = x > 0 ? Math.round(Math.min(x, 1) * 255) : 0;
  }
}

/** uint8 levels back to float32 intensities: v / 255. */
export function levelsToUnit(src: Uint8Array, out: Float32Array): void {
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
}
