#!/bin/sh
# Builds augkit's WebAssembly SIMD kernels (wasm/*.c) with Debian's clang and lld into
# src/kernels/wasm/kernels.wasm.ts (the module as base64, so that Node and browser bundles load it without a file).
# Needs: apt-get install -y clang lld. The generated file is committed; src/kernels/wasm/build.test.ts checks that it
# matches this build wherever the same clang version is installed (the compiler is recorded in the file).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/src/kernels/wasm/kernels.wasm.ts"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
clang --target=wasm32 -O3 -msimd128 -mbulk-memory -ffp-contract=off -fno-builtin -nostdlib -ffile-prefix-map="$root"=. \
  -Wl,--no-entry -Wl,--initial-memory=67108864 -Wl,--export=__heap_base -Wl,--strip-all -o "$tmp/kernels.wasm" "$root"/wasm/*.c
node "$root/scripts/wasm-to-ts.mjs" "$tmp/kernels.wasm" "$out" "$(clang --version | head -n 1)"
echo "wrote $out"
