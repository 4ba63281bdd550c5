#!/usr/bin/python3
"""Writes test/fixtures/labels.json: where imgaug 0.4.0 moves keypoints and boxes, and what it makes of
segmentation maps and heatmaps, for augmenters with constant parameters (so that no random draw is involved).
src/augmentables/fixtures.test.ts checks augkit against it: coordinates within 1e-4 px, maps identical, heatmaps within
1e-6.

imgaug is not installed: this reproduces its formulas with numpy and OpenCV, as the other fixture scripts do
(IMGAUG_CONVENTIONS.md, "Labels"). Affine builds the points' matrix with scikit-image 0.19's AffineTransform about
(W/2, H/2) (`_AffineSamplingResult.to_matrix(..., shift_add=(0, 0))`), samples as float32 (ints stay ints), and
applies it to float32 coordinates in double precision (`skimage.transform.matrix_transform`); boxes are the envelope
of their four corners; maps are warped with the pixels' matrix about ((W-1)/2, (H-1)/2) by cv2.warpAffine (heatmaps
INTER_CUBIC, constant 0, clipped; segmentation maps INTER_NEAREST, constant 0). ElasticTransformation's point rule
(`_augment_kpsoi_by_samples`) is checked given displacement fields, which are made here (augkit's noise is Philox's).

Run with Debian's python3 (python3-opencv, python3-numpy): /usr/bin/python3 scripts/gen-label-fixtures.py
Tests read only the committed JSON; this script is needed only to regenerate it.
"""
import json
import os

import cv2
import numpy as np
from imgaug_ref import affine_matrix, b64

cv2.setNumThreads(1)
rng = np.random.RandomState(20261207)
f32 = np.float32


def transform(coords, m):
    """skimage.transform.matrix_transform on float32 coordinates."""
    c = np.asarray(coords, dtype=np.float32)
    src = np.vstack((c[:, 0], c[:, 1], np.ones(len(c), dtype=np.float32)))
    dst = src.T @ m.T
    return dst[:, :2] / dst[:, 2:3]


def boxes_of(corners):
    xy = corners.reshape(-1, 4, 2)
    return np.concatenate([xy.min(axis=1), xy.max(axis=1)], axis=1)


def corners_of(boxes):
    b = np.asarray(boxes, dtype=np.float32)
    return np.stack([b[:, [0, 1]], b[:, [2, 1]], b[:, [2, 3]], b[:, [0, 3]]], axis=1).reshape(-1, 2)


def labels(h, w, n=6, m=3):
    kps = np.stack([rng.uniform(-3, w + 3, n), rng.uniform(-3, h + 3, n)], axis=1).astype(np.float32)
    x1 = rng.uniform(-2, w - 2, m)
    y1 = rng.uniform(-2, h - 2, m)
    bbs = np.stack([x1, y1, x1 + rng.uniform(1, w / 2, m), y1 + rng.uniform(1, h / 2, m)], axis=1).astype(np.float32)
    return kps, bbs


def maps(h, w):
    seg = np.zeros((h, w), np.uint16)
    for _ in range(4):
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(2, 6)
        yy, xx = np.mgrid[0:h, 0:w]
        seg[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rng.randint(1, 3000)
    heat = rng.uniform(0, 1, (h, w, 2)).astype(np.float32)
    heat = cv2.GaussianBlur(heat, (5, 5), 1.0)
    heat = heat[..., :1] if h > w else heat
    return seg, np.clip(heat, 0, 1).astype(np.float32)


def case(spec, h, w, kps, bbs, kps_out, bbs_out, out_shape, seg=None, seg_out=None, heat=None, heat_out=None):
    c = {
        "augmenter": spec,
        "shape": [h, w],
        "keypoints": kps.tolist(),
        "boxes": bbs.tolist(),
        "expected": {
            "keypoints": np.asarray(kps_out, dtype=float).tolist(),
            "boxes": np.asarray(bbs_out, dtype=float).tolist(),
            "shape": list(out_shape),
        },
    }
    if seg is not None and len(cases) in WITH_MAPS:
        # The inputs are the shape's maps (`maps[c.maps]`).
        c["maps"] = len(map_inputs) - 1
        c["expected"]["segmentationMap"] = {"data": b64(seg_out), "height": seg_out.shape[0], "width": seg_out.shape[1]}
        c["expected"]["heatmap"] = {"data": b64(heat_out), "height": heat_out.shape[0], "width": heat_out.shape[1]}
    return c


cases = []
map_inputs = []
# The cases (by position) that carry maps: two affine warps, a flip and a resize per image shape (fixtures stay small).
WITH_MAPS = {0, 6, 8, 10, 12, 18}
AFFINES = [
    {"rotate": 17.5},
    {"rotate": 90},
    {"rotate": -33.25, "scale": 1.25},
    {"scale": 0.8, "shear": 12.5},
    {"translatePx": {"x": 3, "y": -2}, "rotate": 5.5},
    {"translatePercent": {"x": 0.1, "y": -0.05}, "scale": 1.1, "rotate": 190.0},
]
for h, w in [(20, 30), (33, 17)]:
    seg, heat = maps(h, w)
    map_inputs.append({
        "segmentationMap": {"data": b64(seg), "height": h, "width": w},
        "heatmap": {"data": b64(heat), "height": h, "width": w, "channels": heat.shape[2]},
    })
    for params in AFFINES:
        kps, bbs = labels(h, w)
        m = affine_matrix(params, (h, w), shift_add=0.0)
        kps_out = transform(kps, m)
        bbs_out = boxes_of(transform(corners_of(bbs), m))
        pm = affine_matrix(params, (h, w))[:2]
        seg_out = cv2.warpAffine(seg, pm, (w, h), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        heat_out = cv2.warpAffine(heat, pm, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        heat_out = np.clip(heat_out.reshape(h, w, -1), 0, 1)
        cases.append(case({"type": "Affine", **params}, h, w, kps, bbs, kps_out, bbs_out, (h, w), seg, seg_out, heat, heat_out))
    for axis in ("x", "y"):
        kps, bbs = labels(h, w)
        k = kps.astype(np.float64).copy()
        c = corners_of(bbs).astype(np.float64)
        if axis == "x":
            k[:, 0] = w - k[:, 0]
            c[:, 0] = w - c[:, 0]
            seg_out, heat_out = seg[:, ::-1], heat[:, ::-1]
        else:
            k[:, 1] = h - k[:, 1]
            c[:, 1] = h - c[:, 1]
            seg_out, heat_out = seg[::-1], heat[::-1]
        spec = {"type": "Fliplr" if axis == "x" else "Flipud", "p": 1}
        cases.append(case(spec, h, w, kps, bbs, k, boxes_of(c), (h, w), seg, seg_out, heat, heat_out))
    for h2, w2 in [(41, 25), (12, 9)]:
        kps, bbs = labels(h, w)

        def project(xy):
            xy = np.asarray(xy, dtype=np.float32).copy()
            xy[:, 0] = (xy[:, 0] / w) * w2
            xy[:, 1] = (xy[:, 1] / h) * h2
            return xy

        seg_out = cv2.resize(seg, (w2, h2), interpolation=cv2.INTER_NEAREST)
        heat_out = np.clip(cv2.resize(heat, (w2, h2), interpolation=cv2.INTER_CUBIC), 0, 1).reshape(h2, w2, -1)
        spec = {"type": "Resize", "size": {"height": h2, "width": w2}, "interpolation": "cubic"}
        cases.append(case(spec, h, w, kps, bbs, project(kps), boxes_of(project(corners_of(bbs))), (h2, w2), seg, seg_out, heat, heat_out))


def geometric_median(points, eps=1e-5):
    """imgaug's compute_geometric_median (scipy's cdist written out)."""
    y = np.mean(points, 0)
    while True:
        dist = np.sqrt(((points.astype(np.float64) - y) ** 2).sum(axis=1))[:, None]
        nonzeros = (dist != 0)[:, 0]
        dist_inv = 1 / dist[nonzeros]
        dist_inv_sum = np.sum(dist_inv)
        dist_inv_norm = dist_inv / dist_inv_sum
        T = np.sum(dist_inv_norm * points[nonzeros], 0)
        num_zeros = len(points) - np.sum(nonzeros)
        if num_zeros == 0:
            y1 = T
        elif num_zeros == len(points):
            return y
        else:
            R = (T - y) * dist_inv_sum
            r = np.linalg.norm(R)
            rinv = 0 if r == 0 else num_zeros / r
            y1 = max(0, 1 - rinv) * T + min(1, rinv) * y
        if np.sqrt(((y - y1) ** 2).sum()) < eps:
            return y1
        y = y1


def elastic_points(kps, dx, dy):
    """ElasticTransformation._augment_kpsoi_by_samples given the fields (alpha and sigma above the thresholds)."""
    h, w = dx.shape
    out = kps.astype(np.float64).copy()
    for i, (x, y) in enumerate(kps):
        if not (0 <= x < w and 0 <= y < h):
            continue
        pts = []
        yy = np.linspace(y - 3, y + 3, 7)
        width = 1
        for iy, py in enumerate(yy):
            xs = [x] if width == 1 else np.linspace(x - (width - 1) // 2, x + (width - 1) // 2, width)
            pts.extend([(px, py) for px in xs])
            width += 2 if iy < 3 else -2
        pts = np.array(pts, dtype=np.float32)
        xx = np.round(pts[:, 0]).astype(np.int32)
        yi = np.round(pts[:, 1]).astype(np.int32)
        inside = (0 <= xx) & (xx < w) & (0 <= yi) & (yi < h)
        xx, yi = xx[inside], yi[inside]
        aug = np.stack([xx, yi], axis=1).astype(np.float32)
        aug[:, 0] += dx[yi, xx]
        aug[:, 1] += dy[yi, xx]
        out[i] = geometric_median(aug)
    return out


elastic = []
for h, w, alpha in [(24, 18, 8.0), (15, 31, 20.0)]:
    noise = rng.uniform(-1, 1, (2, h, w)).astype(np.float32)
    dx = (cv2.GaussianBlur(noise[0], (0, 0), 3.0) * alpha).astype(np.float32)
    dy = (cv2.GaussianBlur(noise[1], (0, 0), 3.0) * alpha).astype(np.float32)
    kps = np.concatenate([labels(h, w, n=12)[0], np.array([[w - 0.3, h - 0.3], [0.5, 0.5], [2.5, 3.5]], np.float32)])
    elastic.append({
        "height": h, "width": w, "dx": b64(dx), "dy": b64(dy),
        "keypoints": kps.tolist(), "expected": elastic_points(kps, dx, dy).tolist(),
    })

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "labels.json")
with open(out, "w") as fh:
    json.dump({"opencv": cv2.__version__, "maps": map_inputs, "cases": cases, "elastic": elastic}, fh, separators=(",", ":"))
print(f"{len(cases)} cases, {len(elastic)} elastic fields -> {os.path.relpath(out)} ({os.path.getsize(out)} bytes)")
