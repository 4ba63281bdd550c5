#!/usr/bin/python3
"""Writes test/fixtures/map-sizes.json: what imgaug 0.4.0 makes of segmentation maps and heatmaps whose size differs
from their image's by different factors in x and y (e.g. a 30 x 20 image with a 13 x 27 map), under Affine (with
fitOutput), PerspectiveTransform (given its corner offsets), the crop and pad family, Resize, Rot90 and the flips.
src/augmentables/map-sizes.test.ts checks augkit against it: segmentation maps identical, heatmaps within 1e-5.

imgaug is not installed: this reproduces its map rules with numpy and OpenCV (imgaug/augmenters/geometric.py and
size.py of 0.4.0):
- Affine: `_AffineSamplingResult.to_matrix(i, arr.shape, image.shape)` builds the matrix at the map's size, about
  the map's centre, with rotation, shear and scale in the map's pixels and a 'px' translation scaled by
  map/image per axis; fit_output fits the map's own corners; cv2.warpAffine (heatmaps cubic and clipped,
  segmentation maps nearest, constant 0).
- PerspectiveTransform: `_draw_samples` again with the map's shape (the same offsets), cv2.warpPerspective
  (heatmaps linear, segmentation maps nearest, constant 0), with keep_size a resize back to the map's shape.
- crop/pad: `_crop_and_pad_hms_or_segmaps_`: the image's amounts projected by `_project_size_changes` (+-1e-4,
  np.round), crops kept to one pixel by `_crop_prevent_zero_size`, pads with 0, keep_size back to the map's shape.
- Resize: int(np.round(h_img * (arr_h / img_h))); Rot90: np.rot90, keep_size back to the map's shape.
Resizes of heatmaps are cubic and clipped, of segmentation maps nearest (HeatmapsOnImage/SegmentationMapsOnImage
.resize defaults).

Run: /usr/bin/python3 scripts/gen-map-size-fixtures.py (tests read only the committed JSON).
"""
import json
import os

import cv2
import numpy as np
from imgaug_ref import affine_matrix, b64, imgaug_perspective, sk_translation

cv2.setNumThreads(1)
rng = np.random.RandomState(2323)
f32 = np.float32


def fit_output(m, shape):
    """_compute_affine_warp_output_shape."""
    h, w = shape
    corners = np.array([[0, 0], [0, h - 1], [w - 1, h - 1], [w - 1, 0]], dtype=float)
    c = corners @ m[:2, :2].T + m[:2, 2]
    minc, minr = c[:, 0].min(), c[:, 1].min()
    out = np.ceil((c[:, 1].max() - minr + 1, c[:, 0].max() - minc + 1))
    return sk_translation(-minc, -minr) @ m, (int(out[0]), int(out[1]))


def resize_seg(seg, shape):
    return cv2.resize(seg, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST)


def resize_heat(heat, shape, interpolation=cv2.INTER_CUBIC):
    out = cv2.resize(heat, (shape[1], shape[0]), interpolation=interpolation)
    return np.clip(out.reshape(shape[0], shape[1], -1), 0, 1).astype(np.float32)


def warp_affine(seg, heat, m, shape):
    dsize = (shape[1], shape[0])
    s = cv2.warpAffine(seg, m[:2], dsize, flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    hm = cv2.warpAffine(heat, m[:2], dsize, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return s, np.clip(hm.reshape(shape[0], shape[1], -1), 0, 1).astype(np.float32)


def project(trbl, frm, to):
    """_project_size_changes."""
    if tuple(frm) == tuple(to):
        return tuple(trbl)
    t, r, b, l = trbl
    return (
        int(np.round(to[0] * (t / frm[0]) - 1e-4)),
        int(np.round(to[1] * (r / frm[1]) + 1e-4)),
        int(np.round(to[0] * (b / frm[0]) + 1e-4)),
        int(np.round(to[1] * (l / frm[1]) - 1e-4)),
    )


def keep_one(size, first, second):
    """One axis of _crop_prevent_zero_size: first is top (right), second bottom (left); first regains the larger
    half, and what a side cannot give back the other does."""
    if size - (first + second) >= 1:
        return first, second
    regain = abs(size - (first + second)) + 1
    ra = rb = regain // 2
    if ra + rb < regain:
        ra += 1
    if ra > first:
        rb += ra - first
        ra = first
    elif rb > second:
        ra += rb - second
        rb = second
    return first - ra, second - rb


def prevent_zero(height, width, t, r, b, l):
    """_crop_prevent_zero_size."""
    t, b = keep_one(height, t, b)
    r, l = keep_one(width, r, l)
    return max(t, 0), max(r, 0), max(b, 0), max(l, 0)


def crop_pad(arr, img_shape, crop, pad, keep_size):
    """_crop_and_pad_hms_or_segmaps_ (pads with 0)."""
    h, w = arr.shape[:2]
    c = prevent_zero(h, w, *project(crop, img_shape, (h, w)))
    p = project(pad, img_shape, (h, w))
    out = arr[c[0]:h - c[2], c[3]:w - c[1]]
    widths = ((p[0], p[2]), (p[3], p[1])) + ((0, 0),) * (arr.ndim - 2)
    out = np.pad(out, widths, mode="constant", constant_values=0)
    if keep_size:
        out = resize_seg(out, (h, w)) if arr.ndim == 2 else resize_heat(out, (h, w))
    return out


def maps(h, w):
    seg = np.zeros((h, w), np.uint8)
    yy, xx = np.mgrid[0:h, 0:w]
    for _ in range(5):
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(2, 6)
        seg[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rng.randint(1, 255)
    heat = cv2.GaussianBlur(rng.uniform(0, 1, (h, w, 1)).astype(np.float32), (5, 5), 1.0)
    return seg, np.clip(heat, 0, 1).reshape(h, w, -1).astype(np.float32)


def out_map(seg, heat):
    return {
        "segmentationMap": {"data": b64(seg), "height": seg.shape[0], "width": seg.shape[1]},
        "heatmap": {"data": b64(heat), "height": heat.shape[0], "width": heat.shape[1]},
    }


cases = []
inputs = []
# (image, map) pairs whose x and y factors differ; the second map is larger than its image on one axis.
for (ih, iw), (mh, mw) in [((30, 20), (9, 17)), ((17, 26), (19, 7)), ((16, 20), (8, 30))]:
    seg, heat = maps(mh, mw)
    inputs.append(out_map(seg, heat) | {"image": [ih, iw]})
    m_i = len(inputs) - 1
    # Affine
    for params in [
        {"rotate": 23.5},
        {"rotate": -40.0, "shear": 15.0, "translatePx": {"x": 3, "y": -2}},
        {"scale": 1.3, "translatePercent": {"x": 0.1, "y": -0.15}},
        {"rotate": 30.0, "fitOutput": True},
        {"shear": -20.0, "scale": 0.8, "fitOutput": True},
    ]:
        m = affine_matrix(params, (mh, mw), (ih, iw))
        shape = (mh, mw)
        if params.get("fitOutput"):
            m, shape = fit_output(m, shape)
        s, hm = warp_affine(seg, heat, m, shape)
        cases.append({"augmenter": {"type": "Affine", **params}, "maps": m_i, "expected": out_map(s, hm)})
    # PerspectiveTransform, given its offsets
    for keep in (True, False):
        jitter = rng.normal(0, 0.12, 8)
        mat, h2, w2 = imgaug_perspective(jitter, mh, mw, False)
        s = cv2.warpPerspective(seg, mat, (w2, h2), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        hm = np.stack([
            cv2.warpPerspective(heat[..., c], mat, (w2, h2), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
            for c in range(heat.shape[2])
        ], axis=-1)
        if keep:
            s, hm = resize_seg(s, (mh, mw)), resize_heat(hm, (mh, mw))
        cases.append({"perspective": {"jitter": jitter.tolist(), "keepSize": keep}, "maps": m_i, "expected": out_map(s, hm)})
    # crop and pad: (crop, pad) as (top, right, bottom, left), the amounts of the image
    for crop, pad, keep in [
        ((3, 0, 5, 0), (0, 4, 0, 3), False),
        ((3, 0, 5, 1), (0, 4, 0, 0), True),
        ((0, 0, 0, 0), (5, 3, 5, 3), False),
        ((ih - 1, 0, 0, iw - 1), (0, 0, 0, 0), False),
        ((7, 5, 6, 2), (0, 0, 0, 0), True),
        ((3, 0, 3, 3), (0, 3, 0, 0), False),
    ]:
        amounts = {k: (pad[i] - crop[i]) for i, k in enumerate(["top", "right", "bottom", "left"])}
        spec = {"type": "CropAndPad", "px": amounts, "keepSize": keep}
        s, hm = crop_pad(seg, (ih, iw), crop, pad, keep), crop_pad(heat, (ih, iw), crop, pad, keep)
        cases.append({"augmenter": spec, "maps": m_i, "expected": out_map(s, hm)})
    # KeepSizeByResize around a crop: the map cropped as above, then back to its own shape (heatmaps at the
    # image's interpolation, 'same'; segmentation maps nearest)
    crop = (2, 3, 4, 1)
    child = {"type": "Crop", "px": dict(zip(["top", "right", "bottom", "left"], crop)), "keepSize": False}
    s = resize_seg(crop_pad(seg, (ih, iw), crop, (0, 0, 0, 0), False), (mh, mw))
    hm = resize_heat(crop_pad(heat, (ih, iw), crop, (0, 0, 0, 0), False), (mh, mw), cv2.INTER_LINEAR)
    spec = {"type": "KeepSizeByResize", "children": [child], "interpolation": "linear"}
    cases.append({"augmenter": spec, "maps": m_i, "expected": out_map(s, hm)})
    # Resize to a fixed size, then to fractions that round halves
    for size in [{"height": 41, "width": 15}, {"height": 0.5, "width": 0.75}]:
        h_img = size["height"] if isinstance(size["height"], int) else int(np.round(ih * size["height"]))
        w_img = size["width"] if isinstance(size["width"], int) else int(np.round(iw * size["width"]))
        h = max(int(np.round(h_img * (mh / ih))), 1)
        w = max(int(np.round(w_img * (mw / iw))), 1)
        s, hm = resize_seg(seg, (h, w)), resize_heat(heat, (h, w))
        cases.append({"augmenter": {"type": "Resize", "size": size, "interpolation": "cubic"}, "maps": m_i, "expected": out_map(s, hm)})
    # Rot90 and the flips
    for k, keep in [(1, True), (1, False), (3, True), (2, True)]:
        s, hm = np.rot90(seg, k, axes=(1, 0)), np.rot90(heat, k, axes=(1, 0))
        if keep:
            s, hm = resize_seg(np.ascontiguousarray(s), (mh, mw)), resize_heat(np.ascontiguousarray(hm), (mh, mw))
        cases.append({"augmenter": {"type": "Rot90", "k": k, "keepSize": keep}, "maps": m_i, "expected": out_map(s, hm)})
    cases.append({"augmenter": {"type": "Fliplr", "p": 1}, "maps": m_i, "expected": out_map(seg[:, ::-1], heat[:, ::-1])})
    cases.append({"augmenter": {"type": "Flipud", "p": 1}, "maps": m_i, "expected": out_map(seg[::-1], heat[::-1])})

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "map-sizes.json")
with open(out, "w") as fh:
    json.dump({"opencv": cv2.__version__, "maps": inputs, "cases": cases}, fh, separators=(",", ":"))
print(f"{len(cases)} cases -> {os.path.relpath(out)} ({os.path.getsize(out)} bytes)")
