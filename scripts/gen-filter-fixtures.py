#!/usr/bin/env python3
"""Writes test/fixtures/filters-*.json: OpenCV outputs that augkit's blur, convolution and contrast augmenters must
match byte for byte.

Run with Debian's OpenCV (`/usr/bin/python3 scripts/gen-filter-fixtures.py`); the tests read only the JSON.
Each case is one deterministic setting of an augmenter, computed the way imgaug 0.4.0 computes it (the OpenCV call
it makes, with its arguments), over the same small seeded images: odd sizes, 1 and 3 channels (and 4 where imgaug
allows), and images smaller than the kernel. An output is null where OpenCV rejects the image.
"""

import base64
import contextlib
import importlib.util
import io
import json
import os
import sys

import cv2
import numpy as np

SHAPES = [  # (height, width, channels)
    (1, 1, 1),
    (2, 3, 1),
    (5, 7, 3),
    (9, 11, 1),
    (13, 10, 3),
    (17, 19, 1),
    (7, 6, 4),
    (19, 23, 3),
]


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode('ascii')


def images(shapes=SHAPES, seed=20261207):
    rng = np.random.RandomState(seed)
    out = []
    for h, w, c in shapes:
        image = rng.randint(0, 256, size=(h, w, c)).astype(np.uint8)
        # Flat patches and saturated values, so that medians and roundings near 0 and 255 are exercised.
        image[: h // 2, : w // 3] = image[0, 0]
        image.flat[:: max(1, image.size // 5)] = 255
        out.append(image)
    return out


def per_image(fn, imgs):
    outputs = []
    for image in imgs:
        try:
            result = fn(image)
        except cv2.error:
            outputs.append(None)
            continue
        outputs.append(b64(result.reshape(image.shape)))
    return outputs


def average_blur(kh, kw):
    # imgaug 0.4.0 calls cv2.blur(image, (kh, kw)), which OpenCV reads as (width, height): the kernel is transposed.
    # augkit's { height: kh, width: kw } is the kernel kh rows high, i.e. cv2.blur(image, (kw, kh)).
    return lambda image: cv2.blur(image, (kw, kh))


def median_blur(k):
    return lambda image: cv2.medianBlur(image, k)


def blur_cases(imgs):
    cases = []
    for kh, kw in [(2, 2), (3, 3), (5, 5), (2, 3), (3, 1), (4, 6), (16, 16), (17, 17), (15, 20)]:
        options = {'k': kh} if kh == kw else {'k': {'height': kh, 'width': kw}}
        cases.append({'type': 'AverageBlur', 'options': options, 'outputs': per_image(average_blur(kh, kw), imgs)})
    for k in [3, 5, 7, 15]:
        cases.append({'type': 'MedianBlur', 'options': {'k': k}, 'outputs': per_image(median_blur(k), imgs)})
    for d, sc, ss in [(3, 75.0, 75.0), (5, 10.5, 30.2), (9, 200.0, 15.0), (2, 40.0, 40.0)]:
        cases.append({'type': 'BilateralBlur', 'options': {'d': d, 'sigmaColor': sc, 'sigmaSpace': ss},
                      'outputs': per_image(bilateral_blur(d, sc, ss), imgs)})
    return cases


def bilateral_blur(d, sigma_color, sigma_space):
    """imgaug: cv2.bilateralFilter(image, d, float32 sigmas) on 3-channel images; augkit's 1-channel images take
    OpenCV's gray path and other channel counts are filtered channel by channel (imgaug rejects them)."""
    sc, ss = float(np.float32(sigma_color)), float(np.float32(sigma_space))

    def run(image):
        if image.shape[2] in (1, 3):
            return cv2.bilateralFilter(image, d, sc, ss)
        planes = [cv2.bilateralFilter(np.ascontiguousarray(image[..., c]), d, sc, ss) for c in range(image.shape[2])]
        return np.stack(planes, axis=-1)

    return run


def load_affine_reference():
    """imgaug's Affine matrix, restated in scripts/affine-matrix-reference.py (MotionBlur turns its line with it)."""
    path = os.path.join(os.path.dirname(__file__), 'affine-matrix-reference.py')
    spec = importlib.util.spec_from_file_location('affine_matrix_reference', path)
    module = importlib.util.module_from_spec(spec)
    with contextlib.redirect_stdout(io.StringIO()):  # it prints its own reference table when run
        spec.loader.exec_module(module)
    return module.to_matrix


def filter2d(kernels):
    """imgaug's Convolve: cv2.filter2D on each channel with its float32 kernel (BORDER_REFLECT_101 by default)."""

    def run(image):
        channels = [
            cv2.filter2D(np.ascontiguousarray(image[..., c]), -1, kernels[c % len(kernels)])
            for c in range(image.shape[2])
        ]
        return np.stack(channels, axis=-1)

    return run


def blend(alpha, effect):
    """imgaug 0.4.0: (1 - alpha_sample) * nochange + alpha_sample * effect, alpha a float32 sample."""
    a = np.full((1,), alpha, dtype=np.float32)[0]
    nochange = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float32)
    return (1 - a) * nochange + a * effect


def sample(v):
    return np.full((1,), v, dtype=np.int32 if isinstance(v, int) else np.float32)[0]


def sharpen(alpha, lightness):
    l = sample(lightness)
    return blend(alpha, np.array([[-1, -1, -1], [-1, 8 + l, -1], [-1, -1, -1]], dtype=np.float32))


def emboss(alpha, strength):
    s = sample(strength)
    return blend(alpha, np.array([[-1 - s, 0 - s, 0], [0 - s, 1, 0 + s], [0, 0 + s, 1 + s]], dtype=np.float32))


def edge_detect(alpha):
    return blend(alpha, np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=np.float32))


def directed_edge_detect(alpha, direction):
    deg = int(sample(direction) * 360) % 360
    rad = np.deg2rad(deg)
    vec = np.array([np.cos(rad - 0.5 * np.pi), np.sin(rad - 0.5 * np.pi)])
    effect = np.zeros((3, 3), dtype=np.float32)
    for x in [-1, 0, 1]:
        for y in [-1, 0, 1]:
            if (x, y) != (0, 0):
                cell = np.array([x, y])
                u1 = cell / np.linalg.norm(cell)
                u2 = vec / np.linalg.norm(vec)
                distance = np.rad2deg(np.arccos(np.clip(np.dot(u1, u2), -1.0, 1.0))) / 180
                effect[y + 1, x + 1] = (1 - distance) ** 4
    effect = effect / np.sum(effect)
    effect = effect * (-1)
    effect[1, 1] = 1
    return blend(alpha, effect)


def motion_kernel(to_matrix, k, angle, direction, order=1):
    """imgaug 0.4.0's _MotionBlurMatrixGenerator for constant k, angle and direction."""
    d = np.clip(sample(direction), -1.0, 1.0)
    d = (d + 1.0) / 2.0
    matrix = np.zeros((k, k), dtype=np.float32)
    matrix[:, k // 2] = np.linspace(float(d), 1.0 - float(d), num=k)
    line = (matrix * 255).astype(np.uint8)
    m, _ = to_matrix(k, k, rotate=angle)
    m = np.array([float(v) for v in m]).reshape(2, 3)
    if np.mean(np.abs(np.vstack([m, [0, 0, 1]]) - np.eye(3))) <= 1e-4:
        turned = line
    else:
        flags = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 3: cv2.INTER_CUBIC}[order]
        turned = cv2.warpAffine(line, m, (k, k), flags=flags, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    matrix = turned.astype(np.float32) / 255.0
    return matrix / np.sum(matrix)


def convolution_cases(imgs):
    to_matrix = load_affine_reference()
    cases = []

    def add(type_, options, kernels):
        cases.append({'type': type_, 'options': options, 'outputs': per_image(filter2d(kernels), imgs)})

    add('Convolve', {'matrix': [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]}, [np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], np.float32)])
    m = [[0.1, -0.3, 0.25, 0.05], [0.7, 0.15, -0.2, 0.3]]
    add('Convolve', {'matrix': m}, [np.array(m, np.float32)])
    for alpha, lightness in [(1, 1), (1.0, 1.3), (0.5, 1.0), (0.37, 0.81)]:
        add('Sharpen', {'alpha': alpha, 'lightness': lightness}, [sharpen(alpha, lightness)])
    for alpha, strength in [(1, 1), (0.6, 0.3), (1.0, 1.77)]:
        add('Emboss', {'alpha': alpha, 'strength': strength}, [emboss(alpha, strength)])
    for alpha in [1, 0.3, 0.77]:
        add('EdgeDetect', {'alpha': alpha}, [edge_detect(alpha)])
    for alpha, direction in [(1, 0), (1.0, 0.25), (0.7, 0.6), (0.45, 0.9)]:
        add('DirectedEdgeDetect', {'alpha': alpha, 'direction': direction}, [directed_edge_detect(alpha, direction)])
    for k, angle, direction in [(3, 0, 0.0), (5, 90, -1.0), (7, 45.5, 0.3), (5, 123.4, 1.0), (9, 300.7, -0.45)]:
        add('MotionBlur', {'k': k, 'angle': angle, 'direction': direction}, [motion_kernel(to_matrix, k, angle, direction)])
    return cases


def contrast_cases(imgs):
    """The LUT augmenters on a 0…255 ramp (image 0, so the output is the table) and the histogram ones on the rest."""
    x = np.linspace(0, 1.0, num=256, dtype=np.float32)
    cases = []

    def lut(type_, options, table):
        table = np.clip(table, 0, 255).astype(np.uint8)
        outputs = [b64(table)]  # the ramp only: the table itself
        cases.append({'type': type_, 'options': options, 'outputs': outputs})

    for gain, cutoff in [(10, 0.5), (5.5, 0.3), (1.0, 0.9), (20.3, 0.47), (0.2, 0.0), (8, 1)]:
        g, c = np.float32(gain), np.float32(cutoff)
        lut('SigmoidContrast', {'gain': gain, 'cutoff': cutoff}, 0 + 255 * 1 / (1 + np.exp(g * (c - x))))
    for gain in [1, 0.4, 0.77, 1.6, 3.3]:
        lut('LogContrast', {'gain': gain}, 0 + 255 * np.float32(gain) * np.log2(1 + x))

    def per_channel(fn):
        return lambda image: np.stack([fn(np.ascontiguousarray(image[..., c])) for c in range(image.shape[2])], axis=-1)

    cases.append({'type': 'AllChannelsHistogramEqualization', 'options': {}, 'outputs': per_image(per_channel(cv2.equalizeHist), imgs)})
    for clip, th, tw in [(2.0, 8, 8), (0.5, 3, 5), (4.2, 4, 3), (40.0, 7, 7), (1.0, 2, 2)]:
        # imgaug: tileGridSize=(width, height), after max(size, tile_grid_size_px_min = 3); clip a float32 sample.
        clahe = cv2.createCLAHE(clipLimit=float(np.float32(clip)), tileGridSize=(max(tw, 3), max(th, 3)))
        options = {'clipLimit': clip, 'tileGridSizePx': th if th == tw else {'height': th, 'width': tw}}
        cases.append({'type': 'AllChannelsCLAHE', 'options': options, 'outputs': per_image(per_channel(clahe.apply), imgs)})

    spaces = {
        'Lab': (cv2.COLOR_RGB2Lab, cv2.COLOR_Lab2RGB, 0),
        'HLS': (cv2.COLOR_RGB2HLS, cv2.COLOR_HLS2RGB, 1),
        'HSV': (cv2.COLOR_RGB2HSV, cv2.COLOR_HSV2RGB, 2),
    }

    def intensity(fn, space):
        """imgaug's _IntensityChannelBasedApplier from RGB: 1 channel directly, 3 (and 4 with alpha kept) through
        the colour space's intensity channel, other counts channel by channel."""
        to, back, k = spaces[space]

        def run(image):
            c = image.shape[2]
            if c not in (3, 4):
                return per_channel(fn)(image)
            conv = cv2.cvtColor(np.ascontiguousarray(image[..., :3]), to)
            conv[..., k] = fn(np.ascontiguousarray(conv[..., k]))
            rgb = cv2.cvtColor(conv, back)
            return rgb if c == 3 else np.concatenate([rgb, image[..., 3:4]], axis=2)

        return run

    for space in ['Lab', 'HLS', 'HSV']:
        options = {} if space == 'Lab' else {'toColorspace': space}
        cases.append({'type': 'HistogramEqualization', 'options': options, 'outputs': per_image(intensity(cv2.equalizeHist, space), imgs)})
    for clip, th, tw, space in [(2.0, 8, 8, 'Lab'), (0.7, 3, 5, 'HLS'), (4.2, 4, 3, 'HSV')]:
        clahe = cv2.createCLAHE(clipLimit=float(np.float32(clip)), tileGridSize=(max(tw, 3), max(th, 3)))
        options = {'clipLimit': clip, 'tileGridSizePx': th if th == tw else {'height': th, 'width': tw}}
        if space != 'Lab':
            options['toColorspace'] = space
        cases.append({'type': 'CLAHE', 'options': options, 'outputs': per_image(intensity(clahe.apply, space), imgs)})
    return cases


def write(name, imgs, cases, note, generator='scripts/gen-filter-fixtures.py', versions=None):
    """test/fixtures/<name>: the generator, the library versions (default: OpenCV's), the note, images and cases."""
    fixture = {
        'generator': generator,
        **({'opencv': cv2.__version__} if versions is None else versions),
        'note': note,
        'images': [{'height': i.shape[0], 'width': i.shape[1], 'channels': i.shape[2], 'data': b64(i)} for i in imgs],
        'cases': cases,
    }
    path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', name)
    with open(path, 'w') as f:
        json.dump(fixture, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes, {len(cases)} cases)', file=sys.stderr)


def main():
    imgs = images()
    write(
        'filters-blur.json',
        imgs,
        blur_cases(imgs),
        'base64 of HWC uint8 bytes; each case: an augmenter with constant options, and per image the output of the '
        'OpenCV call imgaug 0.4.0 makes (null where OpenCV rejects the image)',
    )
    ramp = np.arange(256, dtype=np.uint8).reshape(1, 256, 1)
    contrast_imgs = [ramp] + imgs[1:]
    write(
        'filters-contrast.json',
        contrast_imgs,
        contrast_cases(contrast_imgs),
        'base64 of HWC uint8 bytes; image 0 is the ramp 0..255, so LUT outputs on it are the tables imgaug 0.4.0 '
        'builds with numpy 1.24; the histogram cases are cv2.equalizeHist and cv2.createCLAHE per channel',
    )
    write(
        'filters-convolution.json',
        imgs[:7],
        convolution_cases(imgs[:7]),
        'base64 of HWC uint8 bytes; each case: an augmenter with constant options, and per image the output of '
        'cv2.filter2D per channel with the float32 kernel imgaug 0.4.0 builds (AVX2: fused multiply-adds)',
    )


if __name__ == '__main__':
    main()
