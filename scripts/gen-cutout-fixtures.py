"""Writes test/fixtures/cutout.json: the rectangles imgaug 0.4.0's Cutout fills for fixed options, rebuilt with numpy
1.24 by following imgaug's code (imgaug itself is not installed): `Cutout._draw_samples` (Deterministic floats are
float32 arrays), `_augment_batch_` (x1 = (pos_x - size_w / 2) * width, … in float32), `_augment_image_by_samples`
(a squared rectangle keeps its x centre and takes its height) and `cutout_` (int() and clipping to the image).
Run with /usr/bin/python3 from the repository root; the tests read only the JSON."""
import json

import numpy as np


def rectangle(height, width, pos_x, pos_y, size, squared):
    pos_x = np.full((1,), pos_x, dtype=np.float32)
    pos_y = np.full((1,), pos_y, dtype=np.float32)
    size = np.full((1, 2), size, dtype=np.float32)
    size_h, size_w = size[:, 0], size[:, 1]
    half_h = size_h / 2
    half_w = size_w / 2
    x1 = ((pos_x - half_w) * width)[0]
    y1 = ((pos_y - half_h) * height)[0]
    x2 = ((pos_x + half_w) * width)[0]
    y2 = ((pos_y + half_h) * height)[0]
    if squared:
        height_h = (y2 - y1) / 2
        x_center = x1 + (x2 - x1) / 2
        x1 = x_center - height_h
        x2 = x_center + height_h
    x1 = min(max(int(x1), 0), width)
    y1 = min(max(int(y1), 0), height)
    x2 = min(max(int(x2), 0), width)
    y2 = min(max(int(y2), 0), height)
    return [x1, y1, x2, y2]


cases = []
for height, width in [(7, 9), (28, 28), (31, 17), (64, 48), (100, 333)]:
    for pos_x, pos_y in [(0.5, 0.5), (0.1, 0.9), (0.33, 0.77), (1.0, 0.0), (0.7, 0.3)]:
        for size in [0.0, 0.1, 0.2, 0.37, 0.5, 0.9, 1.0]:
            for squared in [False, True]:
                cases.append({'height': height, 'width': width, 'x': pos_x, 'y': pos_y, 'size': size,
                              'squared': squared, 'rectangle': rectangle(height, width, pos_x, pos_y, size, squared)})

with open('test/fixtures/cutout.json', 'w') as f:
    json.dump({'numpy': np.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/cutout.json: {len(cases)} cases')
