#!/usr/bin/env python3
"""Writes test/fixtures/blend.json: imgaug 0.4.0's alpha blending (`blend_alpha`) and its mask generators, computed
with numpy 1.24 from their formulas (imgaug itself is not installed; `/usr/bin/python3 scripts/gen-blend-fixtures.py`).

blend_alpha(fg, bg, alpha): alpha becomes a float64 array; all alphas >= 1 - 0.01 give fg, all <= 0.01 give bg;
otherwise alpha and both images go to float32 for uint8 images (float64 for float32 ones), the result is
bg + alpha * (fg - bg), and uint8 results are rounded with np.round (half to even) and cast without clipping.

- `pairs`: for each alpha, every (fg, bg) pair of uint8 values as one 256x256 image (fg = column, bg = row): the
  SHA-256 of the result and, for readable failures, its values at `pairPicks`.
- `images`: small odd-sized images and their blends with a factor per image or per channel (uint8 and float32).
- `gradients`, `grids`: masks of the linear-gradient, regular-grid and checkerboard generators for given draws
  (float32), and a uint8 RGB pair blended through each.
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
    elif alpha.ndim == 2:
        alpha = alpha[:, :, np.newaxis]
    if np.all(alpha >= 1.0 - EPS):
        return np.copy(fg)
    if np.all(alpha <= EPS):
        return np.copy(bg)
    dt = np.float32 if fg.dtype == np.uint8 else np.float64
    out = bg.astype(dt) + alpha.astype(dt) * (fg.astype(dt) - bg.astype(dt))
    if fg.dtype == np.uint8:
        return np.round(out).astype(np.uint8)
    return out.astype(fg.dtype)


def gradient_mask(shape, axis, min_value, max_value, start_at, end_at):
    """_LinearGradientMaskGen._generate_mask: axis 0 is vertical, 1 horizontal."""
    height, width = shape[0:2]
    size = shape[axis]
    min_value = min(max(min_value, 0.0), 1.0)
    max_value = min(max(max_value, 0.0), 1.0)
    start = min(max(int(start_at * size), 0), size)
    end = min(max(int(end_at * size), 0), size)
    inverted = end < start
    if inverted:
        start, end = end, start
    line = np.concatenate((
        np.full((start,), min_value, dtype=np.float32),
        np.linspace(min_value, max_value, num=end - start, dtype=np.float32),
        np.full((size - end,), max_value, dtype=np.float32)), axis=0)
    if inverted:
        line = 1.0 - line
    if axis == 0:
        return np.tile(line[:, None], (1, width))
    return np.tile(line[None, :], (height, 1))


def grid_mask(shape, nb_rows, nb_cols, alphas):
    """RegularGridMaskGen.generate_mask: cells of int(H / rows) x int(W / cols), centred, reflect-padded."""
    height, width = shape[0:2]
    nb_rows = min(max(nb_rows, 1), height)
    nb_cols = min(max(nb_cols, 1), width)
    mask = np.asarray(alphas, dtype=np.float64).flat[0:nb_rows * nb_cols].astype(np.float32)
    mask = mask.reshape((nb_rows, nb_cols))
    mask = np.repeat(mask, int(height / nb_rows), axis=0)
    mask = np.repeat(mask, int(width / nb_cols), axis=1)
    mh, mw = height - mask.shape[0], width - mask.shape[1]
    return np.pad(mask, ((mh // 2, mh - mh // 2), (mw // 2, mw - mw // 2)), mode="reflect")


def checkerboard_alphas(nb_rows, nb_cols):
    alphas = np.full((nb_cols,), 1.0, dtype=np.float32)
    alphas[::2] = 0.0
    alphas = np.tile(alphas[np.newaxis, :], (nb_rows, 1))
    alphas[::2, :] = 1.0 - alphas[::2, :]
    return alphas


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

    gradients = []
    gradient_cases = [
        ((7, 5), 0, 0.1, 0.9, 0.2, 0.8), ((7, 5), 1, 0.1, 0.9, 0.2, 0.8), ((4, 9), 1, 0.05, 0.95, 0.1, 0.9),
        ((9, 4), 0, 0.3, 0.7, 0.9, 0.1), ((5, 11), 1, 0.7, 0.2, 0.0, 1.0), ((6, 6), 0, 0.2, 0.2, 0.0, 1.0),
        ((1, 6), 1, 0.0, 1.0, 0.5, 0.5), ((13, 3), 0, 0.123, 0.987, 0.33, 0.77), ((8, 8), 1, 0.0, 1.0, 0.0, 1.0),
        ((3, 17), 1, 0.19, 0.83, 0.06, 0.94), ((10, 1), 0, 0.0, 1.0, 0.95, 1.0)]
    for (shape, axis, lo, hi, start, end) in gradient_cases:
        mask = gradient_mask(shape, axis, lo, hi, start, end)
        a = rng.integers(0, 256, shape + (3,), dtype=np.uint8)
        b = rng.integers(0, 256, shape + (3,), dtype=np.uint8)
        gradients.append({
            "axis": "y" if axis == 0 else "x", "minValue": lo, "maxValue": hi, "startAt": start, "endAt": end,
            "mask": image_json(mask), "fg": image_json(a), "bg": image_json(b),
            "out": image_json(blend_alpha(a, b, mask)),
        })

    grids = []
    grid_cases = [((7, 5), 2, 2), ((10, 10), 3, 4), ((5, 13), 4, 3), ((9, 9), 9, 9), ((4, 6), 7, 2), ((11, 3), 3, 1),
                  ((1, 1), 2, 2), ((6, 17), 1, 5)]
    for (shape, rows, cols) in grid_cases:
        for kind in ("grid", "checkerboard"):
            if kind == "grid":
                alphas = rng.random(rows * cols)
            else:
                r, c = min(max(rows, 1), shape[0]), min(max(cols, 1), shape[1])
                alphas = checkerboard_alphas(r, c)
            mask = grid_mask(shape, rows, cols, alphas)
            a = rng.integers(0, 256, shape + (3,), dtype=np.uint8)
            b = rng.integers(0, 256, shape + (3,), dtype=np.uint8)
            grids.append({
                "kind": kind, "nbRows": rows, "nbCols": cols, "alphas": np.asarray(alphas).reshape(-1).tolist(),
                "mask": image_json(mask), "fg": image_json(a), "bg": image_json(b),
                "out": image_json(blend_alpha(a, b, mask)),
            })

    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "blend.json")
    with open(path, "w") as f:
        json.dump({"pairPicks": picks.tolist(), "pairs": pairs, "images": images, "gradients": gradients,
                   "grids": grids}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
