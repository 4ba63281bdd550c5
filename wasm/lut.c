// augkit's WebAssembly SIMD kernels for uint8 lookup tables that are a clamped line in fixed point (src/kernels/lut.ts
// finds the form, bounded by every entry: the tables of Multiply, LinearContrast and Add are; gamma curves are not).
// The same bytes as the table, which remains the reference and the fallback.
#include <stdint.h>
#include <wasm_simd128.h>

// table[v] = (v · mul + add) >> 8 with mul in 0…256 and every v · mul + add below 65,536 (prepareLut's form; the
// tables of Multiply by, and LinearContrast with, multiples of 1/256 in [0, 1]): 16-bit lanes, 32 bytes per step.
// Maps n bytes of src into dst (the same buffer, or buffers that do not overlap).
__attribute__((export_name("lut_affine_u8"))) void lut_affine_u8(uint8_t *dst, const uint8_t *src, int n, int mul,
                                                                 int add) {
  const v128_t m = wasm_i16x8_splat((int16_t)mul);
  const v128_t a = wasm_i16x8_splat((int16_t)add);
  int i = 0;
  for (; i + 32 <= n; i += 32) {
    v128_t v = wasm_v128_load(src + i), w = wasm_v128_load(src + i + 16);
    v128_t vl = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(wasm_u16x8_extend_low_u8x16(v), m), a), 8);
    v128_t vh = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(wasm_u16x8_extend_high_u8x16(v), m), a), 8);
    v128_t wl = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(wasm_u16x8_extend_low_u8x16(w), m), a), 8);
    v128_t wh = wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(wasm_u16x8_extend_high_u8x16(w), m), a), 8);
    wasm_v128_store(dst + i, wasm_u8x16_narrow_i16x8(vl, vh));
    wasm_v128_store(dst + i + 16, wasm_u8x16_narrow_i16x8(wl, wh));
  }
  for (; i < n; i++) dst[i] = (uint8_t)((src[i] * mul + add) >> 8);
}

// (v · mul + add) >> 16 in four 32-bit lanes.
static inline v128_t fixed4(v128_t v32, v128_t m, v128_t a) {
  return wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_mul(v32, m), a), 16);
}

// The 16 bytes of v through the lines of their four groups of four lanes (bytes 0–3 by ma/aa, 4–7 by mb/ab, …), each
// clamped by the saturation of the two narrowing steps.
static inline v128_t fixed16(v128_t v, v128_t ma, v128_t aa, v128_t mb, v128_t ab, v128_t mc, v128_t ac, v128_t md,
                             v128_t ad) {
  v128_t lo = wasm_u16x8_extend_low_u8x16(v), hi = wasm_u16x8_extend_high_u8x16(v);
  v128_t p0 = fixed4(wasm_u32x4_extend_low_u16x8(lo), ma, aa), p1 = fixed4(wasm_u32x4_extend_high_u16x8(lo), mb, ab);
  v128_t p2 = fixed4(wasm_u32x4_extend_low_u16x8(hi), mc, ac), p3 = fixed4(wasm_u32x4_extend_high_u16x8(hi), md, ad);
  return wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(p0, p1), wasm_i16x8_narrow_i32x4(p2, p3));
}

// table[v] = clamp((v · mul + add) >> 16, 0, 255), v · mul + add within an int32 for every v (lut.ts's fixedForm):
// 32-bit lanes, 16 bytes per step. Maps n bytes of src into dst (the same buffer, or buffers that do not overlap).
__attribute__((export_name("lut_fixed_u8"))) void lut_fixed_u8(uint8_t *dst, const uint8_t *src, int n, int mul,
                                                               int add) {
  const v128_t m = wasm_i32x4_splat(mul);
  const v128_t a = wasm_i32x4_splat(add);
  int i = 0;
  for (; i + 16 <= n; i += 16) wasm_v128_store(dst + i, fixed16(wasm_v128_load(src + i), m, a, m, a, m, a, m, a));
  for (; i < n; i++) {
    int x = (src[i] * mul + add) >> 16;
    dst[i] = (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x);
  }
}

// The clamped 32-bit line of lut_fixed_u8 with a line per channel of RGB pixels (mul0/add0 for R, …): 48 bytes (16
// pixels) per step, whose twelve groups of four lanes start at channels 0, 1, 2, 0, 1, 2, …, so three slope vectors
// and three offset vectors serve them all. n is a multiple of 48 and src starts at a pixel.
__attribute__((export_name("lut_fixed_rgb_u8"))) void lut_fixed_rgb_u8(uint8_t *dst, const uint8_t *src, int n,
                                                                       int mul0, int add0, int mul1, int add1,
                                                                       int mul2, int add2) {
  // Group g of a 48-byte step starts at byte 4g, channel 4g mod 3 = g mod 3.
  const v128_t m0 = wasm_i32x4_make(mul0, mul1, mul2, mul0), a0 = wasm_i32x4_make(add0, add1, add2, add0);
  const v128_t m1 = wasm_i32x4_make(mul1, mul2, mul0, mul1), a1 = wasm_i32x4_make(add1, add2, add0, add1);
  const v128_t m2 = wasm_i32x4_make(mul2, mul0, mul1, mul2), a2 = wasm_i32x4_make(add2, add0, add1, add2);
  for (int i = 0; i + 48 <= n; i += 48) {
    v128_t u = wasm_v128_load(src + i), v = wasm_v128_load(src + i + 16), w = wasm_v128_load(src + i + 32);
    wasm_v128_store(dst + i, fixed16(u, m0, a0, m1, a1, m2, a2, m0, a0));
    wasm_v128_store(dst + i + 16, fixed16(v, m1, a1, m2, a2, m0, a0, m1, a1));
    wasm_v128_store(dst + i + 32, fixed16(w, m2, a2, m0, a0, m1, a1, m2, a2));
  }
}
