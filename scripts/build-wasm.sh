#!/bin/sh
# Builds augkit's WebAssembly SIMD kernels (wasm/*.c) with Debian's clang and lld, twice, into
# src/kernels/wasm/kernels.wasm.ts (each module as base64, so that Node and browser bundles load it without a file):
#   KERNELS_WASM         the module with its own memory, one instance per thread (src/kernels/wasm/simd.ts)
#   KERNELS_SHARED_WASM  the same kernels importing one shared memory, the kernel heap that a process's threads share
#                        (src/kernels/wasm/shared-heap.ts): each thread's instance moves its stack pointer
#                        (__stack_pointer, exported, mutable) into its own part of the heap; compiled with
#                        AUGKIT_SHARED_MEMORY defined, and without writable static data (checked below)
# Needs: apt-get install -y clang lld llvm. The generated file is committed; src/kernels/wasm/build.test.ts checks that it
# matches this build wherever the same clang version is installed (the compiler is recorded in the file).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/src/kernels/wasm/kernels.wasm.ts"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
common="--target=wasm32 -O3 -msimd128 -mbulk-memory -ffp-contract=off -fno-builtin -nostdlib -ffile-prefix-map=$root=.
  -Wl,--no-entry -Wl,--export=__heap_base -Wl,--strip-all"
# The shared module's instances (one per thread) share its static data: writable static variables would be written
# by every thread at once. Refuse them (llvm-nm: d/D initialised, b/B zeroed data), as that build compiles the files
# (AUGKIT_SHARED_MEMORY defined).
for c in "$root"/wasm/*.c; do
  clang --target=wasm32 -O3 -msimd128 -mbulk-memory -ffp-contract=off -fno-builtin -nostdlib -DAUGKIT_SHARED_MEMORY \
    -c -o "$tmp/unit.o" "$c"
  writable=$(llvm-nm "$tmp/unit.o" | awk '$(NF-1) ~ /^[bBdD]$/ { print $NF }')
  if [ -n "$writable" ]; then
    echo "build-wasm.sh: $(basename "$c") has writable static data ($writable); threads would share it" >&2
    exit 1
  fi
done
# shellcheck disable=SC2086 # word splitting of $common is intended
clang $common -Wl,--initial-memory=67108864 -o "$tmp/kernels.wasm" "$root"/wasm/*.c
# The shared module's memory: at least 2 MB (static data and the first thread's stack), at most 4 GB.
# shellcheck disable=SC2086
clang $common -DAUGKIT_SHARED_MEMORY -matomics -mmutable-globals -Wl,--import-memory -Wl,--shared-memory -Wl,--initial-memory=2097152 \
  -Wl,--max-memory=4294967296 -Wl,--export=__stack_pointer -o "$tmp/shared.wasm" "$root"/wasm/*.c
node "$root/scripts/wasm-to-ts.mjs" "$tmp/kernels.wasm" "$tmp/shared.wasm" "$out" "$(clang --version | head -n 1)"
echo "wrote $out"
