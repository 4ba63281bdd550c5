#!/usr/bin/env python3
"""Writes test/fixtures/jpeg.json: Pillow 9.4 + libjpeg-turbo JPEG round trips that augkit's JPEG kernel must match.

Run with Debian's Pillow (`/usr/bin/python3 scripts/gen-jpeg-fixtures.py`); the tests read only the JSON. Each round
trip is what imgaug 0.4.0's `compress_jpeg` does: `PIL.Image.fromarray(image).save(f, format="JPEG",
quality=quality)` (baseline, 4:2:0 for RGB, the IJG tables scaled by quality) and `PIL.Image.open(f)` read back in
the image's mode ("RGB" for 3 channels, "L" for one).

Each round trip is also made with OpenCV's imencode/imdecode (BGR, the bench's OpenCV row) and must give the same
bytes. To keep the file small, an output is stored as the first 16 hex digits of its SHA-256 for every quality
1–100, and in full (base64) for a few qualities of the small shapes, so that a failing test can show where it
differs. The grey inputs are the RGB inputs' first channel.
"""

import base64
import hashlib
import io
import json
import os

import cv2
import numpy as np
import PIL
import PIL.features
import PIL.Image

assert PIL.__version__ == '9.4.0', PIL.__version__
assert PIL.features.check_feature('libjpeg_turbo'), 'Pillow is not built with libjpeg-turbo'

# (height, width): one pixel, widths of at most 4 (libjpeg-turbo upsamples their chroma without the triangle filter),
# rows and columns that end inside a block or inside a 16×16 MCU, and whole MCUs.
SHAPES = [(1, 1), (5, 3), (2, 4), (1, 20), (20, 1), (7, 13), (17, 9), (33, 31), (64, 64)]
# Every quality for these shapes; the others at FEW_QUALITIES.
SWEEP_SHAPES = [(7, 13), (17, 9), (33, 31), (64, 64)]
FEW_QUALITIES = [1, 2, 5, 10, 25, 31, 50, 75, 90, 95, 99, 100]
# Outputs stored in full: (height, width) × these qualities.
FULL_SHAPES = [(5, 3), (7, 13), (17, 9)]
FULL_QUALITIES = [1, 50, 100]


def digest(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()[:16]


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode('ascii')


def round_trip(image, quality):
    mode = 'L' if image.ndim == 2 else 'RGB'
    f = io.BytesIO()
    PIL.Image.fromarray(image, mode).save(f, format='JPEG', quality=quality)
    f.seek(0)
    back = PIL.Image.open(f)
    assert back.mode == mode, back.mode
    out = np.asarray(back.convert(mode))
    # OpenCV 4.6 (BGR, on the same libjpeg-turbo) gives the same bytes: the bench's OpenCV row is this round trip.
    ok, buf = cv2.imencode('.jpg', image[..., ::-1] if image.ndim == 3 else image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    decoded = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    assert np.array_equal(decoded[..., ::-1] if image.ndim == 3 else decoded, out), (image.shape, quality)
    return out


def smooth_image(rng, h, w):
    """Gradients, a disc, a bar and mild noise: what photos have (flat areas, edges, texture), clipped at 0 and 255."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    r = np.hypot(y - cy, x - cx)
    channels = []
    for c in range(3):
        base = 40 + 200 * (x + 1) / (w + 1) * (c != 1) + 180 * (y + 1) / (h + 1) * (c != 2) - 60 * c
        base = np.where(r < max(h, w) / 4, 255 - base / 2, base)
        base = np.where((x.astype(int) // 3) % 5 == 1, 20 + 30 * c, base)
        channels.append(base + rng.normal(0, 12, size=(h, w)))
    return np.clip(np.rint(np.stack(channels, axis=-1)), 0, 255).astype(np.uint8)


def main():
    rng = np.random.RandomState(20261208)
    images = [(h, w, smooth_image(rng, h, w)) for h, w in SHAPES]
    # One pixel checkerboard of 0 and 255 (in every channel: grey in RGB): the largest high-frequency energy, where
    # the decoder's reconstruction overshoots furthest.
    checker = ((np.indices((16, 16)).sum(axis=0) % 2) * 255).astype(np.uint8)
    images.append((16, 16, np.repeat(checker[..., None], 3, axis=-1)))

    cases = []
    for h, w, rgb in images:
        qualities = range(1, 101) if (h, w) in SWEEP_SHAPES else FEW_QUALITIES
        for channels in (1, 3):
            image = rgb[..., 0] if channels == 1 else rgb
            case = {
                'height': h,
                'width': w,
                'channels': channels,
                'qualities': list(qualities),
                'sha256': [digest(round_trip(image, q)) for q in qualities],
                'full': {},
            }
            if (h, w) in FULL_SHAPES:
                case['full'] = {str(q): b64(round_trip(image, q)) for q in FULL_QUALITIES}
            cases.append(case)
    inputs = [{'height': h, 'width': w, 'rgb': b64(rgb)} for h, w, rgb in images]

    out = {
        'generator': 'scripts/gen-jpeg-fixtures.py',
        'pillow': PIL.__version__,
        'libjpeg_turbo': PIL.features.version('libjpeg_turbo'),
        'inputs': inputs,
        'cases': cases,
    }
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    path = os.path.join(root, 'test', 'fixtures', 'jpeg.json')
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {path}: {len(cases)} cases, {sum(len(c["qualities"]) for c in cases)} round trips')


if __name__ == '__main__':
    main()
