// OpenCV's borderInterpolate for the two borders the filters use: BORDER_REFLECT_101 (gfedcb|abcdefgh|gfedcba; an
// axis of one pixel reads that pixel) and BORDER_REPLICATE (aaaaaa|abcdefgh|hhhhhhh). Shared by blur.c and filter.c.
#ifndef AUGKIT_BORDER_H
#define AUGKIT_BORDER_H

static inline int reflect101(int p, int len) {
  if (p >= 0 && p < len) return p;
  if (len == 1) return 0;
  int period = 2 * len - 2;
  int q = p % period;
  if (q < 0) q += period;
  return q < len ? q : period - q;
}

static inline int replicate_edge(int p, int len) { return p < 0 ? 0 : p >= len ? len - 1 : p; }

#endif
