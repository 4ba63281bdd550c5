// augkit's WebAssembly kernel for warpAffine on uint8 images with bilinear interpolation: OpenCV's fixed-point
// scheme (1/32-pixel coordinates, weights in 1/1024), the same bytes as src/kernels/warp-affine.ts, which prepares
// every table (per-row and per-column coordinates, border lookups) and remains the reference and the fallback.
#include <stdint.h>

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
      for (int k = 0; k < n; k++, p += size) {
        const uint8_t *q = p + stride;
        uint8_t *ok = o + k * osize;
        ok[0] = (uint8_t)((p[0] * w00 + p[3] * w01 + q[0] * w10 + q[3] * w11 + 512) >> 10);
        ok[1] = (uint8_t)((p[1] * w00 + p[4] * w01 + q[1] * w10 + q[4] * w11 + 512) >> 10);
        ok[2] = (uint8_t)((p[2] * w00 + p[5] * w01 + q[2] * w10 + q[5] * w11 + 512) >> 10);
      }
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
