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
// the same bytes as the TypeScript loops, in OpenCV's scheme (resize.cpp, HResizeLinearVec_8u32s and
// VResizeLinearVec_32s8u): a horizontal pass per source row into a row buffer, kept while output rows read it, and a
// vertical pass of two rows. OpenCV's vertical pass uses its int32 sums only shifted right by 4, so the row buffers
// hold them so (at most 255·2048 >> 4 = 32640: the upper 16 bits of each int32 are 0, which lets the vertical pass
// multiply with i32x4.dot_i16x8_s, WebAssembly's fast 16-bit multiply). Tables from the caller, per output pixel
// x < dw: the byte offset of its first source pixel within a row (xo) and its two 11-bit weights as an int16 pair
// (xw = w0 | w1 << 16); the second source pixel is the next one (at +cn; where there is none, its weight is 0 and the
// bytes read there do not matter: the caller leaves room after the rows). Per output row y: the two source rows
// (absolute, ys0 ≤ ys1) and weights (b0, b1). `src` holds source rows from `sbase` on; output rows [y0, y1) go to dst
// (row y0 first). r0 and r1 are scratch rows of dw·cn int32 with 16 bytes more (SIMD stores run past a row's end).

// The pairs (p, q) of 8 bytes p0 … p7 (low half) and q0 … q7 (high half) as int16 lanes p_i, q_i.
#define PAIRS(v, ...) wasm_u16x8_extend_low_u8x16(wasm_i8x16_shuffle(v, v, __VA_ARGS__))

// Σ p·w0 + q·w1 of the pairs, >> 4.
static inline v128_t dot4(v128_t pq, v128_t w) { return wasm_i32x4_shr(wasm_i32x4_dot_i16x8(pq, w), 4); }

// One pixel of 3 or 4 channels: its bytes and the next pixel's, interleaved into (p, q) pairs, dotted with (w0, w1).
static inline void hpass_pixel(const uint8_t *s, int32_t *r, int x, int cn, const int32_t *xo, const int32_t *xw) {
  v128_t v = wasm_v128_load64_zero(s + xo[x]);
  v128_t pq = cn == 3 ? PAIRS(v, 0, 3, 1, 4, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
                      : PAIRS(v, 0, 4, 1, 5, 2, 6, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  wasm_v128_store(r + cn * x, dot4(pq, wasm_v128_load32_splat(xw + x)));
}

static inline void hpass(const uint8_t *s, int32_t *r, int dw, int cn, const int32_t *xo, const int32_t *xw) {
  int x = 0;
  if (cn == 3) {
    // 4 pixels (12 values) at a time: each pixel's 3 bytes and the next pixel's (8 bytes read per pixel, two pixels
    // per vector), interleaved into (p, q) pairs for three dots of 4 values, whose weights repeat each pixel's pair
    // for its values (pixel 0 0 0 1, 1 1 2 2, 2 3 3 3).
    for (; x + 4 <= dw; x += 4) {
      v128_t ab = wasm_v128_load64_lane(s + xo[x + 1], wasm_v128_load64_zero(s + xo[x]), 1);
      v128_t cd = wasm_v128_load64_lane(s + xo[x + 3], wasm_v128_load64_zero(s + xo[x + 2]), 1);
      v128_t pq01 = wasm_i8x16_shuffle(ab, cd, 0, 3, 1, 4, 2, 5, 8, 11, 9, 12, 10, 13, 16, 19, 17, 20);
      v128_t pq2 = wasm_i8x16_shuffle(cd, cd, 2, 5, 8, 11, 9, 12, 10, 13, 0, 0, 0, 0, 0, 0, 0, 0);
      v128_t w = wasm_v128_load(xw + x);
      int32_t *o = r + 3 * x;
      wasm_v128_store(o, dot4(wasm_u16x8_extend_low_u8x16(pq01), wasm_i32x4_shuffle(w, w, 0, 0, 0, 1)));
      wasm_v128_store(o + 4, dot4(wasm_u16x8_extend_high_u8x16(pq01), wasm_i32x4_shuffle(w, w, 1, 1, 2, 2)));
      wasm_v128_store(o + 8, dot4(wasm_u16x8_extend_low_u8x16(pq2), wasm_i32x4_shuffle(w, w, 2, 3, 3, 3)));
    }
    for (; x < dw; x++) hpass_pixel(s, r, x, 3, xo, xw);
    return;
  }
  if (cn == 4) {
    for (; x < dw; x++) hpass_pixel(s, r, x, 4, xo, xw);
    return;
  }
  if (cn == 1) {
    // 8 pixels: their byte pairs gathered into one vector, then two dots with the weight pairs, read as they lie.
    for (; x + 8 <= dw; x += 8) {
      v128_t v = wasm_i16x8_splat(0);
      v = wasm_v128_load16_lane(s + xo[x], v, 0);
      v = wasm_v128_load16_lane(s + xo[x + 1], v, 1);
      v = wasm_v128_load16_lane(s + xo[x + 2], v, 2);
      v = wasm_v128_load16_lane(s + xo[x + 3], v, 3);
      v = wasm_v128_load16_lane(s + xo[x + 4], v, 4);
      v = wasm_v128_load16_lane(s + xo[x + 5], v, 5);
      v = wasm_v128_load16_lane(s + xo[x + 6], v, 6);
      v = wasm_v128_load16_lane(s + xo[x + 7], v, 7);
      wasm_v128_store(r + x, dot4(wasm_u16x8_extend_low_u8x16(v), wasm_v128_load(xw + x)));
      wasm_v128_store(r + x + 4, dot4(wasm_u16x8_extend_high_u8x16(v), wasm_v128_load(xw + x + 4)));
    }
  }
  for (; x < dw; x++) {
    const uint8_t *p = s + xo[x];
    int32_t a = (int16_t)xw[x], b = xw[x] >> 16;
    for (int c = 0; c < cn; c++) r[x * cn + c] = (p[c] * a + p[c + cn] * b) >> 4;
  }
}

// (r·b) >> 16 for four row values r < 2^15 (upper halves 0) and a weight splatted as (b, 0) int16 pairs.
static inline v128_t weigh(const int32_t *r, v128_t b) { return wasm_i32x4_shr(wasm_i32x4_dot_i16x8(wasm_v128_load(r), b), 16); }

// (a + b + 2) >> 2 of four and four int32 lanes, as eight int16 lanes.
static inline v128_t round8(v128_t a0, v128_t a1, v128_t b0, v128_t b1) {
  v128_t v = wasm_i16x8_narrow_i32x4(wasm_i32x4_add(a0, a1), wasm_i32x4_add(b0, b1));
  return wasm_i16x8_shr(wasm_i16x8_add(v, wasm_i16x8_splat(2)), 2);
}

// OpenCV's vertical pass: ((r0·b0 >> 16) + (r1·b1 >> 16) + 2) >> 2 on the shifted rows, saturated to 0–255; 16
// values at a time.
static inline void vpass(const int32_t *r0, const int32_t *r1, uint8_t *o, int row_len, int c0, int c1) {
  v128_t b0 = wasm_i32x4_splat(c0), b1 = wasm_i32x4_splat(c1);
  int k = 0;
  for (; k + 16 <= row_len; k += 16) {
    v128_t lo = round8(weigh(r0 + k, b0), weigh(r1 + k, b1), weigh(r0 + k + 4, b0), weigh(r1 + k + 4, b1));
    v128_t hi = round8(weigh(r0 + k + 8, b0), weigh(r1 + k + 8, b1), weigh(r0 + k + 12, b0), weigh(r1 + k + 12, b1));
    wasm_v128_store(o + k, wasm_u8x16_narrow_i16x8(lo, hi));
  }
  for (; k < row_len; k++) {
    int v = (((r0[k] * c0) >> 16) + ((r1[k] * c1) >> 16) + 2) >> 2;
    o[k] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
  }
}

__attribute__((export_name("resize_linear_u8"))) void resize_linear_u8(
    const uint8_t *src, int stride, int sbase, uint8_t *dst, int dw, int y0, int y1, const int32_t *xo,
    const int32_t *xw, const int32_t *ys0, const int32_t *ys1, const int32_t *b0, const int32_t *b1, int32_t *r0,
    int32_t *r1, int cn) {
  int row_len = dw * cn;
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
        hpass(src + (sy - sbase) * stride, r0, dw, cn, xo, xw);
      }
      have0 = sy;
    }
    if (have1 != sy1) {
      hpass(src + (sy1 - sbase) * stride, r1, dw, cn, xo, xw);
      have1 = sy1;
    }
    vpass(r0, r1, dst + (y - y0) * row_len, row_len, b0[y], b1[y]);
  }
}

// Resize's 'area' shrink to a size that is not a whole-number fraction (src/kernels/resize-area.ts, areaWeighted):
// OpenCV 4.6's resizeArea_ for uint8 in C float, which is what OpenCV's scalar loop computes (IEEE single, no fused
// multiply-adds: the build passes -ffp-contract=off), so the bytes are the TypeScript loops' Math.fround steps.
// Tables from the caller: OpenCV's x table regrouped per destination pixel, kx entries each (its source pixels and
// weights in OpenCV's order, padded with weight-0 entries: adding p·0 = 0 to a sum of non-negative terms changes
// nothing, and no branch depends on how many entries a pixel has); the y table as OpenCV's, per source row entry the
// source row, destination row and weight (ysi, ydi, yal; yn entries). buf (4 floats more) and sum are scratch rows
// of dw·cn floats.
static inline __attribute__((always_inline)) void area_weigh(const uint8_t *s, float *buf, int dw, int cn, int kx,
                                                              const int32_t *xsi, const float *xal) {
  for (int d = 0; d < dw; d++) {
    for (int c = 0; c < cn; c++) {
      float acc = 0.f;
      for (int j = 0; j < kx; j++) acc = acc + (float)s[xsi[d * kx + j] * cn + c] * xal[d * kx + j];
      buf[d * cn + c] = acc;
    }
  }
}

// Byte values in int32 lanes as floats, exactly: 2^23 + v as float bits, less 2^23. (clang turns
// f32x4.convert_i32x4 of zero-extended bytes into four scalar conversions.)
static inline v128_t bytes_to_f32(v128_t v) {
  return wasm_f32x4_sub(wasm_v128_or(v, wasm_i32x4_splat(0x4b000000)), wasm_f32x4_splat(8388608.f));
}

// One, three or four channels: a pixel's values (four bytes read; the ones past its channels are weighed by 0) in one
// f32x4, summed in a register, then stored whole. The lanes past the pixel's channels hold 0 and land on the next
// pixel's values, which its own store, later, overwrites (the last one's on buf's 4 floats more).
static inline __attribute__((always_inline)) void area_weigh_simd(const uint8_t *s, float *buf, int dw, int cn, int kx,
                                                                   const int32_t *xsi, const float *xal) {
  v128_t keep = cn == 1 ? wasm_i32x4_make(-1, 0, 0, 0) : cn == 3 ? wasm_i32x4_make(-1, -1, -1, 0) : wasm_i32x4_splat(-1);
  for (int d = 0; d < dw; d++) {
    v128_t acc = wasm_f32x4_splat(0.f);
    for (int j = d * kx; j < (d + 1) * kx; j++) {
      v128_t p = wasm_u32x4_extend_low_u16x8(wasm_u16x8_extend_low_u8x16(wasm_v128_load32_zero(s + xsi[j] * cn)));
      v128_t a = wasm_v128_and(wasm_v128_load32_splat(xal + j), keep);
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(bytes_to_f32(p), a));
    }
    wasm_v128_store(buf + d * cn, acc);
  }
}

// sum = beta·buf (first) or sum + beta·buf, as the scalar loop.
static inline void area_rows(float *sum, const float *buf, float beta, int n, int first) {
  v128_t b = wasm_f32x4_splat(beta);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t v = wasm_f32x4_mul(b, wasm_v128_load(buf + i));
    wasm_v128_store(sum + i, first ? v : wasm_f32x4_add(wasm_v128_load(sum + i), v));
  }
  for (; i < n; i++) sum[i] = first ? beta * buf[i] : sum[i] + beta * buf[i];
}

// rint, clipped to 0–255 (the saturating narrows clip the integers as the scalar loop clips the floats).
static inline void area_write(const float *sum, uint8_t *d, int n) {
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_v128_load(sum + i)));
    v128_t b = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_v128_load(sum + i + 4)));
    v128_t v = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(a, b), wasm_i16x8_splat(0));
    wasm_v128_store64_lane(d + i, v, 0);
  }
  for (; i < n; i++) {
    float v = __builtin_rintf(sum[i]);
    d[i] = (uint8_t)(v < 0.f ? 0.f : v > 255.f ? 255.f : v);
  }
}

__attribute__((export_name("area_u8"))) void area_u8(const uint8_t *src, uint8_t *dst, int sw, int cn, int dw,
                                                      int kx, const int32_t *xsi, const float *xal,
                                                      const int32_t *ysi, const int32_t *ydi, const float *yal,
                                                      int yn, float *buf, float *sum) {
  int row_len = dw * cn;
  for (int i = 0; i < row_len; i++) sum[i] = 0.f;
  int prev = ydi[0];
  for (int j = 0; j < yn; j++) {
    const uint8_t *s = src + (long)ysi[j] * sw * cn;
    switch (cn) {
    case 1:
      area_weigh_simd(s, buf, dw, 1, kx, xsi, xal);
      break;
    case 3:
      area_weigh_simd(s, buf, dw, 3, kx, xsi, xal);
      break;
    case 4:
      area_weigh_simd(s, buf, dw, 4, kx, xsi, xal);
      break;
    default:
      area_weigh(s, buf, dw, cn, kx, xsi, xal);
    }
    if (ydi[j] != prev) {
      area_write(sum, dst + (long)prev * row_len, row_len);
      area_rows(sum, buf, yal[j], row_len, 1);
      prev = ydi[j];
    } else {
      area_rows(sum, buf, yal[j], row_len, 0);
    }
  }
  area_write(sum, dst + (long)prev * row_len, row_len);
}
