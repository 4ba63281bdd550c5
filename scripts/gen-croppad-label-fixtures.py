#!/usr/bin/python3
"""Writes test/fixtures/croppad-labels.json: where imgaug 0.4.0's crop and pad family, Rot90 and KeepSizeByResize put
keypoints and boxes, and what they make of segmentation maps and heatmaps, for fixed (non-random) settings.
src/augmenters/size/labels.test.ts checks augkit against it: coordinates within 1e-4 px, segmentation maps
identical (compared by SHA-256), heatmaps within 1e-5.

imgaug is not installed: this reproduces its formulas with numpy and OpenCV (IMGAUG_CONVENTIONS.md, "The crop and
pad family" and "Labels"). Coordinates are float32. Crops and pads shift points by the left and top amounts
(CropAndPad: x - crop_left + pad_left); Rot90 turns (x, y) into (H - y, x) per clockwise quarter; keep_size and
KeepSizeByResize project points from the intermediate shape back with (x / W) * W' in float32. Boxes are the envelope
of their four moved corners. Maps are cropped, padded with 0 whatever the mode, turned with np.rot90, and resized
back (keep_size) with cubic interpolation clipped to [0, 1] (heatmaps) or nearest neighbour (segmentation maps);
KeepSizeByResize resizes heatmaps with the image's interpolation and segmentation maps with nearest neighbour.
The fixed-size augmenters split an amount as int((1 - x) * total) before and the rest after.

Run with Debian's python3 (python3-opencv, python3-numpy): /usr/bin/python3 scripts/gen-croppad-label-fixtures.py
"""
import base64
import hashlib
import json
import os

import cv2
import numpy as np

cv2.setNumThreads(1)
rng = np.random.RandomState(22)
f32 = np.float32


def b64(arr):
    return base64.b64encode(np.ascontiguousarray(arr).tobytes()).decode()


def labels(h, w):
    """Six keypoints and three boxes in and around an h x w image (some outside it), float32."""
    span = np.array([w + 6, h + 6], dtype=np.float64)
    kps = (rng.uniform(0, 1, (6, 2)) * span - 3).astype(np.float32)
    top_left = rng.uniform(0, 1, (3, 2)) * (span - 8) - 1
    size = 1 + rng.uniform(0, 1, (3, 2)) * (span - 6) / 2
    return kps, np.concatenate([top_left, top_left + size], axis=1).astype(np.float32)


def corners_of(boxes):
    b = np.asarray(boxes, dtype=np.float32)
    return np.stack([b[:, [0, 1]], b[:, [2, 1]], b[:, [2, 3]], b[:, [0, 3]]], axis=1).reshape(-1, 2)


def boxes_of(corners):
    xy = np.asarray(corners).reshape(-1, 4, 2)
    return np.concatenate([xy.min(axis=1), xy.max(axis=1)], axis=1)


def maps(h, w):
    seg = np.zeros((h, w), np.uint16)
    yy, xx = np.mgrid[0:h, 0:w]
    for _ in range(4):
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(2, 6)
        seg[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rng.randint(1, 3000)
    heat = cv2.GaussianBlur(rng.uniform(0, 1, (h, w)).astype(np.float32), (5, 5), 1.0)
    return seg, np.clip(heat, 0, 1).reshape(h, w, -1).astype(np.float32)


# Moves: functions of (xy float32 array, (h, w)) -> (xy, (h', w')), and of maps (seg, heat) -> (seg', heat').
def shift(xy, dx, dy):
    out = xy.astype(np.float32).copy()
    out[:, 0] = out[:, 0] + f32(dx)
    out[:, 1] = out[:, 1] + f32(dy)
    return out


def project(xy, frm, to):
    if frm == to:
        return xy
    out = xy.astype(np.float32).copy()
    out[:, 0] = (out[:, 0] / f32(frm[1])) * f32(to[1])
    out[:, 1] = (out[:, 1] / f32(frm[0])) * f32(to[0])
    return out


def rot90_points(xy, k, shape):
    h, w = shape
    out = []
    for x, y in xy.astype(np.float32):
        hr, wr = h, w
        for _ in range(k):
            x, y = f32(hr - y), x
            wr, hr = hr, wr
        out.append((x, y))
    return np.array(out, dtype=np.float32).reshape(-1, 2)


def crop_pad_map(arr, crop, pad):
    """crop and pad are (top, right, bottom, left); maps pad with 0."""
    t, r, b, l = crop
    h, w = arr.shape[:2]
    arr = arr[t:h - b, l:w - r]
    t, r, b, l = pad
    widths = ((t, b), (l, r)) + ((0, 0),) * (arr.ndim - 2)
    return np.pad(arr, widths, mode="constant", constant_values=0)


def resize_seg(seg, shape):
    return cv2.resize(seg, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST)


def resize_heat(heat, shape, interpolation=cv2.INTER_CUBIC):
    out = cv2.resize(heat, (shape[1], shape[0]), interpolation=interpolation)
    return np.clip(out.reshape(shape[0], shape[1], -1), 0, 1).astype(np.float32)


def crop_pad_case(spec, h, w, crop, pad, keep_size):
    """CropAndPad-like: crop then pad by per-side amounts, optionally resized back."""
    mid = (h - crop[0] - crop[2] + pad[0] + pad[2], w - crop[1] - crop[3] + pad[1] + pad[3])

    def move(xy):
        xy = shift(xy, -crop[3] + pad[3], -crop[0] + pad[0])
        return project(xy, mid, (h, w)) if keep_size else xy

    def move_maps(seg, heat):
        s, m = crop_pad_map(seg, crop, pad), crop_pad_map(heat, crop, pad)
        if keep_size:
            return resize_seg(s, (h, w)), resize_heat(m, (h, w))
        return s, m

    return spec, move, move_maps, (h, w) if keep_size else mid


def position_split(total, x):
    """int((1 - x) * total) before, the rest after (x a float32 fraction)."""
    before = int((1 - f32(x)) * total)
    return before, total - before


cases = []
map_inputs = []
for h, w in [(14, 20), (23, 11)]:
    seg, heat = maps(h, w)
    map_inputs.append({
        "segmentationMap": {"data": b64(seg), "height": h, "width": w},
        "heatmap": {"data": b64(heat), "height": h, "width": w, "channels": heat.shape[2]},
    })
    sides = {"top": 2, "right": 3, "bottom": 1, "left": 4}
    tb = (2, 3, 1, 4)
    specs = []
    for keep in (False, True):
        specs.append(crop_pad_case({"type": "Crop", "px": sides, "keepSize": keep}, h, w, tb, (0, 0, 0, 0), keep))
        specs.append(crop_pad_case({"type": "Pad", "px": {"top": 1, "right": 2, "bottom": 3, "left": 5},
                                    "padMode": "edge", "keepSize": keep}, h, w, (0, 0, 0, 0), (1, 2, 3, 5), keep))
        specs.append(crop_pad_case({"type": "CropAndPad", "px": {"top": -2, "right": 3, "bottom": 1, "left": -4},
                                    "padMode": "reflect", "keepSize": keep}, h, w, (2, 0, 0, 4), (0, 3, 1, 0), keep))
    # Fixed sizes: center splits the odd pixel after, left-top puts everything before, right-bottom after.
    for spec, dh, dw, pos in [
        ({"type": "CenterPadToFixedSize", "height": h + 5, "width": w + 4}, 5, 4, (0.5, 0.5)),
        ({"type": "PadToFixedSize", "height": h + 3, "width": w + 6, "position": "left-top"}, 3, 6, (0.0, 0.0)),
        ({"type": "CenterCropToFixedSize", "height": h - 5, "width": w - 4}, -5, -4, (0.5, 0.5)),
        ({"type": "CropToFixedSize", "height": h - 3, "width": w - 6, "position": "right-bottom"}, -3, -6, (1.0, 1.0)),
    ]:
        top, bottom = position_split(abs(dh), pos[1])
        left, right = position_split(abs(dw), pos[0])
        amounts = (top, right, bottom, left)
        crop, pad = ((0, 0, 0, 0), amounts) if dh > 0 else (amounts, (0, 0, 0, 0))
        specs.append(crop_pad_case(spec, h, w, crop, pad, False))
    # Rot90: k clockwise quarter turns, resized back with keepSize.
    for k, keep in [(1, False), (1, True), (2, True), (3, False), (3, True)]:
        turned = (w, h) if k % 2 else (h, w)

        def move(xy, k=k, keep=keep, turned=turned):
            xy = rot90_points(xy, k, (h, w))
            return project(xy, turned, (h, w)) if keep else xy

        def move_maps(seg, heat, k=k, keep=keep):
            s, m = np.rot90(seg, -k), np.rot90(heat, -k)
            if keep:
                return resize_seg(np.ascontiguousarray(s), (h, w)), resize_heat(np.ascontiguousarray(m), (h, w))
            return s, m

        specs.append(({"type": "Rot90", "k": k, "keepSize": keep}, move, move_maps, (h, w) if keep else turned))
    # KeepSizeByResize around a crop: heatmaps with the image's interpolation, segmentation maps nearest.
    for interp, cv in [("linear", cv2.INTER_LINEAR), ("nearest", cv2.INTER_NEAREST)]:
        crop = (3, 2, 1, 5)
        mid = (h - 4, w - 7)

        def move(xy, crop=crop, mid=mid):
            return project(shift(xy, -crop[3], -crop[0]), mid, (h, w))

        def move_maps(seg, heat, crop=crop, cv=cv):
            s, m = crop_pad_map(seg, crop, (0, 0, 0, 0)), crop_pad_map(heat, crop, (0, 0, 0, 0))
            return resize_seg(s, (h, w)), resize_heat(m, (h, w), cv)

        spec = {"type": "KeepSizeByResize", "interpolation": interp, "children": [
            {"type": "Crop", "px": {"top": 3, "right": 2, "bottom": 1, "left": 5}, "keepSize": False}]}
        specs.append((spec, move, move_maps, (h, w)))

    for spec, move, move_maps, out_shape in specs:
        kps, bbs = labels(h, w)
        seg_out, heat_out = move_maps(seg, heat)
        cases.append({
            "augmenter": spec,
            "shape": [h, w],
            "maps": len(map_inputs) - 1,
            "keypoints": kps.tolist(),
            "boxes": bbs.tolist(),
            "expected": {
                "keypoints": np.asarray(move(kps), dtype=float).tolist(),
                "boxes": np.asarray(boxes_of(move(corners_of(bbs))), dtype=float).tolist(),
                "shape": list(out_shape),
                # The segmentation map's uint16 bytes as the first 16 hex digits of their SHA-256 (fixtures stay small).
                "segmentationMap": {"sha256": hashlib.sha256(np.ascontiguousarray(seg_out).tobytes()).hexdigest()[:16],
                                    "height": seg_out.shape[0], "width": seg_out.shape[1]},
                "heatmap": {"data": b64(heat_out), "height": heat_out.shape[0], "width": heat_out.shape[1]},
            },
        })

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "croppad-labels.json")
with open(out, "w") as fh:
    json.dump({"opencv": cv2.__version__, "maps": map_inputs, "cases": cases}, fh, separators=(",", ":"))
print(f"{len(cases)} cases -> {os.path.relpath(out)} ({os.path.getsize(out)} bytes)")
