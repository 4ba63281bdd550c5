#!/usr/bin/python3
"""Writes test/fixtures/warp-affine.json: OpenCV warpAffine outputs that src/kernels/warp-affine.ts must match
byte for byte.

Run with Debian's python3 (python3-opencv, python3-numpy): /usr/bin/python3 scripts/gen-warp-fixtures.py
Tests read only the committed JSON; this script is needed only to regenerate it.
"""
import base64
import json
import math
import os

import cv2
import numpy as np

cv2.setNumThreads(1)
rng = np.random.RandomState(20240603)

MODES = {
    "constant": cv2.BORDER_CONSTANT,
    "edge": cv2.BORDER_REPLICATE,
    "symmetric": cv2.BORDER_REFLECT,
    "reflect": cv2.BORDER_REFLECT_101,
    "wrap": cv2.BORDER_WRAP,
}
ORDERS = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 3: cv2.INTER_CUBIC}


def about_centre(h, w, sx=1.0, sy=1.0, deg=0.0, shear=0.0, tx=0.0, ty=0.0):
    """imgaug-style forward matrix (skimage AffineTransform about ((W-1)/2, (H-1)/2)), as 6 floats."""
    r = math.radians(deg)
    s = math.radians(shear)
    a = np.array([[sx * math.cos(r), -sy * math.sin(r + s), tx],
                  [sx * math.sin(r), sy * math.cos(r + s), ty],
                  [0, 0, 1]])
    cx, cy = w / 2 - 0.5, h / 2 - 0.5
    t1 = np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]], dtype=float)
    t2 = np.array([[1, 0, cx], [0, 1, cy], [0, 0, 1]], dtype=float)
    m = t2 @ a @ t1
    return [float(v) for v in m[:2].reshape(-1)]


def matrices(h, w):
    return [
        ("identity", [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]),
        ("rotate30", about_centre(h, w, deg=30)),
        ("rotate-90", about_centre(h, w, deg=-90)),
        ("rotate180", about_centre(h, w, deg=180)),
        ("scale2", about_centre(h, w, 2, 2)),
        ("scale0.6-rot45", about_centre(h, w, 0.6, 0.6, deg=45)),
        ("shear20", about_centre(h, w, shear=20)),
        ("shear-35-scale1.2x", about_centre(h, w, sx=1.2, shear=-35)),
        ("translate3", [1.0, 0.0, 3.0, 0.0, 1.0, 0.0]),
        ("translate-frac", [1.0, 0.0, -2.5, 0.0, 1.0, 1.0 / 3.0]),
        ("translate-far", [1.0, 0.0, 50.3, 0.0, 1.0, -37.7]),
        ("random", [float(v) for v in rng.uniform(-1.5, 1.5, 6) * [1, 1, 4, 1, 1, 4]]),
        ("tiny-rot", about_centre(h, w, 1.05, 0.97, deg=3.7, shear=1.1, tx=0.4, ty=-0.6)),
    ]


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


cases = []
images = []


def image_id(img):
    for i, known in enumerate(images):
        if known is img:
            return i
    images.append(img)
    return len(images) - 1


def add(img, name, m, order, mode, cval, out_hw=None):
    h, w = img.shape[:2]
    oh, ow = out_hw or (h, w)
    mat = np.array(m, dtype=np.float64).reshape(2, 3)
    out = cv2.warpAffine(img, mat, (ow, oh), flags=ORDERS[order], borderMode=MODES[mode],
                         borderValue=(cval, cval, cval, cval))
    cn = 1 if img.ndim == 2 else img.shape[2]
    cases.append({
        "name": "%dx%dx%d %s" % (h, w, cn, name), "image": image_id(img),
        "matrix": m, "order": order, "mode": mode, "cval": cval,
        "outHeight": oh, "outWidth": ow, "expected": b64(out),
    })


def mode_cvals():
    for mode in MODES:
        for cval in ((0, 200) if mode == "constant" else (0,)):
            yield mode, cval


def image(h, w, cn):
    shape = (h, w) if cn == 1 else (h, w, cn)
    return rng.randint(0, 256, size=shape).astype(np.uint8)


# Small images: every matrix x order x mode in gray, most of them in RGB.
img = image(7, 9, 1)
for name, m in matrices(7, 9):
    if name in ("rotate180", "translate3"):
        continue
    for order in ORDERS:
        for mode, cval in mode_cvals():
            add(img, name, m, order, mode, cval)
img = image(7, 9, 3)
for name, m in matrices(7, 9):
    if name not in ("identity", "rotate180", "translate3", "scale2", "random", "translate-far"):
        for order in ORDERS:
            for mode, cval in mode_cvals():
                add(img, name, m, order, mode, cval)

# 28x28: a subset (every order and mode, fewer matrices), gray and RGB.
img1 = image(28, 28, 1)
for name, m in matrices(28, 28):
    if name in ("rotate30", "shear-35-scale1.2x", "tiny-rot"):
        for order in ORDERS:
            for mode, cval in mode_cvals():
                add(img1, name, m, order, mode, cval)
img3 = image(28, 28, 3)
for name, m in matrices(28, 28):
    if name == "tiny-rot":
        for order in ORDERS:
            for mode, cval in mode_cvals():
                add(img3, name, m, order, mode, cval)

# Output size differing from the input (fit_output-like), 4 channels, and axes of one pixel.
m = about_centre(28, 28, deg=30)
m = [m[0], m[1], m[2] + 5, m[3], m[4], m[5] + 5]
for order in ORDERS:
    add(img1, "rotate30 into 38x38", m, order, "constant", 0, (38, 38))
img4 = image(7, 9, 4)
for order in ORDERS:
    for mode, cval in mode_cvals():
        add(img4, "rotate30", about_centre(7, 9, deg=30), order, mode, cval)
for h, w in ((1, 5), (5, 1), (1, 1), (3, 3)):
    img = image(h, w, 1)
    for name, m in (("rotate30", about_centre(h, w, deg=30)), ("translate-frac", [1.0, 0.0, -2.5, 0.0, 1.0, 0.4])):
        for order in ORDERS:
            for mode, cval in mode_cvals():
                add(img, name, m, order, mode, cval, (4, 6))

# Far-reaching taps on a small image (the kernel's per-tap border path rather than its padded copy).
img = image(12, 12, 1)
m = about_centre(12, 12, deg=20, tx=-230.4, ty=170.6)
for order in ORDERS:
    for mode, cval in mode_cvals():
        add(img, "rotate20 translate-very-far", m, order, mode, cval)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "warp-affine.json")
with open(path, "w") as f:
    imgs = [{"height": a.shape[0], "width": a.shape[1], "channels": 1 if a.ndim == 2 else a.shape[2], "data": b64(a)}
            for a in images]
    json.dump({"opencv": cv2.__version__, "generator": "scripts/gen-warp-fixtures.py", "images": imgs,
               "cases": cases}, f,
              separators=(",", ":"))
print("%d cases, %d bytes -> %s" % (len(cases), os.path.getsize(path), os.path.normpath(path)))
