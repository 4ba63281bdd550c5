#!/bin/sh
# Builds augkit's WebAssembly SIMD kernels (wasm/*.c) with Debian's clang and lld: one module per kernel family, so
# that a bundle carries only the families its kernels use (a bundle of Affine alone carries the warp family), each
# built twice:
#   src/kernels/wasm/<family>.wasm.ts  the module importing this thread's memory (src/kernels/wasm/simd.ts), in base64
#                                      so that Node and browser bundles load it without a file
#   src/kernels/wasm/shared.wasm.ts    every family's module importing the shared memory of the kernel heap
#                                      (src/kernels/wasm/shared-heap.ts; Node's worker pool only): each thread's
#                                      instances move their stack pointer (__stack_pointer, exported, mutable) into its
#                                      own part of the heap; compiled with AUGKIT_SHARED_MEMORY defined, and without
#                                      writable static data (checked below)
#   src/kernels/wasm/layout.wasm.ts    where the families' static data and stacks end in each build: the start of the
#                                      area for calls (the families of a thread share one memory, each in its own part
#                                      of it, one after another: --global-base)
# Every family also gets wasm/copy.c (the SIMD copy that the kernel heap's copies use). A new wasm/*.c file joins a
# family in FAMILIES below (or starts one: then its wrapper imports ./<family>.wasm.ts); the script refuses a file
# that is in no family.
# Needs: apt-get install -y clang lld llvm. The generated files are committed; src/kernels/wasm/build.test.ts checks
# that they match this build wherever the same clang version is installed (the compiler is recorded in them).
# Usage: scripts/build-wasm.sh [OUT_DIR] (default src/kernels/wasm)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/src/kernels/wasm"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# family: its C files (one line each).
FAMILIES='warp warp.c elastic.c
resize resize.c
color color.c
blur blur.c
filter filter.c
lut lut.c
noise mask.c noise.c
flip flip.c rot90.c'
flags="--target=wasm32 -O3 -msimd128 -mbulk-memory -ffp-contract=off -fno-builtin -nostdlib -ffile-prefix-map=$root=."
link="-Wl,--no-entry -Wl,--export=__heap_base -Wl,--strip-all -Wl,--import-memory"
# The shared module's instances (one per thread) share its static data: writable static variables would be written
# by every thread at once. Refuse them (llvm-nm: d/D initialised, b/B zeroed data), as that build compiles the files
# (AUGKIT_SHARED_MEMORY defined). And every file must be in a family.
for c in "$root"/wasm/*.c; do
  name=$(basename "$c")
  if [ "$name" != copy.c ] && ! printf '%s\n' "$FAMILIES" | grep -q " $name\( \|$\)"; then
    echo "build-wasm.sh: wasm/$name is in no family (FAMILIES in scripts/build-wasm.sh)" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # word splitting of $flags is intended
  clang $flags -DAUGKIT_SHARED_MEMORY -c -o "$tmp/unit.o" "$c"
  writable=$(llvm-nm "$tmp/unit.o" | awk '$(NF-1) ~ /^[bBdD]$/ { print $NF }')
  if [ -n "$writable" ]; then
    echo "build-wasm.sh: $name has writable static data ($writable); threads would share it" >&2
    exit 1
  fi
done
# Each family's static data and stack start where the previous family's end (its __heap_base), in both builds.
base=1024
shared_base=1024
names=
while read -r family files; do
  sources=
  for f in $files copy.c; do sources="$sources $root/wasm/$f"; done
  # The thread's memory: 64 MB from the start (src/kernels/wasm/arena.ts says why), grown when a call needs more.
  # shellcheck disable=SC2086
  clang $flags $link -Wl,--global-base=$base -Wl,--initial-memory=67108864 -o "$tmp/$family.wasm" $sources
  base=$(node "$root/scripts/wasm-to-ts.mjs" heap-base "$tmp/$family.wasm")
  # The shared memory: at least 2 MB (static data and the first thread's stack), at most 4 GB.
  # shellcheck disable=SC2086
  clang $flags $link -DAUGKIT_SHARED_MEMORY -matomics -mmutable-globals -Wl,--shared-memory \
    -Wl,--initial-memory=2097152 -Wl,--max-memory=4294967296 -Wl,--export=__stack_pointer \
    -Wl,--global-base=$shared_base -o "$tmp/$family.shared.wasm" $sources
  shared_base=$(node "$root/scripts/wasm-to-ts.mjs" heap-base "$tmp/$family.shared.wasm" shared)
  names="$names $family"
done <<EOF
$FAMILIES
EOF
mkdir -p "$out"
# shellcheck disable=SC2086
node "$root/scripts/wasm-to-ts.mjs" write "$tmp" "$out" "$(clang --version | head -n 1)" "$base" "$shared_base" $names
echo "wrote $out/{$(echo $names | tr ' ' ','),shared,layout}.wasm.ts"
