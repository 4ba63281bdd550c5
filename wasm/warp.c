// augkit's WebAssembly kernel for warpAffine on uint8 images with bilinear interpolation: OpenCV's fixed-point
// scheme (1/32-pixel coordinates, weights in 1/1024), the same bytes as src/kernels/warp-affine.ts, which prepares
// every table (per-row and per-column coordinates, border lookups) and remains the reference and the fallback.
#include <stdint.h>
#include <wasm_simd128.h>

#define AB_BITS 10
#define INTER_BITS 5

// Source coordinates are sums of int32 fixed-point parts that wrap like JavaScript's `| 0`, never C's undefined
// signed overflow.
static inline int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

static inline int32_t to_short(int32_t v) { return v < -32768 ? -32768 : v > 32767 ? 32767 : v; }

static inline int lerp(int v00, int v01, int v10, int v11, int fx, int fy) {
  int a = (v00 << 5) + fx * (v01 - v00);
  int b = (v10 << 5) + fx * (v11 - v10);
  return ((a << 5) + fy * (b - a) + 512) >> 10;
}

// One 3-channel output pixel from the 2×2 taps at p (row y) and p + stride (row y + 1): the top pair's six bytes
// and the bottom pair's are loaded as 8 bytes each (two bytes more, which the callers leave readable), arranged as
// (left, right) pairs per channel in 16-bit lanes, and i32x4.dot multiplies each pair by (w00, w01) or (w10, w11)
// and adds them: (Σ taps · weights + 512) >> 10 per channel, the same integers as the scalar loop.
static inline void pixel3(const uint8_t *p, int stride, v128_t wt, v128_t wb, uint8_t *o) {
  v128_t v = wasm_v128_load64_lane(p + stride, wasm_v128_load64_zero(p), 1);
  const v128_t z = wasm_i32x4_const(0, 0, 0, 0);
  v128_t top = wasm_i8x16_shuffle(v, z, 0, 16, 3, 16, 1, 16, 4, 16, 2, 16, 5, 16, 16, 16, 16, 16);
  v128_t bot = wasm_i8x16_shuffle(v, z, 8, 16, 11, 16, 9, 16, 12, 16, 10, 16, 13, 16, 16, 16, 16, 16);
  v128_t sum = wasm_i32x4_add(wasm_i32x4_dot_i16x8(top, wt), wasm_i32x4_dot_i16x8(bot, wb));
  v128_t r = wasm_u32x4_shr(wasm_i32x4_add(sum, wasm_i32x4_splat(512)), 10);
  v128_t b = wasm_u8x16_narrow_i16x8(wasm_u16x8_narrow_i32x4(r, r), z);
  wasm_v128_store16_lane(o, b, 0);
  wasm_v128_store8_lane(o + 2, b, 2);
}

// The interior run [xl, xr) of output row `row` (element offset): every tap inside the image.
static void interior(const uint8_t *s, int stride, uint8_t *d, int row, int32_t X0, int32_t Y0, const int32_t *ax,
                     const int32_t *ay, int xl, int xr, int cn, int n, int size, int osize) {
  uint8_t *o = d + row + xl * cn;
  if (cn == 3) {
    for (int x = xl; x < xr; x++, o += 3) {
      int32_t X = wrap_add(X0, ax[x]) >> INTER_BITS;
      int32_t Y = wrap_add(Y0, ay[x]) >> INTER_BITS;
      int fx = X & 31, fy = Y & 31;
      const uint8_t *p = s + (Y >> INTER_BITS) * stride + (X >> INTER_BITS) * 3;
      int w11 = fx * fy, w10 = (fy << 5) - w11, w01 = (fx << 5) - w11, w00 = 1024 - w01 - w10 - w11;
      v128_t wt = wasm_i32x4_splat(w00 | (w01 << 16));
      v128_t wb = wasm_i32x4_splat(w10 | (w11 << 16));
      for (int k = 0; k < n; k++, p += size) pixel3(p, stride, wt, wb, o + k * osize);
    }
    return;
  }
  if (cn == 1 && n == 1) {
    // Four pixels at a time: coordinates and weights in i32x4 lanes, the 2×2 taps gathered with 16-bit lane loads.
    const v128_t X0v = wasm_i32x4_splat(X0), Y0v = wasm_i32x4_splat(Y0), m31 = wasm_i32x4_splat(31);
    const v128_t strideV = wasm_i32x4_splat(stride), full = wasm_i32x4_splat(1024), half = wasm_i32x4_splat(512);
    const v128_t z = wasm_i32x4_const(0, 0, 0, 0);
    int x = xl;
    for (; x + 4 <= xr; x += 4, o += 4) {
      v128_t X = wasm_i32x4_shr(wasm_i32x4_add(X0v, wasm_v128_load(ax + x)), INTER_BITS);
      v128_t Y = wasm_i32x4_shr(wasm_i32x4_add(Y0v, wasm_v128_load(ay + x)), INTER_BITS);
      v128_t fx = wasm_v128_and(X, m31), fy = wasm_v128_and(Y, m31);
      v128_t w11 = wasm_i32x4_mul(fx, fy);
      v128_t w10 = wasm_i32x4_sub(wasm_i32x4_shl(fy, 5), w11);
      v128_t w01 = wasm_i32x4_sub(wasm_i32x4_shl(fx, 5), w11);
      v128_t w00 = wasm_i32x4_sub(wasm_i32x4_sub(wasm_i32x4_sub(full, w01), w10), w11);
      v128_t wt = wasm_v128_or(w00, wasm_i32x4_shl(w01, 16));
      v128_t wb = wasm_v128_or(w10, wasm_i32x4_shl(w11, 16));
      v128_t at = wasm_i32x4_add(wasm_i32x4_mul(wasm_i32x4_shr(Y, INTER_BITS), strideV), wasm_i32x4_shr(X, INTER_BITS));
      const uint8_t *p0 = s + wasm_i32x4_extract_lane(at, 0), *p1 = s + wasm_i32x4_extract_lane(at, 1);
      const uint8_t *p2 = s + wasm_i32x4_extract_lane(at, 2), *p3 = s + wasm_i32x4_extract_lane(at, 3);
      v128_t t = wasm_v128_load16_lane(p0, z, 0);
      t = wasm_v128_load16_lane(p1, t, 1);
      t = wasm_v128_load16_lane(p2, t, 2);
      t = wasm_v128_load16_lane(p3, t, 3);
      t = wasm_v128_load16_lane(p0 + stride, t, 4);
      t = wasm_v128_load16_lane(p1 + stride, t, 5);
      t = wasm_v128_load16_lane(p2 + stride, t, 6);
      t = wasm_v128_load16_lane(p3 + stride, t, 7);
      v128_t sum = wasm_i32x4_add(wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(t), wt),
                                  wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(t), wb));
      v128_t r = wasm_u32x4_shr(wasm_i32x4_add(sum, half), 10);
      v128_t b = wasm_u8x16_narrow_i16x8(wasm_u16x8_narrow_i32x4(r, r), z);
      wasm_v128_store32_lane(o, b, 0);
    }
    for (; x < xr; x++, o++) {
      int32_t X = wrap_add(X0, ax[x]) >> INTER_BITS;
      int32_t Y = wrap_add(Y0, ay[x]) >> INTER_BITS;
      int fx = X & 31, fy = Y & 31;
      const uint8_t *p = s + (Y >> INTER_BITS) * stride + (X >> INTER_BITS);
      const uint8_t *q = p + stride;
      *o = (uint8_t)lerp(p[0], p[1], q[0], q[1], fx, fy);
    }
    return;
  }
  for (int x = xl; x < xr; x++, o += cn) {
    int32_t X = wrap_add(X0, ax[x]) >> INTER_BITS;
    int32_t Y = wrap_add(Y0, ay[x]) >> INTER_BITS;
    int fx = X & 31, fy = Y & 31;
    const uint8_t *p = s + (Y >> INTER_BITS) * stride + (X >> INTER_BITS) * cn;
    int w11 = fx * fy, w10 = (fy << 5) - w11, w01 = (fx << 5) - w11, w00 = 1024 - w01 - w10 - w11;
    for (int k = 0; k < n; k++, p += size) {
      const uint8_t *q = p + stride;
      uint8_t *ok = o + k * osize;
      for (int c = 0; c < cn; c++) {
        ok[c] = (uint8_t)((p[c] * w00 + p[c + cn] * w01 + q[c] * w10 + q[c + cn] * w11 + 512) >> 10);
      }
    }
  }
}

// Pixels [x0, x1) of a row with a tap outside the image: taps through the border tables (element offset, or -1
// for cval). Returns 1 when a coordinate falls outside the tables (near-singular matrices): the caller then warps
// in TypeScript, which handles any coordinate.
static int border(const uint8_t *s, int cn, uint8_t *d, int row, int32_t X0, int32_t Y0, const int32_t *ax,
                  const int32_t *ay, int x0, int x1, const int32_t *tx, int txn, int txoff, const int32_t *ty, int tyn,
                  int tyoff, int cval, int n, int size, int osize) {
  uint8_t *o = d + row + x0 * cn;
  for (int x = x0; x < x1; x++, o += cn) {
    int32_t X = wrap_add(X0, ax[x]) >> INTER_BITS;
    int32_t Y = wrap_add(Y0, ay[x]) >> INTER_BITS;
    int32_t sx = to_short(X >> INTER_BITS), sy = to_short(Y >> INTER_BITS);
    int fx = X & 31, fy = Y & 31;
    int ix = sx + txoff, iy = sy + tyoff;
    if (ix < 0 || ix >= txn - 1 || iy < 0 || iy >= tyn - 1) return 1;
    int32_t c0 = tx[ix], c1 = tx[ix + 1], r0 = ty[iy], r1 = ty[iy + 1];
    int32_t i00 = r0 < 0 || c0 < 0 ? -1 : r0 + c0;
    int32_t i01 = r0 < 0 || c1 < 0 ? -1 : r0 + c1;
    int32_t i10 = r1 < 0 || c0 < 0 ? -1 : r1 + c0;
    int32_t i11 = r1 < 0 || c1 < 0 ? -1 : r1 + c1;
    const uint8_t *base = s;
    for (int k = 0; k < n; k++, base += size) {
      uint8_t *ok = o + k * osize;
      for (int c = 0; c < cn; c++) {
        int v00 = i00 < 0 ? cval : base[i00 + c];
        int v01 = i01 < 0 ? cval : base[i01 + c];
        int v10 = i10 < 0 ? cval : base[i10 + c];
        int v11 = i11 < 0 ? cval : base[i11 + c];
        ok[c] = (uint8_t)lerp(v00, v01, v10, v11, fx, fy);
      }
    }
  }
  return 0;
}

static inline int inside(int32_t X0, int32_t a, int lo, int span) {
  return (uint32_t)((wrap_add(X0, a) >> AB_BITS) - lo) < (uint32_t)span;
}

// Warps n images (each sw×sh×cn, `size` bytes apart at src) that share one matrix into dst (ow×oh×cn, `osize`
// apart). rowX0/rowY0: per output row, cvRound((ib·y + ic)·1024) + delta (and the same for Y); ax/ay: per output
// column, cvRound(ia·x·1024) (and id). tx/ty: border tables with txn/tyn entries for coordinates −txoff…. safe: the
// coordinates are monotone along rows (else every pixel takes the border path); fill: constant mode, so runs with
// no tap inside are cval. Returns 0, or 1 when the TypeScript kernel must do the warp.
__attribute__((export_name("warp_linear_u8"))) int warp_linear_u8(
    const uint8_t *src, uint8_t *dst, int n, int sw, int sh, int cn, int ow, int oh, const int32_t *rowX0,
    const int32_t *rowY0, const int32_t *ax, const int32_t *ay, const int32_t *tx, int txn, int txoff,
    const int32_t *ty, int tyn, int tyoff, int cval, int safe, int fill) {
  int stride = sw * cn;
  int size = sh * stride;
  int osize = oh * ow * cn;
  int spanX = sw - 1, spanY = sh - 1;
  for (int y = 0; y < oh; y++) {
    int32_t X0 = rowX0[y], Y0 = rowY0[y];
    int row = y * ow * cn;
    int tl = 0, tr = ow;
    if (fill) {
      while (tl < ow && !(inside(X0, ax[tl], -1, sw + 1) && inside(Y0, ay[tl], -1, sh + 1))) tl++;
      while (tr > tl && !(inside(X0, ax[tr - 1], -1, sw + 1) && inside(Y0, ay[tr - 1], -1, sh + 1))) tr--;
      for (int k = 0; k < n; k++) {
        uint8_t *r = dst + k * osize + row;
        for (int i = 0; i < tl * cn; i++) r[i] = (uint8_t)cval;
        for (int i = tr * cn; i < ow * cn; i++) r[i] = (uint8_t)cval;
      }
    }
    int xl = tl, xr = tl;
    if (safe && spanX > 0 && spanY > 0) {
      while (xl < tr && !(inside(X0, ax[xl], 0, spanX) && inside(Y0, ay[xl], 0, spanY))) xl++;
      xr = tr;
      while (xr > xl && !(inside(X0, ax[xr - 1], 0, spanX) && inside(Y0, ay[xr - 1], 0, spanY))) xr--;
    }
    if (xl < xr) {
      if (tl < xl &&
          border(src, cn, dst, row, X0, Y0, ax, ay, tl, xl, tx, txn, txoff, ty, tyn, tyoff, cval, n, size, osize))
        return 1;
      interior(src, stride, dst, row, X0, Y0, ax, ay, xl, xr, cn, n, size, osize);
      if (xr < tr &&
          border(src, cn, dst, row, X0, Y0, ax, ay, xr, tr, tx, txn, txoff, ty, tyn, tyoff, cval, n, size, osize))
        return 1;
    } else if (tl < tr) {
      if (border(src, cn, dst, row, X0, Y0, ax, ay, tl, tr, tx, txn, txoff, ty, tyn, tyoff, cval, n, size, osize))
        return 1;
    }
  }
  return 0;
}

// OpenCV's cvRound on x86-64: round half to even (f64.nearest); out of int32 range gives INT_MIN, as cvtsd2si does.
static inline int32_t cv_round(double v) {
  if (!(v >= -2147483648.5 && v < 2147483647.5)) return (int32_t)0x80000000u;
  return (int32_t)__builtin_rint(v);
}

// Short copies and fills written out: memory.copy and memory.fill cost a call into the engine each, several times
// more than a row of a small image takes. Runs of 16 bytes or more move as 16-byte vectors, the last one overlapping.
static inline void copy_run(uint8_t *d, const uint8_t *s, int len) {
  if (len >= 16) {
    for (int i = 0; i + 16 < len; i += 16) wasm_v128_store(d + i, wasm_v128_load(s + i));
    wasm_v128_store(d + len - 16, wasm_v128_load(s + len - 16));
    return;
  }
  for (int i = 0; i < len; i++) d[i] = s[i];
}

static inline void fill_run(uint8_t *d, int v, int len) {
  if (len >= 16) {
    v128_t x = wasm_i8x16_splat((int8_t)v);
    for (int i = 0; i + 16 < len; i += 16) wasm_v128_store(d + i, x);
    wasm_v128_store(d + len - 16, x);
    return;
  }
  for (int i = 0; i < len; i++) d[i] = (uint8_t)v;
}

// Whole-pixel shifts: when every column steps one source pixel and no row has a sub-pixel fraction, the bilinear
// weights are exactly (1, 0, 0, 0) and each output row is a run of one source row, so copying gives the same bytes.
// Returns 0 when done, 1 when this is not such a shift (nothing written), 2 when a border lookup falls outside the
// tables (nothing useful written; the caller warps in TypeScript).
static int shift_rows(const uint8_t *s, uint8_t *d, int sw, int sh, int cn, int ow, int oh, const int32_t *rowX0,
                      const int32_t *rowY0, const int32_t *ax, const int32_t *ay, const int32_t *tx, int txn,
                      int txoff, const int32_t *ty, int tyn, int tyoff, int cval, int constant) {
  const int32_t frac = 31 << INTER_BITS;
  for (int x = 0; x < ow; x++)
    if (ax[x] != x << AB_BITS || ay[x] != 0) return 1;
  for (int y = 0; y < oh; y++) {
    if ((rowX0[y] & frac) != 0 || (rowY0[y] & frac) != 0) return 1;
    int32_t X = rowX0[y] >> AB_BITS, Y = rowY0[y] >> AB_BITS;
    // OpenCV saturates source coordinates to int16: far-away shifts take the general path, which does the same.
    if ((X < 0 ? -X : X) + ow >= 32767 || (Y < 0 ? -Y : Y) >= 32767) return 1;
  }
  int stride = sw * cn;
  for (int y = 0; y < oh; y++) {
    uint8_t *o = d + y * ow * cn;
    int32_t X = rowX0[y] >> AB_BITS, Y = rowY0[y] >> AB_BITS;
    int32_t r;
    if (Y >= 0 && Y < sh) {
      r = Y * stride;
    } else {
      if (Y + tyoff < 0 || Y + tyoff >= tyn) return 2;
      r = ty[Y + tyoff];
    }
    if (r < 0) {
      fill_run(o, cval, ow * cn);
      continue;
    }
    int a = -X < 0 ? 0 : -X > ow ? ow : -X;
    int b = sw - X < a ? a : sw - X > ow ? ow : sw - X;
    if (b > a) copy_run(o + a * cn, s + r + (X + a) * cn, (b - a) * cn);
    if (constant) {
      int row = ow * cn, left = a * cn, right = (ow - b) * cn;
      if (row >= 16 && left < 16 && right < 16) {
        // Short edges of a row of 16 bytes or more: one 16-byte store of cval at each end, written before the copy
        // that then overwrites what the stores put into the middle.
        v128_t v = wasm_i8x16_splat((int8_t)cval);
        if (left > 0) wasm_v128_store(o, v);
        if (right > 0) wasm_v128_store(o + row - 16, v);
        if (b > a) copy_run(o + left, s + r + (X + a) * cn, (b - a) * cn);
        continue;
      }
      fill_run(o, cval, a * cn);
      fill_run(o + b * cn, cval, (ow - b) * cn);
      continue;
    }
    for (int x = 0; x < ow; x++) {
      if (x == a) x = b;
      if (x >= ow) break;
      int i = X + x + txoff;
      if (i < 0 || i >= txn) return 2;
      int32_t c = tx[i];
      for (int k = 0; k < cn; k++) o[x * cn + k] = c < 0 ? (uint8_t)cval : s[r + c + k];
    }
  }
  return 0;
}

// A whole-pixel translation by (c, f) under the constant mode, output the input's size and rows of at least 16
// bytes: output (x, y) is input (x + c, y + f), or cval outside. The rows that read the image are one contiguous
// span in both buffers (same stride), so they move as one copy; between consecutive rows that copy also carries
// |c| pixels from the far edge of the neighbouring source row, which are then overwritten with cval (one masked
// 16-byte store per row when that is under 16 bytes). The bytes are shift_rows' for the same coordinates.
static void shift_image(const uint8_t *s, uint8_t *d, int w, int h, int cn, int32_t c, int32_t f, int cval) {
  int stride = w * cn;
  int y0 = f < 0 ? -f : 0, y1 = h - f < h ? h - f : h;
  int a = -c < 0 ? 0 : -c > w ? w : -c;
  int b = w - c < a ? a : w - c > w ? w : w - c;
  if (y0 >= y1 || a >= b) {
    fill_run(d, cval, h * stride);
    return;
  }
  fill_run(d, cval, y0 * stride);
  fill_run(d + y1 * stride, cval, (h - y1) * stride);
  copy_run(d + y0 * stride + a * cn, s + (y0 + f) * stride + (a + c) * cn, (y1 - y0 - 1) * stride + (b - a) * cn);
  // Per row, cval at [0, a) (c < 0) or at [b, w) (c > 0): one of the two is empty.
  int edge = (a + (w - b)) * cn;
  if (edge == 0) return;
  int at = a > 0 ? 0 : b * cn;
  if (edge >= 16) {
    for (int y = y0; y < y1; y++) fill_run(d + y * stride + at, cval, edge);
    return;
  }
  // The 16 bytes stored start at the row's start (left edge) or end at the row's end (right edge).
  int from = a > 0 ? 0 : stride - 16;
  v128_t lanes = wasm_i8x16_make(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  v128_t mask = a > 0 ? wasm_u8x16_lt(lanes, wasm_i8x16_splat((int8_t)edge))
                      : wasm_u8x16_ge(lanes, wasm_i8x16_splat((int8_t)(16 - edge)));
  v128_t v = wasm_i8x16_splat((int8_t)cval);
  for (int y = y0; y < y1; y++) {
    uint8_t *p = d + y * stride + from;
    wasm_v128_store(p, wasm_v128_bitselect(v, wasm_v128_load(p), mask));
  }
}

// warp_linear_u8 for one image under the constant mode with safe coordinates: the image is first copied into
// `pad` inside a one-pixel frame of cval, so that every output pixel with a tap inside the image has all four taps
// inside the framed image and takes the interior loop (a tap outside the image reads cval either way, and the
// interior weights are the border loop's lerp expanded, the same integers); only pixels with no tap inside are
// cval runs. On small images, where the border is a large share of the pixels, this is much faster. `pad` holds
// (sh + 2)·(sw + 2)·cn bytes and 16 more.
static void warp_linear_framed(const uint8_t *s, uint8_t *d, int sw, int sh, int cn, int ow, int oh,
                               const int32_t *rowX0, const int32_t *rowY0, const int32_t *ax, const int32_t *ay,
                               int cval, uint8_t *pad) {
  int pw = sw + 2, ph = sh + 2, stride = pw * cn;
  fill_run(pad, cval, stride);
  for (int y = 0; y < sh; y++) {
    uint8_t *r = pad + (y + 1) * stride;
    fill_run(r, cval, cn);
    copy_run(r + cn, s + y * sw * cn, sw * cn);
    fill_run(r + (sw + 1) * cn, cval, cn);
  }
  fill_run(pad + (sh + 1) * stride, cval, stride);
  for (int y = 0; y < oh; y++) {
    // One pixel further in on both axes; the fractions stay.
    int32_t X0 = wrap_add(rowX0[y], 1 << AB_BITS), Y0 = wrap_add(rowY0[y], 1 << AB_BITS);
    int row = y * ow * cn;
    int tl = 0, tr = ow;
    while (tl < ow && !(inside(X0, ax[tl], 0, pw - 1) && inside(Y0, ay[tl], 0, ph - 1))) tl++;
    while (tr > tl && !(inside(X0, ax[tr - 1], 0, pw - 1) && inside(Y0, ay[tr - 1], 0, ph - 1))) tr--;
    fill_run(d + row, cval, tl * cn);
    fill_run(d + row + tr * cn, cval, (ow - tr) * cn);
    if (tl < tr) interior(pad, stride, d, row, X0, Y0, ax, ay, tl, tr, cn, 1, 0, 0);
  }
}

// Warps `count` images, each with its own matrix, packed `sh·sw·cn` bytes apart at src into dst (`oh·ow·cn` apart):
// inv holds each image's inverted matrix (six doubles, as warp-affine.ts inverts it), cvals its saturated cval. The
// per-row and per-column coordinates are computed here with the TypeScript kernel's double arithmetic and rounding
// (the module is built with -ffp-contract=off, so no product is fused into an add). tx/ty: the border tables of the
// images' shared mode; constant: that mode is 'constant'. scratch holds 2·ow + 2·oh int32, then (sh + 2)·(sw + 2)·cn + 16
// bytes. status[k] is set to 1 for
// an image the TypeScript kernel must warp (a coordinate outside the tables), else 0.
__attribute__((export_name("warp_linear_u8_each"))) void warp_linear_u8_each(
    const uint8_t *src, uint8_t *dst, int count, const double *inv, const int32_t *cvals, int sw, int sh, int cn,
    int ow, int oh, const int32_t *tx, int txn, int txoff, const int32_t *ty, int tyn, int tyoff, int constant,
    int32_t *scratch, int32_t *status) {
  int32_t *ax = scratch, *ay = scratch + ow, *rx = scratch + 2 * ow, *ry = scratch + 2 * ow + oh;
  const int32_t delta = 1 << (AB_BITS - INTER_BITS - 1);
  int size = sh * sw * cn, osize = oh * ow * cn;
  for (int k = 0; k < count; k++) {
    const double *m = inv + 6 * k;
    double ia = m[0], ib = m[1], ic = m[2], id = m[3], ie = m[4], iff = m[5];
    const uint8_t *s = src + k * size;
    uint8_t *d = dst + k * osize;
    int safe = 1;
    for (int corner = 0; corner < 4; corner++) {
      double x = corner & 1 ? ow - 1 : 0, y = corner & 2 ? oh - 1 : 0;
      double sx = ia * x + ib * y + ic, sy = id * x + ie * y + iff;
      if (!(__builtin_fabs(sx) < 1048576.0 && __builtin_fabs(sy) < 1048576.0)) safe = 0;
    }
    if (ia == 1.0 && ib == 0.0 && id == 0.0 && ie == 1.0 && __builtin_fabs(ic) < 1048576.0 &&
        __builtin_fabs(iff) < 1048576.0 && ic == (double)(int32_t)ic && iff == (double)(int32_t)iff) {
      // A whole-pixel translation: the coordinates below are these integers exactly (x·1 and y + f are exact,
      // ±0 products round to 0), without rounding 2·ow + 2·oh doubles.
      int32_t c = (int32_t)ic, f = (int32_t)iff;
      if (constant && ow == sw && oh == sh && sw * cn >= 16) {
        shift_image(s, d, sw, sh, cn, c, f, cvals[k]);
        status[k] = 0;
        continue;
      }
      for (int x = 0; x < ow; x++) {
        ax[x] = x << AB_BITS;
        ay[x] = 0;
      }
      for (int y = 0; y < oh; y++) {
        rx[y] = c * (1 << AB_BITS) + delta;
        ry[y] = (y + f) * (1 << AB_BITS) + delta;
      }
    } else {
      for (int x = 0; x < ow; x++) {
        ax[x] = cv_round(ia * x * 1024.0);
        ay[x] = cv_round(id * x * 1024.0);
      }
      for (int y = 0; y < oh; y++) {
        rx[y] = wrap_add(cv_round((ib * y + ic) * 1024.0), delta);
        ry[y] = wrap_add(cv_round((ie * y + iff) * 1024.0), delta);
      }
    }
    int r = shift_rows(s, d, sw, sh, cn, ow, oh, rx, ry, ax, ay, tx, txn, txoff, ty, tyn, tyoff, cvals[k], constant);
    if (r == 1 && constant && safe) {
      warp_linear_framed(s, d, sw, sh, cn, ow, oh, rx, ry, ax, ay, cvals[k], (uint8_t *)(scratch + 2 * ow + 2 * oh));
      r = 0;
    } else if (r == 1) {
      r = warp_linear_u8(s, d, 1, sw, sh, cn, ow, oh, rx, ry, ax, ay, tx, txn, txoff, ty, tyn, tyoff, cvals[k], safe,
                         0) != 0 ? 2 : 0;
    }
    status[k] = r == 2;
  }
}

// warpPerspective's position: the double clamped to int32 (NaN to INT_MAX, as OpenCV's std::max/std::min pair lets
// it through), then rounded half to even (src/kernels/warp-perspective.ts, roundToInt).
static inline int32_t clamp_round(double v) {
  // Adding 1.5 · 2^52 rounds to an integer (half to even) held in the low 32 bits, exact for |v| ≤ 2^51: no branch and
  // no trapping conversion, so the positions loop vectorises. Selects then saturate (beyond 2^51 too).
  union {
    double d;
    int64_t i;
  } u;
  u.d = v + 6755399441055744.0;
  int32_t r = (int32_t)u.i;
  r = v <= -2147483648.0 ? (int32_t)0x80000000u : r;
  return v < 2147483647.0 ? r : 2147483647;
}

// Far positions clamped to ±2^20 pixels keeping the 1/32 fraction, in AB units (warp-affine.ts, sampleRows).
// Written without branches (selects), which halves the loop's time.
static inline int32_t to_ab(int32_t v) {
  int32_t whole = v >> INTER_BITS;
  whole = whole < -(1 << 20) ? -(1 << 20) : whole;
  whole = whole > (1 << 20) ? (1 << 20) : whole;
  return ((whole << INTER_BITS) | (v & 31)) << (AB_BITS - INTER_BITS);
}

// warpPerspective for one uint8 image, bilinear (src/kernels/warp-perspective.ts with sampleRows, the reference and
// the fallback): m is the inverse matrix (9 doubles); per output row the positions ((m0·x + m1·y + m2)·32/W, …),
// W = m6·x + m7·y + m8, then runs of interior pixels, cval fills (constant mode, no tap inside) and border pixels.
// ax/ay: scratch for one row. Returns 0, or 1 when a position falls outside the border tables (TypeScript then).
__attribute__((export_name("warp_perspective_linear_u8"))) int warp_perspective_linear_u8(
    const uint8_t *src, uint8_t *dst, int sw, int sh, int cn, int ow, int oh, const double *m, const int32_t *tx,
    int txn, int txoff, const int32_t *ty, int tyn, int tyoff, int cval, int constant, int32_t *ax, int32_t *ay,
    uint8_t *cls) {
  int stride = sw * cn;
  int size = sh * stride;
  int osize = oh * ow * cn;
  uint32_t spanX = sw > 1 ? (uint32_t)(sw - 1) : 0, spanY = sh > 1 ? (uint32_t)(sh - 1) : 0;
  for (int y = 0; y < oh; y++) {
    double X0 = m[1] * y + m[2], Y0 = m[4] * y + m[5], W0 = m[7] * y + m[8];
    // Two loops, each simple enough for the compiler to vectorise: positions, then AB units and classes.
    for (int x = 0; x < ow; x++) {
      double W = W0 + m[6] * x;
      W = W != 0 ? 32.0 / W : 0;
      ax[x] = clamp_round((X0 + m[0] * x) * W);
      ay[x] = clamp_round((Y0 + m[3] * x) * W);
    }
    for (int x = 0; x < ow; x++) {
      int32_t px = to_ab(ax[x]);
      int32_t py = to_ab(ay[x]);
      ax[x] = px;
      ay[x] = py;
      int32_t X = px >> AB_BITS, Y = py >> AB_BITS;
      // 1: every tap inside; 0: no tap inside under constant (cval); 2: the border loop. Branch-free, as above.
      int in = ((uint32_t)X < spanX) & ((uint32_t)Y < spanY);
      int touch = ((uint32_t)(X + 1) < (uint32_t)(sw + 1)) & ((uint32_t)(Y + 1) < (uint32_t)(sh + 1));
      cls[x] = (uint8_t)(2 - in - 2 * ((in ^ 1) & constant & (touch ^ 1)));
    }
    int row = y * ow * cn;
    int x = 0;
    while (x < ow) {
      int start = x, k = cls[x];
      x++;
      while (x < ow && cls[x] == k) x++;
      if (k == 1) {
        interior(src, stride, dst, row, 0, 0, ax, ay, start, x, cn, 1, size, osize);
      } else if (k == 0) {
        fill_run(dst + row + start * cn, cval, (x - start) * cn);
      } else if (border(src, cn, dst, row, 0, 0, ax, ay, start, x, tx, txn, txoff, ty, tyn, tyoff, cval, 1, size,
                        osize)) {
        return 1;
      }
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------- remap

// OpenCV's bicubic taps for uint8: 4×4 source pixels around (sx − 1, sy − 1) times the 16 int weights of the 1/32
// fraction cell (wtab, in 1/32768, summing to 32768), rounded and saturated (src/kernels/warp-affine.ts, cubic8C*).
static inline uint8_t cubic_sum(int32_t sum) {
  int v = (sum + (1 << 14)) >> 15;
  return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

static inline __attribute__((always_inline)) void cubic_interior_cn(const uint8_t *s, int stride, uint8_t *o,
                                                                    const int32_t *ax, const int32_t *ay, int xl,
                                                                    int xr, const int32_t *wtab, int cn) {
  for (int x = xl; x < xr; x++, o += cn) {
    int32_t X = ax[x] >> INTER_BITS, Y = ay[x] >> INTER_BITS;
    const int32_t *w = wtab + ((((Y & 31) << INTER_BITS) | (X & 31)) << 4);
    const uint8_t *p = s + ((Y >> INTER_BITS) - 1) * stride + ((X >> INTER_BITS) - 1) * cn;
    for (int c = 0; c < cn; c++) {
      int32_t sum = 0;
      const uint8_t *q = p + c;
      for (int ky = 0; ky < 4; ky++, q += stride) {
        const int32_t *wk = w + 4 * ky;
        sum += q[0] * wk[0] + q[cn] * wk[1] + q[2 * cn] * wk[2] + q[3 * cn] * wk[3];
      }
      o[c] = cubic_sum(sum);
    }
  }
}

// One and three channels with SIMD: the taps widened to 16 bits and multiplied by the weights (which fit in 16
// bits) with i32x4.dot, pairs of products added; integer sums in another order, so the same integers as above.
// Loads read up to 13 bytes past the last tap of a row (callers leave 16 bytes of slack after the image).
static void cubic_interior_c1(const uint8_t *s, int stride, uint8_t *o, const int32_t *ax, const int32_t *ay, int xl,
                              int xr, const int32_t *wtab) {
  for (int x = xl; x < xr; x++, o++) {
    int32_t X = ax[x] >> INTER_BITS, Y = ay[x] >> INTER_BITS;
    const int32_t *w = wtab + ((((Y & 31) << INTER_BITS) | (X & 31)) << 4);
    const uint8_t *p = s + ((Y >> INTER_BITS) - 1) * stride + ((X >> INTER_BITS) - 1);
    // Rows 0–3's four taps in one vector, as 32-bit lanes.
    v128_t t = wasm_i32x4_make(*(const int32_t *)p, *(const int32_t *)(p + stride), *(const int32_t *)(p + 2 * stride),
                               *(const int32_t *)(p + 3 * stride));
    v128_t w01 = wasm_i16x8_narrow_i32x4(wasm_v128_load(w), wasm_v128_load(w + 4));
    v128_t w23 = wasm_i16x8_narrow_i32x4(wasm_v128_load(w + 8), wasm_v128_load(w + 12));
    v128_t acc = wasm_i32x4_add(wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(t), w01),
                                wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(t), w23));
    int32_t sum = wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) +
                  wasm_i32x4_extract_lane(acc, 2) + wasm_i32x4_extract_lane(acc, 3);
    *o = cubic_sum(sum);
  }
}

static void cubic_interior_c3(const uint8_t *s, int stride, uint8_t *o, const int32_t *ax, const int32_t *ay, int xl,
                              int xr, const int32_t *wtab) {
  // RGBRGBRGBRGB → RRRR GGGG | BBBB.
  const v128_t planar = wasm_i8x16_make(0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11, -1, -1, -1, -1);
  for (int x = xl; x < xr; x++, o += 3) {
    int32_t X = ax[x] >> INTER_BITS, Y = ay[x] >> INTER_BITS;
    const int32_t *w = wtab + ((((Y & 31) << INTER_BITS) | (X & 31)) << 4);
    const uint8_t *p = s + ((Y >> INTER_BITS) - 1) * stride + ((X >> INTER_BITS) - 1) * 3;
    v128_t rg = wasm_i32x4_splat(0), b = wasm_i32x4_splat(0);
    for (int ky = 0; ky < 4; ky++, p += stride) {
      v128_t wk = wasm_v128_load(w + 4 * ky);
      v128_t ww = wasm_i16x8_narrow_i32x4(wk, wk);
      v128_t t = wasm_i8x16_swizzle(wasm_v128_load(p), planar);
      rg = wasm_i32x4_add(rg, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(t), ww));
      b = wasm_i32x4_add(b, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(t), ww));
    }
    o[0] = cubic_sum(wasm_i32x4_extract_lane(rg, 0) + wasm_i32x4_extract_lane(rg, 1));
    o[1] = cubic_sum(wasm_i32x4_extract_lane(rg, 2) + wasm_i32x4_extract_lane(rg, 3));
    o[2] = cubic_sum(wasm_i32x4_extract_lane(b, 0) + wasm_i32x4_extract_lane(b, 1));
  }
}

static void cubic_interior(const uint8_t *s, int stride, uint8_t *d, int row, const int32_t *ax, const int32_t *ay,
                           int xl, int xr, int cn, const int32_t *wtab) {
  uint8_t *o = d + row + xl * cn;
  switch (cn) {
  case 1:
    cubic_interior_c1(s, stride, o, ax, ay, xl, xr, wtab);
    break;
  case 3:
    cubic_interior_c3(s, stride, o, ax, ay, xl, xr, wtab);
    break;
  case 4:
    cubic_interior_cn(s, stride, o, ax, ay, xl, xr, wtab, 4);
    break;
  default:
    cubic_interior_cn(s, stride, o, ax, ay, xl, xr, wtab, cn);
  }
}

// Bicubic pixels with a tap outside: taps through the border tables, cval for −1 (borderCubic in warp-affine.ts).
// Returns 1 when a tap falls outside the tables.
static int cubic_border(const uint8_t *s, int cn, uint8_t *d, int row, const int32_t *ax, const int32_t *ay, int x0,
                        int x1, const int32_t *tx, int txn, int txoff, const int32_t *ty, int tyn, int tyoff,
                        int cval, const int32_t *wtab) {
  uint8_t *o = d + row + x0 * cn;
  for (int x = x0; x < x1; x++, o += cn) {
    int32_t X = ax[x] >> INTER_BITS, Y = ay[x] >> INTER_BITS;
    int32_t sx = to_short(X >> INTER_BITS) - 1, sy = to_short(Y >> INTER_BITS) - 1;
    const int32_t *w = wtab + ((((Y & 31) << INTER_BITS) | (X & 31)) << 4);
    int ix = sx + txoff, iy = sy + tyoff;
    if (ix < 0 || ix + 3 >= txn || iy < 0 || iy + 3 >= tyn) return 1;
    const int32_t *cols = tx + ix, *rows = ty + iy;
    for (int c = 0; c < cn; c++) {
      int32_t sum = 0;
      for (int i = 0; i < 4; i++) {
        const int32_t *wr = w + 4 * i;
        int32_t r = rows[i];
        if (r < 0) {
          sum += cval * (wr[0] + wr[1] + wr[2] + wr[3]);
          continue;
        }
        for (int j = 0; j < 4; j++) sum += (cols[j] < 0 ? cval : s[r + cols[j] + c]) * wr[j];
      }
      o[c] = cubic_sum(sum);
    }
  }
  return 0;
}

// remap for one uint8 image (src/kernels/warp-affine.ts, remap and sampleRows, the reference and the fallback):
// mapX/mapY hold each output pixel's source position in 1/32 pixel; order 1 (bilinear) or 3 (bicubic, wtab the
// 1/32-cell weights). Per row: positions to AB units (clamped far away), classes, then runs of interior pixels, cval
// fills (constant mode, no tap inside) and border pixels. ax/ay/cls: scratch for one row. Returns 0, or 1 when a tap
// falls outside the border tables (TypeScript then).
__attribute__((export_name("remap_u8"))) int remap_u8(const uint8_t *src, uint8_t *dst, int sw, int sh, int cn,
                                                      int ow, int oh, const int32_t *map_x, const int32_t *map_y,
                                                      int order, const int32_t *wtab, const int32_t *tx, int txn,
                                                      int txoff, const int32_t *ty, int tyn, int tyoff, int cval,
                                                      int constant, int32_t *ax, int32_t *ay, uint8_t *cls) {
  int stride = sw * cn;
  int size = sh * stride;
  int osize = oh * ow * cn;
  int taps = order == 3 ? 4 : 2, lo = order == 3 ? 1 : 0;
  uint32_t spanX = sw - taps + 1 > 0 ? (uint32_t)(sw - taps + 1) : 0;
  uint32_t spanY = sh - taps + 1 > 0 ? (uint32_t)(sh - taps + 1) : 0;
  int tlo = lo - taps + 1;
  uint32_t touchX = (uint32_t)(sw + taps - 1), touchY = (uint32_t)(sh + taps - 1);
  for (int y = 0; y < oh; y++) {
    const int32_t *mx = map_x + y * ow, *my = map_y + y * ow;
    for (int x = 0; x < ow; x++) {
      int32_t px = to_ab(mx[x]), py = to_ab(my[x]);
      ax[x] = px;
      ay[x] = py;
      int32_t X = px >> AB_BITS, Y = py >> AB_BITS;
      int in = ((uint32_t)(X - lo) < spanX) & ((uint32_t)(Y - lo) < spanY);
      int touch = ((uint32_t)(X - tlo) < touchX) & ((uint32_t)(Y - tlo) < touchY);
      cls[x] = (uint8_t)(2 - in - 2 * ((in ^ 1) & constant & (touch ^ 1)));
    }
    int row = y * ow * cn;
    int x = 0;
    while (x < ow) {
      int start = x, k = cls[x];
      x++;
      while (x < ow && cls[x] == k) x++;
      if (k == 1) {
        if (order == 3) cubic_interior(src, stride, dst, row, ax, ay, start, x, cn, wtab);
        else interior(src, stride, dst, row, 0, 0, ax, ay, start, x, cn, 1, size, osize);
      } else if (k == 0) {
        fill_run(dst + row + start * cn, cval, (x - start) * cn);
      } else if (order == 3 ? cubic_border(src, cn, dst, row, ax, ay, start, x, tx, txn, txoff, ty, tyn, tyoff, cval,
                                           wtab)
                            : border(src, cn, dst, row, 0, 0, ax, ay, start, x, tx, txn, txoff, ty, tyn, tyoff, cval,
                                     1, size, osize)) {
        return 1;
      }
    }
  }
  return 0;
}
