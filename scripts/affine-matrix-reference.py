#!/usr/bin/python3
"""Prints imgaug 0.4.0's Affine matrices for a few parameter sets, computed the way imgaug does it: samples held in
numpy arrays (float32 for Python floats, int32 for ints), np.deg2rad, scikit-image 0.19's AffineTransform formula
and `a + b` = b.params @ a.params, and fit_output's corner mapping. Neither imgaug nor scikit-image is needed:
their few lines are restated below with numpy 1.x scalar semantics. The output (JSON, doubles as exact repr)
is pasted into src/augmenters/geometric/affine-matrix.test.ts.

    /usr/bin/python3 scripts/affine-matrix-reference.py
"""
import json
import math

import numpy as np


def sk_affine(scale=(1, 1), rotation=0, shear=0, translation=(0, 0)):
    sx, sy = scale
    p = np.array([[sx * math.cos(rotation), -sy * math.sin(rotation + shear), 0],
                  [sx * math.sin(rotation), sy * math.cos(rotation + shear), 0],
                  [0, 0, 1]])
    p[0:2, 2] = translation
    return p


def sk_translation(t):
    p = np.array([[math.cos(0), -math.sin(0), 0], [math.sin(0), math.cos(0), 0], [0, 0, 1]])
    p[0:2, 2] = t
    return p


def sample(v):
    """imgaug's Deterministic parameter: a one-element array, int32 for ints, float32 for floats."""
    return np.full((1,), v, dtype=np.int32 if isinstance(v, int) else np.float32)[0]


def to_matrix(h, w, scale=(1.0, 1.0), translate=(0, 0), mode="px", rotate=0.0, shear=(0.0, 0.0), fit=False):
    sx, sy = sample(scale[0]), sample(scale[1])
    tx, ty = sample(translate[0]), sample(translate[1])
    if mode == "percent":
        ty_px, tx_px = ty * h, tx * w
    else:
        ty_px, tx_px = (ty / h) * h, (tx / w) * w
    r, shx, shy = np.deg2rad([sample(rotate), sample(shear[0]), sample(shear[1])])
    shift_y, shift_x = h / 2.0 - 0.5, w / 2.0 - 0.5
    mats = [sk_translation([-shift_x, -shift_y]), sk_affine(rotation=-3.141592 / 2), sk_affine(shear=shy),
            sk_affine(rotation=3.141592 / 2),
            sk_affine(scale=(sx, sy), translation=(tx_px, ty_px), rotation=r, shear=shx),
            sk_translation([shift_x, shift_y])]
    m = mats[0]
    for nxt in mats[1:]:
        m = nxt @ m
    out = (h, w)
    if fit:
        corners = np.array([[0, 0], [0, h - 1], [w - 1, h - 1], [w - 1, 0]])
        src = np.vstack((corners[:, 0], corners[:, 1], np.ones(4, dtype=corners.dtype)))
        dst = src.T @ m.T
        minc, minr = dst[:, 0].min(), dst[:, 1].min()
        maxc, maxr = dst[:, 0].max(), dst[:, 1].max()
        out = tuple(int(v) for v in np.ceil((maxr - minr + 1, maxc - minc + 1)).tolist())
        m = sk_translation((-minc, -minr)) @ m
    return [repr(float(v)) for v in m[:2].reshape(-1)], out


CASES = [
    dict(h=28, w=28, scale=(2.0, 2.0)),
    dict(h=28, w=28, scale=(2.0, 2.0), fit=True),
    dict(h=28, w=28, rotate=90.0, fit=True),
    dict(h=28, w=28, rotate=30.0, fit=True),
    dict(h=64, w=64, rotate=30.0, fit=True),
    dict(h=28, w=28, shear=(30.0, 0.0), fit=True),
    dict(h=32, w=48, scale=(1.1, 0.9), translate=(0.1, -0.05), mode="percent", rotate=-17.3, shear=(12.5, -7.25)),
    dict(h=28, w=28, translate=(3, -2), rotate=33.3, shear=(0.0, 21.7)),
]
print(json.dumps([dict(case=c, matrix=m, shape=list(s)) for c in CASES for m, s in [to_matrix(**c)]], indent=1))
