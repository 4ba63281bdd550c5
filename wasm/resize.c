// Resize's exact halving of both sides for uint8 images (src/kernels/resize.ts, halveArea): OpenCV's area average
// (a + b + c + d + 2) >> 2 of each 2×2 block, the same bytes as the TypeScript loops. One loop per channel count
// that the compiler can unroll and vectorise (1, 3 and 4), and a generic one.
#include <stdint.h>

static inline __attribute__((always_inline)) void halve_rows(const uint8_t *s, uint8_t *d, int sw, int dh, int dw,
                                                              int cn) {
  int stride = sw * cn, row = dw * cn;
  for (int y = 0; y < dh; y++) {
    const uint8_t *r0 = s + 2 * y * stride, *r1 = r0 + stride;
    uint8_t *o = d + y * row;
    for (int x = 0; x < dw; x++) {
      for (int c = 0; c < cn; c++) {
        int i = 2 * x * cn + c;
        o[x * cn + c] = (uint8_t)((r0[i] + r0[i + cn] + r1[i] + r1[i + cn] + 2) >> 2);
      }
    }
  }
}

// `count` images of sh×sw×cn bytes at src, halved into dh×dw×cn at dst (sh = 2·dh, sw = 2·dw).
__attribute__((export_name("halve_u8"))) void halve_u8(const uint8_t *src, uint8_t *dst, int count, int sw, int sh,
                                                        int cn) {
  int dw = sw / 2, dh = sh / 2;
  for (int k = 0; k < count; k++) {
    const uint8_t *s = src + k * sh * sw * cn;
    uint8_t *d = dst + k * dh * dw * cn;
    switch (cn) {
    case 1:
      halve_rows(s, d, sw, dh, dw, 1);
      break;
    case 3:
      halve_rows(s, d, sw, dh, dw, 3);
      break;
    case 4:
      halve_rows(s, d, sw, dh, dw, 4);
      break;
    default:
      halve_rows(s, d, sw, dh, dw, cn);
    }
  }
}

// Resize's bilinear path for uint8 images (src/kernels/resize.ts, resizeLinear, half-pixel or INTER_AREA positions):
// the same bytes as the TypeScript loops. Tables from the caller, per output value k < dw·cn: the two source element
// offsets within a row (i0, i1) and their 11-bit weights (w0, w1, w0 = 2048 and w1 = 0 where one pixel is read);
// per output row y: the two source rows (absolute, ys0 ≤ ys1) and weights (b0, b1). `src` holds source rows from
// `sbase` on; output rows [y0, y1) go to dst (row y0 first). r0 and r1 are scratch rows of dw·cn int32.
// The horizontal pass of one source row into `r`. Three channels read the tables once per pixel (a pixel's three
// values share its taps and weights, by the caller's construction), which the generic loop reads per value.
static inline void hpass(const uint8_t *s, int32_t *r, int row_len, int cn, const int32_t *i0, const int32_t *i1,
                         const int32_t *w0, const int32_t *w1) {
  if (cn == 3) {
    for (int k = 0; k + 2 < row_len; k += 3) {
      const uint8_t *p = s + i0[k], *q = s + i1[k];
      int32_t a = w0[k], b = w1[k];
      r[k] = p[0] * a + q[0] * b;
      r[k + 1] = p[1] * a + q[1] * b;
      r[k + 2] = p[2] * a + q[2] * b;
    }
    return;
  }
  for (int k = 0; k < row_len; k++) r[k] = s[i0[k]] * w0[k] + s[i1[k]] * w1[k];
}

__attribute__((export_name("resize_linear_u8"))) void resize_linear_u8(
    const uint8_t *src, int stride, int sbase, uint8_t *dst, int row_len, int y0, int y1, const int32_t *i0,
    const int32_t *i1, const int32_t *w0, const int32_t *w1, const int32_t *ys0, const int32_t *ys1,
    const int32_t *b0, const int32_t *b1, int32_t *r0, int32_t *r1, int cn) {
  int have0 = -1, have1 = -1;
  for (int y = y0; y < y1; y++) {
    int sy = ys0[y], sy1 = ys1[y];
    if (have0 != sy) {
      if (have1 == sy) {
        int32_t *t = r0;
        r0 = r1;
        r1 = t;
        have1 = have0;
      } else {
        hpass(src + (sy - sbase) * stride, r0, row_len, cn, i0, i1, w0, w1);
      }
      have0 = sy;
    }
    if (have1 != sy1) {
      hpass(src + (sy1 - sbase) * stride, r1, row_len, cn, i0, i1, w0, w1);
      have1 = sy1;
    }
    int c0 = b0[y], c1 = b1[y];
    uint8_t *o = dst + (y - y0) * row_len;
    // OpenCV's SIMD vertical pass, which drops low bits before multiplying.
    for (int k = 0; k < row_len; k++) {
      int v = ((((r0[k] >> 4) * c0) >> 16) + (((r1[k] >> 4) * c1) >> 16) + 2) >> 2;
      o[k] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
  }
}
