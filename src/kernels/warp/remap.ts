import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray } from '../../core/image.ts';
import { Scratch } from '../scratch.ts';
import { defineKernel } from '../table.ts';
import { remapU8Wasm } from '../wasm/remap.ts';
import { samplingJob } from './border-axis.ts';
import { RowJob, fillRun } from './row-job.ts';
import { AB_BITS, INTER_BITS, INTER_TAB_SIZE, getTables } from './tables.ts';
import { type WarpAffineOptions, validateBuffers, validateOptions } from './validate.ts';

/** Source coordinates beyond ±2^20 pixels are read there: OpenCV saturates them to int16 anyway, as `toShort` does. */
const MAP_LIMIT = 1 << 20;

const EMPTY_I = new Int32Array(0);

/**
 * Samples `src` at a source position given per output pixel, the way OpenCV's `remap` does with the fixed-point
 * maps `convertMaps` makes (`CV_16SC2` plus a 1/32-pixel fraction): `mapX[i]` and `mapY[i]` belong to output pixel
 * `i = y · out.width + x`. For bilinear and bicubic they are in 1/32 pixel (whole part `>> 5`, fraction `& 31`),
 * for nearest in whole pixels. Interpolation, border modes, `cval` and rounding are those of {@link warpAffine},
 * which is this with the coordinates an affine matrix gives. `out` may not share memory with `src`. Returns `out`.
 *
 * @example remap(image, Int32Array.of(64, 32), Int32Array.of(0, 0), out, opts) // 1×2 output: pixels (2, 0), (1, 0)
 */
export function remap<A extends PixelArray>(
  src: Image<A>,
  mapX: Int32Array,
  mapY: Int32Array,
  out: Image<A>,
  options: WarpAffineOptions,
): Image<A> {
  const owner = 'remap';
  validateBuffers(owner, src, out, 1);
  validateOptions(owner, options);
  const count = out.height * out.width;
  if (!(mapX instanceof Int32Array) || mapX.length !== count) {
    throw argumentError(owner, 'mapX', `an Int32Array of length ${count} (out.height × out.width)`, mapX, 'type');
  }
  if (!(mapY instanceof Int32Array) || mapY.length !== count) {
    throw argumentError(owner, 'mapY', `an Int32Array of length ${count} (out.height × out.width)`, mapY, 'type');
  }
  if (count > 0) remapRows(src, mapX, mapY, out, options);
  return out;
}

/** Samples every output row at its positions in the maps. */
function remapReference(src: Image, mapX: Int32Array, mapY: Int32Array, out: Image, options: WarpAffineOptions): void {
  const ow = out.width;
  sampleRows(src, out, options, (y, ax, ay) => {
    ax.set(mapX.subarray(y * ow, (y + 1) * ow));
    ay.set(mapY.subarray(y * ow, (y + 1) * ow));
  });
}

/** remap's sampling: uint8 bilinear and bicubic through the WebAssembly twin where it runs (same bytes). */
const remapRows = defineKernel({
  name: 'remap',
  reference: remapReference,
  wasm: (src: Image, mapX: Int32Array, mapY: Int32Array, out: Image, options: WarpAffineOptions) =>
    remapU8Wasm({
      ...samplingJob(src, out, options.mode, options.cval),
      mapX,
      mapY,
      order: options.order as 1 | 3,
      wtab: options.order === 3 ? getTables().cubicI : EMPTY_I,
    }),
  when: (src, _mapX, _mapY, _out, options) => src.data instanceof Uint8Array && options.order !== 0,
  condition: 'uint8 bilinear and bicubic',
});

/**
 * Fills one output row's source positions: `ax[x]`, `ay[x]` for x < out.width, in 1/32 pixel for bilinear and
 * bicubic, in whole pixels for nearest (the units of {@link remap}'s maps).
 */
export type RowPositions = (y: number, ax: Int32Array, ay: Int32Array) => void;

// One row's positions and pixel classes (kernels are synchronous).
const scratch = new Scratch();

/**
 * The engine of {@link remap} (and of warpPerspective, which computes positions row by row instead of storing maps):
 * for each output row, `positions` gives the source positions, and runs of pixels go to warpAffine's interior loops
 * (every tap inside), a cval fill (constant mode, no tap inside) or the border loops. Arguments are not checked.
 */
export function sampleRows(src: Image, out: Image, options: WarpAffineOptions, positions: RowPositions): void {
  const { order } = options;
  const ow = out.width;
  const job = new RowJob(src, out, options, 1, scratch.i32(0, ow), scratch.i32(1, ow));
  // The loops read positions in 1/1024 pixel (warpAffine's AB units): shift the map's units up to them.
  const shift = order === 0 ? AB_BITS : AB_BITS - INTER_BITS;
  const limit = order === 0 ? MAP_LIMIT : MAP_LIMIT << INTER_BITS;
  const frac = order === 0 ? 0 : INTER_TAB_SIZE - 1;
  sampledRows(job, positions, scratch.u8(2, ow), shift, limit, frac);
}

/**
 * The rows of {@link sampleRows}: clamp far positions (keeping the 1/32 fraction, as OpenCV keeps it while
 * saturating the whole part), scale them to AB units, and class each pixel: 1 every tap inside, 0 no tap inside
 * under constant (OpenCV's remap sets it to cval without blending), 2 the border loops. Runs of a class go to one loop.
 */
function sampledRows(
  job: RowJob,
  positions: RowPositions,
  cls: Uint8Array,
  shift: number,
  limit: number,
  frac: number,
): void {
  const { ax, ay, ow, oh, cn, d, cval, constant, interior, border, lo, spanX, spanY, tlo, touchX, touchY } = job;
  for (let y = 0; y < oh; y++) {
    positions(y, ax, ay);
    for (let x = 0; x < ow; x++) {
      const mx = ax[x];
      const my = ay[x];
      const px = (mx < -limit ? -limit | (mx & frac) : mx > limit ? limit | (mx & frac) : mx) << shift;
      const py = (my < -limit ? -limit | (my & frac) : my > limit ? limit | (my & frac) : my) << shift;
      ax[x] = px;
      ay[x] = py;
      const X = px >> AB_BITS;
      const Y = py >> AB_BITS;
      cls[x] =
        (X - lo) >>> 0 < spanX && (Y - lo) >>> 0 < spanY
          ? 1
          : constant && !((X - tlo) >>> 0 < touchX && (Y - tlo) >>> 0 < touchY)
            ? 0
            : 2;
    }
    const row = y * ow * cn;
    let x = 0;
    while (x < ow) {
      const start = x;
      const k = cls[x];
      x++;
      while (x < ow && cls[x] === k) x++;
      if (k === 1) interior(job, row, 0, 0, start, x);
      else if (k === 0) fillRun(d, cval, row + start * cn, row + x * cn);
      else border(job, row, 0, 0, start, x);
    }
  }
}
