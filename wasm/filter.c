// cv2.filter2D on a uint8 image with one float32 kernel for every channel (src/kernels/filter2d.ts, filter2DLoop):
// the same bytes as the TypeScript loop. The image is padded first (BORDER_REFLECT_101, as the loop reads it), so
// that every output value of a row is the same sum of the kernel's non-zero taps at fixed offsets, and the values of
// a row (channels interleaved) go through SIMD 16 or 8 at a time. Two arithmetics, chosen by the caller:
//   mode 0: integer taps whose absolute sum times 255 fits an int16 — every partial sum is an exact integer, which
//           is what the loop's float32 steps compute too; int16 lanes, 16 values a step.
//   mode 1: any taps — each step x · k + s computed in double and rounded to float32, as the loop computes it
//           (Math.fround of a double product and sum); float64 lanes, 8 values a step.
// Output values are rounded half to even and saturated to 0 … 255 (saturateU8).
#include <stdint.h>
#include <wasm_simd128.h>

#include "border.h"

// Pixel p of an axis of len pixels under BORDER_REPLICATE (`edge`) or BORDER_REFLECT_101.
static int border(int p, int len, int edge) { return edge ? replicate_edge(p, len) : reflect101(p, len); }

// The bytes filter2d_u8 needs at `pad` for an h × w × cn image and a kh × kw kernel (16 bytes of slack: the SIMD
// loads of a row's last values read up to 15 bytes past it).
__attribute__((export_name("filter2d_u8_pad_bytes"))) int filter2d_u8_pad_bytes(int h, int w, int cn, int kh, int kw) {
  return (h + kh - 1) * (w + kw - 1) * cn + 16;
}

// src (h × w × cn) padded by ay rows above, kh − 1 − ay below, ax columns left and kw − 1 − ax right into pad,
// mirrored (REFLECT_101) or, with `replicate`, repeating the edge.
static void pad_image(const uint8_t *src, uint8_t *pad, int h, int w, int cn, int kh, int kw, int ay, int ax,
                      int replicate) {
  const int stride = w * cn;
  const int ps = (w + kw - 1) * cn;
  for (int r = 0; r < h + kh - 1; r++) {
    const uint8_t *s = src + border(r - ay, h, replicate) * stride;
    uint8_t *d = pad + r * ps;
    for (int i = 0; i < stride; i++) d[ax * cn + i] = s[i];
    for (int x = 0; x < ax; x++) {
      const uint8_t *p = s + border(x - ax, w, replicate) * cn;
      for (int c = 0; c < cn; c++) d[x * cn + c] = p[c];
    }
    for (int x = ax + w; x < w + kw - 1; x++) {
      const uint8_t *p = s + border(x - ax, w, replicate) * cn;
      for (int c = 0; c < cn; c++) d[x * cn + c] = p[c];
    }
  }
}

static inline uint8_t saturate_u8(double s) {
  double r = __builtin_nearbyint(s);
  return r <= 0 ? 0 : r >= 255 ? 255 : (uint8_t)r;
}

// One output row in mode 0: `n` values from the padded rows at `base`, taps at offsets off[t] with weights wi[t].
static void row_i16(const uint8_t *base, uint8_t *out, int n, int nz, const int *off, const int *wi) {
  int v = 0;
  for (; v + 16 <= n; v += 16) {
    v128_t lo = wasm_i16x8_splat(0), hi = wasm_i16x8_splat(0);
    for (int t = 0; t < nz; t++) {
      v128_t x = wasm_v128_load(base + off[t] + v);
      v128_t k = wasm_i16x8_splat((int16_t)wi[t]);
      lo = wasm_i16x8_add(lo, wasm_i16x8_mul(wasm_u16x8_extend_low_u8x16(x), k));
      hi = wasm_i16x8_add(hi, wasm_i16x8_mul(wasm_u16x8_extend_high_u8x16(x), k));
    }
    wasm_v128_store(out + v, wasm_u8x16_narrow_i16x8(lo, hi));
  }
  for (; v < n; v++) {
    int s = 0;
    for (int t = 0; t < nz; t++) s += base[off[t] + v] * wi[t];
    out[v] = s < 0 ? 0 : s > 255 ? 255 : (uint8_t)s;
  }
}

// x · k + s in double, rounded to float32 and back (two values).
static inline v128_t step_f64(v128_t x, v128_t k, v128_t s) {
  return wasm_f64x2_promote_low_f32x4(wasm_f32x4_demote_f64x2_zero(wasm_f64x2_add(wasm_f64x2_mul(x, k), s)));
}

// Two sums (float32 values in double lanes) rounded half to even, as int32 lanes 0 and 1.
static inline v128_t round2(v128_t s) { return wasm_i32x4_trunc_sat_f64x2_zero(wasm_f64x2_nearest(s)); }

// One output row in mode 1: as row_i16 with float32 weights wf[t] (as doubles).
static void row_f64(const uint8_t *base, uint8_t *out, int n, int nz, const int *off, const double *wf) {
  int v = 0;
  for (; v + 8 <= n; v += 8) {
    v128_t s0 = wasm_f64x2_splat(0), s1 = s0, s2 = s0, s3 = s0;
    for (int t = 0; t < nz; t++) {
      v128_t x = wasm_u16x8_extend_low_u8x16(wasm_v128_load64_zero(base + off[t] + v));
      v128_t a = wasm_u32x4_extend_low_u16x8(x), b = wasm_u32x4_extend_high_u16x8(x);
      v128_t k = wasm_f64x2_splat(wf[t]);
      s0 = step_f64(wasm_f64x2_convert_low_i32x4(a), k, s0);
      s1 = step_f64(wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(a, a, 2, 3, 0, 1)), k, s1);
      s2 = step_f64(wasm_f64x2_convert_low_i32x4(b), k, s2);
      s3 = step_f64(wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(b, b, 2, 3, 0, 1)), k, s3);
    }
    v128_t r01 = wasm_i32x4_shuffle(round2(s0), round2(s1), 0, 1, 4, 5);
    v128_t r23 = wasm_i32x4_shuffle(round2(s2), round2(s3), 0, 1, 4, 5);
    v128_t r = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(r01, r23), wasm_i16x8_splat(0));
    wasm_v128_store64_lane(out + v, r, 0);
  }
  for (; v < n; v++) {
    double s = 0;
    for (int t = 0; t < nz; t++) s = (float)(base[off[t] + v] * wf[t] + s);
    out[v] = saturate_u8(s);
  }
}

// Filters src (h × w × cn) into dst with the nz taps at `taps` (mode 0: int32 weights; mode 1: double weights) whose
// offsets `off` are from the window's top-left corner in the padded image, padded at `pad` (filter2d_u8_pad_bytes);
// the window's anchor is (ay, ax) in a kh × kw kernel.
__attribute__((export_name("filter2d_u8"))) void filter2d_u8(const uint8_t *src, uint8_t *dst, int h, int w, int cn,
                                                             int kh, int kw, int ay, int ax, int nz, const int *off,
                                                             const void *taps, int mode, uint8_t *pad) {
  pad_image(src, pad, h, w, cn, kh, kw, ay, ax, 0);
  const int stride = w * cn;
  const int ps = (w + kw - 1) * cn;
  for (int y = 0; y < h; y++) {
    if (mode == 0) row_i16(pad + y * ps, dst + y * stride, stride, nz, off, (const int *)taps);
    else row_f64(pad + y * ps, dst + y * stride, stride, nz, off, (const double *)taps);
  }
}

// The median of k × k windows (k = 3 or 5) as cv2.medianBlur computes it (kernels/median.ts, medianFilterU8: any
// correct median is OpenCV's): the image padded by replicating its edge, then the k² values of 16 windows at once
// through a selection network of min/max steps (Batcher's odd-even merge sort for 16 or 32 inputs, padded with +∞,
// kept to the steps that reach the middle output; scripts/median-network.py generates and checks it on all 2^(k²)
// 0/1 inputs, which by the 0-1 principle covers every input). A row's last values (fewer than 16) are sorted apart.
#define OP(a, b)                                                                                                     \
  do {                                                                                                               \
    v128_t lo_ = wasm_u8x16_min(a, b);                                                                               \
    b = wasm_u8x16_max(a, b);                                                                                        \
    a = lo_;                                                                                                         \
  } while (0)

static v128_t median9(const uint8_t *base, int ps, int cn, int v) {
  v128_t p0 = wasm_v128_load(base + 0 * ps + 0 * cn + v), p1 = wasm_v128_load(base + 0 * ps + 1 * cn + v), p2 = wasm_v128_load(base + 0 * ps + 2 * cn + v), p3 = wasm_v128_load(base + 1 * ps + 0 * cn + v), p4 = wasm_v128_load(base + 1 * ps + 1 * cn + v), p5 = wasm_v128_load(base + 1 * ps + 2 * cn + v), p6 = wasm_v128_load(base + 2 * ps + 0 * cn + v), p7 = wasm_v128_load(base + 2 * ps + 1 * cn + v), p8 = wasm_v128_load(base + 2 * ps + 2 * cn + v);
  OP(p0, p1);
  OP(p2, p3);
  OP(p4, p5);
  OP(p6, p7);
  OP(p0, p2);
  OP(p1, p3);
  OP(p4, p6);
  OP(p5, p7);
  OP(p1, p2);
  OP(p5, p6);
  OP(p0, p4);
  OP(p1, p5);
  OP(p2, p6);
  OP(p3, p7);
  OP(p2, p4);
  OP(p3, p5);
  OP(p1, p2);
  OP(p3, p4);
  OP(p5, p6);
  OP(p0, p8);
  OP(p4, p8);
  OP(p2, p4);
  OP(p3, p5);
  OP(p3, p4);

  return p4;
}

static v128_t median25(const uint8_t *base, int ps, int cn, int v) {
  v128_t p0 = wasm_v128_load(base + 0 * ps + 0 * cn + v), p1 = wasm_v128_load(base + 0 * ps + 1 * cn + v), p2 = wasm_v128_load(base + 0 * ps + 2 * cn + v), p3 = wasm_v128_load(base + 0 * ps + 3 * cn + v), p4 = wasm_v128_load(base + 0 * ps + 4 * cn + v), p5 = wasm_v128_load(base + 1 * ps + 0 * cn + v), p6 = wasm_v128_load(base + 1 * ps + 1 * cn + v), p7 = wasm_v128_load(base + 1 * ps + 2 * cn + v), p8 = wasm_v128_load(base + 1 * ps + 3 * cn + v), p9 = wasm_v128_load(base + 1 * ps + 4 * cn + v), p10 = wasm_v128_load(base + 2 * ps + 0 * cn + v), p11 = wasm_v128_load(base + 2 * ps + 1 * cn + v), p12 = wasm_v128_load(base + 2 * ps + 2 * cn + v), p13 = wasm_v128_load(base + 2 * ps + 3 * cn + v), p14 = wasm_v128_load(base + 2 * ps + 4 * cn + v), p15 = wasm_v128_load(base + 3 * ps + 0 * cn + v), p16 = wasm_v128_load(base + 3 * ps + 1 * cn + v), p17 = wasm_v128_load(base + 3 * ps + 2 * cn + v), p18 = wasm_v128_load(base + 3 * ps + 3 * cn + v), p19 = wasm_v128_load(base + 3 * ps + 4 * cn + v), p20 = wasm_v128_load(base + 4 * ps + 0 * cn + v), p21 = wasm_v128_load(base + 4 * ps + 1 * cn + v), p22 = wasm_v128_load(base + 4 * ps + 2 * cn + v), p23 = wasm_v128_load(base + 4 * ps + 3 * cn + v), p24 = wasm_v128_load(base + 4 * ps + 4 * cn + v);
  OP(p0, p1);
  OP(p2, p3);
  OP(p4, p5);
  OP(p6, p7);
  OP(p8, p9);
  OP(p10, p11);
  OP(p12, p13);
  OP(p14, p15);
  OP(p16, p17);
  OP(p18, p19);
  OP(p20, p21);
  OP(p22, p23);
  OP(p0, p2);
  OP(p1, p3);
  OP(p4, p6);
  OP(p5, p7);
  OP(p8, p10);
  OP(p9, p11);
  OP(p12, p14);
  OP(p13, p15);
  OP(p16, p18);
  OP(p17, p19);
  OP(p20, p22);
  OP(p21, p23);
  OP(p1, p2);
  OP(p5, p6);
  OP(p9, p10);
  OP(p13, p14);
  OP(p17, p18);
  OP(p21, p22);
  OP(p0, p4);
  OP(p1, p5);
  OP(p2, p6);
  OP(p3, p7);
  OP(p8, p12);
  OP(p9, p13);
  OP(p10, p14);
  OP(p11, p15);
  OP(p16, p20);
  OP(p17, p21);
  OP(p18, p22);
  OP(p19, p23);
  OP(p2, p4);
  OP(p3, p5);
  OP(p10, p12);
  OP(p11, p13);
  OP(p18, p20);
  OP(p19, p21);
  OP(p1, p2);
  OP(p3, p4);
  OP(p5, p6);
  OP(p9, p10);
  OP(p11, p12);
  OP(p13, p14);
  OP(p17, p18);
  OP(p19, p20);
  OP(p21, p22);
  OP(p0, p8);
  OP(p1, p9);
  OP(p2, p10);
  OP(p3, p11);
  OP(p4, p12);
  OP(p5, p13);
  OP(p6, p14);
  OP(p7, p15);
  OP(p16, p24);
  OP(p4, p8);
  OP(p5, p9);
  OP(p6, p10);
  OP(p7, p11);
  OP(p20, p24);
  OP(p2, p4);
  OP(p3, p5);
  OP(p6, p8);
  OP(p7, p9);
  OP(p10, p12);
  OP(p11, p13);
  OP(p18, p20);
  OP(p19, p21);
  OP(p22, p24);
  OP(p1, p2);
  OP(p3, p4);
  OP(p5, p6);
  OP(p7, p8);
  OP(p9, p10);
  OP(p11, p12);
  OP(p13, p14);
  OP(p17, p18);
  OP(p19, p20);
  OP(p21, p22);
  OP(p23, p24);
  OP(p0, p16);
  OP(p1, p17);
  OP(p2, p18);
  OP(p3, p19);
  OP(p4, p20);
  OP(p5, p21);
  OP(p6, p22);
  OP(p7, p23);
  OP(p8, p24);
  OP(p8, p16);
  OP(p9, p17);
  OP(p10, p18);
  OP(p11, p19);
  OP(p12, p20);
  OP(p13, p21);
  OP(p6, p10);
  OP(p7, p11);
  OP(p12, p16);
  OP(p13, p17);
  OP(p10, p12);
  OP(p11, p13);
  OP(p11, p12);

  return p12;
}

// The median of the k² values at base + i · ps + j · cn (scalar: a row's last values).
static uint8_t median_at(const uint8_t *base, int ps, int cn, int k) {
  int hist[256];
  for (int i = 0; i < 256; i++) hist[i] = 0;
  for (int i = 0; i < k; i++)
    for (int j = 0; j < k; j++) hist[base[i * ps + j * cn]]++;
  int below = 0, m = 0;
  while (below + hist[m] <= (k * k) / 2) below += hist[m++];
  return (uint8_t)m;
}

// The median filter of src (h × w × cn) into dst with a k × k window (k = 3 or 5), `pad` as filter2d_u8_pad_bytes
// gives for a k × k kernel.
__attribute__((export_name("median_u8"))) void median_u8(const uint8_t *src, uint8_t *dst, int h, int w, int cn,
                                                         int k, uint8_t *pad) {
  const int r = k >> 1;
  pad_image(src, pad, h, w, cn, k, k, r, r, 1);
  const int stride = w * cn;
  const int ps = (w + k - 1) * cn;
  for (int y = 0; y < h; y++) {
    const uint8_t *base = pad + y * ps;
    uint8_t *out = dst + y * stride;
    int v = 0;
    if (k == 3)
      for (; v + 16 <= stride; v += 16) wasm_v128_store(out + v, median9(base, ps, cn, v));
    else
      for (; v + 16 <= stride; v += 16) wasm_v128_store(out + v, median25(base, ps, cn, v));
    for (; v < stride; v++) out[v] = median_at(base + v, ps, cn, k);
  }
}

// cv2.blur of src (h × w × cn) into dst with a kh × kw window of 2 … 256 pixels (kernels/box-filter.ts, boxFilterU8):
// the image padded (REFLECT_101), each row's window sums in uint16 lanes (kh padded rows added into `col`, then kw
// columns of it), and OpenCV's fixed-point division ((s + delta) · scale) >> 16 in uint32 lanes. `pad` as
// filter2d_u8_pad_bytes gives; `col` holds (w + kw − 1) · cn + 8 uint16 values.
__attribute__((export_name("box_u8"))) void box_u8(const uint8_t *src, uint8_t *dst, int h, int w, int cn, int kh,
                                                   int kw, int scale, int delta, uint8_t *pad, uint16_t *col) {
  pad_image(src, pad, h, w, cn, kh, kw, kh >> 1, kw >> 1, 0);
  const int stride = w * cn;
  const int ps = (w + kw - 1) * cn;
  const v128_t sc = wasm_i32x4_splat(scale), de = wasm_i32x4_splat(delta);
  for (int y = 0; y < h; y++) {
    const uint8_t *base = pad + y * ps;
    int i = 0;
    for (; i + 8 <= ps; i += 8) {
      v128_t s = wasm_u16x8_load8x8(base + i);
      for (int r = 1; r < kh; r++) s = wasm_i16x8_add(s, wasm_u16x8_load8x8(base + r * ps + i));
      wasm_v128_store(col + i, s);
    }
    for (; i < ps; i++) {
      int s = 0;
      for (int r = 0; r < kh; r++) s += base[r * ps + i];
      col[i] = (uint16_t)s;
    }
    uint8_t *out = dst + y * stride;
    int v = 0;
    for (; v + 8 <= stride; v += 8) {
      v128_t s = wasm_v128_load(col + v);
      for (int j = 1; j < kw; j++) s = wasm_i16x8_add(s, wasm_v128_load(col + v + j * cn));
      v128_t lo = wasm_u32x4_shr(wasm_i32x4_mul(wasm_i32x4_add(wasm_u32x4_extend_low_u16x8(s), de), sc), 16);
      v128_t hi = wasm_u32x4_shr(wasm_i32x4_mul(wasm_i32x4_add(wasm_u32x4_extend_high_u16x8(s), de), sc), 16);
      v128_t r = wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(lo, hi), wasm_i16x8_splat(0));
      wasm_v128_store64_lane(out + v, r, 0);
    }
    for (; v < stride; v++) {
      unsigned s = 0;
      for (int j = 0; j < kw; j++) s += col[v + j * cn];
      out[v] = (uint8_t)(((s + (unsigned)delta) * (unsigned)scale) >> 16);
    }
  }
}
