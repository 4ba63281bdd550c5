"""Writes test/fixtures/elastic.json: imgaug 0.4.0's ElasticTransformation steps run in Python with cv2 (Debian's
python3-opencv 4.6) for augkit's elastic-transformation tests. Run with /usr/bin/python3 from the repository root;
the tests read only the JSON.

- `shifts`: `_generate_shift_maps` given its uniform noise: float32 noise of shape (2 * h_pad, w_pad) drawn as
  imgaug draws it (`random(..., float32) * 2 - 1`), each half blurred with cv2.GaussianBlur (imgaug's kernel size,
  BORDER_REFLECT_101; no blur for sigma <= 0.001), times alpha, cropped.
- `images` and `remaps`: `_map_coordinates` with its OpenCV backend given fields dx, dy: positions x - dx, y - dy in
  float32, cv2.convertMaps(CV_16SC2) and cv2.remap, in groups of at most four channels; the border value is cval for
  every channel (augkit's choice; imgaug passes a 3-tuple, see `quirk`).
- `pipeline`: an image warped by imgaug's fields made from the noise of a `shifts` case.
- `quirk`: a 4-channel constant-mode case with imgaug's own border value (cval, cval, cval), so its 4th channel
  is filled with 0.
"""
import base64
import json

import cv2
import numpy as np

rng = np.random.default_rng(20240)
MODES = {'constant': cv2.BORDER_CONSTANT, 'nearest': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT_101,
         'wrap': cv2.BORDER_WRAP}
ORDERS = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 3: cv2.INTER_CUBIC}


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def ksize_of(sigma):
    """imgaug's _compute_gaussian_blur_ksize, made odd as _generate_shift_maps does."""
    k = 3.3 * sigma if sigma < 3.0 else 2.9 * sigma if sigma < 5.0 else 2.6 * sigma
    k = int(max(k, 5))
    return k + 1 if k % 2 == 0 else k


def shift_maps(noise, h, w, alpha, sigma):
    """imgaug 0.4.0's _generate_shift_maps after its random draw."""
    pad = ksize_of(sigma)
    hp = h + 2 * pad
    dx = noise[0:hp, :]
    dy = noise[hp:, :]
    if sigma > 0.001:
        k = ksize_of(sigma)
        dx = cv2.GaussianBlur(dx, (k, k), sigmaX=sigma, sigmaY=sigma, borderType=cv2.BORDER_REFLECT_101)
        dy = cv2.GaussianBlur(dy, (k, k), sigmaX=sigma, sigmaY=sigma, borderType=cv2.BORDER_REFLECT_101)
    # numpy 1.x: a float32 array times a Python float stays float32 (alpha rounded to float32 first).
    dx = dx * alpha
    dy = dy * alpha
    assert dx.dtype == np.float32
    return dx[pad:-pad, pad:-pad], dy[pad:-pad, pad:-pad]


def map_coordinates(image, dx, dy, order, cval, mode, border=None):
    """imgaug 0.4.0's _map_coordinates, OpenCV backend (image HxWxC)."""
    h, w, c = image.shape
    y, x = np.meshgrid(np.arange(h).astype(np.float32), np.arange(w).astype(np.float32), indexing='ij')
    xs = x + (-1) * dx
    ys = y + (-1) * dy
    assert xs.dtype == np.float32
    cval = float(cval) if image.dtype.kind == 'f' else int(cval)
    m1, m2 = cv2.convertMaps(xs, ys, cv2.CV_16SC2, nninterpolation=(order == 0))
    border = border if border is not None else (cval, cval, cval, cval)
    parts = []
    for start in range(0, c, 4):
        part = cv2.remap(np.ascontiguousarray(image[..., start:start + 4]), m1, m2, interpolation=ORDERS[order],
                         borderMode=MODES[mode], borderValue=border)
        parts.append(part.reshape(h, w, -1))
    return np.concatenate(parts, axis=2)


shifts = []
# Alphas that float32 cannot hold (30.1, 5.3, ...): numpy rounds alpha to float32 before multiplying.
for (h, w, alpha, sigma) in [(8, 10, 30.1, 0.0), (9, 7, 5.3, 0.0009), (7, 9, 12.3, 0.6), (10, 8, 40.0, 1.7),
                             (6, 11, 77.7, 3.2), (11, 6, 50.0, 5.0), (5, 5, 100.0, 5.6), (1, 12, 25.1, 2.2)]:
    pad = ksize_of(sigma)
    noise = rng.random((2 * (h + 2 * pad), w + 2 * pad), dtype=np.float32) * 2 - 1
    assert noise.dtype == np.float32
    dx, dy = shift_maps(noise, h, w, alpha, sigma)
    shifts.append({'height': h, 'width': w, 'alpha': alpha, 'sigma': sigma, 'noise': b64(noise), 'dx': b64(dx),
                   'dy': b64(dy)})

images = []
for (h, w, c, dtype) in [(9, 11, 1, 'uint8'), (14, 12, 3, 'uint8'), (10, 8, 4, 'uint8'), (6, 7, 5, 'uint8'),
                         (1, 9, 3, 'uint8'), (13, 1, 1, 'uint8'), (12, 10, 3, 'float32'), (7, 9, 1, 'float32')]:
    if dtype == 'uint8':
        img = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
    else:
        img = (rng.random((h, w, c), dtype=np.float32) * 300 - 20).astype(np.float32)
    fields = []
    kinds = ('smooth', 'ties', 'far') + (('float32 ties',) if c == 3 else ())
    for kind in kinds:
        if kind == 'smooth':
            sigma = float(rng.uniform(0.5, 3))
            pad = ksize_of(sigma)
            noise = rng.random((2 * (h + 2 * pad), w + 2 * pad), dtype=np.float32) * 2 - 1
            dx, dy = shift_maps(noise, h, w, float(rng.uniform(5, 40)), sigma)
        elif kind == 'ties':
            # Multiples of 1/64: x - dx lands on half steps of the 1/32 grid (and on half pixels for nearest).
            dx = (rng.integers(-400, 400, (h, w)) / 64).astype(np.float32)
            dy = (rng.integers(-400, 400, (h, w)) / 64).astype(np.float32)
        elif kind == 'float32 ties':
            # One float32 step off an odd multiple of 1/64: x - dx is a half step of the 1/32 grid only after
            # rounding to float32 (as numpy's float32 subtraction does), so the double result rounds the other way.
            d = (rng.integers(-60, 60, (2, h, w)) * 2 + 1) / 64
            d = np.nextafter(d.astype(np.float32), np.where(rng.random((2, h, w)) < 0.5, -4, 4).astype(np.float32))
            dx, dy = d[0], d[1]
        else:
            # Far outside, some beyond int16 (convertMaps saturates the whole part to +-32767/-32768).
            dx = (rng.uniform(-1, 1, (h, w)) * rng.choice([30, 5e4, 2e5], (h, w))).astype(np.float32)
            dy = (rng.uniform(-1, 1, (h, w)) * rng.choice([30, 5e4, 2e5], (h, w))).astype(np.float32)
        fields.append({'kind': kind, 'dx': b64(dx), 'dy': b64(dy), 'dxArray': dx, 'dyArray': dy})
    images.append({'height': h, 'width': w, 'channels': c, 'dtype': dtype, 'data': b64(img), 'array': img,
                   'fields': fields})

remaps = []
for i, image in enumerate(images):
    for f, field in enumerate(image['fields']):
        for order in (0, 1, 3):
            for j, mode in enumerate(MODES):
                if field['kind'] == 'float32 ties':
                    if order == 0 or mode != 'reflect':
                        continue
                elif (i + f + order + j) % 3:
                    continue  # a third of the combinations keeps the file small; each order and mode occurs per image
                cval = float(rng.uniform(0, 255)) if image['dtype'] == 'float32' else float(rng.integers(0, 256))
                if (i + j) % 3 == 0:
                    cval += 0.7  # a fractional cval: int(cval) for uint8
                out = map_coordinates(image['array'], field['dxArray'], field['dyArray'], order, cval, mode)
                remaps.append({'image': i, 'field': f, 'order': order, 'mode': mode, 'cval': cval,
                               'expected': b64(out)})

pipeline = []
for s, case in enumerate(shifts):
    h, w = case['height'], case['width']
    img = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    noise = np.frombuffer(base64.b64decode(case['noise']), dtype=np.float32)
    noise = noise.reshape(-1, w + 2 * ksize_of(case['sigma']))
    dx, dy = shift_maps(noise, h, w, case['alpha'], case['sigma'])
    order = (0, 1, 3)[s % 3]
    mode = list(MODES)[s % 4]
    out = map_coordinates(img, dx, dy, order, 0, mode)
    pipeline.append({'shift': s, 'order': order, 'mode': mode, 'image': b64(img), 'expected': b64(out)})

quirk_image = images[2]
field = quirk_image['fields'][0]
quirk_out = map_coordinates(quirk_image['array'], field['dxArray'], field['dyArray'], 1, 200, 'constant',
                            border=(200, 200, 200))
quirk = {'image': 2, 'field': 0, 'order': 1, 'mode': 'constant', 'cval': 200, 'expected': b64(quirk_out)}

for image in images:
    del image['array']
    for field in image['fields']:
        del field['dxArray']
        del field['dyArray']

with open('test/fixtures/elastic.json', 'w') as fh:
    json.dump({'opencv': cv2.__version__, 'shifts': shifts, 'images': images, 'remaps': remaps,
               'pipeline': pipeline, 'quirk': quirk}, fh, separators=(',', ':'))
    fh.write('\n')
