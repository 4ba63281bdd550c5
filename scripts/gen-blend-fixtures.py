#!/usr/bin/env python3
"""Writes test/fixtures/blend.json: imgaug 0.4.0's alpha blending (`blend_alpha`) and its mask generators, computed
with numpy 1.24 from their formulas (imgaug itself is not installed; `/usr/bin/python3 scripts/gen-blend-fixtures.py`).

blend_alpha(fg, bg, alpha): alpha becomes a float64 array; all alphas >= 1 - 0.01 give fg, all <= 0.01 give bg;
otherwise alpha and both images go to float32 for uint8 images (float64 for float32 ones), the result is
bg + alpha * (fg - bg), and uint8 results are rounded with np.round (half to even) and cast without clipping.

- `pairs`: for each alpha, every (fg, bg) pair of uint8 values as one 256x256 image (fg = column, bg = row): the
  SHA-256 of the result and, for readable failures, its values at `pairPicks`.
- `images`: small odd-sized images and their blends with a factor per image or per channel (uint8 and float32).
"""

import base64
import hashlib
import json
import os

import numpy as np

EPS = 1e-2
PAIR_ALPHAS = [0.5, 0.3, 0.7, 0.123456789, 0.98, 0.015, 0.25, 0.6180339887]


def blend_alpha(fg, bg, alpha):
    alpha = np.array(alpha, dtype=np.float64)
    if alpha.size > 1 and alpha.ndim == 1:
        alpha = alpha.reshape((1, 1, -1))
    if np.all(alpha >= 1.0 - EPS):
        return np.copy(fg)
    if np.all(alpha <= EPS):
        return np.copy(bg)
    dt = np.float32 if fg.dtype == np.uint8 else np.float64
    out = bg.astype(dt) + alpha.astype(dt) * (fg.astype(dt) - bg.astype(dt))
    if fg.dtype == np.uint8:
        return np.round(out).astype(np.uint8)
    return out.astype(fg.dtype)


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def sha256(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def image_json(array):
    h, w = array.shape[:2]
    c = array.shape[2] if array.ndim == 3 else 1
    return {"height": h, "width": w, "channels": c, "dtype": str(array.dtype), "data": b64(array)}


def main():
    fg = np.tile(np.arange(256, dtype=np.uint8)[None, :], (256, 1))
    bg = np.tile(np.arange(256, dtype=np.uint8)[:, None], (1, 256))
    rng = np.random.default_rng(24)
    picks = np.sort(rng.choice(256 * 256, 64, replace=False))
    pairs = []
    for alpha in PAIR_ALPHAS:
        out = blend_alpha(fg, bg, alpha)
        pairs.append({"alpha": alpha, "sha256": sha256(out), "picked": out.reshape(-1)[picks].tolist()})

    images = []
    for (h, w, c) in [(7, 5, 3), (3, 11, 1), (4, 3, 4)]:
        a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
        b = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
        fa = rng.random((h, w, c), dtype=np.float32)
        fb = rng.random((h, w, c), dtype=np.float32)
        factors = [[0.5], [0.37], list(rng.random(c))] + ([[0.995, 0.4, 0.2, 0.9][:c]] if c > 1 else [])
        for alpha in factors:
            images.append({
                "fg": image_json(a), "bg": image_json(b), "alphas": alpha,
                "out": image_json(blend_alpha(a, b, alpha[0] if len(alpha) == 1 else alpha)),
            })
            images.append({
                "fg": image_json(fa), "bg": image_json(fb), "alphas": alpha,
                "out": image_json(blend_alpha(fa, fb, alpha[0] if len(alpha) == 1 else alpha)),
            })

    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "blend.json")
    with open(path, "w") as f:
        json.dump({"pairPicks": picks.tolist(), "pairs": pairs, "images": images}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
