// xoshiro128**, the generator of RandomStream.fillUint32 (src/random/stream.ts), one step at a time on a state held
// in the caller's locals (inlined, so they stay in registers). Shared by mask.c and noise.c.
#ifndef AUGKIT_XOSHIRO_H
#define AUGKIT_XOSHIRO_H
#include <stdint.h>

static inline __attribute__((always_inline)) uint32_t xoshiro_next(uint32_t *s0, uint32_t *s1, uint32_t *s2,
                                                                   uint32_t *s3) {
  const uint32_t m = *s1 * 5;
  const uint32_t r = ((m << 7) | (m >> 25)) * 9;
  const uint32_t t = *s1 << 9;
  *s2 ^= *s0;
  *s3 ^= *s1;
  *s1 ^= *s2;
  *s0 ^= *s3;
  *s2 ^= t;
  *s3 = (*s3 << 11) | (*s3 >> 21);
  return r;
}

#endif
