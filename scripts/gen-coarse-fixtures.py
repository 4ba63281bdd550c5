"""Writes test/fixtures/coarse.json: imgaug 0.4.0's coarse masks (`iap.FromLowerResolution` with method 'nearest',
as CoarseDropout, CoarseSalt, CoarsePepper and CoarseSaltAndPepper use it) upscaled to the image, and CoarseDropout's
output for them, rebuilt from OpenCV 4.6 and numpy 1.24 (imgaug itself is not installed) by following imgaug's code:
`FromLowerResolution._draw_samples` (int32 samples, `imresize_many_images(..., interpolation='nearest')`, i.e.
`cv2.resize(..., INTER_NEAREST)`; stored as np.packbits of the 0/1 mask) and `multiply_elementwise` for uint8 (a bool
mask: float32 product, clipped and truncated). Run with /usr/bin/python3 from the repository root; the tests read only the JSON."""
import base64
import json

import cv2
import numpy as np


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def upscale(low, height, width):
    """FromLowerResolution's resize of one (h, w, c) int32 mask to (height, width, c)."""
    up = cv2.resize(low, (width, height), interpolation=cv2.INTER_NEAREST)
    return up[:, :, None] if up.ndim == 2 else up


def coarse_dropout(image, up):
    """MultiplyElementwise's uint8 path with a bool mask (per_channel: one mask channel per image channel)."""
    mul = up.astype(bool)
    if mul.shape[2] == 1:
        mul = np.tile(mul, (1, 1, image.shape[2]))
    out = image.astype(np.float32) * mul.astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


rng = np.random.default_rng(24)
cases = []
# Mask sizes from imgaug's defaults (3…8) and beyond, onto odd and even image sizes, larger and smaller than the mask
# (min_size can make the mask larger than the image).
shapes = [(1, 1), (2, 3), (3, 3), (5, 7), (8, 8), (4, 11), (12, 5)]
sizes = [(2, 2), (3, 5), (7, 3), (13, 17), (16, 16), (28, 28), (31, 45), (64, 37)]
for k, (hs, ws) in enumerate(shapes):
    for j, (height, width) in enumerate(sizes):
        # One channel, three sharing a mask, or three with a mask each, in turn: every mask and image size meets
        # each kind, in 56 cases of a few KB.
        channels, per_channel = [(1, False), (3, False), (3, True)][(k + j) % 3]
        if True:
            c = channels if per_channel else 1
            low = (rng.random((hs, ws, c)) < 0.5).astype(np.int32)
            up = upscale(low, height, width)
            image = rng.integers(1, 256, size=(height, width, channels), dtype=np.uint8)
            case = {
                'maskHeight': hs, 'maskWidth': ws, 'height': height, 'width': width, 'channels': channels,
                'perChannel': per_channel, 'low': b64(low.astype(np.uint8)), 'up': b64(np.packbits(up.astype(np.uint8))),
            }
            if height * width <= 300:  # CoarseDropout's bytes for the smaller images (keeps the file small)
                case['image'] = b64(image)
                case['dropout'] = b64(coarse_dropout(image, up))
            cases.append(case)

with open('test/fixtures/coarse.json', 'w') as f:
    json.dump({'opencv': cv2.__version__, 'numpy': np.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/coarse.json: {len(cases)} cases')
