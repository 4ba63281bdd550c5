// augkit's WebAssembly SIMD kernel for left-right flips of one-channel uint8 rows: each 16-byte block reversed with
// one i8x16.shuffle. The same bytes as src/kernels/flip.ts, which remains the reference and the fallback.
#include <stdint.h>
#include <wasm_simd128.h>

static inline v128_t reverse16(v128_t v) {
  return wasm_i8x16_shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
}

// Mirrors `rows` rows of `w` one-byte pixels from src into dst (separate buffers). Rows of 16 pixels or more are
// done in 16-byte blocks, the last block overlapping the one before when w is not a multiple of 16.
__attribute__((export_name("flip_gray_u8"))) void flip_gray_u8(const uint8_t *src, uint8_t *dst, int rows, int w) {
  for (int y = 0; y < rows; y++) {
    const uint8_t *s = src + (long)y * w;
    uint8_t *d = dst + (long)y * w;
    if (w < 16) {
      for (int x = 0; x < w; x++) d[x] = s[w - 1 - x];
      continue;
    }
    int x = 0;
    for (; x + 16 <= w; x += 16) wasm_v128_store(d + x, reverse16(wasm_v128_load(s + w - 16 - x)));
    if (x < w) wasm_v128_store(d + w - 16, reverse16(wasm_v128_load(s)));
  }
}
