#!/usr/bin/env python3
"""Peers for the bench's pillike rows, which `opencv_bench.py` lacks: what imgaug 0.4.0's iaa.pillike calls (Pillow),
and the nearest OpenCV operation, on the rgb256 workload, one image per call, single-threaded.

    /usr/bin/python3 bench/pillike-peers.py [--photos data-sample/photos] [--repeats 7] [--seconds 0.2]

Prints one JSON line per case: images/s medians (and min, max) of `--repeats` timed repeats of about `--seconds` each,
after a warm-up. Pillow rows include imgaug's conversions (numpy → PIL.Image → numpy), as imgaug's pillike does.
OpenCV rows: cv2.filter2D with Pillow's kernel (SMOOTH_MORE 5×5, DETAIL 3×3), the same plus cv2.addWeighted for
EnhanceSharpness (Pillow blends the image with its SMOOTH filter), cv2.warpAffine INTER_NEAREST for the rotation.
"""

import argparse
import glob
import json
import math
import os
import statistics
import time

import cv2
import numpy as np
import PIL.Image
import PIL.ImageEnhance
import PIL.ImageFilter

cv2.setNumThreads(1)


def load_photos(folder, n=200):
    paths = sorted(glob.glob(os.path.join(folder, "*.png")))
    images = [np.asarray(PIL.Image.open(p).convert("RGB").resize((256, 256))) for p in paths]
    return [images[i % len(images)] for i in range(n)]


def pil_filter(kernel):
    return lambda img: np.asarray(PIL.Image.fromarray(img).filter(kernel))


def pil_sharpness(img):
    return np.asarray(PIL.ImageEnhance.Sharpness(PIL.Image.fromarray(img)).enhance(1.5))


def pil_rotate30(img):
    # imgaug's pillike.Affine: PIL's transform with the inverse matrix about the centre, nearest, fill 0.
    h, w = img.shape[:2]
    a = math.radians(30)
    cx, cy = w / 2, h / 2
    c, s = math.cos(a), math.sin(a)
    inv = (c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy)
    return np.asarray(PIL.Image.fromarray(img).transform((w, h), PIL.Image.AFFINE, inv, resample=PIL.Image.NEAREST))


def kernel_of(pil_kernel):
    size, scale, offset, values = pil_kernel.filterargs
    return np.array(values, dtype=np.float32).reshape(size[1], size[0]) / scale


SMOOTH_MORE = kernel_of(PIL.ImageFilter.SMOOTH_MORE)
DETAIL = kernel_of(PIL.ImageFilter.DETAIL)
SMOOTH = kernel_of(PIL.ImageFilter.SMOOTH)


def cv_filter(kernel):
    return lambda img: cv2.filter2D(img, -1, kernel, borderType=cv2.BORDER_REPLICATE)


def cv_sharpness(img):
    smooth = cv2.filter2D(img, -1, SMOOTH, borderType=cv2.BORDER_REPLICATE)
    return cv2.addWeighted(img, 1.5, smooth, -0.5, 0)


def cv_rotate30(img):
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2 - 0.5, h / 2 - 0.5), -30, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


CASES = [
    ("pillike_filter_smooth_more", pil_filter(PIL.ImageFilter.SMOOTH_MORE), cv_filter(SMOOTH_MORE)),
    ("pillike_filter_detail", pil_filter(PIL.ImageFilter.DETAIL), cv_filter(DETAIL)),
    ("pillike_enhance_sharpness", pil_sharpness, cv_sharpness),
    ("pillike_affine_rotate30", pil_rotate30, cv_rotate30),
]


def measure(fn, images, seconds, repeats):
    i = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:  # warm-up
        fn(images[i % len(images)])
        i += 1
    per_repeat = max(1, i)
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for k in range(per_repeat):
            fn(images[k % len(images)])
        rates.append(per_repeat / (time.perf_counter() - t0))
    return rates


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--photos", default=os.path.join(os.path.dirname(__file__), "..", "data-sample", "photos"))
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--seconds", type=float, default=0.2)
    args = ap.parse_args()
    images = load_photos(args.photos)
    for case, pil, cv in CASES:
        for peer, fn in (("Pillow " + PIL.__version__, pil), ("OpenCV " + cv2.__version__, cv)):
            rates = measure(fn, images, args.seconds, args.repeats)
            print(json.dumps({"case": case, "peer": peer, "images_per_s_median": round(statistics.median(rates), 1),
                              "min": round(min(rates), 1), "max": round(max(rates), 1)}))


if __name__ == "__main__":
    main()
