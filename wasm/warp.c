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
