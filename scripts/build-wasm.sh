#!/bin/sh
# Builds augkit's WebAssembly SIMD kernels (wasm/*.c) with Debian's clang and lld, twice, into
# src/kernels/wasm/kernels.wasm.ts (each module as base64, so that Node and browser bundles load it without a file):
#   KERNELS_WASM         the module with its own memory, one instance per thread (src/kernels/wasm/simd.ts)
#   KERNELS_SHARED_WASM  the same kernels importing one shared memory, the kernel heap that a process's threads share
#                        (src/kernels/wasm/shared-heap.ts): each thread's instance moves its stack pointer
#                        (__stack_pointer, exported, mutable) into its own part of the heap
# Needs: apt-get install -y clang lld. The generated file is committed; src/kernels/wasm/build.test.ts checks that it
# matches this build wherever the same clang version is installed (the compiler is recorded in the file).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/src/kernels/wasm/kernels.wasm.ts"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
common="--target=wasm32 -O3 -msimd128 -mbulk-memory -ffp-contract=off -fno-builtin -nostdlib -ffile-prefix-map=$root=.
  -Wl,--no-entry -Wl,--export=__heap_base -Wl,--strip-all"
# shellcheck disable=SC2086 # word splitting of $common is intended
clang $common -Wl,--initial-memory=67108864 -o "$tmp/kernels.wasm" "$root"/wasm/*.c
# The shared module's memory: at least 2 MB (static data and the first thread's stack), at most 4 GB.
# shellcheck disable=SC2086
clang $common -matomics -mmutable-globals -Wl,--import-memory -Wl,--shared-memory -Wl,--initial-memory=2097152 \
  -Wl,--max-memory=4294967296 -Wl,--export=__stack_pointer -o "$tmp/shared.wasm" "$root"/wasm/*.c
node "$root/scripts/wasm-to-ts.mjs" "$tmp/kernels.wasm" "$tmp/shared.wasm" "$out" "$(clang --version | head -n 1)"
echo "wrote $out"
