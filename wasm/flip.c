// augkit's WebAssembly SIMD kernels for left-right flips of uint8 rows: one channel, each 16-byte block reversed with
// one i8x16.shuffle; three channels, five pixels per shuffle. The same bytes as src/kernels/flip.ts, which remains
// the reference and the fallback.
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

// Mirrors `rows` rows of `w` three-byte pixels from src into dst (separate buffers, each with 16 bytes of slack
// after the last row): five pixels at a time, one 16-byte load, one shuffle that reverses the five pixels (bytes
// 0–14) and one 16-byte store, whose 16th byte is overwritten by the next store (or by the next row's first, rows
// being done in order); the last w mod 5 pixels one by one.
__attribute__((export_name("flip_rgb_u8"))) void flip_rgb_u8(const uint8_t *src, uint8_t *dst, int rows, int w) {
  for (int y = 0; y < rows; y++) {
    const uint8_t *s = src + (long)y * w * 3;
    uint8_t *d = dst + (long)y * w * 3;
    int x = 0;
    for (; x + 5 <= w; x += 5) {
      v128_t v = wasm_v128_load(s + 3 * (w - 5 - x));
      wasm_v128_store(d + 3 * x,
                      wasm_i8x16_shuffle(v, v, 12, 13, 14, 9, 10, 11, 6, 7, 8, 3, 4, 5, 0, 1, 2, 15));
    }
    for (; x < w; x++) {
      const uint8_t *p = s + 3 * (w - 1 - x);
      d[3 * x] = p[0];
      d[3 * x + 1] = p[1];
      d[3 * x + 2] = p[2];
    }
  }
}
