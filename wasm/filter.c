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

static int reflect101(int p, int len) {
  if (p >= 0 && p < len) return p;
  if (len == 1) return 0;
  int period = 2 * len - 2;
  int q = p % period;
  if (q < 0) q += period;
  return q < len ? q : period - q;
}

// The bytes filter2d_u8 needs at `pad` for an h × w × cn image and a kh × kw kernel (16 bytes of slack: the SIMD
// loads of a row's last values read up to 15 bytes past it).
__attribute__((export_name("filter2d_u8_pad_bytes"))) int filter2d_u8_pad_bytes(int h, int w, int cn, int kh, int kw) {
  return (h + kh - 1) * (w + kw - 1) * cn + 16;
}

// src (h × w × cn) padded by ay rows above, kh − 1 − ay below, ax columns left and kw − 1 − ax right into pad.
static void pad_image(const uint8_t *src, uint8_t *pad, int h, int w, int cn, int kh, int kw, int ay, int ax) {
  const int stride = w * cn;
  const int ps = (w + kw - 1) * cn;
  for (int r = 0; r < h + kh - 1; r++) {
    const uint8_t *s = src + reflect101(r - ay, h) * stride;
    uint8_t *d = pad + r * ps;
    for (int i = 0; i < stride; i++) d[ax * cn + i] = s[i];
    for (int x = 0; x < ax; x++) {
      const uint8_t *p = s + reflect101(x - ax, w) * cn;
      for (int c = 0; c < cn; c++) d[x * cn + c] = p[c];
    }
    for (int x = ax + w; x < w + kw - 1; x++) {
      const uint8_t *p = s + reflect101(x - ax, w) * cn;
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
  pad_image(src, pad, h, w, cn, kh, kw, ay, ax);
  const int stride = w * cn;
  const int ps = (w + kw - 1) * cn;
  for (int y = 0; y < h; y++) {
    if (mode == 0) row_i16(pad + y * ps, dst + y * stride, stride, nz, off, (const int *)taps);
    else row_f64(pad + y * ps, dst + y * stride, stride, nz, off, (const double *)taps);
  }
}
