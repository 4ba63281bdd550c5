#!/usr/bin/env python3
"""Writes test/fixtures/colorspace.json (what OpenCV 4.6's cvtColor gives for uint8 colour-space conversions) and
test/fixtures/colour-augmenters.json (imgaug 0.4.0's colour augmenters for deterministic settings, see below).

Run with Debian's OpenCV (`/usr/bin/python3 scripts/gen-colour-fixtures.py`); the tests read only the JSON.
imgaug 0.4.0's change_colorspace_ calls cv2.cvtColor with these codes, so they are imgaug's bytes too.

For each conversion, both directions:
- `digests`: the SHA-256 of the whole output for all 2^24 inputs, laid out as one 4096x4096 image whose pixel i
  holds (i >> 16, (i >> 8) & 255, i & 255), read as the source space. OpenCV's HSV -> RGB takes another path for the
  last (width % 32) pixels of each row, so it is hashed twice: as the 4096-wide image and as a 2^24 x 1 column
  (every pixel on the per-pixel path), the latter under "HSV>RGB@1".
- `sample`: the outputs for `colours` (a seeded sample of the same inputs), for readable failures.
- `rows`: HSV -> RGB of small odd-width images, whose rows mix the two paths.
"""

import base64
import hashlib
import json
import os

import cv2
import numpy as np

CODES = {
    "HSV": (cv2.COLOR_RGB2HSV, cv2.COLOR_HSV2RGB),
    "HLS": (cv2.COLOR_RGB2HLS, cv2.COLOR_HLS2RGB),
    "Lab": (cv2.COLOR_RGB2Lab, cv2.COLOR_Lab2RGB),
    "Luv": (cv2.COLOR_RGB2Luv, cv2.COLOR_Luv2RGB),
    "YCrCb": (cv2.COLOR_RGB2YCrCb, cv2.COLOR_YCrCb2RGB),
    "YUV": (cv2.COLOR_RGB2YUV, cv2.COLOR_YUV2RGB),
    "CIE": (cv2.COLOR_RGB2XYZ, cv2.COLOR_XYZ2RGB),
    "BGR": (cv2.COLOR_RGB2BGR, cv2.COLOR_BGR2RGB),
}
SAMPLE = 512
ROW_SHAPES = [(3, 45), (2, 33), (1, 31), (5, 7)]


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array, dtype=np.uint8).tobytes()).decode("ascii")


def sha256(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def main():
    i = np.arange(1 << 24, dtype=np.uint32)
    every = np.stack([(i >> 16) & 255, (i >> 8) & 255, i & 255], -1).astype(np.uint8)
    image = every.reshape(4096, 4096, 3)
    rng = np.random.default_rng(24)
    picks = rng.choice(1 << 24, SAMPLE, replace=False)
    picks.sort()
    digests, sample = {}, {}
    for name, (forward, backward) in CODES.items():
        for key, code in ((f"RGB>{name}", forward), (f"{name}>RGB", backward)):
            out = cv2.cvtColor(image, code)
            digests[key] = sha256(out)
            sample[key] = b64(out.reshape(-1, 3)[picks])
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    digests["RGB>GRAY"] = sha256(np.repeat(gray[..., None], 3, axis=2))
    digests["HSV>RGB@1"] = sha256(cv2.cvtColor(every.reshape(-1, 1, 3), cv2.COLOR_HSV2RGB))
    rows = []
    for height, width in ROW_SHAPES:
        src = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        rows.append(
            {"height": height, "width": width, "hsv": b64(src), "rgb": b64(cv2.cvtColor(src, cv2.COLOR_HSV2RGB))}
        )
    out = {
        "opencv": cv2.__version__,
        "colours": b64(every[picks]),
        "digests": digests,
        "sample": sample,
        "rows": rows,
    }
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "colorspace.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")




# ---- The colour augmenters (test/fixtures/colour-augmenters.json): imgaug 0.4.0's formulas for deterministic
# settings, reproduced from imgaug/augmenters/color.py on top of the same cv2.cvtColor calls.

AUG_SHAPES = [(5, 7), (2, 33), (31, 37), (1, 1), (9, 64)]
TO_HSV = {"RGB": cv2.COLOR_RGB2HSV, "BGR": cv2.COLOR_BGR2HSV}
FROM_HSV = {"RGB": cv2.COLOR_HSV2RGB, "BGR": cv2.COLOR_HSV2BGR}


def add_to_hue_and_saturation(image, value_hue, value_saturation, from_colorspace):
    """AddToHueAndSaturation._augment_batch_ with the cv2 backend, for one image and fixed values."""
    hsv = cv2.cvtColor(image, TO_HSV[from_colorspace])
    hue = ((np.array([value_hue], dtype=np.int32).astype(np.float32) / 255.0) * (360 / 2)).astype(np.int32)[0]
    value_range = np.arange(0, 256, dtype=np.int16)
    table_hue = np.mod(value_range + hue, 180).astype(np.uint8)
    table_saturation = np.clip(value_range + value_saturation, 0, 255).astype(np.uint8)
    hsv[..., 0] = table_hue[hsv[..., 0]]
    hsv[..., 1] = table_saturation[hsv[..., 1]]
    return cv2.cvtColor(hsv, FROM_HSV[from_colorspace])


def augmenter_cases(rng):
    cases = []
    settings = [(-255, 0), (-100, 40), (-1, -255), (0, 0), (1, 255), (37, -40), (128, 13), (255, -7)]
    for k, (value_hue, value_saturation) in enumerate(settings):
        height, width = AUG_SHAPES[k % len(AUG_SHAPES)]
        from_colorspace = "BGR" if k % 3 == 2 else "RGB"
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        out = add_to_hue_and_saturation(image, value_hue, value_saturation, from_colorspace)
        options = {"valueHue": value_hue, "valueSaturation": value_saturation, "fromColorspace": from_colorspace}
        cases.append(
            {
                "type": "AddToHueAndSaturation",
                "options": options,
                "height": height,
                "width": width,
                "image": b64(image),
                "out": b64(out),
            }
        )
    return cases


BRIGHTNESS = {  # imgaug's WithBrightnessChannels: conversion codes and the brightness channel
    "YCrCb": (cv2.COLOR_RGB2YCrCb, cv2.COLOR_YCrCb2RGB, 0),
    "HSV": (cv2.COLOR_RGB2HSV, cv2.COLOR_HSV2RGB, 2),
    "HLS": (cv2.COLOR_RGB2HLS, cv2.COLOR_HLS2RGB, 1),
    "Lab": (cv2.COLOR_RGB2Lab, cv2.COLOR_Lab2RGB, 0),
    "Luv": (cv2.COLOR_RGB2Luv, cv2.COLOR_Luv2RGB, 0),
    "YUV": (cv2.COLOR_RGB2YUV, cv2.COLOR_YUV2RGB, 0),
}


def multiply_and_add_to_brightness(image, colorspace, mul, add, add_first):
    """MultiplyAndAddToBrightness for one image: Multiply's and Add's uint8 tables (imgaug's arithmetic.py,
    _multiply_scalar_to_uint8 and _add_scalar_to_uint8) on the brightness channel, in the given order."""
    to_code, from_code, channel = BRIGHTNESS[colorspace]
    converted = cv2.cvtColor(image, to_code)
    mul_table = np.clip(np.arange(0, 256, dtype=np.float32) * np.float32(mul), 0, 255).astype(np.uint8)
    value = np.clip(np.round(add), -255, 255).astype(np.int16)
    add_table = np.clip(np.arange(0, 256, dtype=np.int16) + value, 0, 255).astype(np.uint8)
    steps = [add_table, mul_table] if add_first else [mul_table, add_table]
    values = converted[..., channel]
    for table in steps:
        values = table[values]
    converted[..., channel] = values
    return cv2.cvtColor(converted, from_code)


def brightness_cases(rng, settings=None):
    cases = []
    settings = settings or [
        ("YCrCb", 1.3, 0, False),
        ("HSV", 0.55, 17.5, False),
        ("HLS", 1.0, -30.5, True),
        ("Lab", 1.77, 12, True),
        ("YUV", 0.9, -4, False),
        ("Lab", 0.5, 0, False),
        ("HSV", 1.2, 40, True),
    ]
    for k, (colorspace, mul, add, add_first) in enumerate(settings):
        height, width = AUG_SHAPES[(k + 1) % len(AUG_SHAPES)]
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        out = multiply_and_add_to_brightness(image, colorspace, mul, add, add_first)
        cases.append(
            {
                "type": "MultiplyAndAddToBrightness",
                "options": {"mul": mul, "add": add, "toColorspace": colorspace},
                "addFirst": add_first,
                "height": height,
                "width": width,
                "image": b64(image),
                "out": b64(out),
            }
        )
    return cases


def quantize_uniform_table(nb_bins, centerize):
    """imgaug's _QuantizeUniformLUTTable._generate_quantize_uniform_table, for one number of bins (2-254)."""
    table = np.arange(0, 256).astype(np.float32)
    binsize = 256 / np.uint8(nb_bins)
    table_q_f32 = np.floor(table / binsize) * binsize
    if centerize:
        table_q_f32 = table_q_f32 + binsize / 2
    return np.clip(np.round(table_q_f32), 0, 255).astype(np.uint8)


def quantize_cases(rng):
    """UniformColorQuantization (bins to centres) and UniformColorQuantizationToNBits (2^bits bins, lower edges);
    the 4th channel is kept as alpha."""
    cases = []
    settings = [("nColors", 2, 3), ("nColors", 5, 1), ("nColors", 16, 4), ("nColors", 77, 3), ("nColors", 254, 3)]
    settings += [("nColors", 14, 3), ("nColors", 28, 1)]  # float32 puts 128 (and 64) in the bin below
    settings += [("nbBits", 1, 3), ("nbBits", 3, 1), ("nbBits", 5, 4), ("nbBits", 7, 3)]
    for k, (option, count, channels) in enumerate(settings):
        height, width = AUG_SHAPES[k % len(AUG_SHAPES)]
        image = rng.integers(0, 256, (height, width, channels), dtype=np.uint8)
        bits = option == "nbBits"
        table = quantize_uniform_table(2**count if bits else count, not bits)
        out = image.copy()
        out[..., 0:3] = table[image[..., 0:3]]
        cases.append(
            {
                "type": "UniformColorQuantizationToNBits" if bits else "UniformColorQuantization",
                "options": {option: count},
                "height": height,
                "width": width,
                "channels": channels,
                "image": b64(image),
                "out": b64(out),
            }
        )
    return cases


def with_hue_and_saturation(image, from_colorspace, children):
    """imgaug's WithHueAndSaturation for one image: HSV, hue projected to 0-255 in an int16 image with the
    saturation, `children` (functions of the int16 HS image) applied, then hue modulo 255 projected back and the
    saturation clipped (_images_to_hsv_ and _hs_to_images_)."""
    hsv = cv2.cvtColor(image, TO_HSV[from_colorspace]).astype(np.int16)
    hue = ((hsv[:, :, 0].astype(np.float32) / 180.0) * 255.0).astype(np.int16)
    hs = np.stack([hue, hsv[:, :, 1]], axis=-1)
    for child in children:
        hs = child(hs)
    hue_aug = ((np.mod(hs[:, :, 0], 255).astype(np.float32) / 255.0) * (360 / 2)).astype(np.uint8)
    sat_aug = np.clip(hs[:, :, 1], 0, 255).astype(np.uint8)
    out = np.stack([hue_aug, sat_aug, hsv[:, :, 2].astype(np.uint8)], axis=-1)
    return cv2.cvtColor(out, FROM_HSV[from_colorspace])


def multiply_int16(channels, mul):
    """imgaug's Multiply on an int16 image (_multiply_scalar_to_non_uint8): float32 product, rounded half to even,
    clipped to int16; on the given channels only (WithChannels)."""

    def child(hs):
        out = hs.copy()
        values = hs[:, :, channels].astype(np.float32) * np.float32(mul)
        out[:, :, channels] = np.clip(np.round(values), -32768, 32767).astype(np.int16)
        return out

    return child


SMALL_SHAPES = [(5, 7), (2, 33), (13, 17), (1, 1), (9, 20)]


def multiply_hue_saturation_cases(rng):
    cases = []
    settings = [
        ("MultiplyHueAndSaturation", {"mul": 1.37}, [multiply_int16([0, 1], 1.37)]),
        ("MultiplyHueAndSaturation", {"mulHue": -2.6, "mulSaturation": 0.45}, [
            multiply_int16([0], -2.6), multiply_int16([1], 0.45)]),
        ("MultiplyHueAndSaturation", {"mulHue": 1.0}, [multiply_int16([0], 1.0)]),
        ("MultiplyHue", {"mul": 7.25}, [multiply_int16([0], 7.25)]),
        ("MultiplyHue", {"mul": -0.5, "fromColorspace": "BGR"}, [multiply_int16([0], -0.5)]),
        ("MultiplySaturation", {"mul": 1.5}, [multiply_int16([1], 1.5)]),
        ("MultiplySaturation", {"mul": 0.3}, [multiply_int16([1], 0.3)]),
        ("RemoveSaturation", {"mul": 1.0}, [multiply_int16([1], 1.0 - 1.0)]),
        ("RemoveSaturation", {"mul": 0.25}, [multiply_int16([1], 1.0 - 0.25)]),
    ]
    for k, (name, options, children) in enumerate(settings):
        height, width = SMALL_SHAPES[k % len(SMALL_SHAPES)]
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        out = with_hue_and_saturation(image, options.get("fromColorspace", "RGB"), children)
        cases.append(
            {"type": name, "options": options, "height": height, "width": width, "image": b64(image), "out": b64(out)}
        )
    return cases


def add_int16(channels, value):
    """imgaug's Add on an int16 image (_add_scalar_to_non_uint8), on the given channels (WithChannels)."""

    def child(hs):
        out = hs.copy()
        out[:, :, channels] = np.clip(hs[:, :, channels].astype(np.int32) + value, -32768, 32767).astype(np.int16)
        return out

    return child


def uint8_table(kind, value):
    """imgaug's uint8 tables: Add (value rounded, clipped sum) and Multiply (float32 product, clipped, truncated)."""
    v = np.arange(0, 256)
    if kind == "Add":
        return np.clip(v + int(np.round(value)), 0, 255).astype(np.uint8)
    return np.clip(v.astype(np.float32) * np.float32(value), 0, 255).astype(np.uint8)


SPACES = {"HSV": (cv2.COLOR_RGB2HSV, cv2.COLOR_HSV2RGB), "Lab": (cv2.COLOR_RGB2Lab, cv2.COLOR_Lab2RGB),
          "Luv": (cv2.COLOR_RGB2Luv, cv2.COLOR_Luv2RGB), "YCrCb": (cv2.COLOR_RGB2YCrCb, cv2.COLOR_YCrCb2RGB)}


def meta_cases(rng):
    """WithColorspace (cvtColor there and back around WithChannels with a uint8 table), WithChannels alone, and
    WithHueAndSaturation around WithChannels(Add) and WithChannels(Multiply) on its int16 image."""
    cases = []

    def with_channels(channels, kind, value):
        return {"type": "WithChannels", "channels": channels, "children": [
            {"type": kind, ("value" if kind == "Add" else "mul"): value}]}

    settings = [
        ("HSV", "RGB", [0], "Add", 50),
        ("Lab", "BGR", [0], "Multiply", 0.6),
        ("Luv", "RGB", [1, 2], "Add", -20),
        ("YCrCb", "RGB", [2, 0], "Multiply", 1.7),
    ]
    for k, (space, source, channels, kind, value) in enumerate(settings):
        height, width = SMALL_SHAPES[k % len(SMALL_SHAPES)]
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        rgb = image[..., ::-1] if source == "BGR" else image
        converted = cv2.cvtColor(np.ascontiguousarray(rgb), SPACES[space][0])
        table = uint8_table(kind, value)
        for c in channels:
            converted[..., c] = table[converted[..., c]]
        out = cv2.cvtColor(converted, SPACES[space][1])
        out = out[..., ::-1] if source == "BGR" else out
        options = {"toColorspace": space, "fromColorspace": source,
                   "children": [with_channels(channels if len(channels) > 1 else channels[0], kind, value)]}
        cases.append({"type": "WithColorspace", "options": options, "height": height, "width": width,
                      "image": b64(image), "out": b64(out)})
    for k, (channels, kind, value, nb) in enumerate([([2, 0], "Add", 40, 3), ([1], "Multiply", 1.3, 4), (0, "Add", -70, 1)]):
        height, width = SMALL_SHAPES[(k + 2) % len(SMALL_SHAPES)]
        image = rng.integers(0, 256, (height, width, nb), dtype=np.uint8)
        out = image.copy()
        table = uint8_table(kind, value)
        for c in (channels if isinstance(channels, list) else [channels]):
            out[..., c] = table[image[..., c]]
        cases.append({"type": "WithChannels", "options": with_channels(channels, kind, value), "height": height,
                      "width": width, "channels": nb, "image": b64(image), "out": b64(out)})
    for k, (source, children, json_children) in enumerate([
        ("RGB", [add_int16([0], -30), multiply_int16([1], 1.5)],
         [with_channels(0, "Add", -30), with_channels(1, "Multiply", 1.5)]),
        ("BGR", [multiply_int16([0], -1.375)], [with_channels(0, "Multiply", -1.375)]),
        ("RGB", [add_int16([0, 1], 300)], [with_channels([0, 1], "Add", 300)]),
    ]):
        height, width = SMALL_SHAPES[(k + 1) % len(SMALL_SHAPES)]
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        out = with_hue_and_saturation(image, source, children)
        cases.append({"type": "WithHueAndSaturation", "options": {"fromColorspace": source, "children": json_children},
                      "height": height, "width": width, "image": b64(image), "out": b64(out)})
    return cases


def kelvin_table():
    """imgaug 0.4.0's _KelvinToRGBTable.create_table, read from augkit's copy of it (src/augmenters/color/kelvin-table.ts)
    so that the two cannot drift apart unnoticed: the test compares bytes made from it with augkit's."""
    path = os.path.join(os.path.dirname(__file__), "..", "src", "augmenters", "color", "kelvin-table.ts")
    text = open(path).read()
    numbers = [int(v) for v in text[text.index("= [") + 3:text.index("];")].replace("\n", " ").split(",") if v.strip()]
    return np.float32(numbers).reshape(-1, 3) / 255.0


def change_color_temperature(image, kelvin, from_colorspace, table):
    """imgaug 0.4.0's change_color_temperatures_ for one image (its transform_kelvins_to_rgb_multipliers with one
    kelvin: float32 throughout)."""
    kelvins = np.clip(np.array([kelvin], dtype=np.float32), 1000, 40000)
    tbl_indices = kelvins / 100 - (1000 // 100)
    floored = np.floor(tbl_indices)
    ceiled = np.ceil(tbl_indices)
    factors = tbl_indices - floored
    low = table[floored.astype(np.int32), :]
    high = table[ceiled.astype(np.int32), :]
    multipliers = (low + factors * (high - low)).reshape((1, 1, 3))
    rgb = image[..., ::-1] if from_colorspace == "BGR" else image
    out = np.round(rgb.astype(np.float32) * multipliers).astype(np.uint8)
    return np.ascontiguousarray(out[..., ::-1] if from_colorspace == "BGR" else out)


def temperature_cases(rng):
    table = kelvin_table()
    cases = []
    settings = [(1000, "RGB"), (1050, "RGB"), (4000, "RGB"), (6543.21, "BGR"), (11000, "RGB"), (25555.5, "RGB"),
                (40000, "BGR")]
    for k, (kelvin, source) in enumerate(settings):
        height, width = SMALL_SHAPES[k % len(SMALL_SHAPES)]
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        out = change_color_temperature(image, kelvin, source, table)
        cases.append({"type": "ChangeColorTemperature", "options": {"kelvin": kelvin, "fromColorspace": source},
                      "height": height, "width": width, "image": b64(image), "out": b64(out)})
    return cases


# imgaug 0.4.0's _CSPACE_OPENCV_CONV_VARS: the direct conversions; other pairs go through RGB.
def _codes():
    names = {"BGR": "BGR", "GRAY": "GRAY", "CIE": "XYZ", "YCrCb": "YCrCb", "HSV": "HSV", "HLS": "HLS", "Lab": "Lab",
             "Luv": "Luv", "YUV": "YUV", "RGB": "RGB"}
    direct = {}
    for source in ("RGB", "BGR"):
        for target in names:
            if target != source:
                direct[(source, target)] = getattr(cv2, "COLOR_%s2%s" % (names[source], names[target]))
    for source in ("YCrCb", "HSV", "HLS", "Lab", "Luv", "YUV", "CIE"):
        for target in ("RGB", "BGR"):
            direct[(source, target)] = getattr(cv2, "COLOR_%s2%s" % (names[source], target))
    return direct


CHANGE_CODES = _codes()


def change_colorspace(image, to_colorspace, from_colorspace, alpha):
    """imgaug 0.4.0's ChangeColorspace on one image of a 4-D batch (converted on a copy, then blend_alpha, eps 0.001)."""
    if alpha <= 0.001 or to_colorspace == from_colorspace:
        return image
    if (from_colorspace, to_colorspace) in CHANGE_CODES:
        out = cv2.cvtColor(image, CHANGE_CODES[(from_colorspace, to_colorspace)])
    else:
        out = cv2.cvtColor(image, CHANGE_CODES[(from_colorspace, "RGB")])
        out = cv2.cvtColor(out, CHANGE_CODES[("RGB", to_colorspace)])
    if out.ndim == 2:
        out = np.tile(out[:, :, np.newaxis], (1, 1, 3))
    if alpha >= 1 - 0.001:
        return out
    a = np.float32(alpha)
    bg = image.astype(np.float32)
    return np.round(bg + a * (out.astype(np.float32) - bg)).astype(np.uint8)


def change_colorspace_cases(rng):
    settings = [("HSV", "RGB", 1.0), ("GRAY", "RGB", 0.37), ("Lab", "BGR", 0.5), ("YUV", "RGB", 0.75),
                ("CIE", "RGB", 1.0), ("RGB", "BGR", 0.25), ("Luv", "RGB", 0.6), ("Lab", "HSV", 1.0),
                ("HLS", "YCrCb", 0.9), ("BGR", "Lab", 0.333), ("GRAY", "BGR", 1.0), ("HSV", "RGB", 0.9995),
                ("YCrCb", "RGB", 0.0015)]
    cases = []
    for k, (target, source, alpha) in enumerate(settings):
        height, width = SMALL_SHAPES[k % len(SMALL_SHAPES)]
        image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        out = change_colorspace(image, target, source, alpha)
        cases.append({"type": "ChangeColorspace",
                      "options": {"toColorspace": target, "fromColorspace": source, "alpha": alpha},
                      "height": height, "width": width, "image": b64(image), "out": b64(out)})
    return cases


def main_augmenters():
    rng = np.random.default_rng(2404)
    cases = augmenter_cases(rng) + brightness_cases(rng) + quantize_cases(rng)
    # Luv's cases draw after the others, so that adding them kept the earlier cases' images.
    cases += brightness_cases(rng, [("Luv", 1.4, -10, False), ("Luv", 0.6, 25.5, True), ("Luv", 1.0, 0, False)])
    cases += multiply_hue_saturation_cases(rng)
    cases += meta_cases(rng)
    cases += temperature_cases(rng)
    cases += change_colorspace_cases(rng)
    out = {"opencv": cv2.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "colour-augmenters.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
    main_augmenters()
