// A byte copy in SIMD, 64 bytes per step: what the kernels' wrappers use to move pixels within a shared kernel heap
// (src/kernels/wasm/shared-heap.ts). V8 copies to, from and within shared memory (TypedArray set, memory.copy on a
// shared memory) with a race-safe loop of 8-byte words, which costs 10–20% of a kernel's time per thread on rgb256
// batches (npm run bench:shared-wasm); this loop runs at the speed of a plain copy. The ranges must not overlap.
#include <stdint.h>
#include <wasm_simd128.h>

__attribute__((export_name("copy_u8"))) void copy_u8(uint8_t *dst, const uint8_t *src, int n) {
  int i = 0;
  for (; i + 64 <= n; i += 64) {
    v128_t a = wasm_v128_load(src + i), b = wasm_v128_load(src + i + 16);
    v128_t c = wasm_v128_load(src + i + 32), d = wasm_v128_load(src + i + 48);
    wasm_v128_store(dst + i, a);
    wasm_v128_store(dst + i + 16, b);
    wasm_v128_store(dst + i + 32, c);
    wasm_v128_store(dst + i + 48, d);
  }
  for (; i + 16 <= n; i += 16) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  for (; i < n; i++) dst[i] = src[i];
}
