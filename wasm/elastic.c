// ElasticTransformation's displacement fields (src/kernels/elastic.ts, blurCropScaledLoops,
// the reference and the fallback): both noise planes blurred with a symmetric kernel, times alpha, cropped. The
// same float32 operations in the same order as the TypeScript loops (each pair of taps at distance i added before
// its multiplication), so the same values; the loops run over x innermost with a float accumulator per column,
// which the compiler vectorises four lanes wide.
#include <stdint.h>

// The horizontal pass of one row: w values from `src` into `dst`.
static void blur_row(const float *src, int w, const float *k, int r, float *dst) {
  float k0 = k[0];
  for (int x = 0; x < w; x++) dst[x] = k0 * src[x];
  for (int i = 1; i <= r; i++) {
    float ki = k[i];
    const float *lo = src - i, *hi = src + i;
    for (int x = 0; x < w; x++) dst[x] += ki * (lo[x] + hi[x]);
  }
}

// The vertical pass of one output row: rows around `c` (w apart) into `out`, times alpha.
static void blur_column(const float *c, int w, const float *k, int r, float alpha, float *out) {
  float k0 = k[0];
  for (int x = 0; x < w; x++) out[x] = k0 * c[x];
  for (int i = 1, q = w; i <= r; i++, q += w) {
    float ki = k[i];
    const float *lo = c - q, *hi = c + q;
    for (int x = 0; x < w; x++) out[x] += ki * (lo[x] + hi[x]);
  }
  for (int x = 0; x < w; x++) out[x] *= alpha;
}

// noise: the x plane then the y plane, each (h + 2·pad) × (w + 2·pad); k: the half kernel k[0..r] (r < pad); tx, ty:
// (h + 2r) × w float32 scratch; dx, dy: h × w outputs.
__attribute__((export_name("elastic_fields"))) void elastic_fields(const float *noise, int h, int w, int pad,
                                                                    const float *k, int r, float alpha, float *tx,
                                                                    float *ty, float *dx, float *dy) {
  int wp = w + 2 * pad;
  int plane = (h + 2 * pad) * wp;
  int rows = h + 2 * r;
  for (int j = 0; j < rows; j++) {
    const float *src = noise + (pad - r + j) * wp + pad;
    blur_row(src, w, k, r, tx + j * w);
    blur_row(src + plane, w, k, r, ty + j * w);
  }
  for (int y = 0; y < h; y++) {
    blur_column(tx + (y + r) * w, w, k, r, alpha, dx + y * w);
    blur_column(ty + (y + r) * w, w, k, r, alpha, dy + y * w);
  }
}

#include "xoshiro.h"

// The uniform noise of kernels/elastic.ts's drawNoise: n xoshiro128** words from the state seed[0..3] (as
// RandomStream.fillUint32 makes them), each as numpy's float32 random() · 2 − 1, ((u >> 8) − 2^23) · 2^−23.
__attribute__((export_name("elastic_noise"))) void elastic_noise(const uint32_t *seed, float *out, int n) {
  uint32_t s0 = seed[0], s1 = seed[1], s2 = seed[2], s3 = seed[3];
  for (int i = 0; i < n; i++) {
    uint32_t u = xoshiro_next(&s0, &s1, &s2, &s3);
    out[i] = (float)((int32_t)(u >> 8) - 8388608) * 1.1920928955078125e-7f;
  }
}

// cvRound on x86-64 (half to even; beyond int32, INT_MIN), as mapCoordinates rounds.
static inline int32_t round_map(double v) {
  // Adding 1.5 · 2^52 rounds to an integer (half to even) held in the low 32 bits: no branch, no trapping conversion,
  // so the loop vectorises. |v| ≤ 2^51 keeps it exact; beyond int32 the select gives INT_MIN.
  union {
    double d;
    int64_t i;
  } u;
  u.d = v + 6755399441055744.0;
  int32_t r = (int32_t)u.i;
  return ((v > -2147483648.5) & (v < 2147483647.5)) ? r : (int32_t)0x80000000u;
}

// mapCoordinates' maps: output (x, y) reads (x − dx, y − dy), each difference taken in double and rounded to
// float32 (as Math.fround(x − dx) does), times scale (32 for 1/32 pixel, 1 for nearest), rounded half to even.
__attribute__((export_name("elastic_maps"))) void elastic_maps(const float *dx, const float *dy, int h, int w,
                                                                int scale, int32_t *map_x, int32_t *map_y) {
  for (int y = 0, i = 0; y < h; y++) {
    for (int x = 0; x < w; x++, i++) {
      map_x[i] = round_map((double)(float)((double)x - (double)dx[i]) * scale);
      map_y[i] = round_map((double)(float)((double)y - (double)dy[i]) * scale);
    }
  }
}
