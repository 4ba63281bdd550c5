#!/usr/bin/env python3
"""Writes test/fixtures/noise.json: the deterministic steps of imgaug 0.4.0's noise parameters, for the noise kernels.

    /usr/bin/python3 scripts/gen-noise-fixtures.py OPENSIMPLEX_PY SAMPLES_JSON_GZ

OPENSIMPLEX_PY is opensimplex 0.3's `opensimplex/opensimplex.py` (the package imgaug 0.4.0 imports; pure Python, tag
v0.3 of github.com/lmas/opensimplex) and SAMPLES_JSON_GZ that tag's `tests/samples.json.gz` (seed 0 values from
ojrac/opensimplex-go, an independent implementation). The fixture holds:
- `simplexSamples`: the first 2-D samples of SAMPLES_JSON_GZ ([x, y, value], seed 0), as published;
- `simplexGrids`: `OpenSimplex(seed).noise2d(x, y)` on small integer grids for several seeds (what imgaug samples);
- `frequency`: iap.FrequencyNoise's field before upscaling for given uniform draws (its math copied from imgaug);
- `upscale`: imgaug's enlarging of a small noise image (uint8 by truncation, cv2.resize) per interpolation;
- `sigmoid`: iap.Sigmoid.create_for_noise's mapping of a float32 noise image for a threshold.
"""

import gzip
import importlib.util
import json
import os
import sys

import cv2
import numpy as np


def load_opensimplex(path):
    spec = importlib.util.spec_from_file_location("opensimplex_v03", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.OpenSimplex


def simplex_samples(path, count=60):
    out = []
    with gzip.open(path) as f:
        for line in f:
            s = json.loads(line.decode("utf-8"))
            if len(s) == 3:
                out.append(s)
                if len(out) == count:
                    break
    return out


def simplex_grids(open_simplex):
    grids = []
    for seed, height, width in [(0, 4, 6), (1, 5, 7), (7, 3, 16), (123456789, 6, 6), (2147483646, 2, 9)]:
        gen = open_simplex(seed=seed)
        values = [gen.noise2d(x=x, y=y) for y in range(height) for x in range(width)]
        grids.append({"seed": seed, "height": height, "width": width, "values": values})
    return grids


def frequency_field(wn_r, wn_a, exponent):
    """imgaug 0.4.0's FrequencyNoise._draw_samples_hw between the random draws and the upscaling."""
    h_small, w_small = wn_r.shape
    wn_r = wn_r * (max(h_small, w_small) ** 2)
    wn_a = wn_a * 2 * np.pi
    wn_r = wn_r * np.cos(wn_a)
    wn_a = wn_r * np.sin(wn_a)

    def _freq(yy, xx):
        hdist = np.minimum(yy, h_small - yy)
        wdist = np.minimum(xx, w_small - xx)
        return np.sqrt(hdist ** 2 + wdist ** 2)

    f = np.fromfunction(_freq, (h_small, w_small))
    f[0, 0] = 1
    scale = f ** exponent
    scale[0, 0] = 0
    wn_freqs_mul = np.zeros(wn_r.shape, dtype=np.complex128)
    wn_freqs_mul.real = wn_r * scale
    wn_freqs_mul.imag = wn_a * scale
    wn_inv = np.fft.ifft2(wn_freqs_mul).real
    return (wn_inv - np.min(wn_inv)) / (np.max(wn_inv) - np.min(wn_inv))


def frequency_cases(rng):
    cases = []
    for height, width, exponent in [(4, 4, -4.0), (5, 7, 2.5), (8, 13, 0.0), (9, 9, -1.3), (6, 12, 3.7)]:
        radius = rng.random((height, width))
        angle = rng.random((height, width))
        out = frequency_field(radius, angle, exponent)
        cases.append({"height": height, "width": width, "exponent": exponent, "radius": radius.ravel().tolist(),
                      "angle": angle.ravel().tolist(), "values": out.ravel().tolist()})
    return cases


INTERPOLATIONS = {"nearest": cv2.INTER_NEAREST, "linear": cv2.INTER_LINEAR, "area": cv2.INTER_AREA,
                  "cubic": cv2.INTER_CUBIC}


def upscale(noise, height, width, interpolation):
    """imgaug's enlarging in SimplexNoise / FrequencyNoise (imresize_single_image calls cv2.resize), before its final
    `/ 255.0` to float32 (kept as the uint8 values: the fixture stays small and float32(u / 255) follows from them)."""
    noise_uint8 = (noise * 255).astype(np.uint8)
    noise_3d = np.tile(noise_uint8[..., np.newaxis], (1, 1, 3))
    resized = cv2.resize(noise_3d, (width, height), interpolation=INTERPOLATIONS[interpolation])
    return resized[..., 0]


def upscale_cases(rng):
    cases = []
    for k, (dtype, (sh, sw), (height, width)) in enumerate(
            [("float32", (3, 5), (7, 11)), ("float64", (4, 4), (9, 9)), ("float32", (2, 6), (5, 13)),
             ("float64", (5, 3), (16, 10))]):
        small = rng.random((sh, sw)).astype(dtype)
        for name in INTERPOLATIONS:
            cases.append({"dtype": dtype, "height": sh, "width": sw, "small": small.ravel().tolist(),
                          "outHeight": height, "outWidth": width, "interpolation": name,
                          "bytes": upscale(small, height, width, name).ravel().tolist()})
    return cases


def sigmoid_cases(rng):
    cases = []
    for threshold in [0.0, 1.7, -6.25, 12.0]:
        values = rng.random(40).astype(np.float32)
        out = 1 / (1 + np.exp(-(values * 20 + (-10) - np.float64(threshold))))
        cases.append({"threshold": threshold, "input": values.tolist(), "values": out.astype(np.float32).tolist()})
    return cases


def main():
    open_simplex = load_opensimplex(sys.argv[1])
    rng = np.random.default_rng(2424)
    out = {
        "opencv": cv2.__version__,
        "numpy": np.__version__,
        "simplexSamples": simplex_samples(sys.argv[2]),
        "simplexGrids": simplex_grids(open_simplex),
        "frequency": frequency_cases(rng),
        "upscale": upscale_cases(rng),
        "sigmoid": sigmoid_cases(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "noise.json")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
