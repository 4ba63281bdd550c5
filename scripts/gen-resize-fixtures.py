"""Writes test/fixtures/resize.json: cv2.resize outputs (OpenCV 4.x, Debian's python3-opencv) for augkit's Resize
tests. Run with /usr/bin/python3 from the repository root; the tests read only the JSON."""
import base64
import json

import cv2
import numpy as np

rng = np.random.default_rng(5)
cases = []
for (h, w, c) in [(7, 9, 1), (12, 10, 3), (28, 28, 1), (16, 16, 3), (5, 3, 4), (1, 6, 1)]:
    img = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
    for (dh, dw) in [(14, 14), (5, 4), (h * 2, w * 2), (max(1, h // 2), max(1, w // 2)), (h + 3, w - 1 if w > 1 else 2), (3, 17)]:
        for interp, name in [(cv2.INTER_NEAREST, 'nearest'), (cv2.INTER_LINEAR, 'linear'), (cv2.INTER_CUBIC, 'cubic')]:
            out = cv2.resize(img, (dw, dh), interpolation=interp)
            if out.ndim == 2:
                out = out[:, :, None]
            cases.append({'h': h, 'w': w, 'c': c, 'dh': dh, 'dw': dw, 'interp': name,
                          'src': base64.b64encode(img.tobytes()).decode(),
                          'out': base64.b64encode(out.tobytes()).decode()})
with open('test/fixtures/resize.json', 'w') as f:
    json.dump({'opencv': cv2.__version__, 'cases': cases}, f)
