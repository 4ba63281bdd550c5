#!/usr/bin/env python3
"""Writes test/fixtures/pillike-*.json: Pillow 9.4 outputs that augkit's iaa.pillike augmenters must match byte for byte.

Run with Debian's Pillow (`/usr/bin/python3 scripts/gen-pillike-fixtures.py`); the tests read only the JSON.
Each case is one deterministic setting of a pillike augmenter, computed the way imgaug 0.4.0's pillike functions call
Pillow: an (H, W, 1) image becomes an "L" image, 3 channels "RGB", 4 channels "RGBA"; the histogram functions
(equalize, autocontrast), which Pillow runs band by band, are run here on each channel as an "L" image, so that 4
channels work too (Pillow refuses RGBA there; imgaug splits such images into channels).
"""

import base64
import importlib.util
import os

import numpy as np
import PIL
import PIL.Image
import PIL.ImageEnhance
import PIL.ImageFilter
import PIL.ImageOps

assert PIL.__version__ == '9.4.0', PIL.__version__

FILTER_SHAPES = [  # (height, width, channels): smaller than both kernels, between them, and larger
    (1, 1, 1),
    (2, 3, 3),
    (3, 3, 1),
    (4, 6, 4),
    (5, 7, 3),
    (9, 11, 1),
    (13, 10, 3),
    (7, 6, 4),
    (8, 9, 3),
]

HISTOGRAM_SHAPES = [(1, 1, 1), (3, 5, 1), (24, 20, 1), (18, 17, 3), (16, 16, 4), (12, 12, 3)]

FILTERS = {
    'FilterBlur': PIL.ImageFilter.BLUR,
    'FilterSmooth': PIL.ImageFilter.SMOOTH,
    'FilterSmoothMore': PIL.ImageFilter.SMOOTH_MORE,
    'FilterEdgeEnhance': PIL.ImageFilter.EDGE_ENHANCE,
    'FilterEdgeEnhanceMore': PIL.ImageFilter.EDGE_ENHANCE_MORE,
    'FilterFindEdges': PIL.ImageFilter.FIND_EDGES,
    'FilterContour': PIL.ImageFilter.CONTOUR,
    'FilterEmboss': PIL.ImageFilter.EMBOSS,
    'FilterSharpen': PIL.ImageFilter.SHARPEN,
    'FilterDetail': PIL.ImageFilter.DETAIL,
}

ENHANCERS = {
    'EnhanceColor': PIL.ImageEnhance.Color,
    'EnhanceContrast': PIL.ImageEnhance.Contrast,
    'EnhanceBrightness': PIL.ImageEnhance.Brightness,
    'EnhanceSharpness': PIL.ImageEnhance.Sharpness,
}


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode('ascii')


def filter_images():
    # The filter fixtures' images (flat patches, saturated values) at these shapes, and one more.
    out = filter_fixtures().images(FILTER_SHAPES, 20261208)
    # SMOOTH_MORE's weighted sum is 5000 + 50 at the centre pixel (a value exactly half-way between two outputs in
    # real numbers): Pillow's float32 arithmetic decides, which an integer kernel must reproduce.
    tie = np.full((5, 5, 1), 50, dtype=np.uint8)
    tie[2, 2] = 51  # 44 * 51 + 56 * 50 = 5044; + 6 below
    tie[0, 0] = 56
    out.append(tie)
    return out


def histogram_images():
    rng = np.random.RandomState(20261209)
    out = []
    for i, (h, w, c) in enumerate(HISTOGRAM_SHAPES):
        # Narrow, uneven distributions (the top value 255 often absent), so that equalize's step and autocontrast's
        # cut-offs matter.
        centre = rng.randint(60, 200, size=c)
        spread = rng.randint(5, 40, size=c)
        image = np.clip(rng.normal(centre, spread, size=(h, w, c)), 0, 255).astype(np.uint8)
        if i == 5:
            image[:, :, 1] = 77  # one value only: equalize and autocontrast keep the channel
        out.append(image)
    return out


def as_pil(image):
    """imgaug's _ensure_valid_shape then PIL.Image.fromarray: (H, W, 1) is mode L."""
    if image.shape[2] == 1:
        return PIL.Image.fromarray(image[:, :, 0])
    return PIL.Image.fromarray(image)


def per_channel(fn):
    """fn on each channel as an L image (Pillow's histogram functions work band by band)."""

    def run(image):
        planes = [np.asarray(fn(PIL.Image.fromarray(np.ascontiguousarray(image[:, :, c])))) for c in range(image.shape[2])]
        return np.stack(planes, axis=-1)

    return run


def outputs(fn, imgs):
    """fn's result (a PIL image or an array) on each image, in the image's shape."""
    return [b64(np.asarray(fn(image)).reshape(image.shape)) for image in imgs]


def filter_cases(imgs):
    cases = []
    for name, kernel in FILTERS.items():
        cases.append({'type': f'pillike.{name}', 'options': {}, 'outputs': outputs(lambda im: as_pil(im).filter(kernel), imgs)})
    for name, enhancer in ENHANCERS.items():
        for factor in [0.0, 0.37, 1.0, 1.6, 2.9]:
            fn = lambda im: enhancer(as_pil(im)).enhance(factor)  # noqa: E731
            cases.append({'type': f'pillike.{name}', 'options': {'factor': factor}, 'outputs': outputs(fn, imgs)})
    return cases


def histogram_cases(imgs):
    cases = [{'type': 'pillike.Equalize', 'options': {}, 'outputs': outputs(per_channel(PIL.ImageOps.equalize), imgs)}]
    for cutoff in [0, 1, 2, 10, 20, 49]:
        fn = per_channel(lambda im: PIL.ImageOps.autocontrast(im, cutoff=cutoff))  # noqa: E731
        cases.append({'type': 'pillike.Autocontrast', 'options': {'cutoff': cutoff}, 'outputs': outputs(fn, imgs)})
    return cases


def lut_cases(imgs):
    cases = []
    for threshold in [0, 64, 128, 200.5, 256]:
        # Pillow's solarize refuses RGBA; it works value by value, so each channel as an L image is the same.
        fn = per_channel(lambda im: PIL.ImageOps.solarize(im, threshold))  # noqa: E731
        cases.append({'type': 'pillike.Solarize', 'options': {'threshold': threshold}, 'outputs': outputs(fn, imgs)})
    for bits in [1, 3, 5, 8]:
        outs = []
        for image in imgs:
            if image.shape[2] == 4:  # imgaug keeps the alpha channel; Pillow refuses RGBA
                rgb = np.asarray(PIL.ImageOps.posterize(PIL.Image.fromarray(np.ascontiguousarray(image[:, :, :3])), bits))
                outs.append(b64(np.concatenate([rgb, image[:, :, 3:]], axis=2)))
            else:
                outs.append(b64(np.asarray(PIL.ImageOps.posterize(as_pil(image), bits)).reshape(image.shape)))
        cases.append({'type': 'pillike.Posterize', 'options': {'nbBits': bits}, 'outputs': outs})
    return cases


def affine_matrix(width, height, scale=(1.0, 1.0), translate=(0, 0), rotate=0.0, shear=(0.0, 0.0), center=(0.5, 0.5)):
    """imgaug 0.4.0's pillike._create_affine_matrix (float32 numpy steps, LAPACK inverse) for one image."""
    f = np.float32
    sx, sy = max(f(scale[0]), 0.0001), max(f(scale[1]), 0.0001)
    r, shx, shy = np.deg2rad([f(rotate), f(shear[0]), f(shear[1])])
    r = -r
    cx, cy = width * center[0], height * center[1]
    steps = [
        [[1, 0, -cx], [0, 1, -cy], [0, 0, 1]],
        [[np.cos(r), np.sin(r), 0], [-np.sin(r), np.cos(r), 0], [0, 0, 1]],
        [[1, np.tanh(shx), 0], [np.tanh(shy), 1, 0], [0, 0, 1]],
        [[sx, 0, 0], [0, sy, 0], [0, 0, 1]],
        [[1, 0, f(translate[0])], [0, 1, f(translate[1])], [0, 0, 1]],
        [[1, 0, cx], [0, 1, cy], [0, 0, 1]],
    ]
    matrix = np.eye(3, dtype=np.float32)
    for step in steps:
        matrix = np.matmul(np.array(step, dtype=np.float32), matrix)
    return np.linalg.inv(matrix)


def affine_cases(imgs):
    """pillike.warp_affine: Image.transform(AFFINE, nearest) with imgaug's matrix, filled with fillcolor (an L image
    takes the first value; imgaug itself hands Pillow a 3-tuple there and fails)."""
    settings = [
        {'rotate': 30},
        {'rotate': -17.5, 'fillcolor': 200},
        {'scale': 1.7},
        {'scale': {'x': 0.6, 'y': 1.3}, 'fillcolor': 90},
        {'translatePx': {'x': 3, 'y': -2}},
        {'translatePercent': {'x': 0.25, 'y': 0.1}},
        {'shear': {'x': 20, 'y': -12}},
        {'rotate': 45, 'scale': 0.8, 'center': {'x': 0, 'y': 0}},
        {'rotate': 90},
        {'rotate': 200, 'shear': 15, 'translatePx': 2, 'center': {'x': 0.3, 'y': 0.8}},
    ]
    cases = []
    for options in settings:
        outs = []
        for image in imgs:
            h, w = image.shape[:2]
            pair = lambda v: (v['x'], v['y']) if isinstance(v, dict) else (v, v)  # noqa: E731
            if 'translatePercent' in options:
                tx, ty = pair(options['translatePercent'])
                translate = (np.float32(tx) * w, np.float32(ty) * h)
            else:
                translate = pair(options.get('translatePx', 0))
            shear = options.get('shear', 0.0)
            shear = (shear['x'], shear['y']) if isinstance(shear, dict) else (shear, 0.0)
            center = options.get('center', {'x': 0.5, 'y': 0.5})
            m = affine_matrix(w, h, pair(options.get('scale', 1.0)), translate, options.get('rotate', 0.0), shear,
                              (center['x'], center['y']))
            fill = int(options.get('fillcolor', 0))
            pil = as_pil(image)
            fillcolor = fill if image.shape[2] == 1 else (fill, fill, fill)
            outs.append(b64(np.asarray(pil.transform(pil.size, PIL.Image.AFFINE, m[:2, :].flat, fillcolor=fillcolor))))
        cases.append({'type': 'pillike.Affine', 'options': options, 'outputs': outs})
    return cases


def filter_fixtures():
    """scripts/gen-filter-fixtures.py as a module: its image maker and its fixture writer."""
    path = os.path.join(os.path.dirname(__file__), 'gen-filter-fixtures.py')
    spec = importlib.util.spec_from_file_location('gen_filter_fixtures', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(name, imgs, cases, note):
    """The filter fixtures' writer, naming this script and Pillow's version."""
    versions = {'pillow': PIL.__version__}
    filter_fixtures().write(name, imgs, cases, note, generator='scripts/gen-pillike-fixtures.py', versions=versions)


def main():
    imgs = filter_images()
    write(
        'pillike-filters.json',
        imgs,
        filter_cases(imgs) + lut_cases(imgs),
        'base64 of HWC uint8 bytes; each case: a pillike augmenter with constant options, and per image the output of '
        'Image.filter, ImageEnhance, ImageOps.solarize and posterize as imgaug 0.4.0 calls them (modes L, RGB, RGBA; '
        'solarize per channel, and posterize with alpha kept, on RGBA, as imgaug does)',
    )
    imgs = histogram_images()
    write(
        'pillike-histogram.json',
        imgs,
        histogram_cases(imgs),
        'base64 of HWC uint8 bytes; ImageOps.equalize and autocontrast per channel (as L images)',
    )
    imgs = filter_images()[4:8] + histogram_images()[3:4]
    write(
        'pillike-affine.json',
        imgs,
        affine_cases(imgs),
        'base64 of HWC uint8 bytes; Image.transform(AFFINE) with imgaug 0.4.0\'s pillike matrix (float32 numpy, '
        'np.linalg.inv), nearest neighbour, fillcolor per channel (alpha 255)',
    )


if __name__ == '__main__':
    main()
