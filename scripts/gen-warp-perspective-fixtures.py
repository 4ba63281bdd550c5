"""Writes test/fixtures/warp-perspective.json: cv2.getPerspectiveTransform, cv2.warpPerspective and cv2.remap (maps
from cv2.convertMaps, CV_16SC2) outputs (OpenCV 4.x, Debian's python3-opencv) for augkit's perspective and remap
tests. Run with /usr/bin/python3 from the repository root; the tests read only the JSON."""
import base64
import json

import cv2
import numpy as np
from imgaug_ref import imgaug_perspective

rng = np.random.default_rng(11)
MODES = {'constant': cv2.BORDER_CONSTANT, 'edge': cv2.BORDER_REPLICATE, 'symmetric': cv2.BORDER_REFLECT,
         'reflect': cv2.BORDER_REFLECT_101, 'wrap': cv2.BORDER_WRAP}
ORDERS = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 3: cv2.INTER_CUBIC}


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


images = []
for (h, w, c) in [(28, 28, 1), (17, 23, 3), (9, 7, 4), (70, 90, 3), (2, 3, 1)]:
    img = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
    images.append({'height': h, 'width': w, 'channels': c, 'data': b64(img), 'array': img})

transforms = []
for t in range(12):
    # Corners moved inwards (PerspectiveTransform's quadrilaterals), some far (strong perspective), some outwards.
    spread = [0.05, 0.2, 0.45][t % 3]
    src = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=np.float64)
    src += rng.normal(0, spread, (4, 2)) * np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    src = (src * rng.uniform(5, 80)).astype(np.float32)
    size = float(rng.integers(3, 90))
    dst = np.array([[0, 0], [size, 0], [size, size * 0.8], [0, size * 0.8]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    transforms.append({'from': src.reshape(-1).tolist(), 'to': dst.reshape(-1).tolist(), 'matrix': m.reshape(-1).tolist()})

cases = []
for i, image in enumerate(images):
    for k, tr in enumerate(transforms):
        if (i + k) % 2:
            continue
        m = np.array(tr['matrix']).reshape(3, 3)
        for order in (0, 1, 3):
            mode = list(MODES)[(i + k + order) % 5]
            cval = int(rng.integers(0, 256))
            oh = int(rng.integers(1, 26))
            ow = int(rng.integers(1, 48))
            out = cv2.warpPerspective(image['array'], m, (ow, oh), flags=ORDERS[order], borderMode=MODES[mode],
                                      borderValue=(cval, cval, cval, cval))
            cases.append({'image': i, 'transform': k, 'order': order, 'mode': mode, 'cval': cval,
                          'outHeight': oh, 'outWidth': ow, 'expected': b64(out)})

# Wide outputs: OpenCV sums positions from the start of 64-pixel blocks, which these cross.
for k in range(0, len(transforms), 2):
    m = np.array(transforms[k]['matrix']).reshape(3, 3)
    order = (0, 1, 3)[k % 3]
    out = cv2.warpPerspective(images[3]['array'], m, (300, 4), flags=ORDERS[order], borderMode=cv2.BORDER_REFLECT_101)
    cases.append({'image': 3, 'transform': k, 'order': order, 'mode': 'reflect', 'cval': 0,
                  'outHeight': 4, 'outWidth': 300, 'expected': b64(out)})

remaps = []
for i, image in enumerate(images):
    h, w = image['height'], image['width']
    if h * w > 1000:
        continue  # keeps the file small
    for order in (0, 1, 3):
        for j, mode in enumerate(MODES):
            if (i + order + j) % 5 >= 3:
                continue  # three of the five modes per image and order, all five over the images
            oh, ow = h + 3, w - 1 if w > 2 else w
            y, x = np.meshgrid(np.arange(oh, dtype=np.float32), np.arange(ow, dtype=np.float32), indexing='ij')
            dx = rng.uniform(-1, 1, (oh, ow)).astype(np.float32) * rng.uniform(0.5, 6)
            dy = rng.uniform(-1, 1, (oh, ow)).astype(np.float32) * rng.uniform(0.5, 6)
            mx = (x - dx).astype(np.float32)
            my = (y - dy).astype(np.float32)
            # Exact halves and quarter-steps (ties of the 1/32 rounding) on a few pixels.
            mx.reshape(-1)[::7] = np.round(mx.reshape(-1)[::7] * 64) / 64
            m1, m2 = cv2.convertMaps(mx, my, cv2.CV_16SC2, nninterpolation=(order == 0))
            cval = int(rng.integers(0, 256))
            out = cv2.remap(image['array'], m1, m2, interpolation=ORDERS[order], borderMode=MODES[mode],
                            borderValue=(cval, cval, cval, cval))
            remaps.append({'image': i, 'order': order, 'mode': mode, 'cval': cval, 'outHeight': oh, 'outWidth': ow,
                           'mapX': b64(mx), 'mapY': b64(my), 'expected': b64(out)})




augmenter = []
for t in range(40):
    image = images[t % 3]
    h, w = image['height'], image['width']
    sigma = [0.02, 0.06, 0.15, 0.4, 1.5][t % 5]
    jitter = rng.normal(0, sigma, 8)
    if t % 7 == 3:
        jitter[2] = jitter[0] = 0.49  # a narrow quadrilateral: the minimum-width loop runs
        jitter[4] = jitter[6] = 0.495
    fit_output = t % 3 == 2
    if fit_output:
        jitter = jitter * min(1, 0.15 / sigma)  # large offsets make very large canvases
    m, max_h, max_w = imgaug_perspective(jitter, h, w, fit_output)
    warped = cv2.warpPerspective(image['array'], m, (max_w, max_h), borderValue=(0, 0, 0, 0),
                                 borderMode=cv2.BORDER_CONSTANT)
    # imgaug's imresize_single_image with interpolation None: area when a side grows, else linear.
    inter = cv2.INTER_AREA if (h > max_h or w > max_w) else cv2.INTER_LINEAR
    kept = warped if (h, w) == (max_h, max_w) else cv2.resize(warped, (w, h), interpolation=inter)
    augmenter.append({'image': t % 3, 'jitter': jitter.tolist(), 'fitOutput': fit_output, 'matrix': m.reshape(-1).tolist(),
                      'height': max_h, 'width': max_w, 'warped': b64(warped), 'kept': b64(kept)})

for image in images:
    del image['array']
with open('test/fixtures/warp-perspective.json', 'w') as f:
    json.dump({'opencv': cv2.__version__, 'images': images, 'transforms': transforms, 'cases': cases,
               'remaps': remaps, 'augmenter': augmenter}, f)
