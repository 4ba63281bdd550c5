// Rot90's quarter turns for uint8 images (src/kernels/rot90.ts, rotate90): an index map, the same bytes as the
// TypeScript loops, which stay the reference. The turned image is written in tiles of TILE × TILE pixels so that the
// strided side of the transpose stays in the cache; 1, 3 and 4 channels get loops the compiler specialises.
#include <stdint.h>

#define TILE 32

// One tile: input rows [y0, y1), columns [x0, x1); output index of input pixel (x, y): clockwise (k = 1) row x,
// column h - 1 - y; anticlockwise (k = 3) row w - 1 - x, column y (out is w × h).
static inline __attribute__((always_inline)) void turn_tile(const uint8_t *s, uint8_t *d, int h, int w, int cn,
                                                             int cw, int y0, int y1, int x0, int x1) {
  int step = (cw ? h : -h) * cn;
  for (int y = y0; y < y1; y++) {
    const uint8_t *p = s + ((long)y * w + x0) * cn;
    uint8_t *o = d + ((long)(cw ? x0 : w - 1 - x0) * h + (cw ? h - 1 - y : y)) * cn;
    for (int x = x0; x < x1; x++, p += cn, o += step) {
      for (int c = 0; c < cn; c++) o[c] = p[c];
    }
  }
}

static inline __attribute__((always_inline)) void turn(const uint8_t *s, uint8_t *d, int h, int w, int cn, int cw) {
  for (int ty = 0; ty < h; ty += TILE) {
    int y1 = ty + TILE < h ? ty + TILE : h;
    for (int tx = 0; tx < w; tx += TILE) {
      int x1 = tx + TILE < w ? tx + TILE : w;
      turn_tile(s, d, h, w, cn, cw, ty, y1, tx, x1);
    }
  }
}

// `count` images of h×w×cn bytes at src turned by k (1: clockwise, 3: anticlockwise) quarter turns into dst
// (w×h×cn each).
__attribute__((export_name("rot90_u8"))) void rot90_u8(const uint8_t *src, uint8_t *dst, int count, int h, int w,
                                                        int cn, int k) {
  int cw = k == 1;
  for (int i = 0; i < count; i++) {
    const uint8_t *s = src + (long)i * h * w * cn;
    uint8_t *d = dst + (long)i * h * w * cn;
    switch (cn) {
    case 1:
      turn(s, d, h, w, 1, cw);
      break;
    case 3:
      turn(s, d, h, w, 3, cw);
      break;
    case 4:
      turn(s, d, h, w, 4, cw);
      break;
    default:
      turn(s, d, h, w, cn, cw);
    }
  }
}
