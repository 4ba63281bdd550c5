#!/usr/bin/env python3
"""Writes test/fixtures/gaussian-blur.json: cv2.GaussianBlur outputs that GaussianBlur must match byte for byte.

Run with Debian's OpenCV (`/usr/bin/python3 scripts/gen-blur-fixtures.py`); the tests read only the JSON.
Each case is what imgaug 0.4.0's GaussianBlur does for one sigma: imgaug's kernel-size rule, then
cv2.GaussianBlur((k, k), sigmaX=sigmaY=sigma, BORDER_REFLECT_101). Images are seeded random bytes, including
images smaller than the kernel (1x1, 2x3) and several channel counts. A few float32 cases are included too
(compared with a tolerance: OpenCV's float path accumulates in float32 with SIMD).
"""

import base64
import json
import os
import sys

import cv2
import numpy as np

SIGMAS = [0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 0.73, 1.37, 2.21, 3.9, 5.3]
SHAPES = [  # (height, width, channels)
    (1, 1, 1),
    (2, 3, 1),
    (3, 2, 1),
    (4, 4, 1),
    (5, 7, 1),
    (9, 11, 1),
    (16, 13, 1),
    (28, 28, 1),
    (1, 1, 3),
    (2, 3, 3),
    (6, 5, 3),
    (17, 19, 3),
    (1, 9, 3),
    (7, 6, 2),
    (5, 8, 4),
    (4, 5, 5),
    (40, 33, 1),
    (31, 37, 3),
]
FLOAT_SHAPES = [(2, 3, 1), (9, 11, 1), (6, 5, 3)]
FLOAT_SIGMAS = [1.0, 3.0, 6.0]


def kernel_size(sigma):
    """imgaug 0.4.0, imgaug/augmenters/blur.py, blur_gaussian_."""
    if sigma < 3.0:
        ksize = 3.3 * sigma
    elif sigma < 5.0:
        ksize = 2.9 * sigma
    else:
        ksize = 2.6 * sigma
    ksize = int(max(ksize, 5))
    if ksize % 2 == 0:
        ksize += 1
    return ksize


def blur(image, sigma):
    k = kernel_size(sigma)
    out = cv2.GaussianBlur(image, (k, k), sigmaX=sigma, sigmaY=sigma, borderType=cv2.BORDER_REFLECT_101)
    return out.reshape(image.shape)


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode('ascii')


def main():
    rng = np.random.RandomState(20240607)
    cases = []
    for h, w, c in SHAPES:
        image = rng.randint(0, 256, size=(h, w, c)).astype(np.uint8)
        # A few saturated pixels so that the rounding near 0 and 255 is exercised.
        image.flat[:: max(1, image.size // 3)] = 255
        outputs = [{'sigma': s, 'ksize': kernel_size(s), 'data': b64(blur(image, s))} for s in SIGMAS]
        cases.append({'dtype': 'uint8', 'height': h, 'width': w, 'channels': c, 'data': b64(image), 'outputs': outputs})
    for h, w, c in FLOAT_SHAPES:
        image = rng.random_sample(size=(h, w, c)).astype(np.float32)
        outputs = [{'sigma': s, 'ksize': kernel_size(s), 'data': b64(blur(image, s))} for s in FLOAT_SIGMAS]
        cases.append({'dtype': 'float32', 'height': h, 'width': w, 'channels': c, 'data': b64(image), 'outputs': outputs})
    fixture = {
        'generator': 'scripts/gen-blur-fixtures.py',
        'opencv': cv2.__version__,
        'note': 'base64 of HWC bytes (float32 little-endian); outputs are cv2.GaussianBlur with imgaug 0.4.0 ksize',
        'cases': cases,
    }
    path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'gaussian-blur.json')
    with open(path, 'w') as f:
        json.dump(fixture, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes, {len(cases)} images)', file=sys.stderr)


if __name__ == '__main__':
    main()
