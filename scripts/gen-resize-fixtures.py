"""Writes test/fixtures/resize.json and resize-exact.json: cv2.resize outputs (OpenCV 4.x, Debian's python3-opencv) for augkit's Resize
tests. Run with /usr/bin/python3 from the repository root; the tests read only the JSON."""
import base64
import json

import cv2
import numpy as np


def b64(a):
    return base64.b64encode(a.tobytes()).decode()


rng = np.random.default_rng(5)
cases = []
for (h, w, c) in [(7, 9, 1), (12, 10, 3), (28, 28, 1), (16, 16, 3), (5, 3, 4), (1, 6, 1)]:
    img = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
    for (dh, dw) in [(14, 14), (5, 4), (h * 2, w * 2), (max(1, h // 2), max(1, w // 2)), (h + 3, w - 1 if w > 1 else 2), (3, 17)]:
        for interp, name in [(cv2.INTER_NEAREST, 'nearest'), (cv2.INTER_LINEAR, 'linear'), (cv2.INTER_CUBIC, 'cubic')]:
            out = cv2.resize(img, (dw, dh), interpolation=interp)
            if out.ndim == 2:
                out = out[:, :, None]
            cases.append({'h': h, 'w': w, 'c': c, 'dh': dh, 'dw': dw, 'interp': name,
                          'src': b64(img), 'out': b64(out)})

# 'auto' is imgaug 0.4.0's imresize_many_images with interpolation=None: INTER_AREA when either side grows (which
# OpenCV then runs as bilinear with its "area_mode" positions), INTER_LINEAR otherwise. A separate generator keeps
# the cases above byte for byte. The extra sizes hit OpenCV's rounding: at 6 → 34, 17 · (1 / (34/6)) is just below
# 3, so it reads source pixel 2 with fraction 18 - 3 · (34/6) = 1, whose fractional part is 0 (exact arithmetic:
# pixel 3); at 14 → 58, destination 29 likewise reads pixel 6, but only because the fraction 0.9999999999999964 is
# rounded to float first.
EXTRA = {(6, 6): [(34, 34), (5, 34)], (2, 14): [(3, 58)]}
rng = np.random.default_rng(6)
for (h, w, c, dtype) in [(5, 7, 1, 'uint8'), (6, 4, 3, 'uint8'), (9, 8, 4, 'uint8'), (1, 5, 1, 'uint8'),
                         (3, 1, 3, 'uint8'), (20, 30, 3, 'uint8'), (6, 9, 1, 'float32'), (7, 5, 3, 'float32'),
                         (6, 6, 3, 'uint8'), (2, 14, 1, 'uint8')]:
    if dtype == 'uint8':
        img = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
    else:
        img = rng.uniform(-50, 300, (h, w, c)).astype(np.float32)
    sizes = [(2 * h, 2 * w), (3 * h + 1, 2 * w - 1), (h + 3, max(1, w - 2)), (max(1, h - 2), w + 5), (h, w + 1),
             (4 * h, w), (max(1, h - 1), max(1, w - 1)), (max(1, h // 2), max(1, w // 2)), (h, w), (17, 13)]
    for (dh, dw) in dict.fromkeys(sizes + EXTRA.get((h, w), [])):
        interp = cv2.INTER_AREA if dh > h or dw > w else cv2.INTER_LINEAR
        out = cv2.resize(img, (dw, dh), interpolation=interp)
        if out.ndim == 2:
            out = out[:, :, None]
        case = {'h': h, 'w': w, 'c': c, 'dh': dh, 'dw': dw, 'interp': 'auto', 'src': b64(img), 'out': b64(out)}
        if dtype == 'float32':
            case['dtype'] = 'float32'
        cases.append(case)
with open('test/fixtures/resize.json', 'w') as f:
    json.dump({'opencv': cv2.__version__, 'cases': cases}, f)

# test/fixtures/resize-exact.json: many sizes with few bytes. The source images come from a generator the test
# reproduces (lcg_image), and each case keeps the SHA-256 of cv2's output (first 16 hex digits), so hundreds of size
# pairs fit in tens of KB: odd and even sizes, up and down, one side up and the other down, 1, 3 and 4 channels.


def lcg_image(h, w, c, seed):
    # x ← (1103515245·x + 12345) mod 2^31; each value is bits 16–23 of the next state.
    x = seed
    out = np.empty(h * w * c, dtype=np.uint8)
    for i in range(h * w * c):
        x = (1103515245 * x + 12345) % 2147483648
        out[i] = (x >> 16) & 255
    return out.reshape(h, w, c)


def digest(a):
    import hashlib
    return hashlib.sha256(a.tobytes()).hexdigest()[:16]


INTERPS = {'nearest': cv2.INTER_NEAREST, 'linear': cv2.INTER_LINEAR, 'area': cv2.INTER_AREA, 'cubic': cv2.INTER_CUBIC}
rng = np.random.default_rng(22)
exact = []
pairs = set()
# Whole-number factors (OpenCV's fast area path), halving, and random pairs.
for (h, w) in [(12, 12), (9, 6), (24, 18), (8, 20)]:
    for (fy, fx) in [(2, 2), (3, 3), (2, 3), (4, 2), (1, 2), (3, 1)]:
        if h % fy == 0 and w % fx == 0:
            pairs.add((h, w, h // fy, w // fx))
while len(pairs) < 220:
    h, w, dh, dw = (int(v) for v in rng.integers(1, 34, 4))
    if (h, w) != (dh, dw):
        pairs.add((h, w, dh, dw))
for k, (h, w, dh, dw) in enumerate(sorted(pairs)):
    for c in (1, 3, 4) if k % 5 == 0 else (1, 3):
        seed = 1 + len(exact)
        img = lcg_image(h, w, c, seed)
        case = {'h': h, 'w': w, 'c': c, 'dh': dh, 'dw': dw, 'seed': seed}
        for name, interp in INTERPS.items():
            case[name] = digest(cv2.resize(img, (dw, dh), interpolation=interp))
        exact.append(case)
with open('test/fixtures/resize-exact.json', 'w') as f:
    json.dump({'opencv': cv2.__version__, 'cases': exact}, f, separators=(',', ':'))
