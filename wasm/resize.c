// Resize's exact halving of both sides for uint8 images (src/kernels/resize.ts, halveArea): OpenCV's area average
// (a + b + c + d + 2) >> 2 of each 2×2 block, the same bytes as the TypeScript loops. One loop per channel count
// that the compiler can unroll and vectorise (1, 3 and 4), and a generic one.
#include <stdint.h>

static inline __attribute__((always_inline)) void halve_rows(const uint8_t *s, uint8_t *d, int sw, int dh, int dw,
                                                              int cn) {
  int stride = sw * cn, row = dw * cn;
  for (int y = 0; y < dh; y++) {
    const uint8_t *r0 = s + 2 * y * stride, *r1 = r0 + stride;
    uint8_t *o = d + y * row;
    for (int x = 0; x < dw; x++) {
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
