"""imgaug 0.4.0's formulas that several fixture scripts reproduce (imgaug itself is not installed): scikit-image's
affine matrices as imgaug composes them, and PerspectiveTransform's draw. Imported by the gen-*-fixtures.py scripts
(run from the repository root with /usr/bin/python3; Python's path then holds this folder)."""
import base64
import math

import cv2
import numpy as np

f32 = np.float32


def b64(arr):
    return base64.b64encode(np.ascontiguousarray(arr).tobytes()).decode()


def sk_affine(scale=(1, 1), rotation=0, shear=0, translation=(0, 0)):
    """scikit-image 0.19's AffineTransform(...).params (rotation + shear summed in the operands' type)."""
    sx, sy = scale
    m = np.array([
        [sx * math.cos(rotation), -sy * math.sin(rotation + shear), 0],
        [sx * math.sin(rotation), sy * math.cos(rotation + shear), 0],
        [0, 0, 1],
    ])
    m[0:2, 2] = translation
    return m


def sk_translation(tx, ty):
    return np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]], dtype=float)


def to_sample(v):
    """imgaug keeps sampled parameters in numpy arrays: floats become float32, ints int32."""
    return np.int32(v) if isinstance(v, int) else f32(v)


def affine_matrix(params, arr_shape, image_shape=None, shift_add=0.5):
    """imgaug 0.4.0's _AffineSamplingResult.to_matrix for an array of arr_shape (h, w) over an image of image_shape
    (the array's own by default; a 'px' translation t becomes (t / W) * w), without fit_output. shift_add 0.5 is the
    pixels' matrix (about ((w-1)/2, (h-1)/2)), 0 the points' (about (w/2, h/2))."""
    h, w = arr_shape
    ih, iw = image_shape if image_shape is not None else arr_shape
    sx, sy = to_sample(params.get("scale", 1.0)), to_sample(params.get("scale", 1.0))
    tpx = params.get("translatePx")
    tpc = params.get("translatePercent")
    if tpc is not None:
        tx = to_sample(tpc["x"]) * w
        ty = to_sample(tpc["y"]) * h
    elif tpx is not None:
        tx = (to_sample(tpx["x"]) / iw) * w
        ty = (to_sample(tpx["y"]) / ih) * h
    else:
        tx = ty = 0.0
    rot = to_sample(params.get("rotate", 0.0))
    shx = to_sample(params.get("shear", 0.0))
    shy = f32(0.0)
    rad = np.deg2rad(np.array([rot, shx, shy]))
    r, sh_x, sh_y = rad[0], rad[1], rad[2]
    shift_y = h / 2.0 - shift_add
    shift_x = w / 2.0 - shift_add
    m = sk_translation(-shift_x, -shift_y)
    m = sk_affine(rotation=-3.141592 / 2) @ m
    m = sk_affine(shear=sh_y) @ m
    m = sk_affine(rotation=3.141592 / 2) @ m
    m = sk_affine(scale=(sx, sy), translation=(tx, ty), rotation=r, shear=sh_x) @ m
    m = sk_translation(shift_x, shift_y) @ m
    return m


def imgaug_perspective(jitter, h, w, fit_output):
    """imgaug 0.4.0's PerspectiveTransform._draw_samples for one image, step by step (float32 where it uses it)."""
    pts = np.mod(np.abs(np.array(jitter, dtype=np.float64).reshape(4, 2)), 1)
    pts[1, 0] = 1.0 - pts[1, 0]
    pts[2, 0] = 1.0 - pts[2, 0]
    pts[2, 1] = 1.0 - pts[2, 1]
    pts[3, 1] = 1.0 - pts[3, 1]
    pts[:, 0] *= w
    pts[:, 1] *= h
    ordered = np.zeros((4, 2), dtype=np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1)
    ordered[0] = pts[np.argmin(s)]
    ordered[2] = pts[np.argmax(s)]
    ordered[1] = pts[np.argmin(d)]
    ordered[3] = pts[np.argmax(d)]
    tl, tr, br, bl = ordered
    min_w = None
    while min_w is None or min_w < 2:
        top = np.sqrt(((tr[0] - tl[0]) ** 2) + ((tr[1] - tl[1]) ** 2))
        bottom = np.sqrt(((br[0] - bl[0]) ** 2) + ((br[1] - bl[1]) ** 2))
        max_w, min_w = int(max(top, bottom)), int(min(top, bottom))
        if min_w < 2:
            step = (2 - min_w) / 2
            tl[0] -= step
            tr[0] += step
            bl[0] -= step
            br[0] += step
    min_h = None
    while min_h is None or min_h < 2:
        right = np.sqrt(((tr[0] - br[0]) ** 2) + ((tr[1] - br[1]) ** 2))
        left = np.sqrt(((tl[0] - bl[0]) ** 2) + ((tl[1] - bl[1]) ** 2))
        max_h, min_h = int(max(right, left)), int(min(right, left))
        if min_h < 2:
            step = (2 - min_h) / 2
            tl[1] -= step
            tr[1] -= step
            bl[1] += step
            br[1] += step
    dst = np.array([[0, 0], [max_w, 0], [max_w, max_h], [0, max_h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(ordered, dst)
    if fit_output:
        rect = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
        corners = cv2.perspectiveTransform(np.array([rect]), m)[0]
        corners -= corners.min(axis=0, keepdims=True)
        corners = np.around(corners, decimals=0)
        m = cv2.getPerspectiveTransform(rect, corners)
        max_w, max_h = corners.max(axis=0)
        max_w, max_h = int(max_w), int(max_h)
    return m, max_h, max_w
