// AdditiveGaussianNoise for uint8 images: src/random/normal.ts's ziggurat fed by RandomStream.fillUint32's
// xoshiro128** words, and kernels/noise.ts's rounding and saturation, so the bytes are the TypeScript
// loops'. The rare slow draws call JavaScript's Math.exp and Math.log (imported), so they round as there; the
// module is built with -ffp-contract=off, so every product and sum rounds as in JavaScript.
#include <stdint.h>
#include <wasm_simd128.h>

#include "xoshiro.h"

#define LAYERS 128
#define WORDS 4096

__attribute__((import_module("env"), import_name("exp"))) double js_exp(double);
__attribute__((import_module("env"), import_name("log"))) double js_log(double);

static const double R = 3.442619855899;
static const double TAIL_SCALE = 1 / 3.442619855899;
static const double U32 = 1.0 / 4294967296.0;

// The word source: xoshiro128** seeded by seeds[4·b…] for block b of WORDS words, as fillUint32 fills one block,
// generated SUB words at a time into buf (a small image needs far fewer than a block), the state kept in between.
// In the module with its own memory buf is static (one thread per instance): at a constant address the draws run
// faster than from a buffer on the stack (bench/README.md, "Measurements behind the kernels"). In the shared-memory
// build (AUGKIT_SHARED_MEMORY) every thread's instance would share a static buffer, so
// each call keeps its own on the stack (scripts/build-wasm.sh refuses writable static data there).
#define SUB 256
#ifndef AUGKIT_SHARED_MEMORY
static uint32_t buf[SUB];
#endif

typedef struct {
  const uint32_t *seeds;
  int blocks, block, left, pos;
  uint32_t s0, s1, s2, s3;
  uint32_t *buf;
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
  for (int i = 0; i < SUB; i++) w->buf[i] = xoshiro_next(&s0, &s1, &s2, &s3);
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
  *out = w->buf[w->pos++];
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

// A rounded, clamped value as an int: clamped to ±255 first (beyond that every byte saturates either way), then
// made an int through the 1.5 · 2^52 trick (its low 32 bits), not a trapping conversion.
static inline int to_add(double add) {
  add = add < -255 ? -255 : add;
  add = add > 255 ? 255 : add;
  union {
    double d;
    int64_t i;
  } bits;
  bits.d = add + 6755399441055744.0;
  return (int32_t)bits.i;
}

// Whether word u takes the ziggurat's fast path (its layer's inner part).
static inline int fast(uint32_t u, const uint32_t *inner) { return (u >> 8) < inner[u & (LAYERS - 1)]; }

// The values of two fast-path words u0, u1 in the low 32 bits of the two 64-bit lanes, as the scalar path computes
// them (the same operations in the same order: SIMD128 has no fused multiply-add, so the same doubles):
// n = at · width · (±1), mean + sd · n, js_round (floor(z + 0.5), less 1 where f − 0.5 > z), the clamp to ±255
// (pmin and pmax are the scalar comparisons exactly) and the 1.5 · 2^52 trick.
static inline __attribute__((always_inline)) v128_t fast_pair(uint32_t u0, uint32_t u1, const double *width,
                                                               double mean, double sd) {
  const v128_t half = wasm_f64x2_splat(0.5), one = wasm_f64x2_splat(1.0);
  v128_t at = wasm_f64x2_make((double)(u0 >> 8), (double)(u1 >> 8));
  v128_t sign = wasm_f64x2_make((double)(1 - (int)((u0 >> 6) & 2)), (double)(1 - (int)((u1 >> 6) & 2)));
  v128_t n = wasm_f64x2_mul(wasm_f64x2_mul(at, wasm_f64x2_make(width[u0 & (LAYERS - 1)], width[u1 & (LAYERS - 1)])),
                            sign);
  v128_t z = wasm_f64x2_add(wasm_f64x2_splat(mean), wasm_f64x2_mul(wasm_f64x2_splat(sd), n));
  v128_t f = wasm_f64x2_floor(wasm_f64x2_add(z, half));
  f = wasm_f64x2_sub(f, wasm_v128_and(wasm_f64x2_gt(wasm_f64x2_sub(f, half), z), one));
  f = wasm_f64x2_pmin(wasm_f64x2_pmax(f, wasm_f64x2_splat(-255.0)), wasm_f64x2_splat(255.0));
  return wasm_f64x2_add(f, wasm_f64x2_splat(6755399441055744.0));
}

// Values per chunk: the chunk's noise is drawn first (into an int16 array), then added to its bytes.
#define CHUNK 256

// src + noise with saturation for `m` groups of `step` bytes from byte `base`: each group takes one noise value.
// Eight groups at a time in SIMD for 1, 3 and 4 bytes per group (the noise spread over the group's bytes by a
// shuffle, the sum in 16-bit lanes, narrowed with unsigned saturation, which is the clamp to 0 … 255).
static inline __attribute__((always_inline)) void add_chunk(const uint8_t *src, uint8_t *dst, int base, int step,
                                                            const int16_t *noise, int m) {
  int j = 0;
  if (step == 1) {
    for (; j + 8 <= m; j += 8) {
      v128_t v = wasm_i16x8_add(wasm_u16x8_load8x8(src + base + j), wasm_v128_load(noise + j));
      wasm_v128_store64_lane(dst + base + j, wasm_u8x16_narrow_i16x8(v, v), 0);
    }
  } else if (step == 3) {
    for (; j + 8 <= m; j += 8) {
      const uint8_t *p = src + base + 3 * j;
      uint8_t *o = dst + base + 3 * j;
      v128_t n = wasm_v128_load(noise + j); // n0 … n7, two bytes each
      v128_t e0 = wasm_i8x16_shuffle(n, n, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 4, 5, 4, 5);
      v128_t e1 = wasm_i8x16_shuffle(n, n, 4, 5, 6, 7, 6, 7, 6, 7, 8, 9, 8, 9, 8, 9, 10, 11);
      v128_t e2 = wasm_i8x16_shuffle(n, n, 10, 11, 10, 11, 12, 13, 12, 13, 12, 13, 14, 15, 14, 15, 14, 15);
      v128_t b01 = wasm_v128_load(p);
      v128_t s0 = wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(b01), e0);
      v128_t s1 = wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(b01), e1);
      v128_t s2 = wasm_i16x8_add(wasm_u16x8_load8x8(p + 16), e2);
      wasm_v128_store(o, wasm_u8x16_narrow_i16x8(s0, s1));
      wasm_v128_store64_lane(o + 16, wasm_u8x16_narrow_i16x8(s2, s2), 0);
    }
  } else if (step == 4) {
    for (; j + 8 <= m; j += 8) {
      const uint8_t *p = src + base + 4 * j;
      uint8_t *o = dst + base + 4 * j;
      v128_t n = wasm_v128_load(noise + j);
      v128_t e0 = wasm_i8x16_shuffle(n, n, 0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 2, 3);
      v128_t e1 = wasm_i8x16_shuffle(n, n, 4, 5, 4, 5, 4, 5, 4, 5, 6, 7, 6, 7, 6, 7, 6, 7);
      v128_t e2 = wasm_i8x16_shuffle(n, n, 8, 9, 8, 9, 8, 9, 8, 9, 10, 11, 10, 11, 10, 11, 10, 11);
      v128_t e3 = wasm_i8x16_shuffle(n, n, 12, 13, 12, 13, 12, 13, 12, 13, 14, 15, 14, 15, 14, 15, 14, 15);
      v128_t b0 = wasm_v128_load(p), b1 = wasm_v128_load(p + 16);
      v128_t s0 = wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(b0), e0);
      v128_t s1 = wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(b0), e1);
      v128_t s2 = wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(b1), e2);
      v128_t s3 = wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(b1), e3);
      wasm_v128_store(o, wasm_u8x16_narrow_i16x8(s0, s1));
      wasm_v128_store(o + 16, wasm_u8x16_narrow_i16x8(s2, s3));
    }
  }
  for (; j < m; j++) {
    for (int c = 0; c < step; c++) {
      int v = src[base + j * step + c] + noise[j];
      dst[base + j * step + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
  }
}

// Adds noise to `values` groups of STEP bytes: value k is mean + sd · (k-th normal), rounded, added with saturation.
// Returns 1, or 0 when the seeds ran out. Inlined per channel count so that the channel loop unrolls.
//
// A chunk's values are drawn first: four at a time while the next four words are all in the buffer and all take the
// ziggurat's fast path (about 95% of quadruples), else two at a time likewise, in the f64 lanes of vectors
// (fast_pair); otherwise one value the scalar way, which also takes the slow draws. The words are consumed in the
// same order either way. Each value, rounded and clamped to ±255 (beyond that every byte saturates either way), is
// kept as an int16; then add_chunk adds the chunk's values to its bytes.
static inline __attribute__((always_inline)) int noise_step(const uint8_t *src, uint8_t *dst, int values, int step,
                                                              double mean, double sd, const uint32_t *seeds,
                                                              int blocks, const double *width, const uint32_t *inner,
                                                              const double *density) {
#ifdef AUGKIT_SHARED_MEMORY
  uint32_t buf[SUB] __attribute__((aligned(16)));
#endif
  words_t w = {seeds, blocks, 0, 0, SUB, 0, 0, 0, 0, buf};
  int pos = SUB;
  int16_t noise[CHUNK] __attribute__((aligned(16)));
  for (int first = 0; first < values; first += CHUNK) {
    int m = values - first < CHUNK ? values - first : CHUNK;
    for (int j = 0; j < m;) {
      if (j + 4 <= m && pos + 4 <= SUB) {
        const uint32_t *u = buf + pos;
        if (fast(u[0], inner) & fast(u[1], inner) & fast(u[2], inner) & fast(u[3], inner)) {
          // Two independent vector chains, which the processor overlaps.
          v128_t a = fast_pair(u[0], u[1], width, mean, sd), b = fast_pair(u[2], u[3], width, mean, sd);
          noise[j] = (int16_t)wasm_i32x4_extract_lane(a, 0);
          noise[j + 1] = (int16_t)wasm_i32x4_extract_lane(a, 2);
          noise[j + 2] = (int16_t)wasm_i32x4_extract_lane(b, 0);
          noise[j + 3] = (int16_t)wasm_i32x4_extract_lane(b, 2);
          pos += 4;
          j += 4;
          continue;
        }
      }
      if (j + 2 <= m && pos + 2 <= SUB && fast(buf[pos], inner) & fast(buf[pos + 1], inner)) {
        v128_t a = fast_pair(buf[pos], buf[pos + 1], width, mean, sd);
        noise[j] = (int16_t)wasm_i32x4_extract_lane(a, 0);
        noise[j + 1] = (int16_t)wasm_i32x4_extract_lane(a, 2);
        pos += 2;
        j += 2;
        continue;
      }
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
      noise[j++] = (int16_t)to_add(js_round(mean + sd * n));
    }
    add_chunk(src, dst, first * step, step, noise, m);
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
