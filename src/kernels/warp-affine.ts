/**
 * OpenCV's warpAffine and remap on uint8 and float32 images, bit for bit. The parts live in `warp/`: OpenCV's
 * fixed-point constants and weight tables (tables.ts), checks (validate.ts), border tables (border-axis.ts), the
 * drivers (affine.ts, each.ts, remap.ts), the row job they hand to the pixel loops (row-job.ts), the interior and
 * border loops (interior.ts, batch.ts, border-loops.ts) and the whole-pixel shift path (shift.ts).
 */
export { invertAffineInto, warpAffine, warpAffineBatch } from './warp/affine.ts';
export { samplingJob } from './warp/border-axis.ts';
export { warpAffineEach } from './warp/each.ts';
export { type RowPositions, remap, sampleRows } from './warp/remap.ts';
export { cubicWeightsU8 } from './warp/tables.ts';
export { type WarpAffineOptions, type WarpOrder, validateBuffers, validateOptions } from './warp/validate.ts';
