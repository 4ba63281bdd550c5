/**
 * Edge padding and 4:2:0 chroma resampling as libjpeg-turbo does them: the encoder's padding by repeating the last
 * column and row (jcprepct.c, jcsample.c), its 2×2 averaging (jcsample.c), and the decoder's "fancy" triangle-filter
 * upsampling (jdsample.c).
 */

/**
 * Fills a plane whose top-left `width` × `height` samples are set up to `stride` columns and `rows` rows by
 * repeating the last column, then the last row: the samples a partial edge block is compressed with.
 */
export function padPlane(plane: Uint8Array, width: number, height: number, stride: number, rows: number): void {
  for (let row = 0; row < height; row++) {
    const o = row * stride;
    plane.fill(plane[o + width - 1], o + width, o + stride);
  }
  repeatLastRow(plane, stride, height, rows);
}

/** Copies row `height − 1` of a plane (rows `stride` apart) into the rows from `height` to `rows`. */
function repeatLastRow(plane: Uint8Array, stride: number, height: number, rows: number): void {
  const last = (height - 1) * stride;
  for (let row = height; row < rows; row++) plane.copyWithin(row * stride, last, last + stride);
}

/**
 * Averages each 2×2 block of a full-size `width` × `height` plane (rows `width` apart) into `out` (rows `stride`
 * apart, `rows` rows): libjpeg's h2v2 downsampling with its ordered rounding (+1 at even output columns, +2 at odd),
 * the input padded to `2 · stride` columns and an even number of rows by repeating its last column and row, and the
 * output padded to `rows` rows by repeating its last row.
 */
export function downsampleH2v2(
  full: Uint8Array,
  width: number,
  height: number,
  out: Uint8Array,
  stride: number,
  rows: number,
): void {
  const outHeight = (height + 1) >> 1;
  for (let row = 0; row < outHeight; row++) {
    const r0 = 2 * row * width;
    const r1 = Math.min(2 * row + 1, height - 1) * width;
    const o = row * stride;
    for (let col = 0; col < stride; col++) {
      const c0 = Math.min(2 * col, width - 1);
      const c1 = Math.min(2 * col + 1, width - 1);
      out[o + col] = (full[r0 + c0] + full[r0 + c1] + full[r1 + c0] + full[r1 + c1] + 1 + (col & 1)) >> 2;
    }
  }
  repeatLastRow(out, stride, outHeight, rows);
}

/**
 * Doubles a `inWidth` × `inHeight` chroma plane (rows `stride` apart) into `width` × `height` samples of `out` (rows
 * `width` apart), as libjpeg-turbo's decoder does for 4:2:0: each output sample is 9/16 of its nearest input, 3/16 of
 * each of the next ones across and down, and 1/16 of the diagonal one, with the first and last row and column
 * repeated outwards and rounding alternating between +8 and +7. Planes at most 2 samples wide are instead repeated
 * 2×2, as libjpeg-turbo does for them.
 */
export function upsampleH2v2(
  plane: Uint8Array,
  stride: number,
  inWidth: number,
  inHeight: number,
  out: Uint8Array,
  width: number,
  height: number,
  sums: Int32Array,
): void {
  if (inWidth <= 2) {
    for (let row = 0; row < height; row++) {
      const i = (row >> 1) * stride;
      const o = row * width;
      for (let col = 0; col < width; col++) out[o + col] = plane[i + (col >> 1)];
    }
    return;
  }
  for (let row = 0; row < height; row++) {
    const inRow = row >> 1;
    // The nearer neighbouring row: above for even output rows, below for odd ones (the edge row repeats).
    const other = row & 1 ? Math.min(inRow + 1, inHeight - 1) : Math.max(inRow - 1, 0);
    const a = inRow * stride;
    const b = other * stride;
    for (let col = 0; col < inWidth; col++) sums[col] = 3 * plane[a + col] + plane[b + col];
    const o = row * width;
    for (let col = 0; col < inWidth; col++) {
      const here = 3 * sums[col];
      const left = col === 0 ? sums[col] : sums[col - 1];
      const right = col === inWidth - 1 ? sums[col] : sums[col + 1];
      const x = 2 * col;
      out[o + x] = (here + left + 8) >> 4;
      if (x + 1 < width) out[o + x + 1] = (here + right + 7) >> 4;
    }
  }
}
