// Grayscale's uint8 RGB → gray (src/kernels/grayscale.ts, grayRgbLoop): OpenCV's fixed-point luma,
// (9798·R + 19235·G + 3735·B + 16384) >> 15, written to all three channels; the same bytes as the TypeScript loop.
// Sixteen pixels at a time in SIMD: shuffles pair each pixel's R with its G and its B with a 1, which widened to 16
// bits and multiplied pairwise with (9798, 19235) and (3735, 16384) by i32x4.dot_i16x8_s give the exact 32-bit sum
// (below 2²⁴); the gray values go back to three channels by shuffles. clang does not vectorise the interleaved scalar
// loop, which the last pixels of a call keep.
#include <stdint.h>
#include <wasm_simd128.h>

// The luma of 4 pixels from their (R, G) and (B, 1) pairs as 16-bit lanes.
static inline v128_t luma4(v128_t rg, v128_t b1) {
  const v128_t wrg = wasm_i16x8_make(9798, 19235, 9798, 19235, 9798, 19235, 9798, 19235);
  const v128_t wb1 = wasm_i16x8_make(3735, 16384, 3735, 16384, 3735, 16384, 3735, 16384);
  return wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_dot_i16x8(rg, wrg), wasm_i32x4_dot_i16x8(b1, wb1)), 15);
}

// The gray values of 8 pixels whose 24 bytes start at offset `o` (0 or 24) of the 48-byte stream a | b | c, as 16-bit
// lanes. `lo` and `hi` hold stream bytes o … o + 15 and o + 16 … o + 31 where o = 0 (a, b) or o = 16 (b, c).
static inline v128_t luma8(v128_t lo, v128_t hi, int second) {
  const v128_t ones = wasm_i8x16_splat(1);
  v128_t rg, b;
  if (!second) {
    rg = wasm_i8x16_shuffle(lo, hi, 0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19, 21, 22);
    b = wasm_i8x16_shuffle(lo, hi, 2, 5, 8, 11, 14, 17, 20, 23, 0, 0, 0, 0, 0, 0, 0, 0);
  } else {
    rg = wasm_i8x16_shuffle(lo, hi, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24, 26, 27, 29, 30);
    b = wasm_i8x16_shuffle(lo, hi, 10, 13, 16, 19, 22, 25, 28, 31, 0, 0, 0, 0, 0, 0, 0, 0);
  }
  v128_t b1 = wasm_i8x16_shuffle(b, ones, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16);
  v128_t y0 = luma4(wasm_u16x8_extend_low_u8x16(rg), wasm_u16x8_extend_low_u8x16(b1));
  v128_t y1 = luma4(wasm_u16x8_extend_high_u8x16(rg), wasm_u16x8_extend_high_u8x16(b1));
  return wasm_i16x8_narrow_i32x4(y0, y1);
}

// `n` RGB pixels at src to gray RGB pixels at dst (which may be src: each block is read before it is written).
__attribute__((export_name("gray_rgb_u8"))) void gray_rgb_u8(const uint8_t *src, uint8_t *dst, int n) {
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const uint8_t *p = src + 3 * i;
    v128_t a = wasm_v128_load(p), b = wasm_v128_load(p + 16), c = wasm_v128_load(p + 32);
    // Pixels 0–7 are stream bytes 0–23 (in a, b), pixels 8–15 bytes 24–47 (in b, c: offsets 8–31 of b | c).
    v128_t y = wasm_u8x16_narrow_i16x8(luma8(a, b, 0), luma8(b, c, 1));
    uint8_t *o = dst + 3 * i;
    wasm_v128_store(o, wasm_i8x16_shuffle(y, y, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5));
    wasm_v128_store(o + 16, wasm_i8x16_shuffle(y, y, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10));
    wasm_v128_store(o + 32, wasm_i8x16_shuffle(y, y, 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15));
  }
  for (; i < n; i++) {
    const uint8_t *p = src + 3 * i;
    uint8_t y = (uint8_t)((9798 * p[0] + 19235 * p[1] + 3735 * p[2] + 16384) >> 15);
    uint8_t *o = dst + 3 * i;
    o[0] = y;
    o[1] = y;
    o[2] = y;
  }
}
