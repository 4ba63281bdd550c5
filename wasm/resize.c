// Resize's exact halving of both sides for uint8 images (src/kernels/resize.ts, halveArea): OpenCV's area average
// (a + b + c + d + 2) >> 2 of each 2×2 block, the same bytes as the TypeScript loops. Explicit SIMD for 1, 3 and 4
// channels (clang left the strided loops scalar), a scalar loop for the rest of a row and for other channel counts.
#include <stdint.h>
#include <wasm_simd128.h>

// (s + 2) >> 2 on u16 lanes of block sums.
static inline v128_t round4(v128_t s) { return wasm_u16x8_shr(wasm_i16x8_add(s, wasm_i16x8_splat(2)), 2); }

// One output row of gray pixels, 16 at a time: a u16 lane of a row holds an even pixel (low byte) and the odd one.
static inline int halve_row_1(const uint8_t *r0, const uint8_t *r1, uint8_t *o, int dw) {
  const v128_t low = wasm_i16x8_splat(0xff);
  int x = 0;
  for (; x + 16 <= dw; x += 16) {
    v128_t a0 = wasm_v128_load(r0 + 2 * x), b0 = wasm_v128_load(r0 + 2 * x + 16);
    v128_t a1 = wasm_v128_load(r1 + 2 * x), b1 = wasm_v128_load(r1 + 2 * x + 16);
    v128_t sa = wasm_i16x8_add(wasm_i16x8_add(wasm_v128_and(a0, low), wasm_u16x8_shr(a0, 8)),
                               wasm_i16x8_add(wasm_v128_and(a1, low), wasm_u16x8_shr(a1, 8)));
    v128_t sb = wasm_i16x8_add(wasm_i16x8_add(wasm_v128_and(b0, low), wasm_u16x8_shr(b0, 8)),
                               wasm_i16x8_add(wasm_v128_and(b1, low), wasm_u16x8_shr(b1, 8)));
    wasm_v128_store(o + x, wasm_u8x16_narrow_i16x8(round4(sa), round4(sb)));
  }
  return x;
}

// RGBA, 4 output pixels at a time: per 16 input bytes (4 pixels) the rows' u16 sums, then neighbouring pixels' sums.
static inline v128_t halve_quad_4(const uint8_t *r0, const uint8_t *r1) {
  v128_t a = wasm_v128_load(r0), b = wasm_v128_load(r1);
  v128_t lo = wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(a), wasm_u16x8_extend_low_u8x16(b));
  v128_t hi = wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(a), wasm_u16x8_extend_high_u8x16(b));
  v128_t s = wasm_i16x8_add(wasm_i16x8_shuffle(lo, hi, 0, 1, 2, 3, 8, 9, 10, 11),
                            wasm_i16x8_shuffle(lo, hi, 4, 5, 6, 7, 12, 13, 14, 15));
  return round4(s);
}

static inline int halve_row_4(const uint8_t *r0, const uint8_t *r1, uint8_t *o, int dw) {
  int x = 0;
  for (; x + 4 <= dw; x += 4) {
    v128_t p = halve_quad_4(r0 + 8 * x, r1 + 8 * x), q = halve_quad_4(r0 + 8 * x + 16, r1 + 8 * x + 16);
    wasm_v128_store(o + 4 * x, wasm_u8x16_narrow_i16x8(p, q));
  }
  return x;
}

// RGB, 8 output pixels (24 bytes) from 16 input pixels (48 bytes) per row: swizzles gather the bytes of the even
// pixels (e) and of the odd ones (d) into output order, 16 + 8 bytes each, from the row's three vectors (a swizzle
// index outside 0–15 gives 0, so each gather ORs one swizzle per vector it reads).
#define IDX(...) wasm_i8x16_make(__VA_ARGS__)
static inline void gather_3(const uint8_t *r, v128_t *e_lo, v128_t *e_hi, v128_t *d_lo, v128_t *d_hi) {
  v128_t v0 = wasm_v128_load(r), v1 = wasm_v128_load(r + 16), v2 = wasm_v128_load(r + 32);
  // Even pixels: bytes 0 1 2 6 7 8 12 13 14 18 19 20 24 25 26 30 | 31 32 36 37 38 42 43 44.
  *e_lo = wasm_v128_or(wasm_i8x16_swizzle(v0, IDX(0, 1, 2, 6, 7, 8, 12, 13, 14, -1, -1, -1, -1, -1, -1, -1)),
                       wasm_i8x16_swizzle(v1, IDX(-1, -1, -1, -1, -1, -1, -1, -1, -1, 2, 3, 4, 8, 9, 10, 14)));
  *e_hi = wasm_v128_or(wasm_i8x16_swizzle(v1, IDX(15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                       wasm_i8x16_swizzle(v2, IDX(-1, 0, 4, 5, 6, 10, 11, 12, -1, -1, -1, -1, -1, -1, -1, -1)));
  // Odd pixels: bytes 3 4 5 9 10 11 15 16 17 21 22 23 27 28 29 33 | 34 35 39 40 41 45 46 47.
  *d_lo = wasm_v128_or(
      wasm_v128_or(wasm_i8x16_swizzle(v0, IDX(3, 4, 5, 9, 10, 11, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                   wasm_i8x16_swizzle(v1, IDX(-1, -1, -1, -1, -1, -1, -1, 0, 1, 5, 6, 7, 11, 12, 13, -1))),
      wasm_i8x16_swizzle(v2, IDX(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1)));
  *d_hi = wasm_i8x16_swizzle(v2, IDX(2, 3, 7, 8, 9, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1));
}

static inline int halve_row_3(const uint8_t *r0, const uint8_t *r1, uint8_t *o, int dw) {
  int x = 0;
  for (; x + 8 <= dw; x += 8) {
    v128_t e0, f0, d0, g0, e1, f1, d1, g1;
    gather_3(r0 + 6 * x, &e0, &f0, &d0, &g0);
    gather_3(r1 + 6 * x, &e1, &f1, &d1, &g1);
    v128_t lo = wasm_i16x8_add(
        wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(e0), wasm_u16x8_extend_low_u8x16(d0)),
        wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(e1), wasm_u16x8_extend_low_u8x16(d1)));
    v128_t mid = wasm_i16x8_add(
        wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(e0), wasm_u16x8_extend_high_u8x16(d0)),
        wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(e1), wasm_u16x8_extend_high_u8x16(d1)));
    v128_t hi = wasm_i16x8_add(
        wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(f0), wasm_u16x8_extend_low_u8x16(g0)),
        wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(f1), wasm_u16x8_extend_low_u8x16(g1)));
    wasm_v128_store(o + 3 * x, wasm_u8x16_narrow_i16x8(round4(lo), round4(mid)));
    v128_t last = wasm_u8x16_narrow_i16x8(round4(hi), round4(hi));
    wasm_v128_store64_lane(o + 3 * x + 16, last, 0);
  }
  return x;
}

static inline __attribute__((always_inline)) void halve_rows(const uint8_t *s, uint8_t *d, int sw, int dh, int dw,
                                                              int cn) {
  int stride = sw * cn, row = dw * cn;
  for (int y = 0; y < dh; y++) {
    const uint8_t *r0 = s + 2 * y * stride, *r1 = r0 + stride;
    uint8_t *o = d + y * row;
    int x = cn == 1 ? halve_row_1(r0, r1, o, dw) : cn == 3 ? halve_row_3(r0, r1, o, dw) : cn == 4 ? halve_row_4(r0, r1, o, dw) : 0;
    for (; x < dw; x++) {
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

// Resize's 'area' shrink to a size that is not a whole-number fraction (src/kernels/resize-area.ts, areaWeighted):
// OpenCV 4.6's resizeArea_ for uint8 in C float, which is what OpenCV's scalar loop computes (IEEE single, no fused
// multiply-adds: the build passes -ffp-contract=off), so the bytes are the TypeScript loops' Math.fround steps.
// Tables from the caller: per x entry the source pixel, destination pixel and weight (xsi, xdi, xal; xn entries), the
// same per source row (ysi, ydi, yal; yn entries). buf and sum are scratch rows of dw·cn floats.
static inline __attribute__((always_inline)) void area_weigh(const uint8_t *s, float *buf, int cn, const int32_t *xsi,
                                                              const int32_t *xdi, const float *xal, int xn) {
  for (int k = 0; k < xn; k++) {
    const uint8_t *p = s + xsi[k] * cn;
    float *o = buf + xdi[k] * cn;
    float a = xal[k];
    for (int c = 0; c < cn; c++) o[c] = o[c] + (float)p[c] * a;
  }
}

static inline void area_write(const float *sum, uint8_t *d, int n) {
  for (int i = 0; i < n; i++) {
    float v = __builtin_rintf(sum[i]);
    d[i] = (uint8_t)(v < 0.f ? 0.f : v > 255.f ? 255.f : v);
  }
}

__attribute__((export_name("area_u8"))) void area_u8(const uint8_t *src, uint8_t *dst, int sw, int cn, int dw,
                                                      const int32_t *xsi, const int32_t *xdi, const float *xal,
                                                      int xn, const int32_t *ysi, const int32_t *ydi,
                                                      const float *yal, int yn, float *buf, float *sum) {
  int row_len = dw * cn;
  for (int i = 0; i < row_len; i++) sum[i] = 0.f;
  int prev = ydi[0];
  for (int j = 0; j < yn; j++) {
    const uint8_t *s = src + (long)ysi[j] * sw * cn;
    for (int i = 0; i < row_len; i++) buf[i] = 0.f;
    switch (cn) {
    case 1:
      area_weigh(s, buf, 1, xsi, xdi, xal, xn);
      break;
    case 3:
      area_weigh(s, buf, 3, xsi, xdi, xal, xn);
      break;
    case 4:
      area_weigh(s, buf, 4, xsi, xdi, xal, xn);
      break;
    default:
      area_weigh(s, buf, cn, xsi, xdi, xal, xn);
    }
    float beta = yal[j];
    if (ydi[j] != prev) {
      area_write(sum, dst + (long)prev * row_len, row_len);
      for (int i = 0; i < row_len; i++) sum[i] = beta * buf[i];
      prev = ydi[j];
    } else {
      for (int i = 0; i < row_len; i++) sum[i] = sum[i] + beta * buf[i];
    }
  }
  area_write(sum, dst + (long)prev * row_len, row_len);
}
