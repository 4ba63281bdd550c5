// augkit's WebAssembly SIMD kernel for uint8 lookup tables that have a fixed-point affine form,
// table[v] = (v · mul + add) >> 8 (src/kernels/lut.ts's prepareLut finds it: Multiply by a factor ≤ 1, LinearContrast
// with alpha in [0, 1]). 16 bytes per step in 16-bit lanes; prepareLut guarantees v · mul + add < 65,536 for every
// v, so no lane wraps. The same bytes as lut.ts's word loops, which remain the reference and the fallback.
#include <stdint.h>
#include <wasm_simd128.h>

// Maps n bytes of src into dst (the same buffer, or buffers that do not overlap). mul in 0…256.
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
