#!/usr/bin/python3
# Prints the min/max selection network that wasm/filter.c's median9 and median25 use (median of 9 or 25 values):
# Batcher's odd-even merge sort for the next power of two, its extra inputs +inf (their steps dropped or turned into
# renames), kept to the steps that reach the middle output; then checks it on all 2^n inputs of 0s and 1s, which by
# the 0-1 principle shows it right for every input. Usage: /usr/bin/python3 scripts/median-network.py 25 (or 9)
import sys

import numpy as np

real = int(sys.argv[1])
wires = 1 << (real - 1).bit_length()
middle = real // 2


def batcher(n):
    steps = []
    p = 1
    while p < n:
        k = p
        while k >= 1:
            for j in range(k % p, n - k, 2 * k):
                for i in range(min(k, n - j - k)):
                    if (i + j) // (2 * p) == (i + j + k) // (2 * p):
                        steps.append((i + j, i + j + k))
            k //= 2
        p *= 2
    return steps


inf = [w >= real for w in range(wires)]
ops = []
for a, b in batcher(wires):
    if inf[b]:
        continue  # min(a, +inf) = a: nothing moves
    if inf[a]:
        ops.append(('mov', a, b))  # a takes b's value, b becomes +inf
        inf[a], inf[b] = False, True
        continue
    ops.append(('cmp', a, b))
need = {middle}
kept = []
for op in reversed(ops):
    kind, a, b = op
    if kind == 'mov' and a in need:
        need.discard(a)
        need.add(b)
        kept.append(op)
    elif kind == 'cmp' and (a in need or b in need):
        need.update((a, b))
        kept.append(op)
kept.reverse()

count = 1 << real
index = np.arange(count, dtype=np.uint32)
values = [np.packbits(((index >> i) & 1).astype(bool)) for i in range(real)] + [None] * (wires - real)
for kind, a, b in kept:
    if kind == 'mov':
        values[a] = values[b]
    else:
        values[a], values[b] = values[a] & values[b], values[a] | values[b]
got = np.unpackbits(values[middle])[:count]
ones = sum(((index >> i) & 1).astype(np.int32) for i in range(real))
if not np.array_equal(got, (ones >= real - middle).astype(np.uint8)):
    sys.exit(f'median-network.py: the network for {real} values is wrong')
print(f'// {len(kept)} steps, checked on all {count} inputs of 0s and 1s', file=sys.stderr)
for kind, a, b in kept:
    print(f'  p{a} = p{b};' if kind == 'mov' else f'  OP(p{a}, p{b});')
