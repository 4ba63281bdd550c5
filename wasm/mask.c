// augkit's WebAssembly SIMD kernels for per-pixel masks on uint8 batches: Dropout (dropped values become 0) and
// SaltAndPepper (replaced values become 255 or 0). The same bytes as the TypeScript loops in
// src/kernels/mask.ts (dropInPlace, replaceInPlace), which remain the reference and the fallback; the
// wrapper is src/kernels/wasm/mask.ts.
//
// The draws are RandomStream.fillUint32's: each chunk of DRAW_CHUNK decisions of an image runs xoshiro128** from
// four seed words (computed by the wrapper from the Philox stream, the forbidden all-zero state already replaced).
// Chunks are independent, so four of them, from one image or from neighbouring images, run side by side as the
// four 32-bit lanes of a vector; each vector step gives the next draw of four chunks. A chunk left on its own (a
// small image's only chunk) runs in scalar code.
//
// A decision changes its pixel when u ≤ lim, where the wrapper passes lim = ⌈p · 2^32⌉ − 1 (mask.ts shows that
// this is the TypeScript loops' `u < p · 2^32`).
#include <stdint.h>
#include <wasm_simd128.h>
#include "xoshiro.h"

// kernels/mask.ts's DRAW_CHUNK: the draws depend on it (each chunk reseeds the generator).
#define DRAW_CHUNK 4096
#define LANES 4

// One chunk of decisions: its pixels start at dst, `step` values apart (1 per value, or the channel count).
typedef struct {
  uint8_t *dst;
  int count;
  int step;
  uint32_t lim;
  const uint32_t *seed;
} Chunk;

static inline v128_t rotl(v128_t x, int k) { return wasm_v128_or(wasm_i32x4_shl(x, k), wasm_u32x4_shr(x, 32 - k)); }

// Sixteen vectors of 32-bit masks (0 or −1; vector j holds decision j of the four chunks) stored as bytes, 16
// consecutive decisions per chunk: chunk k's at out[k · DRAW_CHUNK … + 15]. Signed narrowing keeps 0 and −1, a
// shuffle turns each 4×4 block of bytes (decision × chunk) around, and a 4×4 transpose of 32-bit lanes gathers
// each chunk's four words.
static inline void store_bytes(const v128_t m[16], uint8_t *out) {
  v128_t c[4];
  for (int q = 0; q < 4; q++) {
    v128_t a = wasm_i16x8_narrow_i32x4(m[4 * q], m[4 * q + 1]);
    v128_t b = wasm_i16x8_narrow_i32x4(m[4 * q + 2], m[4 * q + 3]);
    v128_t bytes = wasm_i8x16_narrow_i16x8(a, b); // decision-major: byte 4j + k
    c[q] = wasm_i8x16_shuffle(bytes, bytes, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15); // chunk-major
  }
  v128_t t0 = wasm_i32x4_shuffle(c[0], c[1], 0, 4, 1, 5);
  v128_t t1 = wasm_i32x4_shuffle(c[2], c[3], 0, 4, 1, 5);
  v128_t t2 = wasm_i32x4_shuffle(c[0], c[1], 2, 6, 3, 7);
  v128_t t3 = wasm_i32x4_shuffle(c[2], c[3], 2, 6, 3, 7);
  wasm_v128_store(out, wasm_i64x2_shuffle(t0, t1, 0, 2));
  wasm_v128_store(out + DRAW_CHUNK, wasm_i64x2_shuffle(t0, t1, 1, 3));
  wasm_v128_store(out + 2 * DRAW_CHUNK, wasm_i64x2_shuffle(t2, t3, 0, 2));
  wasm_v128_store(out + 3 * DRAW_CHUNK, wasm_i64x2_shuffle(t2, t3, 1, 3));
}

// Runs the chunks' generators side by side and writes, per chunk k and decision j, keep[k · DRAW_CHUNK + j]: 0xff
// where the value stays, 0 where it changes; with `salt`, also fill[…]: 0xff where it becomes 255 (a changed value
// whose draw is odd), else 0. Decisions past a chunk's count (up to the next multiple of 16) are written and unused.
static inline __attribute__((always_inline)) void draw_masks(const Chunk *chunks, int length, int salt, uint8_t *keep,
                                                              uint8_t *fill) {
  const Chunk *a = &chunks[0], *b = &chunks[1], *c = &chunks[2], *d = &chunks[3];
  v128_t s0 = wasm_u32x4_make(a->seed[0], b->seed[0], c->seed[0], d->seed[0]);
  v128_t s1 = wasm_u32x4_make(a->seed[1], b->seed[1], c->seed[1], d->seed[1]);
  v128_t s2 = wasm_u32x4_make(a->seed[2], b->seed[2], c->seed[2], d->seed[2]);
  v128_t s3 = wasm_u32x4_make(a->seed[3], b->seed[3], c->seed[3], d->seed[3]);
  const v128_t lim = wasm_u32x4_make(a->lim, b->lim, c->lim, d->lim);
  const v128_t one = wasm_i32x4_splat(1);
  for (int j = 0; j < length; j += 16) {
    v128_t kept[16], white[16];
    for (int i = 0; i < 16; i++) {
      // xoshiro128**: result rotl(s1 · 5, 7) · 9, then the state update, as fillUint32 writes it.
      v128_t m = wasm_i32x4_add(wasm_i32x4_shl(s1, 2), s1);
      v128_t r = rotl(m, 7);
      r = wasm_i32x4_add(wasm_i32x4_shl(r, 3), r);
      v128_t t = wasm_i32x4_shl(s1, 9);
      s2 = wasm_v128_xor(s2, s0);
      s3 = wasm_v128_xor(s3, s1);
      s1 = wasm_v128_xor(s1, s2);
      s0 = wasm_v128_xor(s0, s3);
      s2 = wasm_v128_xor(s2, t);
      s3 = rotl(s3, 11);
      kept[i] = wasm_u32x4_gt(r, lim);
      if (salt) white[i] = wasm_v128_andnot(wasm_i32x4_neg(wasm_v128_and(r, one)), kept[i]);
    }
    store_bytes(kept, keep + j);
    if (salt) store_bytes(white, fill + j);
  }
}

// Applies one chunk's masks to its pixels: v = (v & keep) | fill for each of a decision's `step` values (fill is
// all zero for Dropout). Steps 1, 3 and 4 take 16 decisions at a time, their masks widened by shuffles.
static inline __attribute__((always_inline)) void apply_masks(const Chunk *chunk, int salt, const uint8_t *keep,
                                                               const uint8_t *fill) {
  uint8_t *dst = chunk->dst;
  const int n = chunk->count, step = chunk->step;
  int i = 0;
  if (step == 1) {
    for (; i + 16 <= n; i += 16) {
      v128_t v = wasm_v128_and(wasm_v128_load(dst + i), wasm_v128_load(keep + i));
      if (salt) v = wasm_v128_or(v, wasm_v128_load(fill + i));
      wasm_v128_store(dst + i, v);
    }
  } else if (step == 3) {
    for (; i + 16 <= n; i += 16) {
      uint8_t *o = dst + 3 * i;
      v128_t k = wasm_v128_load(keep + i);
      v128_t k0 = wasm_i8x16_shuffle(k, k, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5);
      v128_t k1 = wasm_i8x16_shuffle(k, k, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10);
      v128_t k2 = wasm_i8x16_shuffle(k, k, 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15);
      v128_t v0 = wasm_v128_and(wasm_v128_load(o), k0);
      v128_t v1 = wasm_v128_and(wasm_v128_load(o + 16), k1);
      v128_t v2 = wasm_v128_and(wasm_v128_load(o + 32), k2);
      if (salt) {
        v128_t f = wasm_v128_load(fill + i);
        v0 = wasm_v128_or(v0, wasm_i8x16_shuffle(f, f, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5));
        v1 = wasm_v128_or(v1, wasm_i8x16_shuffle(f, f, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10));
        v2 = wasm_v128_or(v2, wasm_i8x16_shuffle(f, f, 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15));
      }
      wasm_v128_store(o, v0);
      wasm_v128_store(o + 16, v1);
      wasm_v128_store(o + 32, v2);
    }
  } else if (step == 4) {
    for (; i + 16 <= n; i += 16) {
      uint8_t *o = dst + 4 * i;
      v128_t k = wasm_v128_load(keep + i);
      v128_t f = salt ? wasm_v128_load(fill + i) : wasm_i32x4_splat(0);
      v128_t kq[4] = {
          wasm_i8x16_shuffle(k, k, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3),
          wasm_i8x16_shuffle(k, k, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7),
          wasm_i8x16_shuffle(k, k, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11),
          wasm_i8x16_shuffle(k, k, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15),
      };
      v128_t fq[4] = {
          wasm_i8x16_shuffle(f, f, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3),
          wasm_i8x16_shuffle(f, f, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7),
          wasm_i8x16_shuffle(f, f, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11),
          wasm_i8x16_shuffle(f, f, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15),
      };
      for (int q = 0; q < 4; q++) {
        v128_t v = wasm_v128_and(wasm_v128_load(o + 16 * q), kq[q]);
        if (salt) v = wasm_v128_or(v, fq[q]);
        wasm_v128_store(o + 16 * q, v);
      }
    }
  }
  // The rest of the decisions, and every decision of other steps, one at a time.
  for (; i < n; i++) {
    uint8_t *o = dst + (long)i * step;
    const uint8_t k = keep[i], f = salt ? fill[i] : 0;
    for (int c = 0; c < step; c++) o[c] = (uint8_t)((o[c] & k) | f);
  }
}

// One chunk on its own: the generator in scalar code, which ran a 28×28 image's chunk about 1.8 times as fast as
// the vector code with three idle lanes (one A/B run).
static inline __attribute__((always_inline)) void draw_masks_one(const Chunk *chunk, int salt, uint8_t *keep,
                                                                  uint8_t *fill) {
  uint32_t s0 = chunk->seed[0], s1 = chunk->seed[1], s2 = chunk->seed[2], s3 = chunk->seed[3];
  const uint32_t lim = chunk->lim;
  for (int j = 0; j < chunk->count; j++) {
    const uint32_t r = xoshiro_next(&s0, &s1, &s2, &s3);
    const uint8_t k = (uint8_t)(0 - (r > lim));
    keep[j] = k;
    if (salt) fill[j] = (uint8_t)(0 - (r & 1)) & (uint8_t)~k;
  }
}

static inline __attribute__((always_inline)) void run_group(Chunk *chunks, int used, int salt, uint8_t *scratch) {
  uint8_t *keep = scratch, *fill = scratch + LANES * DRAW_CHUNK;
  if (used == 1) {
    draw_masks_one(&chunks[0], salt, keep, fill);
    apply_masks(&chunks[0], salt, keep, fill);
    return;
  }
  int length = 0;
  for (int k = 0; k < used; k++)
    if (chunks[k].count > length) length = chunks[k].count;
  // Unused lanes run on a copy of the first lane's seed and are never applied.
  for (int k = used; k < LANES; k++) chunks[k] = (Chunk){chunks[0].dst, 0, 1, 0, chunks[0].seed};
  draw_masks(chunks, (length + 15) & ~15, salt, keep, fill);
  for (int k = 0; k < used; k++) apply_masks(&chunks[k], salt, keep + k * DRAW_CHUNK, fill + k * DRAW_CHUNK);
}

// The images data[i · size … (i + 1) · size), i < count, changed in place. steps[i] says what happens to image i: 0
// nothing, −1 every value becomes 0, s > 0 one decision per s values (1 per value, or the channel count), in
// chunks of DRAW_CHUNK decisions whose seed words follow each other in `seeds` (4 per chunk, image after image),
// changing values where the draw is ≤ lims[i]. `scratch` holds mask_u8_scratch() bytes, 16-byte aligned.
static inline __attribute__((always_inline)) void mask_batch(uint8_t *data, int count, int size, const int32_t *steps,
                                                              const uint32_t *lims, const uint32_t *seeds,
                                                              uint8_t *scratch, int salt) {
  Chunk chunks[LANES];
  int used = 0;
  const uint32_t *seed = seeds;
  for (int img = 0; img < count; img++) {
    uint8_t *image = data + (long)img * size;
    const int step = steps[img];
    if (step == 0) continue;
    if (step < 0) {
      __builtin_memset(image, 0, (unsigned long)size);
      continue;
    }
    const int n = size / step;
    for (int first = 0; first < n; first += DRAW_CHUNK, seed += 4) {
      const int left = n - first;
      chunks[used] = (Chunk){image + (long)first * step, left < DRAW_CHUNK ? left : DRAW_CHUNK, step, lims[img], seed};
      if (++used == LANES) {
        run_group(chunks, used, salt, scratch);
        used = 0;
      }
    }
  }
  if (used > 0) run_group(chunks, used, salt, scratch);
}

// Bytes of scratch that mask_u8 needs: keep and fill masks for four chunks.
__attribute__((export_name("mask_u8_scratch"))) int mask_u8_scratch(void) { return 2 * LANES * DRAW_CHUNK; }

// Dropout: changed values become 0 (see mask_batch).
__attribute__((export_name("dropout_u8"))) void dropout_u8(uint8_t *data, int count, int size, const int32_t *steps,
                                                          const uint32_t *lims, const uint32_t *seeds,
                                                          uint8_t *scratch) {
  mask_batch(data, count, size, steps, lims, seeds, scratch, 0);
}

// SaltAndPepper: a changed value becomes 255 where its draw is odd, 0 where it is even (see mask_batch).
__attribute__((export_name("salt_pepper_u8"))) void salt_pepper_u8(uint8_t *data, int count, int size,
                                                                  const int32_t *steps, const uint32_t *lims,
                                                                  const uint32_t *seeds, uint8_t *scratch) {
  mask_batch(data, count, size, steps, lims, seeds, scratch, 1);
}
