// Grayscale's uint8 RGB → gray (src/augmenters/color/grayscale.ts, grayRgb): OpenCV's fixed-point luma,
// (9798·R + 19235·G + 3735·B + 16384) >> 15, written to all three channels; the same bytes as the TypeScript loop.
#include <stdint.h>

// `n` RGB pixels at src to gray RGB pixels at dst (which may be src).
__attribute__((export_name("gray_rgb_u8"))) void gray_rgb_u8(const uint8_t *src, uint8_t *dst, int n) {
  for (int i = 0; i < n; i++) {
    const uint8_t *p = src + 3 * i;
    uint8_t y = (uint8_t)((9798 * p[0] + 19235 * p[1] + 3735 * p[2] + 16384) >> 15);
    uint8_t *o = dst + 3 * i;
    o[0] = y;
    o[1] = y;
    o[2] = y;
  }
}
