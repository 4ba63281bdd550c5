"""Writes test/fixtures/croppad.json: what imgaug 0.4.0's crop and pad family, Rot90 and their resize back produce,
rebuilt from OpenCV 4.6 and numpy 1.24 (imgaug itself is not installed) by following imgaug's code
(`imgaug/augmenters/size.py`: `pad`, `_crop_and_pad_arr`, `_crop_prevent_zero_size`,
`_calculate_paddings`, `_calculate_crop_amounts`; `geometric.py`: `Rot90`). Run with /usr/bin/python3 from the
repository root; the tests read only the JSON."""
import base64
import json

import cv2
import numpy as np

CV2_MODES = {'constant': cv2.BORDER_CONSTANT, 'edge': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT_101,
             'symmetric': cv2.BORDER_REFLECT}
MODES = ['constant', 'edge', 'linear_ramp', 'maximum', 'mean', 'median', 'minimum', 'reflect', 'symmetric', 'wrap']


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def pad(arr, top, right, bottom, left, mode, cval):
    """imgaug.augmenters.size.pad for uint8/float32 (H, W, C) arrays with C <= 4."""
    if top == right == bottom == left == 0:
        return arr.copy()
    lo, hi = (0, 255) if arr.dtype == np.uint8 else (np.finfo(np.float32).min, np.finfo(np.float32).max)
    cval = max(min(cval, hi), lo)
    if mode in CV2_MODES:
        cval = float(cval) if arr.dtype.kind == 'f' else int(cval)
        out = cv2.copyMakeBorder(arr, top, bottom, left, right, CV2_MODES[mode], value=tuple([cval] * arr.shape[2]))
        return out[:, :, None] if out.ndim == 2 else out
    widths = [(top, bottom), (left, right), (0, 0)]
    if mode == 'linear_ramp':
        return np.pad(arr, widths, mode=mode, end_values=cval)
    return np.pad(arr, widths, mode=mode)


def prevent_zero(size, start, end):
    """One axis of imgaug 0.4.0's _crop_prevent_zero_size: `start` (the top, or the right side) regains the larger
    half."""
    remaining = size - (start + end)
    regain = (abs(remaining) + 1) if remaining < 1 else 0
    half = np.float32(regain) / 2
    start -= int(np.ceil(half))
    end -= int(np.floor(half))
    if start < 0:
        end += start
        start = 0
    if end < 0:
        start += end
        end = 0
    return max(start, 0), end


def resize_back(arr, h, w):
    """imresize_single_image(arr, (h, w)) with interpolation=None: INTER_AREA if a side grows, else INTER_LINEAR."""
    if arr.shape[0:2] == (h, w):
        return arr
    interp = cv2.INTER_AREA if h > arr.shape[0] or w > arr.shape[1] else cv2.INTER_LINEAR
    out = cv2.resize(arr, (w, h), interpolation=interp)
    return out[:, :, None] if out.ndim == 2 else out


def crop_and_pad(arr, trbl, mode, cval, keep_size):
    """CropAndPad with per-side pixel amounts (negative crops): _draw_samples, then _crop_and_pad_arr."""
    h, w = arr.shape[0:2]
    t, r, b, l = trbl
    ct, cb = prevent_zero(h, max(-t, 0), max(-b, 0))
    cr, cl = prevent_zero(w, max(-r, 0), max(-l, 0))
    out = arr[ct:h - cb, cl:w - cr]
    out = pad(out, max(t, 0), max(r, 0), max(b, 0), max(l, 0), mode, cval)
    return resize_back(out, h, w) if keep_size else out


rng = np.random.default_rng(22)
images = []
for (h, w, c, dtype) in [(5, 4, 1, 'uint8'), (4, 7, 3, 'uint8'), (6, 5, 1, 'uint8'), (1, 1, 3, 'uint8'),
                         (3, 6, 4, 'uint8'), (5, 6, 3, 'float32')]:
    if dtype == 'uint8':
        img = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
    else:
        img = rng.uniform(-20, 300, (h, w, c)).astype(np.float32)
    images.append(img)
# A ramp with equal neighbours, so linear_ramp meets a zero step on some lines and not on others.
flat = np.zeros((4, 5, 1), np.uint8)
flat[:, :, 0] = [[10, 10, 200, 37, 37], [0, 255, 3, 3, 90], [37, 37, 37, 37, 37], [255, 0, 128, 7, 60]]
images.append(flat)

cases = []
# Pads larger than the image (several periods of reflect, symmetric and wrap) only on the small gray images.
SIDES = [(1, 2, 3, 0), (0, 0, 2, 5), (2, 1, 1, 2), (7, 9, 6, 8)]
CVALS = [37.8, 300, 12, 0]
for i, img in enumerate(images):
    for mode in MODES:
        if img.dtype == np.float32 and mode not in ('constant', 'mean', 'linear_ramp', 'reflect'):
            continue
        for k, sides in enumerate(SIDES if i in (0, 6) else SIDES[:2] if i != 3 else SIDES[:3]):
            cval = CVALS[k]
            out = pad(img, *sides, mode, cval)
            cases.append({'op': 'pad', 'image': i, 'sides': sides, 'mode': mode, 'cval': cval, 'out': b64(out)})
# Crop and pad together (negative amounts crop), with imgaug's resize back; crops that would empty a side.
for i, img in enumerate(images[:5]):
    for trbl, mode, cval, keep in [((-1, 2, -2, 0), 'reflect', 0, True), ((1, -1, 0, -2), 'mean', 9, True),
                                   ((-1, -1, -1, -1), 'constant', 0, True), ((-1, -3, 0, 2), 'wrap', 0, False),
                                   ((-9, -2, -9, -7), 'edge', 0, False), ((-3, -3, -2, -4), 'constant', 5, True),
                                   ((2, 3, 1, 1), 'linear_ramp', 100, True)]:
        out = crop_and_pad(img, trbl, mode, cval, keep)
        cases.append({'op': 'cropAndPad', 'image': i, 'px': trbl, 'mode': mode, 'cval': cval, 'keepSize': keep,
                      'out': b64(out)})
# Rot90: np.rot90(arr, k, axes=(1, 0)) turns clockwise; keep_size resizes back the way imgaug does.
for i, img in enumerate(images):
    for k in [1, 2, 3, -1, 5]:
        for keep in [False, True]:
            out = np.rot90(img, k, axes=(1, 0))
            if keep and out.shape != img.shape:
                out = resize_back(out, img.shape[0], img.shape[1])
            cases.append({'op': 'rot90', 'image': i, 'k': k, 'keepSize': keep, 'out': b64(out)})

json.dump({
    'images': [{'h': int(a.shape[0]), 'w': int(a.shape[1]), 'c': int(a.shape[2]), 'dtype': a.dtype.name,
                'data': b64(a)} for a in images],
    'cases': cases,
}, open('test/fixtures/croppad.json', 'w'), separators=(',', ':'))
print(len(cases), 'cases')
