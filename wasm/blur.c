// augkit's WebAssembly SIMD kernels: OpenCV's fixed-point separable Gaussian blur for uint8 images.
//
// Built by scripts/build-wasm.sh (clang --target=wasm32 -msimd128) into src/kernels/wasm/kernels.wasm.ts; the
// TypeScript kernel in src/kernels/convolve.ts computes the same bytes and is the reference and the fallback.
//
// The arithmetic is OpenCV's: taps in 1/256 summing to 256; the horizontal pass keeps exact sums in 1/256 (at most
// 255 · 256 = 65280, so they fit unsigned 16-bit lanes), the vertical pass sums those times the vertical taps in
// 1/65536 (at most 2^24, 32-bit lanes), and each output is (acc + 32768) >> 16. Borders are BORDER_REFLECT_101.
// Eight values are filtered at a time, as u16x8 in the horizontal pass and two u32x4 in the vertical pass.
#include <stdint.h>
#include <wasm_simd128.h>

#include "border.h"

// Copies source row `row` into `padded` with rx reflected pixels on each side.
static void pad_row(const uint8_t *row, int width, int channels, int rx, uint8_t *padded) {
  int stride = width * channels;
  uint8_t *mid = padded + rx * channels;
  for (int i = 0; i < stride; i++) mid[i] = row[i];
  for (int x = 0; x < rx; x++) {
    const uint8_t *l = row + reflect101(x - rx, width) * channels;
    const uint8_t *r = row + reflect101(width + x, width) * channels;
    for (int c = 0; c < channels; c++) {
      padded[x * channels + c] = l[c];
      mid[stride + x * channels + c] = r[c];
    }
  }
}

// out[i] = Σ_t kx[t] · padded[i + t·channels] − 32768 for i in [0, groups·8), as exact 16-bit sums stored as
// signed 16-bit (the sums are at most 65280, so the offset makes them fit int16 for the vertical pass's dot products). Inlined with a constant
// kn (5, 7, 9) the taps are unrolled and their splats hoisted; a symmetric kernel adds mirrored taps first (two
// bytes sum to at most 510, so the 16-bit lanes stay exact) and multiplies half as often.
static inline __attribute__((always_inline)) void horizontal_k(const uint8_t *padded, int channels,
                                                                 const int32_t *kx, int kn, int symmetric,
                                                                 int groups, uint16_t *out) {
  v128_t k[64];
  for (int t = 0; t < kn; t++) k[t] = wasm_i16x8_splat((int16_t)kx[t]);
  const v128_t bias = wasm_i16x8_splat((int16_t)0x8000);
  int r = kn >> 1;
  if (symmetric) {
    for (int g = 0; g < groups; g += 2) {
      const uint8_t *p = padded + g * 8;
      v128_t mid = wasm_v128_load(p + r * channels);
      v128_t acc0 = wasm_i16x8_mul(wasm_u16x8_extend_low_u8x16(mid), k[r]);
      v128_t acc1 = wasm_i16x8_mul(wasm_u16x8_extend_high_u8x16(mid), k[r]);
      for (int t = 0; t < r; t++) {
        v128_t a = wasm_v128_load(p + t * channels);
        v128_t b = wasm_v128_load(p + (kn - 1 - t) * channels);
        acc0 = wasm_i16x8_add(acc0, wasm_i16x8_mul(wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(a), wasm_u16x8_extend_low_u8x16(b)), k[t]));
        acc1 = wasm_i16x8_add(acc1, wasm_i16x8_mul(wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(a), wasm_u16x8_extend_high_u8x16(b)), k[t]));
      }
      wasm_v128_store(out + g * 8, wasm_v128_xor(acc0, bias));
      wasm_v128_store(out + g * 8 + 8, wasm_v128_xor(acc1, bias));
    }
  } else {
    for (int g = 0; g < groups; g++) {
      const uint8_t *p = padded + g * 8;
      v128_t acc = wasm_i16x8_mul(wasm_u16x8_load8x8(p), k[0]);
      for (int t = 1; t < kn; t++) acc = wasm_i16x8_add(acc, wasm_i16x8_mul(wasm_u16x8_load8x8(p + t * channels), k[t]));
      wasm_v128_store(out + g * 8, wasm_v128_xor(acc, bias));
    }
  }
}

static void horizontal(const uint8_t *padded, int channels, const int32_t *kx, int kn, int groups, uint16_t *out) {
  int symmetric = 1;
  for (int t = 0; t < kn / 2; t++) symmetric &= kx[t] == kx[kn - 1 - t];
  if (kn == 5 && symmetric) horizontal_k(padded, channels, kx, 5, 1, groups, out);
  else if (kn == 7 && symmetric) horizontal_k(padded, channels, kx, 7, 1, groups, out);
  else if (kn == 9 && symmetric) horizontal_k(padded, channels, kx, 9, 1, groups, out);
  else horizontal_k(padded, channels, kx, kn, symmetric, groups, out);
}

// One output row from the ring rows `rows[0..kn)`, which hold h − 32768 for the horizontal sums h:
// (Σ_t ky[t] · h_t + 32768) >> 16 = (Σ_t ky[t] · (h_t − 32768) + 32768 · (1 + Σ_t ky[t])) >> 16, in 32-bit lanes.
// Rows are taken in pairs: their lanes interleaved and multiplied by (ky[t], ky[t+1]) pairs with one i32x4.dot,
// which adds both products (pmaddwd on x86); an odd last row is multiplied on its own.
static inline __attribute__((always_inline)) void vertical_k(uint16_t *const *rows, const int32_t *ky, int kn,
                                                               int stride, uint8_t *out) {
  v128_t kp[32];
  const v128_t *row[64];
  int32_t sum = 0;
  for (int t = 0; t < kn; t++) {
    row[t] = (const v128_t *)rows[t];
    sum += ky[t];
  }
  for (int t = 0; t + 1 < kn; t += 2) kp[t >> 1] = wasm_i32x4_splat((ky[t] & 0xffff) | (ky[t + 1] << 16));
  const v128_t klast = wasm_i16x8_splat((int16_t)ky[kn - 1]);
  const v128_t init = wasm_i32x4_splat(32768 + 32768 * sum);
  // Whole blocks of 16 only: the last one may write up to 15 bytes past the row, into the next row (written
  // afterwards) or into the slack the caller leaves after the last image.
  for (int i = 0; i < stride; i += 16) {
    int b = i >> 3;
    v128_t lo0 = init, hi0 = init, lo1 = init, hi1 = init;
    int t = 0;
    for (; t + 1 < kn; t += 2) {
      v128_t a0 = wasm_v128_load(row[t] + b);
      v128_t a1 = wasm_v128_load(row[t] + b + 1);
      v128_t c0 = wasm_v128_load(row[t + 1] + b);
      v128_t c1 = wasm_v128_load(row[t + 1] + b + 1);
      v128_t k = kp[t >> 1];
      lo0 = wasm_i32x4_add(lo0, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a0, c0, 0, 8, 1, 9, 2, 10, 3, 11), k));
      hi0 = wasm_i32x4_add(hi0, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a0, c0, 4, 12, 5, 13, 6, 14, 7, 15), k));
      lo1 = wasm_i32x4_add(lo1, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a1, c1, 0, 8, 1, 9, 2, 10, 3, 11), k));
      hi1 = wasm_i32x4_add(hi1, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a1, c1, 4, 12, 5, 13, 6, 14, 7, 15), k));
    }
    if (t < kn) {
      v128_t a0 = wasm_v128_load(row[t] + b);
      v128_t a1 = wasm_v128_load(row[t] + b + 1);
      lo0 = wasm_i32x4_add(lo0, wasm_i32x4_extmul_low_i16x8(a0, klast));
      hi0 = wasm_i32x4_add(hi0, wasm_i32x4_extmul_high_i16x8(a0, klast));
      lo1 = wasm_i32x4_add(lo1, wasm_i32x4_extmul_low_i16x8(a1, klast));
      hi1 = wasm_i32x4_add(hi1, wasm_i32x4_extmul_high_i16x8(a1, klast));
    }
    v128_t w0 = wasm_u16x8_narrow_i32x4(wasm_u32x4_shr(lo0, 16), wasm_u32x4_shr(hi0, 16));
    v128_t w1 = wasm_u16x8_narrow_i32x4(wasm_u32x4_shr(lo1, 16), wasm_u32x4_shr(hi1, 16));
    wasm_v128_store(out + i, wasm_u8x16_narrow_i16x8(w0, w1));
  }
}

static void vertical(uint16_t *const *rows, const int32_t *ky, int kn, int stride, uint8_t *out) {
  if (kn == 5) vertical_k(rows, ky, 5, stride, out);
  else if (kn == 7) vertical_k(rows, ky, 7, stride, out);
  else if (kn == 9) vertical_k(rows, ky, 9, stride, out);
  else vertical_k(rows, ky, kn, stride, out);
}

// Bytes of scratch blur_u8 needs for one image row layout (padded row + ring of kyn rows + row pointers).
__attribute__((export_name("blur_u8_scratch"))) int blur_u8_scratch(int width, int channels, int kxn, int kyn) {
  int stride = width * channels;
  int groups = ((stride + 15) >> 4) * 2; // an even number of 8-value groups: blocks of 16
  int padded = ((groups * 8 + (kxn - 1) * channels + 16) + 15) & ~15;
  int ring = kyn * groups * 16;
  return padded + ring + kyn * (int)sizeof(uint16_t *) + 16;
}

// Blurs `count` HWC uint8 images stored one after another at src into dst (which may be src). kx and ky are the
// horizontal and vertical integer kernels (odd lengths, non-negative taps summing to 256); scratch holds
// blur_u8_scratch(...) bytes, 16-byte aligned. dst must have 8 writable bytes after the last image.
__attribute__((export_name("blur_u8"))) void blur_u8(const uint8_t *src, uint8_t *dst, int count, int height,
                                                       int width, int channels, const int32_t *kx, int kxn,
                                                       const int32_t *ky, int kyn, uint8_t *scratch) {
  int stride = width * channels;
  int groups = ((stride + 15) >> 4) * 2; // an even number of 8-value groups: blocks of 16
  int rx = (kxn - 1) >> 1;
  int ry = (kyn - 1) >> 1;
  int padded_bytes = ((groups * 8 + (kxn - 1) * channels + 16) + 15) & ~15;
  uint8_t *padded = scratch;
  uint16_t *ring = (uint16_t *)(scratch + padded_bytes);
  uint16_t **rows = (uint16_t **)(scratch + padded_bytes + kyn * groups * 16);
  for (int i = 0; i < padded_bytes; i++) padded[i] = 0;
  for (int img = 0; img < count; img++) {
    const uint8_t *s = src + (long)img * height * stride;
    uint8_t *d = dst + (long)img * height * stride;
    int next = 0;
    for (int y = 0; y < height; y++) {
      int last = y + ry < height - 1 ? y + ry : height - 1;
      for (; next <= last; next++) {
        pad_row(s + next * stride, width, channels, rx, padded);
        horizontal(padded, channels, kx, kxn, groups, ring + (next % kyn) * groups * 8);
      }
      for (int t = 0; t < kyn; t++) rows[t] = ring + (reflect101(y + t - ry, height) % kyn) * groups * 8;
      vertical(rows, ky, kyn, stride, d + y * stride);
    }
  }
}
