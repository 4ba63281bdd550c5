// AdditiveGaussianNoise for uint8 images: src/random/normal.ts's ziggurat fed by RandomStream.fillUint32's
// xoshiro128** words, and additive-gaussian-noise.ts's rounding and saturation, so the bytes are the TypeScript
// loops'. The rare slow draws call JavaScript's Math.exp and Math.log (imported), so they round as there; the
// module is built with -ffp-contract=off, so every product and sum rounds as in JavaScript.
#include <stdint.h>

#include "xoshiro.h"

#define LAYERS 128
#define WORDS 4096

__attribute__((import_module("env"), import_name("exp"))) double js_exp(double);
__attribute__((import_module("env"), import_name("log"))) double js_log(double);

static const double R = 3.442619855899;
static const double TAIL_SCALE = 1 / 3.442619855899;
static const double U32 = 1.0 / 4294967296.0;

// The word source: xoshiro128** seeded by seeds[4·b…] for block b of WORDS words, as fillUint32 fills one block,
// generated SUB words at a time (a small image needs far fewer than a block), the state kept in between.
#define SUB 256
static uint32_t buf[SUB];

typedef struct {
  const uint32_t *seeds;
  int blocks, block, left, pos;
  uint32_t s0, s1, s2, s3;
} words_t;

// Refills buf with the next SUB words; returns 0 when the seeds ran out.
static int refill(words_t *w) {
  if (w->left == 0) {
    if (w->block == w->blocks) return 0;
    const uint32_t *seed = w->seeds + 4 * w->block++;
    w->s0 = seed[0];
    w->s1 = seed[1];
    w->s2 = seed[2];
    w->s3 = seed[3];
    w->left = WORDS;
  }
  uint32_t s0 = w->s0, s1 = w->s1, s2 = w->s2, s3 = w->s3;
  for (int i = 0; i < SUB; i++) buf[i] = xoshiro_next(&s0, &s1, &s2, &s3);
  w->s0 = s0;
  w->s1 = s1;
  w->s2 = s2;
  w->s3 = s3;
  w->left -= SUB;
  w->pos = 0;
  return 1;
}

static inline int next_word(words_t *w, uint32_t *out) {
  if (w->pos == SUB && !refill(w)) return 0;
  *out = buf[w->pos++];
  return 1;
}

// NormalSampler.slow: the tail, a wedge, or a new word. Returns 0 when the seeds ran out.
static int slow(words_t *w, uint32_t u, const double *width, const uint32_t *inner, const double *density,
                double *z) {
  for (;;) {
    int layer = u & (LAYERS - 1);
    uint32_t at = u >> 8;
    int negative = (u & 128) != 0;
    if (at < inner[layer]) {
      double x = at * width[layer];
      *z = negative ? -x : x;
      return 1;
    }
    uint32_t a, b;
    if (layer == 0) {
      for (;;) {
        if (!next_word(w, &a)) return 0;
        double x = -js_log((a + 0.5) * U32) * TAIL_SCALE;
        if (!next_word(w, &b)) return 0;
        double y = -js_log((b + 0.5) * U32);
        if (y + y >= x * x) {
          *z = negative ? -(R + x) : R + x;
          return 1;
        }
      }
    }
    double x = at * width[layer];
    double lower = density[layer];
    if (!next_word(w, &a)) return 0;
    if (lower + (a + 0.5) * U32 * (density[layer - 1] - lower) < js_exp(-0.5 * x * x)) {
      *z = negative ? -x : x;
      return 1;
    }
    if (!next_word(w, &u)) return 0;
  }
}

// JavaScript's Math.round: the nearest integer, halves up (up to the sign of a zero, which the caller's integer
// conversion drops). floor(z + 0.5) is that integer unless the addition rounded up onto the next one (z just below a
// half, e.g. 0.49999999999999994 + 0.5 = 1), which the exact test f − 0.5 > z takes back; written without a branch on
// the half, which the data would mispredict half the time (about a quarter of the loop's time).
static inline double js_round(double z) {
  double f = __builtin_floor(z + 0.5);
  return f - (double)(f - 0.5 > z);
}

// Adds noise to `values` groups of STEP bytes: value k is mean + sd · (k-th normal), rounded, added with saturation.
// Returns 1, or 0 when the seeds ran out. Inlined per channel count so that the channel loop unrolls.
static inline __attribute__((always_inline)) int noise_step(const uint8_t *src, uint8_t *dst, int values, int step,
                                                              double mean, double sd, const uint32_t *seeds,
                                                              int blocks, const double *width, const uint32_t *inner,
                                                              const double *density) {
  words_t w = {seeds, blocks, 0, 0, SUB, 0, 0, 0, 0};
  int pos = SUB;
  for (int k = 0, base = 0; k < values; k++, base += step) {
    if (pos == SUB) {
      if (!refill(&w)) return 0;
      pos = 0;
    }
    uint32_t u = buf[pos++];
    int layer = u & (LAYERS - 1);
    uint32_t at = u >> 8;
    double n;
    if (at < inner[layer]) {
      // The sign bit as ±1 rather than a branch (random, so mispredicted half the time); x · −1 is exactly −x.
      n = at * width[layer] * (double)(1 - (int)((u >> 6) & 2));
    } else {
      w.pos = pos;
      if (!slow(&w, u, width, inner, density, &n)) return 0;
      pos = w.pos;
    }
    // Clamped to ±255 first (beyond that every byte saturates either way), then added in integers. The integral
    // double becomes an int through the 1.5 · 2^52 trick (its low 32 bits), not a trapping conversion.
    double add = js_round(mean + sd * n);
    add = add < -255 ? -255 : add;
    add = add > 255 ? 255 : add;
    union {
      double d;
      int64_t i;
    } bits;
    bits.d = add + 6755399441055744.0;
    int a = (int32_t)bits.i;
    for (int c = 0; c < step; c++) {
      int v = src[base + c] + a;
      dst[base + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
  }
  return 1;
}

// AdditiveGaussianNoise on one uint8 image: `values` groups of `step` bytes (a pixel's channels share a value, or
// step 1). Returns 1, or 0 when the seeds ran out (dst is then incomplete and the caller takes the TypeScript loops).
__attribute__((export_name("noise_u8"))) int noise_u8(const uint8_t *src, uint8_t *dst, int values, int step,
                                                       double mean, double sd, const uint32_t *seeds, int blocks,
                                                       const double *width, const uint32_t *inner,
                                                       const double *density) {
  switch (step) {
  case 1:
    return noise_step(src, dst, values, 1, mean, sd, seeds, blocks, width, inner, density);
  case 3:
    return noise_step(src, dst, values, 3, mean, sd, seeds, blocks, width, inner, density);
  case 4:
    return noise_step(src, dst, values, 4, mean, sd, seeds, blocks, width, inner, density);
  default:
    return noise_step(src, dst, values, step, mean, sd, seeds, blocks, width, inner, density);
  }
}
