#!/usr/bin/env python3
"""Writes test/fixtures/colorspace.json: what OpenCV 4.6's cvtColor gives for uint8 colour-space conversions.

Run with Debian's OpenCV (`/usr/bin/python3 scripts/gen-colour-fixtures.py`); the tests read only the JSON.
imgaug 0.4.0's change_colorspace_ calls cv2.cvtColor with these codes, so they are imgaug's bytes too.

For each conversion, both directions:
- `digests`: the SHA-256 of the whole output for all 2^24 inputs, laid out as one 4096x4096 image whose pixel i
  holds (i >> 16, (i >> 8) & 255, i & 255), read as the source space. OpenCV's HSV -> RGB takes another path for the
  last (width % 32) pixels of each row, so it is hashed twice: as the 4096-wide image and as a 2^24 x 1 column
  (every pixel on the per-pixel path), the latter under "HSV>RGB@1".
- `sample`: the outputs for `colours` (a seeded sample of the same inputs), for readable failures.
- `rows`: HSV -> RGB of small odd-width images, whose rows mix the two paths.
"""

import base64
import hashlib
import json
import os

import cv2
import numpy as np

CODES = {
    "HSV": (cv2.COLOR_RGB2HSV, cv2.COLOR_HSV2RGB),
    "HLS": (cv2.COLOR_RGB2HLS, cv2.COLOR_HLS2RGB),
    "Lab": (cv2.COLOR_RGB2Lab, cv2.COLOR_Lab2RGB),
    "YCrCb": (cv2.COLOR_RGB2YCrCb, cv2.COLOR_YCrCb2RGB),
    "YUV": (cv2.COLOR_RGB2YUV, cv2.COLOR_YUV2RGB),
    "CIE": (cv2.COLOR_RGB2XYZ, cv2.COLOR_XYZ2RGB),
    "BGR": (cv2.COLOR_RGB2BGR, cv2.COLOR_BGR2RGB),
}
SAMPLE = 512
ROW_SHAPES = [(3, 45), (2, 33), (1, 31), (5, 7)]


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array, dtype=np.uint8).tobytes()).decode("ascii")


def sha256(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def main():
    i = np.arange(1 << 24, dtype=np.uint32)
    every = np.stack([(i >> 16) & 255, (i >> 8) & 255, i & 255], -1).astype(np.uint8)
    image = every.reshape(4096, 4096, 3)
    rng = np.random.default_rng(24)
    picks = rng.choice(1 << 24, SAMPLE, replace=False)
    picks.sort()
    digests, sample = {}, {}
    for name, (forward, backward) in CODES.items():
        for key, code in ((f"RGB>{name}", forward), (f"{name}>RGB", backward)):
            out = cv2.cvtColor(image, code)
            digests[key] = sha256(out)
            sample[key] = b64(out.reshape(-1, 3)[picks])
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    digests["RGB>GRAY"] = sha256(np.repeat(gray[..., None], 3, axis=2))
    digests["HSV>RGB@1"] = sha256(cv2.cvtColor(every.reshape(-1, 1, 3), cv2.COLOR_HSV2RGB))
    rows = []
    for height, width in ROW_SHAPES:
        src = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        rows.append(
            {"height": height, "width": width, "hsv": b64(src), "rgb": b64(cv2.cvtColor(src, cv2.COLOR_HSV2RGB))}
        )
    out = {
        "opencv": cv2.__version__,
        "colours": b64(every[picks]),
        "digests": digests,
        "sample": sample,
        "rows": rows,
    }
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "colorspace.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
